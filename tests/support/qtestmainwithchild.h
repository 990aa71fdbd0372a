// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>
#include <QTest>

#include <cstring>

/**
 * Like QTEST_GUILESS_MAIN(TestObject), but when the first argument is `childFlag` the executable
 * runs `childMain(argc, argv)` instead of the tests: a test re-runs itself this way
 * (testsupport::runSelf) to measure something in a fresh process, e.g. its peak memory.
 */
#define MIRSTUDIO_QTEST_MAIN_WITH_CHILD(TestObject, childFlag, childMain)                          \
    int main(int argc, char *argv[])                                                              \
    {                                                                                             \
        QCoreApplication app(argc, argv);                                                         \
        if (argc >= 2 && std::strcmp(argv[1], childFlag) == 0)                                    \
            return childMain(argc, argv);                                                         \
        app.setAttribute(Qt::AA_Use96Dpi, true);                                                  \
        TestObject tc;                                                                            \
        QTEST_SET_MAIN_SOURCE_PATH                                                                \
        return QTest::qExec(&tc, argc, argv);                                                     \
    }
