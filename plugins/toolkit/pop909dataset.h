// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "plugins/toolkit/symbolicitem.h"

#include <vector>

namespace mirstudio::toolkit {

/**
 * POP909 reader (music-x-lab/POP909-Dataset layout): a root holding NNN/ folders, each with
 * NNN.mid (tracks MELODY, BRIDGE, PIANO -> parts "melody", "bridge", "piano"),
 * beat_midi.txt (time, downbeat flag, 4-beat-bar flag -> "beats", value = downbeat flag),
 * chord_midi.txt (start, end, label -> "chords") and key_audio.txt (first key -> key).
 * Ids are "pop909/NNN". versions/ sub-folders are not read. Throws sdk::PluginError for a
 * missing folder or MIDI file, media::MediaError for a broken MIDI file. Any thread.
 */
std::vector<SymbolicItem> readPop909(const QString &root, const SplitOptions &options = {});

/** One song folder (e.g. ".../pop909/001"). */
SymbolicItem readPop909Song(const QString &songDir, const SplitOptions &options = {});

} // namespace mirstudio::toolkit
