// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace mirstudio {

/**
 * Something that produces (and may consume) audio block by block: the engine implements it, an
 * AudioDevice (PortAudio) or the offline renderer drives it.
 *
 * prepare()/release() run on a non-realtime thread while no stream calls process().
 * process() runs on the audio thread: it must not lock, allocate, free, log, throw, touch a
 * QObject or emit a signal (ARCHITECTURE.md §4). Buffers are planar float, `frames` <= the
 * `maxFrames` given to prepare().
 */
class AudioProcessor
{
public:
    virtual ~AudioProcessor() = default;
    virtual void prepare(int sampleRate, int maxFrames) = 0;
    virtual void process(const float *const *in, int inChannels, float *const *out, int outChannels,
                         int frames) noexcept = 0;
    virtual void release() {}
    /** The device reported an xrun (called from the audio callback: realtime rules apply). */
    virtual void deviceXrun() noexcept {}
};

} // namespace mirstudio
