// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer harness: arbitrary bytes loaded as a session document. Every error is a
// SessionError (caught); anything else — a crash, an out-of-bounds read under ASan, another
// exception type, or a document that reads but does not survive write -> read unchanged —
// is a finding. Seeds: tests/fuzz/corpus/session/.
#include "core/session/sessionerror.h"
#include "core/session/sessionjson.h"

#include <QByteArray>
#include <QDir>
#include <QJsonDocument>

#include <cstddef>
#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace mirstudio;
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    const QDir base(QStringLiteral("/fuzz-session-base"));
    try {
        const SessionData first = SessionJson::read(bytes, base, QStringLiteral("fuzz.mirsession"));
        // What was accepted must be written and read back to the same document.
        const QJsonObject written = SessionJson::write(first, base);
        const SessionData second = SessionJson::read(written, base, QStringLiteral("rewritten"));
        if (QJsonDocument(SessionJson::write(second, base)).toJson() != QJsonDocument(written).toJson())
            std::abort();
    } catch (const SessionError &) {
        // Expected for malformed input.
    }
    return 0;
}
