// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "plugins/sdk/valuetypes.h"

#include <QWidget>

namespace mirstudio::widgets {

/**
 * A read-only piano-roll picture of one decoded NoteSequence (time across, pitch up, the
 * pitch range fitted to the notes), so the user sees what a point of the latent map decodes to
 * before it goes to the timeline. Owned by its parent; GUI thread.
 */
class LatentRollPreview : public QWidget
{
    Q_OBJECT
public:
    explicit LatentRollPreview(QWidget *parent = nullptr);

    void setNotes(const sdk::NoteSequence &notes);
    const sdk::NoteSequence &notes() const { return m_notes; }
    QSize sizeHint() const override { return {320, 110}; }

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    sdk::NoteSequence m_notes;
};

} // namespace mirstudio::widgets
