// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/analysis/spectrogramtilecache.h"

#include "core/analysis/spectrogramcomputer.h"
#include "core/media/audiodata.h"
#include "core/media/audiofile.h"
#include "core/media/mediaerror.h"

#include <QMutexLocker>

#include <memory>

namespace mirstudio {

SpectrogramTileCache::SpectrogramTileCache(std::size_t byteBudget, QObject *parent)
    : QObject(parent), m_budget(byteBudget)
{
}

SpectrogramTileCache::~SpectrogramTileCache()
{
    m_pool.clear();
    m_pool.waitForDone();
}

void SpectrogramTileCache::setSource(const SourceId &source,
                                     std::shared_ptr<const media::AudioData> audio)
{
    QMutexLocker lock(&m_mutex);
    dropSourceLocked(source);
    m_sources.insert(source, std::move(audio));
}

void SpectrogramTileCache::removeSource(const SourceId &source)
{
    QMutexLocker lock(&m_mutex);
    dropSourceLocked(source);
    m_sources.remove(source);
}

void SpectrogramTileCache::loadSource(const SourceId &source, const QString &path)
{
    if (m_loading.contains(source) || audio(source))
        return;
    m_loading.insert(source);
    m_pool.start([this, source, path] {
        std::shared_ptr<const media::AudioData> data;
        QString error;
        try {
            data = std::make_shared<const media::AudioData>(media::readAudio(path));
        } catch (const media::MediaError &e) {
            error = e.text();
        }
        QMetaObject::invokeMethod(this, [this, source, data, error] {
            m_loading.remove(source);
            if (!data) {
                Q_EMIT loadFailed(source, error);
                return;
            }
            setSource(source, data);
            Q_EMIT sourceReady(source);
        }, Qt::QueuedConnection);
    });
}

void SpectrogramTileCache::dropSourceLocked(const SourceId &source)
{
    std::vector<SpectrogramTileKey> victims;
    for (const SpectrogramTileKey &k : m_lru)
        if (k.source == source)
            victims.push_back(k);
    for (const SpectrogramTileKey &k : victims)
        evictLocked(k);
}

std::shared_ptr<const media::AudioData> SpectrogramTileCache::audio(const SourceId &source) const
{
    QMutexLocker lock(&m_mutex);
    return m_sources.value(source);
}

std::int64_t SpectrogramTileCache::frameCount(const SourceId &source,
                                              const SpectrogramParams &params) const
{
    const auto data = audio(source);
    return data ? params.frameCount(data->frames()) : 0;
}

int SpectrogramTileCache::tileCount(const SourceId &source, const SpectrogramParams &params) const
{
    return int((frameCount(source, params) + framesPerTile - 1) / framesPerTile);
}

std::shared_ptr<const SpectrogramTile> SpectrogramTileCache::cached(const SpectrogramTileKey &key) const
{
    QMutexLocker lock(&m_mutex);
    const auto it = m_tiles.constFind(key);
    return it == m_tiles.cend() ? nullptr : it->tile;
}

std::shared_ptr<const SpectrogramTile> SpectrogramTileCache::touchLocked(const SpectrogramTileKey &key)
{
    const auto it = m_tiles.find(key);
    if (it == m_tiles.end())
        return nullptr;
    m_lru.splice(m_lru.begin(), m_lru, it->lru);
    return it->tile;
}

std::shared_ptr<const SpectrogramTile> SpectrogramTileCache::tile(const SpectrogramTileKey &key)
{
    QMutexLocker lock(&m_mutex);
    if (auto hit = touchLocked(key))
        return hit;
    if (m_pending.contains(key) || !m_sources.contains(key.source) || key.tile < 0)
        return nullptr;
    m_pending.insert(key);
    lock.unlock();
    m_pool.start([this, key] {
        auto computed = compute(key);
        insert(key, computed);
        QMetaObject::invokeMethod(this, [this, key] { Q_EMIT tileReady(key.source, key.tile); },
                                  Qt::QueuedConnection);
    });
    return nullptr;
}

std::shared_ptr<const SpectrogramTile> SpectrogramTileCache::computeNow(const SpectrogramTileKey &key)
{
    {
        QMutexLocker lock(&m_mutex);
        if (auto hit = touchLocked(key))
            return hit;
    }
    auto computed = compute(key);
    insert(key, computed);
    return computed;
}

std::shared_ptr<SpectrogramTile> SpectrogramTileCache::compute(const SpectrogramTileKey &key)
{
    std::vector<float> storage;
    std::shared_ptr<const media::AudioData> data;
    {
        QMutexLocker lock(&m_mutex);
        data = m_sources.value(key.source);
        if (!m_spare.empty()) {
            storage = std::move(m_spare.back());
            m_spare.pop_back();
        }
    }
    auto tile = std::make_shared<SpectrogramTile>();
    if (data) {
        // One computer per worker thread, kept while the parameters stay the same: its window
        // coefficients, FFTW buffers and mix buffer are reused tile after tile.
        thread_local std::unique_ptr<SpectrogramComputer> computer;
        if (!computer || !(computer->params() == key.params))
            computer = std::make_unique<SpectrogramComputer>(key.params);
        *tile = computer->compute(*data, std::int64_t(key.tile) * framesPerTile, framesPerTile, std::move(storage));
    }
    m_computed.fetch_add(1);
    return tile;
}

void SpectrogramTileCache::evictLocked(const SpectrogramTileKey &key)
{
    const auto it = m_tiles.find(key);
    m_bytes -= it->tile->bytes();
    // Keep a few buffers for the next tiles when no view holds this one any more.
    if (it->tile.use_count() == 1 && m_spare.size() < 4)
        m_spare.push_back(std::move(it->tile->power));
    m_lru.erase(it->lru);
    m_tiles.erase(it);
}

void SpectrogramTileCache::insert(const SpectrogramTileKey &key,
                                  std::shared_ptr<SpectrogramTile> tile)
{
    QMutexLocker lock(&m_mutex);
    m_pending.remove(key);
    if (m_tiles.contains(key) || !m_sources.contains(key.source))
        return; // computed twice (computeNow beside a queued task) or the source went away
    m_lru.push_front(key);
    m_bytes += tile->bytes();
    m_tiles.insert(key, Entry{std::move(tile), m_lru.begin()});
    // Evict least recently used tiles, but always keep the one just added.
    while (m_bytes > m_budget && m_lru.size() > 1)
        evictLocked(SpectrogramTileKey(m_lru.back()));
}

std::size_t SpectrogramTileCache::bytesUsed() const
{
    QMutexLocker lock(&m_mutex);
    return m_bytes;
}

int SpectrogramTileCache::cachedTileCount() const
{
    QMutexLocker lock(&m_mutex);
    return int(m_tiles.size());
}

} // namespace mirstudio
