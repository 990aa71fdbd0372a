// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Shared setup of the realtime tests (tst_rt_*.cpp): a private JACK dummy server per test
// process. With CI=true a server that cannot start is a failure; otherwise the test skips.

#include "core/audio/jackserver.h"

#include <QTest>

#include <memory>

namespace mirstudio::rttest {

/** True when the environment says this is a CI run (a missing JACK server must then fail). */
inline bool isCi()
{
    return qgetenv("CI") == "true";
}

/**
 * Starts @p server and exports its name to the environment (JACK_DEFAULT_SERVER) for PortAudio
 * and RtMidi. Returns false with @p why on failure.
 */
inline bool startServer(JackServer &server, QString *why)
{
    server.setRealtime(true); // SCHED_FIFO where permitted: no xruns on a busy machine

    if (!server.start(why))
        return false;
    server.exportToEnvironment();
    return true;
}

} // namespace mirstudio::rttest

/** In initTestCase(): start the server or skip (fail with CI=true). */
#define MIRSTUDIO_REQUIRE_JACK(server)                                                             \
    do {                                                                                           \
        QString why_;                                                                              \
        if (!mirstudio::rttest::startServer((server), &why_)) {                                    \
            if (mirstudio::rttest::isCi())                                                         \
                QFAIL(qPrintable(QStringLiteral("CI=true but no JACK server: ") + why_));          \
            QSKIP(qPrintable(QStringLiteral("no JACK dummy server could be started: ") + why_));   \
        }                                                                                          \
    } while (false)
