// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/session/sessiondata.h"

namespace mirstudio {

int SessionData::trackIndex(const TrackId &id) const
{
    for (std::size_t i = 0; i < tracks.size(); ++i)
        if (tracks[i].id == id)
            return int(i);
    return -1;
}

const Track *SessionData::track(const TrackId &id) const
{
    const int i = trackIndex(id);
    return i < 0 ? nullptr : &tracks[std::size_t(i)];
}

Track *SessionData::track(const TrackId &id)
{
    const int i = trackIndex(id);
    return i < 0 ? nullptr : &tracks[std::size_t(i)];
}

} // namespace mirstudio
