// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "plugins/sdk/imodelplugin.h"
#include "plugins/sdk/pluginerror.h"

#include <QObject>
#include <QThread>

namespace mirstudio_fixture {

/** A second of mono silence at 8 kHz: what the synthesize fixtures return when they finish. */
inline mirstudio::sdk::AudioBuffer silentSecond()
{
    mirstudio::sdk::AudioBuffer a;
    a.sampleRate = 8000.0;
    a.channels.assign(1, std::vector<float>(8000, 0.0f));
    return a;
}

/** Base of the fixture plugins: a QObject with nothing to initialise. Any thread. */
class FixturePlugin : public QObject, public mirstudio::sdk::IModelPlugin
{
public:
    void initialise(const QString &) override {}
};

} // namespace mirstudio_fixture
