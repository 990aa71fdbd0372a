// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/session/mediapool.h"

namespace mirstudio {

bool MediaPool::add(Entry source, int index)
{
    if (!source || source->id.isNull() || m_index.contains(source->id))
        return false;
    if (index < 0 || index > int(m_sources.size()))
        index = int(m_sources.size());
    m_sources.insert(m_sources.begin() + index, std::move(source));
    reindex();
    return true;
}

MediaPool::Entry MediaPool::take(const SourceId &id, int *index)
{
    const auto it = m_index.constFind(id);
    if (it == m_index.cend())
        return {};
    const int at = *it;
    Entry e = m_sources[std::size_t(at)];
    m_sources.erase(m_sources.begin() + at);
    reindex();
    if (index)
        *index = at;
    return e;
}

MediaPool::Entry MediaPool::source(const SourceId &id) const
{
    const auto it = m_index.constFind(id);
    return it == m_index.cend() ? Entry{} : m_sources[std::size_t(*it)];
}

bool MediaPool::operator==(const MediaPool &other) const
{
    if (m_sources.size() != other.m_sources.size())
        return false;
    for (std::size_t i = 0; i < m_sources.size(); ++i)
        if (!(*m_sources[i] == *other.m_sources[i]))
            return false;
    return true;
}

void MediaPool::reindex()
{
    m_index.clear();
    for (std::size_t i = 0; i < m_sources.size(); ++i)
        m_index.insert(m_sources[i]->id, int(i));
}

} // namespace mirstudio
