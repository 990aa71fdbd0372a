// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/jobpanel.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace mirstudio::widgets {

JobPanel::JobPanel(QWidget *parent)
    : QWidget(parent)
    , m_list(new QVBoxLayout(this))
    , m_empty(new QLabel(tr("No jobs"), this))
{
    setObjectName(QStringLiteral("jobPanel"));
    m_list->setContentsMargins(6, 6, 6, 6);
    m_empty->setEnabled(false);
    m_list->addWidget(m_empty);
    m_list->addStretch(1);
}

void JobPanel::addJob(int id, const QString &title)
{
    if (m_rows.contains(id))
        return;
    Row r;
    r.widget = new QWidget(this);
    auto *grid = new QVBoxLayout(r.widget);
    grid->setContentsMargins(0, 2, 0, 2);
    grid->setSpacing(1);
    auto *top = new QHBoxLayout;
    r.title = new QLabel(title, r.widget);
    r.cancel = new QToolButton(r.widget);
    r.cancel->setText(QStringLiteral("✕"));
    r.cancel->setToolTip(tr("Cancel this job"));
    r.cancel->setAutoRaise(true);
    top->addWidget(r.title, 1);
    top->addWidget(r.cancel);
    grid->addLayout(top);
    r.bar = new QProgressBar(r.widget);
    r.bar->setRange(0, 100);
    r.bar->setValue(0);
    r.bar->setMaximumHeight(12);
    r.bar->setTextVisible(false);
    grid->addWidget(r.bar);
    r.status = new QLabel(tr("queued"), r.widget);
    r.status->setEnabled(false);
    grid->addWidget(r.status);
    connect(r.cancel, &QToolButton::clicked, this, [this, id] { Q_EMIT cancelRequested(id); });
    m_list->insertWidget(m_list->count() - 1, r.widget);
    m_rows.insert(id, r);
    m_empty->hide();
}

void JobPanel::setProgress(int id, double fraction, const QString &status)
{
    auto it = m_rows.find(id);
    if (it == m_rows.end() || it->finished)
        return;
    if (fraction < 0) {
        it->bar->setRange(0, 0);
    } else {
        it->bar->setRange(0, 100);
        it->bar->setValue(int(std::lround(std::clamp(fraction, 0.0, 1.0) * 100.0)));
    }
    if (!status.isEmpty())
        it->status->setText(status);
}

void JobPanel::setFinished(int id, const QString &text, bool ok)
{
    auto it = m_rows.find(id);
    if (it == m_rows.end())
        return;
    it->finished = true;
    it->bar->setRange(0, 100);
    if (ok)
        it->bar->setValue(100);
    it->status->setText(text);
    it->cancel->setEnabled(false);
    it->title->setEnabled(false);
}

void JobPanel::clearFinished()
{
    for (auto it = m_rows.begin(); it != m_rows.end();) {
        if (it->finished) {
            delete it->widget;
            it = m_rows.erase(it);
        } else {
            ++it;
        }
    }
    m_empty->setVisible(m_rows.isEmpty());
}

int JobPanel::progressPercent(int id) const
{
    auto it = m_rows.constFind(id);
    return it == m_rows.constEnd() ? -1 : it->bar->value();
}

QString JobPanel::statusText(int id) const
{
    auto it = m_rows.constFind(id);
    return it == m_rows.constEnd() ? QString() : it->status->text();
}

QToolButton *JobPanel::cancelButton(int id) const
{
    auto it = m_rows.constFind(id);
    return it == m_rows.constEnd() ? nullptr : it->cancel;
}

} // namespace mirstudio::widgets
