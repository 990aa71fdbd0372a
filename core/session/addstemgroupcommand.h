// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/session/mediasource.h"
#include "core/session/provenance.h"
#include "core/session/typedid.h"

#include <QString>
#include <QUndoCommand>

#include <optional>
#include <utility>
#include <vector>

namespace mirstudio {

class Session;

/**
 * One undo step that adds the sources of separated stems to the pool and a StemGroup track
 * with one lane per stem ("Add separated stems": redo never re-runs the model). `stems` pairs
 * each stem name with its source. Implemented as a parent of AddSourceCommand and
 * AddTrackCommand children. Owned by the undo stack; GUI thread.
 */
class AddStemGroupCommand : public QUndoCommand
{
public:
    AddStemGroupCommand(Session *session, const QString &name,
                        const std::vector<std::pair<QString, MediaSource>> &stems,
                        const std::optional<Provenance> &provenance = std::nullopt,
                        QUndoCommand *parent = nullptr);

    TrackId trackId() const { return m_track; }

private:
    TrackId m_track;
};

} // namespace mirstudio
