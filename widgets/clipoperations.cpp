// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/clipoperations.h"

#include "core/session/addclipcommand.h"
#include "core/session/removeclipcommand.h"
#include "core/session/session.h"

#include <QCoreApplication>

#include <algorithm>
#include <limits>

namespace mirstudio::widgets {

int ClipOperations::remove(Session &session, const std::vector<ClipRef> &clips)
{
    int removed = 0;
    Session::Macro macro(session, QCoreApplication::translate("ClipOperations", "Delete clips"));
    for (const ClipRef &r : clips) {
        if (!session.clip(r.track, r.clip))
            continue;
        session.push(new RemoveClipCommand(&session, r.track, r.clip));
        ++removed;
    }
    return removed;
}

std::vector<CopiedClip> ClipOperations::copy(const Session &session, const std::vector<ClipRef> &clips)
{
    std::vector<CopiedClip> out;
    for (const ClipRef &r : clips)
        if (const Clip *c = session.clip(r.track, r.clip))
            out.push_back({r.track, *c});
    return out;
}

std::vector<ClipRef> ClipOperations::paste(Session &session, const std::vector<CopiedClip> &clips,
                                           std::int64_t atFrame, const TrackId &fallbackTrack)
{
    std::vector<ClipRef> made;
    if (clips.empty())
        return made;
    std::int64_t earliest = std::numeric_limits<std::int64_t>::max();
    for (const CopiedClip &c : clips)
        earliest = std::min(earliest, c.clip.start);
    Session::Macro macro(session, QCoreApplication::translate("ClipOperations", "Paste clips"));
    for (const CopiedClip &c : clips) {
        TrackId target = c.track;
        if (!session.track(target)) {
            const Track *fallback = session.track(fallbackTrack);
            if (!fallback || (fallback->kind != Track::Kind::Audio && fallback->kind != Track::Kind::Midi))
                continue;
            target = fallbackTrack;
        }
        Clip clip = c.clip;
        clip.id = ClipId::create();
        clip.start = atFrame + (c.clip.start - earliest);
        session.push(new AddClipCommand(&session, target, clip));
        made.push_back({target, clip.id});
    }
    return made;
}

std::vector<ClipRef> ClipOperations::duplicate(Session &session, const std::vector<ClipRef> &clips)
{
    const auto copied = copy(session, clips);
    if (copied.empty())
        return {};
    std::int64_t last = 0;
    for (const CopiedClip &c : copied)
        last = std::max(last, c.clip.start + c.clip.length);
    return paste(session, copied, last);
}

std::vector<ClipRef> ClipOperations::all(const Session &session)
{
    std::vector<ClipRef> out;
    for (const Track &t : session.tracks())
        for (const Clip &c : t.clips)
            out.push_back({t.id, c.id});
    return out;
}

ClipRef ClipOperations::at(const Session &session, const TrackId &track, std::int64_t frame)
{
    const Track *t = session.track(track);
    if (!t)
        return {};
    for (auto it = t->clips.rbegin(); it != t->clips.rend(); ++it)
        if (frame >= it->start && frame < it->start + it->length)
            return {track, it->id};
    return {};
}

} // namespace mirstudio::widgets
