// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer harness for the ABC reader (built by tests/fuzz/standalone with ASan + UBSan).
// Any bytes, read as UTF-8 text, must either import or throw MediaError, strictly and
// leniently, with both the ABC 2.1 and the Nottingham reference conventions; what imports
// must be sane (no negative durations, notes in MIDI range).
#include "core/media/abcreader.h"
#include "core/media/mediaerror.h"

#include <QByteArray>
#include <QString>

#include <cstdint>
#include <cstdlib>

namespace {

void checkTunes(const std::vector<mirstudio::media::AbcTune> &tunes)
{
    for (const auto &t : tunes) {
        for (const auto &n : t.notes) {
            if (n.pitch < 0 || n.pitch > 127 || n.durationTicks < 0 || n.startTick < 0)
                std::abort();
        }
        (void)t.tempoMap();
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace mirstudio::media;
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    const AbcReadOptions variants[2] = {AbcReadOptions{}, AbcReadOptions::nottinghamReference()};
    for (const AbcReadOptions &options : variants) {
        try {
            checkTunes(readAbcText(text, QStringLiteral("fuzz.abc"), options));
        } catch (const MediaError &) {
        }
        const AbcReadResult r = readAbcTextLenient(text, QStringLiteral("fuzz.abc"), options);
        checkTunes(r.tunes);
    }
    return 0;
}
