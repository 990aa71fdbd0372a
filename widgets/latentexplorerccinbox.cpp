// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/latentexplorerccinbox.h"

#include <QMetaObject>

namespace mirstudio::widgets {

LatentExplorerCcInbox::LatentExplorerCcInbox(QObject *context, Handler handler)
    : m_context(context), m_handler(std::move(handler))
{
    m_latest.fill(-1);
    m_order.reserve(kSlots);
}

void LatentExplorerCcInbox::post(int channel, int controller, int value)
{
    if (channel < 0 || channel > 15 || controller < 0 || controller > 127 || value < 0 || value > 127)
        return;
    const std::lock_guard lock(m_mutex);
    if (!m_context)
        return;
    const int slot = channel * 128 + controller;
    if (m_latest[size_t(slot)] < 0)
        m_order.push_back(slot);
    m_latest[size_t(slot)] = value;
    if (m_scheduled)
        return;
    m_scheduled = true;
    // Posted while the lock is held: detach() (the context's destructor) cannot run in between,
    // and Qt drops the call when the context is gone before it runs.
    QMetaObject::invokeMethod(m_context, [this] { drain(); }, Qt::QueuedConnection);
}

int LatentExplorerCcInbox::drain()
{
    std::vector<std::pair<int, int>> changes;
    {
        const std::lock_guard lock(m_mutex);
        m_scheduled = false;
        if (!m_context)
            return 0;
        changes.reserve(m_order.size());
        for (int slot : m_order) {
            changes.emplace_back(slot, m_latest[size_t(slot)]);
            m_latest[size_t(slot)] = -1;
        }
        m_order.clear();
    }
    for (const auto &[slot, value] : changes)
        m_handler(slot / 128, slot % 128, value);
    return int(changes.size());
}

void LatentExplorerCcInbox::detach()
{
    const std::lock_guard lock(m_mutex);
    m_context = nullptr;
}

} // namespace mirstudio::widgets
