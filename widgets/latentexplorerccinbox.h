// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>

#include <array>
#include <functional>
#include <mutex>
#include <vector>

namespace mirstudio::widgets {

/**
 * Carries MIDI control changes from the MIDI input thread to the GUI thread. post() (any
 * thread) keeps only the latest value per (channel, controller) and schedules one queued drain
 * per pass of the GUI event loop; it never waits for the GUI (the lock guards a few stores). The
 * drain hands each controller's latest value to the handler, in the order the controllers first
 * moved, so a burst of 100 values of one knob costs one slider move.
 *
 * Shared (std::shared_ptr) between its owner, which passes itself as the context, and the MIDI
 * listener; the owner calls detach() before it goes, after which post() does nothing. The
 * handler runs on the context's thread.
 */
class LatentExplorerCcInbox
{
public:
    using Handler = std::function<void(int channel, int controller, int value)>;

    LatentExplorerCcInbox(QObject *context, Handler handler);

    /** Stores the control change (channel 0-15, controller and value 0-127); others are ignored. */
    void post(int channel, int controller, int value);
    /** Hands the latest values to the handler now (the queued drain calls it); how many. */
    int drain();
    /** No more posts reach the handler. */
    void detach();

private:
    static constexpr int kSlots = 16 * 128;

    std::mutex m_mutex;
    QObject *m_context;
    Handler m_handler;
    std::array<int, kSlots> m_latest;
    std::vector<int> m_order;
    bool m_scheduled = false;
};

} // namespace mirstudio::widgets
