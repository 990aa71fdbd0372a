// SPDX-License-Identifier: GPL-3.0-or-later
// The session the engine benchmarks play (bench_engine, bench_jack_xruns).
#pragma once

#include "core/session/sessionjson.h"
#include "tests/audio/enginetestutil.h"

#include <QTemporaryDir>

#include <atomic>
#include <thread>

/**
 * The bundled demo session (4 MIDI tracks voiced by the synth; its rendered mix stays muted)
 * resampled to 48 kHz, plus `stems` stereo audio stems of 30 s, panned across the field.
 * With stems = 0 and withMidi = false: an empty session (the baseline).
 */
inline mirstudio::SessionData benchSession(const QTemporaryDir &dir, int stems, bool withMidi, int rate)
{
    mirstudio::SessionData s;
    if (withMidi)
        s = mirstudio::SessionJson::readFile(QStringLiteral(MIRSTUDIO_DEMO_SESSION));
    s.sampleRate = rate;
    const std::int64_t frames = 30LL * rate;
    for (int k = 0; k < stems; ++k) {
        mirstudio::SourceId id;
        enginetest::addSource(s, dir, k, 2, frames, &id);
        mirstudio::Track t = enginetest::audioTrack(id, 0, 0, frames, -24.0);
        t.pan = (k % 5 - 2) * 0.3;
        s.tracks.push_back(t);
    }
    s.loop = {0, 19LL * rate, true};
    return s;
}


/** Keeps one core busy with arithmetic while alive, as a model running beside playback does. */
class CoreLoad
{
public:
    CoreLoad()
        : m_thread([this] {
            volatile double x = 1.0;
            while (!m_stop.load(std::memory_order_relaxed))
                for (int i = 0; i < 100000; ++i)
                    x = x * 1.0000001 + 1e-9;
        })
    {
    }
    ~CoreLoad()
    {
        m_stop = true;
        m_thread.join();
    }

private:
    std::atomic<bool> m_stop{false};
    std::thread m_thread;
};
