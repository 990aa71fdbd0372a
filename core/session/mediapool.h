// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/session/mediasource.h"
#include "core/session/typedid.h"

#include <QHash>

#include <memory>
#include <vector>

namespace mirstudio {

/**
 * The session's media: immutable shared `MediaSource` entries in insertion order, looked up by
 * `SourceId`. Entries are `shared_ptr<const MediaSource>` so that a playback plan or a job may
 * keep one alive after it leaves the pool. Owned by value by SessionData; not thread-safe for
 * mutation (the GUI thread adds/removes through commands), the entries themselves may be read
 * from any thread.
 */
class MediaPool
{
public:
    using Entry = std::shared_ptr<const MediaSource>;

    /** Adds `source` at `index` (-1 = at the end). Returns false when its id is null or taken. */
    bool add(Entry source, int index = -1);
    /** Removes and returns the entry (null when absent); `index` receives where it was. */
    Entry take(const SourceId &id, int *index = nullptr);

    Entry source(const SourceId &id) const;
    bool contains(const SourceId &id) const { return m_index.contains(id); }
    int size() const { return int(m_sources.size()); }
    bool isEmpty() const { return m_sources.empty(); }
    const std::vector<Entry> &sources() const { return m_sources; }

    /** Same ids with equal contents in the same order. */
    bool operator==(const MediaPool &other) const;

private:
    void reindex();

    std::vector<Entry> m_sources;
    QHash<SourceId, int> m_index;
};

} // namespace mirstudio
