// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "widgets/waveformpeaks.h"

#include <QHash>
#include <QObject>
#include <QSet>
#include <QString>
#include <QThreadPool>

#include <atomic>
#include <memory>

namespace mirstudio::widgets {

/**
 * Waveform peaks of audio files, by path, built on worker threads (streaming the file in chunks,
 * so a one-hour file never sits decoded in memory) and kept for the cache's lifetime. peaks()
 * answers at once: the peaks when ready, else nullptr after queueing a build; ready() follows.
 *
 * Owns its worker pool; the destructor cancels running builds and waits for them.
 * GUI thread only (the workers hand results back through queued calls).
 */
class PeakCache : public QObject
{
    Q_OBJECT
public:
    explicit PeakCache(QObject *parent = nullptr);
    ~PeakCache() override;

    /** The peaks of `path`, or nullptr while they are built (or failed: see error()). */
    std::shared_ptr<const WaveformPeaks> peaks(const QString &path);
    /** Why the build of `path` failed (empty when it did not). */
    QString error(const QString &path) const { return m_errors.value(path); }
    /** Puts ready-made peaks in the cache (tests, generated audio). */
    void insert(const QString &path, std::shared_ptr<const WaveformPeaks> peaks);
    /** Blocks until every queued build finished and their results arrived. */
    void waitForAll();

Q_SIGNALS:
    void ready(const QString &path);
    void failed(const QString &path, const QString &message);

private:
    void finished(const QString &path, std::shared_ptr<const WaveformPeaks> peaks,
                  const QString &error);

    QThreadPool m_pool;
    std::shared_ptr<std::atomic<bool>> m_cancel;
    QHash<QString, std::shared_ptr<const WaveformPeaks>> m_peaks;
    QHash<QString, QString> m_errors;
    QSet<QString> m_pending;
};

} // namespace mirstudio::widgets
