// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QUndoCommand>

namespace mirstudio {

class Session;

/** Renames the session; undo restores the old name. Owned by the undo stack; GUI thread. */
class RenameSessionCommand : public QUndoCommand
{
public:
    RenameSessionCommand(Session *session, const QString &name, QUndoCommand *parent = nullptr);

    void redo() override;
    void undo() override;

private:
    Session *m_session;
    QString m_old;
    QString m_new;
};

} // namespace mirstudio
