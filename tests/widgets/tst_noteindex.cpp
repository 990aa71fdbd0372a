// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/noteindex.h"

#include <QTest>

#include <random>

using namespace mirstudio;
using namespace mirstudio::widgets;

class TstNoteIndex : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void findsExactlyTheOverlappingNotes()
    {
        // GIVEN 2000 random notes, some very long, in random order
        std::mt19937 rng(3);
        std::vector<MidiNote> notes;
        for (int i = 0; i < 2000; ++i)
            notes.push_back({60, 100, std::int64_t(rng() % 100000), std::int64_t(i % 100 == 0 ? 50000 : rng() % 500), 0});
        const NoteIndex index(notes);
        QCOMPARE(index.size(), notes.size());
        // WHEN ranges are queried
        for (std::int64_t from : {0, 1234, 50000, 99999}) {
            const std::int64_t to = from + 777;
            std::vector<int> found;
            index.forEachIn(notes, from, to, [&](int i) { found.push_back(i); });
            // THEN they are exactly the notes a full scan finds overlapping [from, to), long ones included
            std::vector<int> expected;
            for (int i = 0; i < int(notes.size()); ++i)
                if (notes[std::size_t(i)].start < to && notes[std::size_t(i)].start + notes[std::size_t(i)].length > from)
                    expected.push_back(i);
            std::sort(found.begin(), found.end());
            QCOMPARE(found, expected);
        }
    }

    void zeroLengthNotesInRangeAreFound()
    {
        // GIVEN a zero-length note at 100
        const std::vector<MidiNote> notes{{60, 100, 100, 0, 0}};
        const NoteIndex index(notes);
        int hits = 0;
        // THEN a range holding its start finds it, one ending at it does not
        index.forEachIn(notes, 50, 150, [&](int) { ++hits; });
        index.forEachIn(notes, 0, 100, [&](int) { ++hits; });
        QCOMPARE(hits, 1);
    }
};

QTEST_GUILESS_MAIN(TstNoteIndex)
#include "tst_noteindex.moc"
