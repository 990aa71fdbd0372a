// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/fadernets/referencephrase.h"

namespace mirstudio::fadernets {

sdk::NoteSequence referencePhrase()
{
    static const int melody[16] = {67, 69, 71, 72, 74, 72, 71, 69, 67, 65, 64, 65, 67, 71, 74, 79};
    sdk::NoteSequence seq;
    seq.bpm = 120.0;
    for (int i = 0; i < 16; ++i)
        seq.notes.push_back(sdk::Note{melody[i], 90, i * 0.25, 0.25});
    seq.notes.push_back(sdk::Note{43, 70, 0.0, 2.0});
    seq.notes.push_back(sdk::Note{48, 70, 2.0, 2.0});
    seq.duration = 4.0;
    return seq;
}

} // namespace mirstudio::fadernets
