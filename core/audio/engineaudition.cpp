// SPDX-License-Identifier: GPL-3.0-or-later
// Engine: the A/B/X audition of a stem group (what is heard, crossfaded). See engine.h.
#include "core/audio/engine.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace mirstudio {

namespace {

bool isMix(const AuditionSource &s)
{
    return s.kind == AuditionSource::Kind::Mix;
}

} // namespace

bool Engine::setAudition(const AuditionSource &source)
{
    Command c;
    c.type = Command::Audition;
    c.audition = source;
    if (!std::isfinite(c.audition.gain) || c.audition.gain < 0.0f)
        c.audition.gain = 0.0f;
    return send(c);
}

AuditionSource Engine::audition() const
{
    AuditionSource s;
    s.kind = AuditionSource::Kind(m_reportedKind.load(std::memory_order_relaxed));
    s.track = m_reportedTrack.load(std::memory_order_relaxed);
    s.stem = m_reportedStem.load(std::memory_order_relaxed);
    s.gain = m_reportedGain.load(std::memory_order_relaxed);
    return s;
}

void Engine::applyAudition(const AuditionSource &source) noexcept
{
    if (source == m_audition)
        return;
    // A switch during a fade starts a new fade from the current target.
    m_auditionFrom = m_audition;
    m_audition = source;
    m_fadeDone = m_playing ? 0 : m_fadeLength;
    m_reportedKind.store(int(source.kind), std::memory_order_relaxed);
    m_reportedTrack.store(source.track, std::memory_order_relaxed);
    m_reportedStem.store(source.stem, std::memory_order_relaxed);
    m_reportedGain.store(source.gain, std::memory_order_relaxed);
}

bool Engine::addAuditioned(const PlaybackPlan &plan, const AuditionSource &source, float *left,
                           float *right, int frames, bool fadeIn) noexcept
{
    if (isMix(source) || source.track < 0 || source.track >= int(plan.tracks.size()))
        return false;
    const auto &t = plan.tracks[std::size_t(source.track)];
    const PlaybackPlan::ClipPlacement *clip = nullptr;
    if (source.kind == AuditionSource::Kind::Original)
        clip = &t.original;
    else if (source.stem >= 0 && source.stem < int(t.stems.size()))
        clip = &t.stems[std::size_t(source.stem)];
    if (!clip)
        return false;
    return addClips({clip, 1}, left, right, frames, t.gainLeft * source.gain,
                    t.gainRight * source.gain, m_ramp.data(), fadeIn);
}

void Engine::mixAudition(const PlaybackPlan &plan, float *const *out, int outChannels, int offset,
                         int frames) noexcept
{
    const bool fading = m_fadeDone < m_fadeLength;
    for (int i = 0; i < frames; ++i)
        m_ramp[std::size_t(i)] =
            fading ? std::min(1.0f, float(m_fadeDone + i + 1) / float(m_fadeLength)) : 1.0f;
    // The normal mix (already in `out`) keeps the weight of whichever side is Mix.
    const bool fromMix = fading && isMix(m_auditionFrom);
    const bool toMix = isMix(m_audition);
    for (int c = 0; c < outChannels; ++c)
        for (int i = 0; i < frames; ++i) {
            const float r = m_ramp[std::size_t(i)];
            out[c][offset + i] *= (fromMix ? 1.0f - r : 0.0f) + (toMix ? r : 0.0f);
        }
    float *left = m_trackLeft.data();
    float *right = m_trackRight.data();
    std::memset(left, 0, sizeof(float) * std::size_t(frames));
    std::memset(right, 0, sizeof(float) * std::size_t(frames));
    bool any = fading && addAuditioned(plan, m_auditionFrom, left, right, frames, false);
    any = addAuditioned(plan, m_audition, left, right, frames, true) || any;
    const int metered = !toMix ? m_audition.track : m_auditionFrom.track;
    if (any)
        addToOutput(left, right, m_masterGain, m_masterGain,
                    metered >= 0 ? metered : Transport::kMaxMeteredTracks, out, outChannels, offset,
                    frames);
    m_fadeDone = std::min(m_fadeLength, m_fadeDone + frames);
}

} // namespace mirstudio
