// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/peakcache.h"

#include "core/media/audiofile.h"
#include "core/media/mediaerror.h"

#include <QCoreApplication>
#include <QMetaObject>

namespace mirstudio::widgets {

namespace {

constexpr std::int64_t kChunkFrames = 1 << 16;

} // namespace

PeakCache::PeakCache(QObject *parent)
    : QObject(parent)
    , m_cancel(std::make_shared<std::atomic<bool>>(false))
{
    m_pool.setMaxThreadCount(2);
}

PeakCache::~PeakCache()
{
    m_cancel->store(true);
    m_pool.waitForDone();
}

std::shared_ptr<const WaveformPeaks> PeakCache::peaks(const QString &path)
{
    if (auto it = m_peaks.constFind(path); it != m_peaks.constEnd())
        return it.value();
    if (m_pending.contains(path) || m_errors.contains(path))
        return nullptr;
    m_pending.insert(path);
    auto cancel = m_cancel;
    m_pool.start([this, path, cancel] {
        std::shared_ptr<WaveformPeaks> built;
        QString error;
        try {
            media::AudioFileReader reader(path);
            built = std::make_shared<WaveformPeaks>(reader.info().sampleRate);
            while (!cancel->load()) {
                const media::AudioData chunk = reader.readFrames(kChunkFrames);
                if (chunk.isEmpty())
                    break;
                built->append(chunk);
            }
            built->finish();
        } catch (const std::exception &e) {
            error = QString::fromUtf8(e.what());
        }
        if (cancel->load())
            return;
        QMetaObject::invokeMethod(this, [this, path, built, error] {
            finished(path, built, error);
        }, Qt::QueuedConnection);
    });
    return nullptr;
}

void PeakCache::insert(const QString &path, std::shared_ptr<const WaveformPeaks> peaks)
{
    m_peaks.insert(path, std::move(peaks));
    Q_EMIT ready(path);
}

void PeakCache::finished(const QString &path, std::shared_ptr<const WaveformPeaks> peaks,
                         const QString &error)
{
    m_pending.remove(path);
    if (!error.isEmpty() || !peaks) {
        m_errors.insert(path, error);
        Q_EMIT failed(path, error);
        return;
    }
    m_peaks.insert(path, std::move(peaks));
    Q_EMIT ready(path);
}

void PeakCache::waitForAll()
{
    m_pool.waitForDone();
    QCoreApplication::sendPostedEvents(this);
}

} // namespace mirstudio::widgets
