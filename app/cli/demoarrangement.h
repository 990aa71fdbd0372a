// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/media/midifile.h"

namespace mirstudio::cli {

/**
 * The demo arrangement, composed in code: 8 bars of 4/4 at 100 bpm in C major (C Am F G twice),
 * with a melody (flute), piano chords, a fingered bass and GM drums, each on its own track and
 * channel. Deterministic: the same MidiFile every time. Any thread.
 */
media::MidiFile demoArrangement();

/** The chord symbol of each bar of demoArrangement(), in order. */
QStringList demoChordsPerBar();

} // namespace mirstudio::cli
