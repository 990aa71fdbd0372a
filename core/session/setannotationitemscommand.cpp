// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/session/setannotationitemscommand.h"

#include "core/session/session.h"

#include <QCoreApplication>

namespace mirstudio {

namespace {

std::vector<AnnotationItem> itemsOf(const Session &s, const TrackId &id)
{
    const Track *t = s.track(id);
    return t ? t->items : std::vector<AnnotationItem>{};
}

} // namespace

SetAnnotationItemsCommand::SetAnnotationItemsCommand(Session *session, const TrackId &track,
                                                     std::vector<AnnotationItem> items,
                                                     const QString &text, QUndoCommand *parent)
    : QUndoCommand(text, parent)
    , m_session(session), m_track(track), m_old(itemsOf(*session, track)), m_new(std::move(items))
{
}

SetAnnotationItemsCommand *SetAnnotationItemsCommand::addItem(Session *session,
                                                              const TrackId &track,
                                                              const AnnotationItem &item)
{
    auto items = itemsOf(*session, track);
    items.push_back(item);
    return new SetAnnotationItemsCommand(session, track, std::move(items),
                                         QCoreApplication::translate("mirstudio", "Add annotation"));
}

SetAnnotationItemsCommand *SetAnnotationItemsCommand::removeItem(Session *session,
                                                                 const TrackId &track, int index)
{
    auto items = itemsOf(*session, track);
    if (index >= 0 && index < int(items.size()))
        items.erase(items.begin() + index);
    return new SetAnnotationItemsCommand(
        session, track, std::move(items),
        QCoreApplication::translate("mirstudio", "Remove annotation"));
}

SetAnnotationItemsCommand *SetAnnotationItemsCommand::editItem(Session *session,
                                                               const TrackId &track, int index,
                                                               const AnnotationItem &item)
{
    auto items = itemsOf(*session, track);
    if (index >= 0 && index < int(items.size()))
        items[std::size_t(index)] = item;
    return new SetAnnotationItemsCommand(
        session, track, std::move(items),
        QCoreApplication::translate("mirstudio", "Edit annotation"));
}

void SetAnnotationItemsCommand::apply(const std::vector<AnnotationItem> &items)
{
    Track *t = m_session->editTrack(m_track);
    if (!t)
        return;
    t->items = items;
    m_session->notifyTrackChanged(m_track);
}

void SetAnnotationItemsCommand::redo()
{
    apply(m_new);
}

void SetAnnotationItemsCommand::undo()
{
    apply(m_old);
}

} // namespace mirstudio
