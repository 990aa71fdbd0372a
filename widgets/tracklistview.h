// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QTreeWidget>

namespace mirstudio {
class Session;
}

namespace mirstudio::widgets {

/**
 * A read-only overview of a session: one row per track (kind, name, gain, mute/solo, content)
 * with its clips, stems or annotation items as child rows, positions in bars|beats and seconds
 * from the session's tempo map. Rebuilds itself from the session's change signals. (The
 * timeline with lanes replaces it as the main view; it stays as the track list.)
 * Does not own the session. GUI thread only.
 */
class TrackListView : public QTreeWidget
{
    Q_OBJECT
public:
    explicit TrackListView(QWidget *parent = nullptr);

    /** Shows `session` (may be nullptr) and follows its changes. */
    void setSession(mirstudio::Session *session);

public Q_SLOTS:
    void rebuild();

private:
    QString position(std::int64_t frame) const;
    mirstudio::Session *m_session = nullptr;
};

} // namespace mirstudio::widgets
