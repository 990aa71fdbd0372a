// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

#include <cstdint>

class QLabel;

namespace mirstudio::widgets {

/**
 * The status-bar pieces for audio: the device (or "No audio device" and why), the xrun count
 * (highlighted once any happened) and the CPU load of the process. The window feeds it from its
 * meter timer. GUI thread only.
 */
class EngineStatus : public QWidget
{
    Q_OBJECT
public:
    explicit EngineStatus(QWidget *parent = nullptr);

    /** `running` false shows "No audio device" with `detail` as the reason. */
    void setDevice(bool running, const QString &detail);
    void setXruns(std::uint64_t xruns);
    void setCpuPercent(double percent);

    QString deviceText() const;
    QString xrunText() const;
    QString cpuText() const;

private:
    QLabel *m_device;
    QLabel *m_xruns;
    QLabel *m_cpu;
};

} // namespace mirstudio::widgets
