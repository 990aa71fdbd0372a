// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/session/addtrackcommand.h"
#include "core/session/session.h"
#include "core/session/sessionjson.h"
#include "widgets/timeaxis.h"

#include <QDir>

#include <cstdint>
#include <vector>

/**
 * A session with one MIDI track holding one 8 s clip at 0 (48 kHz, 120 bpm, 960 PPQ) and a time
 * axis at 100 px/s: a beat is 50 px, a sixteenth (240 ticks) 12.5 px. Shared by the piano-roll tests.
 */
struct PianoRollFixture
{
    mirstudio::Session session;
    mirstudio::widgets::TimeAxis axis;
    mirstudio::TrackId track = mirstudio::TrackId::create();
    mirstudio::ClipId clip = mirstudio::ClipId::create();
    std::vector<std::uint8_t> sent; // audition messages: status, data1, data2, ...

    explicit PianoRollFixture(std::vector<mirstudio::MidiNote> notes = {})
    {
        mirstudio::Track t;
        t.id = track;
        t.kind = mirstudio::Track::Kind::Midi;
        t.name = QStringLiteral("piano");
        mirstudio::Clip c;
        c.id = clip;
        c.length = 8 * 48000;
        c.notes = std::move(notes);
        t.clips.push_back(c);
        session.push(new mirstudio::AddTrackCommand(&session, t));
        axis.setSampleRate(48000);
        axis.setTempoMap(&session.tempoMap());
        axis.setPixelsPerSecond(100);
    }

    const std::vector<mirstudio::MidiNote> &notes() const { return session.clip(track, clip)->notes; }
    QByteArray bytes() const { return mirstudio::SessionJson::toBytes(session.data(), QDir::temp()); }
    auto sink()
    {
        return [this](std::uint8_t s, std::uint8_t d1, std::uint8_t d2) {
            sent.insert(sent.end(), {s, d1, d2});
            return true;
        };
    }
};
