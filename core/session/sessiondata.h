// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/media/tempomap.h"
#include "core/session/looprange.h"
#include "core/session/mediapool.h"
#include "core/session/track.h"

#include <QString>

#include <vector>

namespace mirstudio {

/**
 * Everything a session document holds, as a plain value: name, session sample rate, tempo map,
 * loop, tracks in order and the media pool. The reader builds one of these from a file and the
 * Session swaps it in only when the whole document parsed, so a load never leaves a
 * half-loaded session. Value type; not thread-safe for concurrent mutation.
 */
struct SessionData
{
    QString name;
    int sampleRate = 48000;
    media::TempoMap tempoMap;
    LoopRange loop;
    std::vector<Track> tracks;
    MediaPool pool;

    /** The index of track `id`, or -1. */
    int trackIndex(const TrackId &id) const;
    const Track *track(const TrackId &id) const;
    Track *track(const TrackId &id);
};

} // namespace mirstudio
