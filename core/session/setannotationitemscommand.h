// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/session/annotationitem.h"
#include "core/session/typedid.h"

#include <QString>
#include <QUndoCommand>

#include <vector>

namespace mirstudio {

class Session;

/**
 * Replaces the items of an annotation track; undo restores the previous items. The factories
 * add, remove and edit a single item. Owned by the undo stack; GUI thread.
 */
class SetAnnotationItemsCommand : public QUndoCommand
{
public:
    SetAnnotationItemsCommand(Session *session, const TrackId &track,
                              std::vector<AnnotationItem> items, const QString &text,
                              QUndoCommand *parent = nullptr);

    static SetAnnotationItemsCommand *addItem(Session *session, const TrackId &track,
                                              const AnnotationItem &item);
    static SetAnnotationItemsCommand *removeItem(Session *session, const TrackId &track,
                                                 int index);
    static SetAnnotationItemsCommand *editItem(Session *session, const TrackId &track, int index,
                                               const AnnotationItem &item);

    void redo() override;
    void undo() override;

private:
    void apply(const std::vector<AnnotationItem> &items);

    Session *m_session;
    TrackId m_track;
    std::vector<AnnotationItem> m_old;
    std::vector<AnnotationItem> m_new;
};

} // namespace mirstudio
