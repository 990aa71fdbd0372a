// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/session/addstemgroupcommand.h"

#include "core/session/addsourcecommand.h"
#include "core/session/addtrackcommand.h"
#include "core/session/session.h"

#include <QCoreApplication>

namespace mirstudio {

AddStemGroupCommand::AddStemGroupCommand(Session *session, const QString &name,
                                         const std::vector<std::pair<QString, MediaSource>> &stems,
                                         const std::optional<Provenance> &provenance,
                                         QUndoCommand *parent)
    : QUndoCommand(QCoreApplication::translate("mirstudio", "Add separated stems"), parent)
{
    Track track;
    track.id = TrackId::create();
    track.kind = Track::Kind::StemGroup;
    track.name = name;
    track.provenance = provenance;
    for (const auto &[stemName, source] : stems) {
        auto *add = new AddSourceCommand(session, source, this);
        StemLane lane;
        lane.source = add->sourceId();
        lane.name = stemName;
        track.stems.push_back(lane);
    }
    m_track = track.id;
    new AddTrackCommand(session, std::move(track), -1, this);
}

} // namespace mirstudio
