// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace mirstudio::cli {

/** What makeDemo() wrote. */
struct DemoFiles
{
    QString session;
    QString midi;
    QString audio;
    QString soundFont;
};

/**
 * Writes the demo into `dir` (created if needed): `demo.mid` (demoArrangement(), type 1,
 * 480 PPQ), `demo.flac` (the MIDI tracks bounced through the playback engine, whose synth is
 * FluidSynth with the General MIDI SoundFont,
 * 44.1 kHz stereo 16-bit) and `demo.mirstudio` (a session holding the rendered mix as an audio
 * track, one MIDI track per instrument with its notes, and a chord annotation track). Ids are
 * derived from names, so the same inputs give the same session file. Throws
 * media::MediaError, SessionError or std::runtime_error. GUI or worker thread.
 */
DemoFiles makeDemo(const QString &dir);

} // namespace mirstudio::cli
