// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/media/audiodata.h"

#include <cstdint>
#include <memory>

namespace mirstudio::media {

/** libsamplerate converter: SRC_SINC_BEST_QUALITY, SRC_SINC_MEDIUM_QUALITY, SRC_SINC_FASTEST. */
enum class ResampleQuality { Best, Medium, Fastest };

/**
 * Streaming sample-rate converter (libsamplerate's stateful src_process API) for planar float
 * audio: push chunks with process(), which returns whatever output is ready, then flush() once at
 * the end. The output is time-aligned with the input (libsamplerate compensates its filter delay
 * internally; the first output frame is at input time 0) and, over the whole stream, exactly
 * round(inputFrames * targetRate / sourceRate) frames long: flush() trims or zero-pads the tail.
 * The result does not depend on how the input is cut into chunks (to float rounding).
 *
 * Owns the libsamplerate state; memory is bounded by the chunk sizes. Move-only; one thread at a
 * time. Rates must be 1..768000 Hz with a ratio within libsamplerate's 1/256..256; otherwise the
 * constructor throws MediaError.
 */
class Resampler
{
public:
    Resampler(int channels, int sourceRate, int targetRate,
              ResampleQuality quality = ResampleQuality::Best);
    ~Resampler();
    Resampler(Resampler &&other) noexcept;
    Resampler &operator=(Resampler &&other) noexcept;
    Resampler(const Resampler &) = delete;
    Resampler &operator=(const Resampler &) = delete;

    int channels() const;
    int sourceRate() const;
    int targetRate() const;
    /** targetRate / sourceRate. */
    double ratio() const;

    /** Consumes `chunk` (channelCount() == channels(); its sampleRate is ignored) and returns the
     *  output frames now available, at targetRate(). Throws MediaError after flush(). */
    AudioData process(const AudioData &chunk);
    /** Ends the stream and returns the remaining output. */
    AudioData flush();
    /** Forgets all input so the object can convert a new stream. */
    void reset();

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

/**
 * Converts `in` to `targetRate` in blocks through Resampler (so memory beyond input and output is
 * bounded). Output length is round(in.frames() * targetRate / in.sampleRate); a rate equal to the
 * input's returns a copy. Throws MediaError for invalid rates or inconsistent channels. Any thread.
 */
AudioData resample(const AudioData &in, int targetRate,
                   ResampleQuality quality = ResampleQuality::Best);

} // namespace mirstudio::media
