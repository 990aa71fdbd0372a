// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/media/bytereader.h"
#include "core/media/mediaerror.h"
#include "core/media/midifilereader.h"
#include "core/media/midifilewriter.h"

#include <QFile>
#include <QRandomGenerator>
#include <QTest>

using namespace mirstudio::media;

namespace {

QByteArray hex(const char *text)
{
    return QByteArray::fromHex(QByteArray(text));
}

/** MThd (format, track count, division) + one MTrk holding `body`, as raw bytes. */
QByteArray smf(const QByteArray &body, const char *header = "0000000101e0")
{
    QByteArray out = "MThd" + hex("00000006") + hex(header) + "MTrk";
    const auto n = std::uint32_t(body.size());
    out += char(n >> 24);
    out += char((n >> 16) & 0xFF);
    out += char((n >> 8) & 0xFF);
    out += char(n & 0xFF);
    return out + body;
}

// The valid file the surgery starts from: header at 0, MTrk at 14, its length at 18 and its
// events from 22: note-on at 0, note-off at 96, end of track.
const char *const kBody = "00903c40" "60803c40" "00ff2f00";

QByteArray valid()
{
    return smf(hex(kBody));
}

QByteArray patched(qsizetype at, const char *bytesHex)
{
    QByteArray b = valid();
    const QByteArray p = hex(bytesHex);
    b.replace(at, p.size(), p);
    return b;
}

/** Reads `bytes`; true when it parsed or threw MediaError, false on any other exception. */
bool readsOrThrowsMediaError(const QByteArray &bytes)
{
    try {
        const MidiFile f = readMidiBytes(bytes, QStringLiteral("fuzz.mid"));
        for (const auto &t : f.tracks)
            for (const auto &n : t.notes)
                if (n.endTick < n.startTick || n.pitch < 0 || n.pitch > 127 || n.channel < 0
                    || n.channel > 15)
                    return false;
        return true;
    } catch (const MediaError &) {
        return true;
    } catch (...) {
        return false;
    }
}

} // namespace

class TestMidiBadInput : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void baseFileIsValid()
    {
        // GIVEN the unmodified base file
        // WHEN read
        const MidiFile f = readMidiBytes(valid(), QStringLiteral("base.mid"));
        // THEN it holds one note from 0 to 96: every failure below comes from the surgery
        QCOMPARE(f.tracks.size(), std::size_t(1));
        QCOMPARE(f.tracks[0].notes.size(), std::size_t(1));
        QCOMPARE(f.tracks[0].notes[0].endTick, std::int64_t(96));
    }

    void byteReaderBoundsAndVlq()
    {
        // GIVEN bytes 0x00 | 0x7F | 0x81 0x00 | 0xFF 0xFF 0xFF 0x7F | 0x12 0x34 0x56 0x78 0x9A
        const QByteArray bytes = hex("00" "7f" "8100" "ffffff7f" "123456789a");
        ByteReader r(bytes, QStringLiteral("b.bin"));
        // WHEN quantities and big-endian integers are read
        // THEN their values and positions are right
        QCOMPARE(r.vlq(), 0u);
        QCOMPARE(r.vlq(), 0x7Fu);
        QCOMPARE(r.vlq(), 0x80u);
        QCOMPARE(r.vlq(), 0x0FFFFFFFu);
        QCOMPARE(r.pos(), std::int64_t(8));
        QCOMPARE(r.u16be(), std::uint16_t(0x1234));
        ByteReader sub = r.sub(3, QStringLiteral("chunk"), QStringLiteral("a chunk"));
        QVERIFY(r.atEnd());
        QCOMPARE(sub.pos(), std::int64_t(10));
        QCOMPARE(sub.u24be(), 0x56789Au);
        // AND reading past the end throws with the absolute offset, never reads out of bounds
        try {
            sub.u8(QStringLiteral("one more byte"));
            QFAIL("no MediaError thrown");
        } catch (const MediaError &e) {
            QCOMPARE(e.offset(), std::int64_t(13));
            QVERIFY2(e.message().contains(QStringLiteral("expected one more byte (1 bytes), found "
                                                         "end of chunk after 0 bytes")),
                     qPrintable(e.text()));
        }
        ByteReader big(bytes, QString());
        QCOMPARE(big.u16le(), std::uint16_t(0x7F00));
        QCOMPARE(big.u32le(), 0xFFFF0081u);
        big.skip(6);
        QVERIFY_THROWS_EXCEPTION(MediaError, big.u16be());
        QCOMPARE(big.pos(), std::int64_t(12)); // a failed read does not move
        QVERIFY_THROWS_EXCEPTION(MediaError, big.skip(-1));
        // AND a five-byte quantity is refused at its first byte
        const QByteArray five = hex("8080808001");
        ByteReader v(five, QString());
        try {
            v.vlq();
            QFAIL("no MediaError thrown");
        } catch (const MediaError &e) {
            QCOMPARE(e.offset(), std::int64_t(0));
            QVERIFY(e.message().contains(QStringLiteral("longer than 4 bytes")));
        }
    }

    void corruptInputThrows_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("message");
        QTest::addColumn<qint64>("offset");

        QTest::newRow("zero-length") << QByteArray() << "expected chunk id 'MThd', found end of file"
                                     << qint64(0);
        QTest::newRow("3 bytes") << QByteArray("MTh") << "found end of file after 3 bytes" << qint64(0);
        QTest::newRow("truncated header") << valid().left(10)
                                          << "header chunk length 6 runs past the end of the file"
                                          << qint64(4);
        QTest::newRow("header cut in length") << valid().left(6) << "expected the header chunk length"
                                              << qint64(4);
        QTest::newRow("MThx magic") << patched(0, "4d546878") << "expected chunk id 'MThd', found 'MThx'"
                                    << qint64(0);
        QTest::newRow("header length 2") << patched(4, "00000002")
                                         << "expected header chunk length 6, found 2" << qint64(4);
        QTest::newRow("format 2") << patched(8, "0002") << "format 2 is not supported" << qint64(8);
        QTest::newRow("format 7") << patched(8, "0007") << "expected format 0 or 1, found 7"
                                  << qint64(8);
        QTest::newRow("0 tracks declared, 1 present")
            << patched(10, "0000") << "header declares 0 tracks but the file holds more 'MTrk' chunks"
            << qint64(14);
        QTest::newRow("2 tracks declared, 1 present")
            << patched(10, "0002") << "header declares 2 tracks, found 1 'MTrk' chunks" << qint64(34);
        QTest::newRow("division 0") << patched(12, "0000") << "division 0 is invalid" << qint64(12);
        QTest::newRow("SMPTE -32 fps") << patched(12, "e028") << "expected an SMPTE division"
                                       << qint64(12);
        QTest::newRow("SMPTE 0 ticks/frame") << patched(12, "e700") << "ticks per frame > 0"
                                             << qint64(12);
        QTest::newRow("track length beyond end")
            << patched(18, "00001000") << "chunk 'MTrk' length 4096 runs past the end of the file"
            << qint64(18);
        QTest::newRow("unknown chunk length beyond end")
            << valid().insert(14, "JUNK" + hex("7fffffff"))
            << "chunk 'JUNK' length 2147483647 runs past" << qint64(18);
        QTest::newRow("truncated VLQ")
            << smf(hex("00903c40" "81")) << "truncated delta time: expected a continuation byte, "
                                            "found end of track chunk"
            << qint64(26);
        QTest::newRow("VLQ longer than 4 bytes")
            << smf(hex("8080808000903c40")) << "delta time longer than 4 bytes" << qint64(22);
        QTest::newRow("running status at track start")
            << smf(hex("003c40" "00ff2f00")) << "running status without a preceding channel message"
            << qint64(23);
        QTest::newRow("running status after meta")
            << smf(hex("00903c40" "00ff0100" "003c00" "00ff2f00"))
            << "running status without a preceding channel message" << qint64(31);
        QTest::newRow("running status after sysex")
            << smf(hex("00903c40" "00f001f7" "003c00" "00ff2f00"))
            << "running status without a preceding channel message" << qint64(31);
        QTest::newRow("meta length beyond chunk")
            << smf(hex("00ff011041")) << "meta event length 16 runs past the end of the track chunk "
                                         "(1 bytes left)"
            << qint64(25);
        QTest::newRow("meta length VLQ truncated")
            << smf(hex("00ff01")) << "truncated meta event length" << qint64(25);
        QTest::newRow("sysex length beyond chunk")
            << smf(hex("00f005f7")) << "sysex length 5 runs past the end of the track chunk"
            << qint64(24);
        QTest::newRow("event missing after delta")
            << smf(hex("00903c40" "60")) << "expected an event status byte (1 bytes), found end of "
                                            "track chunk"
            << qint64(27);
        QTest::newRow("status byte as data")
            << smf(hex("00903c90")) << "expected a note-on velocity (a data byte below 0x80), found "
                                       "status byte 0x90"
            << qint64(25);
        QTest::newRow("note-on cut short")
            << smf(hex("00903c")) << "expected a note-on velocity" << qint64(25);
        QTest::newRow("system common status")
            << smf(hex("00f4")) << "found status byte 0xF4" << qint64(23);
        QTest::newRow("short tempo")
            << smf(hex("00ff510207a1")) << "expected 3 data bytes in a tempo meta event, found 2"
            << qint64(26);
        QTest::newRow("time signature exponent 9")
            << smf(hex("00ff5804040918" "08")) << "denominator exponent 0-8, found 9" << qint64(27);
    }

    void corruptInputThrows()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, message);
        QFETCH(qint64, offset);
        // GIVEN a file damaged as the row says
        // WHEN it is read
        try {
            readMidiBytes(bytes, QStringLiteral("bad.mid"));
            QFAIL("no MediaError thrown");
        } catch (const MediaError &e) {
            // THEN MediaError names the file, the offset and what was expected
            QVERIFY2(e.message().contains(message), qPrintable(e.text()));
            QVERIFY(e.offset() >= 0);
            QCOMPARE(e.offset(), offset);
            QCOMPARE(e.file(), QStringLiteral("bad.mid"));
            QVERIFY(e.text().startsWith(QStringLiteral("bad.mid: byte %1: ").arg(offset)));
        }
    }

    void toleratedOddities()
    {
        // GIVEN a file without end-of-track, with trailing padding after its last track, a
        // note-off without note-on, and a time signature with only two data bytes
        QByteArray bytes = smf(hex("00803c40" "00ff58020302" "00903c40" "6080" "3c40"));
        bytes += QByteArray(3, '\0');
        // WHEN read
        const MidiFile f = readMidiBytes(bytes, QStringLiteral("odd.mid"));
        // THEN it reads: one note, 3/4 from tick 0
        QCOMPARE(f.tracks.size(), std::size_t(1));
        QCOMPARE(f.tracks[0].notes.size(), std::size_t(1));
        QCOMPARE(f.tracks[0].notes[0].endTick, std::int64_t(96));
        QCOMPARE(f.tempoMap.timeSignatures().front().numerator, 3);
        QCOMPARE(f.tempoMap.timeSignatures().front().denominator, 4);
    }

    void everyTruncationOfARealFile()
    {
        // GIVEN a real POP909 file
        QFile file(QStringLiteral(MIRSTUDIO_TEST_DATA_DIR "/midi/pop909_001.mid"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();
        QVERIFY(bytes.size() > 1000);
        // WHEN every prefix of it is read
        int errors = 0;
        for (qsizetype n = 0; n < bytes.size(); ++n) {
            try {
                readMidiBytes(bytes.left(n), QStringLiteral("cut.mid"));
            } catch (const MediaError &e) {
                QVERIFY(e.offset() >= 0 && e.offset() <= n);
                ++errors;
            }
        }
        // THEN each one throws MediaError within the bytes it had (a cut file lacks a track)
        QCOMPARE(errors, int(bytes.size()));
        QCOMPARE(readMidiBytes(bytes, QString()).noteCount(), std::int64_t(1556));
    }

    void randomByteSurgeryNeverCrashes()
    {
        // GIVEN a written file with notes, controllers, bends, text and sysex
        MidiFile song(480);
        MidiTrack t;
        t.name = QStringLiteral("T");
        for (int i = 0; i < 20; ++i)
            t.notes.push_back({40 + i, 30 + 3 * i, i % 16, 120 * i, 120 * i + 300, 0, 0});
        t.controlChanges.push_back({100, 0, 64, 127});
        t.pitchBends.push_back({200, 2, 1000});
        t.texts.push_back({300, MidiTextEvent::Lyric, QStringLiteral("ah")});
        t.sysEx.push_back({0, hex("7e7f0901f7")});
        song.tracks = {t};
        const QByteArray base = midiFileBytes(song, 1);
        // WHEN thousands of copies with random bytes overwritten, inserted or removed are read
        QRandomGenerator rng(20201011);
        for (int i = 0; i < 5000; ++i) {
            QByteArray b = base;
            const int edits = 1 + int(rng.bounded(4));
            for (int k = 0; k < edits && !b.isEmpty(); ++k) {
                const auto at = qsizetype(rng.bounded(quint32(b.size())));
                switch (rng.bounded(3)) {
                case 0: b[at] = char(rng.bounded(256)); break;
                case 1: b.insert(at, char(rng.bounded(256))); break;
                default: b.remove(at, 1); break;
                }
            }
            // THEN each either reads into sane notes or throws MediaError
            QVERIFY2(readsOrThrowsMediaError(b), qPrintable(QString::fromLatin1(b.toHex())));
        }
        // AND sustain handling survives the same treatment
        MidiReadOptions o;
        o.applySustain = true;
        for (qsizetype at = 0; at < base.size(); ++at) {
            QByteArray b = base;
            b[at] = char(~b[at]);
            try {
                readMidiBytes(b, QString(), o);
            } catch (const MediaError &) {
            }
        }
        QVERIFY(readsOrThrowsMediaError(base));
    }
};

QTEST_GUILESS_MAIN(TestMidiBadInput)
#include "tst_midibadinput.moc"
