// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/media/audiodata.h"

#include <QString>

#include <cstdint>
#include <memory>

namespace mirstudio::media {

/** The containers the writer produces. */
enum class AudioContainer { Wav, Flac };

/** Sample encodings: 16/24-bit integer PCM (WAV and FLAC) or 32-bit IEEE float (WAV only). */
enum class AudioSampleFormat { Pcm16, Pcm24, Float32 };

/** Container plus sample encoding of a file to write. Plain value type. */
struct AudioWriteFormat
{
    AudioContainer container = AudioContainer::Wav;
    AudioSampleFormat sampleFormat = AudioSampleFormat::Pcm16;
};

/**
 * The integer a float sample becomes in a `bits`-bit file (bits 2..32): x * 2^(bits-1), rounded
 * half away from zero, clipped to -2^(bits-1)..2^(bits-1)-1; NaN becomes 0. The readers scale by
 * 1/2^(bits-1), so float -> int -> float -> int is bit-exact. Pure function, any thread.
 */
std::int32_t quantiseSample(float x, int bits);

/**
 * Streaming encoder that writes one WAV or FLAC file atomically: samples go to a temporary
 * file beside it (AtomicFile); commit() fsyncs and renames it over `path`. Until then an existing
 * `path` is untouched, and abort() or the destructor (without commit()) deletes the temporary
 * file, so a failed write never leaves a half file. Integer formats are quantised with quantiseSample() (not libsndfile's own
 * conversion, whose float scale differs between reading and writing).
 *
 * Owns the libsndfile handle and the file descriptor. Move-only; one thread at a time.
 * All errors are MediaError naming the destination path.
 */
class AudioFileWriter
{
public:
    AudioFileWriter();
    /** Opens at once (see open()). */
    AudioFileWriter(const QString &path, const AudioWriteFormat &format, int sampleRate,
                    int channels);
    ~AudioFileWriter();
    AudioFileWriter(AudioFileWriter &&other) noexcept;
    AudioFileWriter &operator=(AudioFileWriter &&other) noexcept;
    AudioFileWriter(const AudioFileWriter &) = delete;
    AudioFileWriter &operator=(const AudioFileWriter &) = delete;

    /**
     * Creates the temporary file for `path` (aborting any file this writer had open). Throws MediaError for an
     * invalid rate (1..768000 Hz; FLAC up to 655350 Hz) or channel count (1..1024), float samples
     * in FLAC, or a folder that cannot be written.
     */
    void open(const QString &path, const AudioWriteFormat &format, int sampleRate, int channels);
    /** Appends `chunk`, which must have the channel count given to open() (its rate is ignored). */
    void writeFrames(const AudioData &chunk);
    /** Finishes the file and renames it into place; the writer is closed afterwards. */
    void commit();
    /** Discards the temporary file; harmless when nothing is open. */
    void abort();
    bool isOpen() const;
    std::int64_t framesWritten() const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

/**
 * Writes `data` to `path` as `format` through AudioFileWriter (atomic; see there). Throws
 * MediaError for empty data ("no audio frames to write"), channels of unequal length, float in
 * FLAC, an invalid rate, or an unwritable destination. Any thread.
 */
void writeAudio(const QString &path, const AudioData &data, const AudioWriteFormat &format);

} // namespace mirstudio::media
