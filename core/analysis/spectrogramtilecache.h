// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/analysis/spectrogramtile.h"
#include "core/analysis/spectrogramtilekey.h"

#include <QHash>
#include <QMutex>
#include <QObject>
#include <QSet>
#include <QThreadPool>

#include <atomic>
#include <cstdint>
#include <list>
#include <memory>

namespace mirstudio::media {
struct AudioData;
}

namespace mirstudio {

/**
 * Spectrogram magnitude tiles computed on worker threads and cached by (source, FFT parameters,
 * tile index), LRU-bounded in bytes. Views ask with tile(): a cached tile comes back at once,
 * a missing one is queued on the cache's own QThreadPool and tileReady() follows on the cache's
 * thread when it is stored. Frequency axes and colours are the views' business: a tile only
 * holds FFT power, so recolouring or changing the axis never recomputes.
 *
 * Holds shared, immutable audio per source (setSource()). Owned by the window (or a test);
 * its methods are for the thread it lives on (the GUI thread); workers only compute and insert
 * under the internal mutex. The destructor waits for running tasks.
 */
class SpectrogramTileCache : public QObject
{
    Q_OBJECT
public:
    static constexpr int framesPerTile = 256;

    explicit SpectrogramTileCache(std::size_t byteBudget = std::size_t(256) << 20,
                                  QObject *parent = nullptr);
    ~SpectrogramTileCache() override;

    /** Registers (or replaces) the audio of `source`; replacing drops its tiles. */
    void setSource(const SourceId &source, std::shared_ptr<const media::AudioData> audio);
    void removeSource(const SourceId &source);
    /**
     * Decodes the audio file at `path` on a worker and registers it as `source`; sourceReady()
     * follows (or loadFailed()). Does nothing when the source is known or already loading.
     */
    void loadSource(const SourceId &source, const QString &path);
    std::shared_ptr<const media::AudioData> audio(const SourceId &source) const;

    /** Spectrogram frames of `source` under `params` (0 when the source is unknown). */
    std::int64_t frameCount(const SourceId &source, const SpectrogramParams &params) const;
    int tileCount(const SourceId &source, const SpectrogramParams &params) const;

    /** The tile when cached (marked recently used); otherwise queues it and returns nullptr. */
    std::shared_ptr<const SpectrogramTile> tile(const SpectrogramTileKey &key);
    /** The tile when cached, without queueing anything. */
    std::shared_ptr<const SpectrogramTile> cached(const SpectrogramTileKey &key) const;
    /** The tile, computed on the calling thread when missing (benchmarks, export, tests). */
    std::shared_ptr<const SpectrogramTile> computeNow(const SpectrogramTileKey &key);

    /** How many tiles were computed since construction (cache hits do not count). */
    std::uint64_t computeCount() const { return m_computed.load(); }
    std::size_t bytesUsed() const;
    std::size_t byteBudget() const { return m_budget; }
    int cachedTileCount() const;
    /** Blocks until every queued tile is computed (tests). */
    void waitForDone() { m_pool.waitForDone(); }

Q_SIGNALS:
    /** A tile of `source` is now cached (emitted on the cache's thread). */
    void tileReady(const mirstudio::SourceId &source, int tile);
    /** loadSource() finished: the source's tiles can now be requested. */
    void sourceReady(const mirstudio::SourceId &source);
    void loadFailed(const mirstudio::SourceId &source, const QString &message);

private:
    struct Entry
    {
        std::shared_ptr<SpectrogramTile> tile; // handed out as const
        std::list<SpectrogramTileKey>::iterator lru;
    };

    std::shared_ptr<SpectrogramTile> compute(const SpectrogramTileKey &key);
    void insert(const SpectrogramTileKey &key, std::shared_ptr<SpectrogramTile> tile);
    void evictLocked(const SpectrogramTileKey &key);
    std::shared_ptr<const SpectrogramTile> touchLocked(const SpectrogramTileKey &key);
    void dropSourceLocked(const SourceId &source);

    const std::size_t m_budget;
    mutable QMutex m_mutex;
    QHash<SourceId, std::shared_ptr<const media::AudioData>> m_sources;
    QHash<SpectrogramTileKey, Entry> m_tiles;
    std::list<SpectrogramTileKey> m_lru; // front = most recently used
    QSet<SpectrogramTileKey> m_pending;
    QSet<SourceId> m_loading; // GUI thread only
    std::size_t m_bytes = 0;
    std::atomic<std::uint64_t> m_computed{0};
    std::vector<std::vector<float>> m_spare; // evicted tiles' storage, reused by compute()
    QThreadPool m_pool;
};

} // namespace mirstudio
