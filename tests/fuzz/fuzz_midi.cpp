// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer harness for the Standard MIDI File reader (built by tests/fuzz/standalone with
// ASan + UBSan). Any input must either read or throw MediaError; a file that reads must also
// survive a write and read back (the writer's output is always valid).
#include "core/media/mediaerror.h"
#include "core/media/midifilereader.h"
#include "core/media/midifilewriter.h"

#include <QByteArray>
#include <QString>

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace mirstudio::media;
    const QByteArray bytes = QByteArray::fromRawData(reinterpret_cast<const char *>(data),
                                                     qsizetype(size));
    MidiReadOptions options;
    options.applySustain = size > 0 && (data[size - 1] & 1);
    MidiFile file;
    try {
        file = readMidiBytes(bytes, QStringLiteral("fuzz.mid"), options);
    } catch (const MediaError &) {
        return 0;
    }
    if (file.tracks.size() >= 0xFFFF)
        return 0;
    try {
        const MidiFile again = readMidiBytes(midiFileBytes(file, 1), QStringLiteral("rt.mid"));
        if (again.noteCount() != file.noteCount())
            std::abort(); // the writer lost or invented notes
        readMidiBytes(midiFileBytes(file, 0), QStringLiteral("rt0.mid"));
    } catch (const MediaError &) {
        std::abort(); // the writer produced a file its own reader rejects
    }
    return 0;
}
