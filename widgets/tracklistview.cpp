// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/tracklistview.h"

#include "core/session/session.h"

#include <QHeaderView>

namespace mirstudio::widgets {

namespace {

QString kindName(Track::Kind k)
{
    switch (k) {
    case Track::Kind::Audio:
        return TrackListView::tr("Audio");
    case Track::Kind::Midi:
        return TrackListView::tr("MIDI");
    case Track::Kind::StemGroup:
        return TrackListView::tr("Stems");
    case Track::Kind::Annotation:
        return TrackListView::tr("Annotation");
    }
    return {};
}

} // namespace

TrackListView::TrackListView(QWidget *parent)
    : QTreeWidget(parent)
{
    setColumnCount(5);
    setHeaderLabels({tr("Track"), tr("Kind"), tr("Gain"), tr("State"), tr("Content")});
    setRootIsDecorated(true);
    setAlternatingRowColors(true);
    setUniformRowHeights(true);
    header()->setStretchLastSection(true);
    setObjectName(QStringLiteral("trackList"));
}

void TrackListView::setSession(Session *session)
{
    if (m_session)
        disconnect(m_session, nullptr, this, nullptr);
    m_session = session;
    if (m_session) {
        for (auto sig : {&Session::sessionReset, &Session::tempoChanged})
            connect(m_session, sig, this, &TrackListView::rebuild);
        connect(m_session, &Session::trackAdded, this, &TrackListView::rebuild);
        connect(m_session, &Session::trackRemoved, this, &TrackListView::rebuild);
        connect(m_session, &Session::trackMoved, this, &TrackListView::rebuild);
        connect(m_session, &Session::trackChanged, this, &TrackListView::rebuild);
        connect(m_session, &Session::clipAdded, this, &TrackListView::rebuild);
        connect(m_session, &Session::clipRemoved, this, &TrackListView::rebuild);
        connect(m_session, &Session::clipChanged, this, &TrackListView::rebuild);
    }
    rebuild();
}

QString TrackListView::position(std::int64_t frame) const
{
    const auto &map = m_session->tempoMap();
    const double rate = m_session->sampleRate();
    const auto tick = std::int64_t(map.tickAtFrame(frame, rate));
    const auto bb = map.barBeatAt(tick);
    return QStringLiteral("%1|%2 (%3 s)").arg(bb.bar).arg(bb.beat).arg(double(frame) / rate, 0, 'f', 2);
}

void TrackListView::rebuild()
{
    clear();
    if (!m_session)
        return;
    const double rate = m_session->sampleRate();
    for (const Track &t : m_session->tracks()) {
        auto *row = new QTreeWidgetItem(this);
        row->setText(0, t.name);
        row->setText(1, kindName(t.kind));
        row->setText(2, QStringLiteral("%1 dB").arg(t.gainDb, 0, 'f', 1));
        QStringList state;
        if (t.mute)
            state << tr("muted");
        if (t.solo)
            state << tr("solo");
        if (t.recordArm)
            state << tr("armed");
        row->setText(3, state.join(QStringLiteral(", ")));
        if (t.colour.isValid())
            row->setData(0, Qt::DecorationRole, t.colour);
        switch (t.kind) {
        case Track::Kind::Audio:
        case Track::Kind::Midi:
            row->setText(4, tr("%n clip(s)", nullptr, int(t.clips.size())));
            for (const Clip &c : t.clips) {
                auto *child = new QTreeWidgetItem(row);
                child->setText(0, tr("clip at %1").arg(position(c.start)));
                child->setText(4, c.notes.empty()
                                      ? tr("%1 s").arg(double(c.length) / rate, 0, 'f', 2)
                                      : tr("%1 s, %n note(s)", nullptr, int(c.notes.size()))
                                            .arg(double(c.length) / rate, 0, 'f', 2));
            }
            break;
        case Track::Kind::StemGroup:
            row->setText(4, tr("%n stem(s)", nullptr, int(t.stems.size())));
            break;
        case Track::Kind::Annotation:
            row->setText(4, tr("%n item(s)", nullptr, int(t.items.size())));
            for (const AnnotationItem &item : t.items) {
                auto *child = new QTreeWidgetItem(row);
                child->setText(0, item.text);
                child->setText(4, position(item.start));
            }
            break;
        }
    }
    expandAll();
    for (int c = 0; c < columnCount() - 1; ++c)
        resizeColumnToContents(c);
}

} // namespace mirstudio::widgets
