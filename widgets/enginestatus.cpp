// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/enginestatus.h"

#include <QHBoxLayout>
#include <QLabel>

namespace mirstudio::widgets {

EngineStatus::EngineStatus(QWidget *parent)
    : QWidget(parent)
    , m_device(new QLabel(this))
    , m_xruns(new QLabel(this))
    , m_cpu(new QLabel(this))
{
    auto *row = new QHBoxLayout(this);
    row->setContentsMargins(0, 0, 0, 0);
    row->setSpacing(14);
    row->addWidget(m_device);
    row->addWidget(m_xruns);
    row->addWidget(m_cpu);
    setDevice(false, QString());
    setXruns(0);
    setCpuPercent(0);
}

void EngineStatus::setDevice(bool running, const QString &detail)
{
    m_device->setText(running ? detail : tr("No audio device"));
    m_device->setToolTip(detail);
}

void EngineStatus::setXruns(std::uint64_t xruns)
{
    m_xruns->setText(tr("xruns: %1").arg(xruns));
    m_xruns->setStyleSheet(xruns ? QStringLiteral("color: #e06050;") : QString());
}

void EngineStatus::setCpuPercent(double percent)
{
    m_cpu->setText(tr("CPU %1 %").arg(percent, 0, 'f', 0));
}

QString EngineStatus::deviceText() const
{
    return m_device->text();
}

QString EngineStatus::xrunText() const
{
    return m_xruns->text();
}

QString EngineStatus::cpuText() const
{
    return m_cpu->text();
}

} // namespace mirstudio::widgets
