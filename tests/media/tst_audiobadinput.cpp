// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/media/audiofile.h"
#include "core/media/audiofilewriter.h"
#include "core/media/mediaerror.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <cstdint>

using namespace mirstudio::media;

namespace {

QByteArray readBytes(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool writeBytes(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(bytes) == bytes.size();
}

void put16(QByteArray &b, qsizetype at, quint16 v)
{
    b[at] = char(v & 0xff);
    b[at + 1] = char(v >> 8);
}

void put32(QByteArray &b, qsizetype at, quint32 v)
{
    for (int i = 0; i < 4; ++i)
        b[at + i] = char((v >> (8 * i)) & 0xff);
}

AudioData tone(int channels, std::int64_t frames, int rate)
{
    AudioData d = AudioData::silence(channels, frames, rate);
    for (int c = 0; c < channels; ++c)
        for (std::int64_t f = 0; f < frames; ++f)
            d.channels[c][f] = float(0.5 * std::sin(0.05 * double(f) + c));
    return d;
}

} // namespace

/** How a row's file is to be made. */
enum class Source { Bytes, Missing, Directory };
Q_DECLARE_METATYPE(Source)

class TestAudioBadInput : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QByteArray m_wav;      // stereo PCM16, 1000 frames
    QByteArray m_wav8;     // 8 channels
    QByteArray m_wavEmpty; // header only
    QByteArray m_flac;     // stereo PCM16, 20000 frames
    qsizetype m_fmt = -1;  // offset of the "fmt " chunk id in m_wav
    qsizetype m_data = -1; // offset of the "data" chunk id in m_wav

private Q_SLOTS:
    void initTestCase()
    {
        // GIVEN valid WAV and FLAC files made by our own writer
        QVERIFY(m_dir.isValid());
        const QString wav = m_dir.filePath("valid.wav");
        writeAudio(wav, tone(2, 1000, 44100), {});
        m_wav = readBytes(wav);
        const QString wav8 = m_dir.filePath("valid8.wav");
        writeAudio(wav8, tone(8, 100, 44100), {});
        m_wav8 = readBytes(wav8);
        const QString flac = m_dir.filePath("valid.flac");
        writeAudio(flac, tone(2, 20000, 44100), {AudioContainer::Flac, AudioSampleFormat::Pcm16});
        m_flac = readBytes(flac);
        m_fmt = m_wav.indexOf("fmt ");
        m_data = m_wav.indexOf("data");
        QVERIFY(m_fmt >= 12 && m_data > m_fmt);
        QCOMPARE(m_wav.size(), m_data + 8 + 1000 * 4);
        m_wavEmpty = m_wav.left(m_data + 8);
        put32(m_wavEmpty, m_data + 4, 0);
        put32(m_wavEmpty, 4, quint32(m_wavEmpty.size() - 8));
        QVERIFY(m_flac.startsWith("fLaC"));
    }

    void corruptFilesGiveClearErrors_data()
    {
        QTest::addColumn<QString>("fileName");
        QTest::addColumn<Source>("source");
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("expected"); // substring of the error message (or warning)
        QTest::addColumn<bool>("readThrows");  // false: readAudio reads with a warning
        QTest::addColumn<bool>("probeThrows");

        auto row = [](const char *name, const char *file, const QByteArray &bytes,
                      const char *expected, bool readThrows = true, bool probeThrows = true) {
            QTest::newRow(name) << QString::fromLatin1(file) << Source::Bytes << bytes
                                << QString::fromUtf8(expected) << readThrows << probeThrows;
        };
        row("zero-length file", "zero.wav", QByteArray(), "file is empty (0 bytes)");
        row("truncated header (first 20 bytes)", "trunc20.wav", m_wav.left(20),
            "truncated header");
        row("truncated header (first 40 bytes)", "trunc40.wav", m_wav.left(40),
            "truncated header");
        {
            QByteArray list("LIST");
            list += QByteArray("\x08\0\0\0", 4) + QByteArray("INFOabcd") + "da";
            row("header cut inside a chunk header", "cutchunk.wav", m_wav.left(m_data) + list,
                "truncated header: chunk header cut off after 2 of 8 bytes");
        }
        {
            QByteArray b = m_wav;
            put32(b, 4, 0x7ffffff0);
            row("RIFF size bogus", "riffsize.wav", b, "RIFF size field says 2147483632", false,
                false);
        }
        {
            QByteArray b = m_wav;
            put32(b, m_fmt + 4, 0x7ffffff0);
            row("fmt chunk size bogus (huge)", "fmtsize.wav", b, "bogus chunk size: 'fmt ' chunk");
        }
        {
            QByteArray b = m_wav;
            put32(b, m_fmt + 4, 8);
            row("fmt chunk too small", "fmtsmall.wav", b, "'fmt ' chunk is 8 bytes");
        }
        {
            QByteArray b = m_wav;
            put32(b, m_data + 4, 4000 * 3);
            row("data chunk larger than file", "datasize.wav", b,
                "declares 12000 bytes but only 4000", false, false);
        }
        {
            QByteArray b = m_wav;
            b.replace(0, 4, "RIFX");
            b.replace(8, 4, "WAVX");
            row("wrong magic", "magic.wav", b, "format not recognised: the file starts with 'RIFX'");
        }
        row("8-channel WAV", "eight.wav", m_wav8, "8 channels: at most 2 are supported (mono or stereo)",
            true, false);
        {
            QByteArray b = m_wav;
            put32(b, m_fmt + 12, 0);
            row("0 Hz WAV", "zerohz.wav", b, "sample rate 0 Hz is not valid");
        }
        {
            QByteArray b = m_wav;
            put32(b, m_fmt + 12, 1000000);
            row("1 MHz WAV", "megahz.wav", b, "sample rate 1000000 Hz is not valid");
        }
        {
            QByteArray b = m_wav;
            put16(b, m_fmt + 10, 0);
            row("0-channel WAV", "zeroch.wav", b, "0 channels");
        }
        {
            QByteArray b = m_wav;
            put16(b, m_fmt + 8, 0x1234);
            row("fmt with unknown format tag", "tag.wav", b,
                "unsupported WAV encoding: format tag 0x1234");
        }
        {
            QByteArray b = m_wav;
            b.replace(m_fmt, 4, "LIST");
            row("no fmt chunk", "nofmt.wav", b, "'data' chunk comes before any 'fmt ' chunk");
        }
        {
            QByteArray b = m_wav;
            b.replace(m_data, 4, "junk");
            row("no data chunk", "nodata.wav", b, "no 'data' chunk");
        }
        {
            QByteArray garbage(5000, '\0');
            quint32 x = 2463534242u;
            for (char &c : garbage) {
                x ^= x << 13;
                x ^= x >> 17;
                x ^= x << 5;
                c = char(x);
            }
            row("garbage bytes", "garbage.wav", garbage, "format not recognised");
        }
        row("header only, no frames", "empty.wav", m_wavEmpty, "contains no audio frames", true,
            false);
        {
            QByteArray b = m_flac;
            b.replace(0, 4, "fLaX");
            row("FLAC wrong magic", "magic.flac", b, "format not recognised");
        }
        row("FLAC truncated header", "trunc.flac", m_flac.left(30),
            "cannot decode the FLAC header, truncated or damaged");
        // A FLAC stream cut short is a decoding error (libFLAC loses sync), not a silent short read.
        row("FLAC truncated audio", "half.flac", m_flac.left(m_flac.size() / 2),
            "decoding failed at frame", true, false);

        QTest::newRow("non-existent path") << QStringLiteral("nothere.wav") << Source::Missing
                                           << QByteArray() << QStringLiteral("file does not exist")
                                           << true << true;
        QTest::newRow("a directory as path") << QStringLiteral("folder.wav") << Source::Directory
                                             << QByteArray()
                                             << QStringLiteral("is a directory") << true << true;
    }

    void corruptFilesGiveClearErrors()
    {
        QFETCH(QString, fileName);
        QFETCH(Source, source);
        QFETCH(QByteArray, bytes);
        QFETCH(QString, expected);
        QFETCH(bool, readThrows);
        QFETCH(bool, probeThrows);
        // GIVEN the damaged file
        const QString path = m_dir.filePath(fileName);
        if (source == Source::Bytes)
            QVERIFY(writeBytes(path, bytes));
        else if (source == Source::Directory)
            QVERIFY(QDir(m_dir.path()).mkpath(fileName));

        // WHEN it is probed THEN the probe fails with the message, or reports the warning
        try {
            if (!probeThrows && !readThrows)
                QTest::ignoreMessage(QtWarningMsg,
                                     QRegularExpression(QRegularExpression::escape(expected)));
            const AudioFileInfo info = probeAudio(path);
            QVERIFY2(!probeThrows, "probeAudio() accepted the file");
            if (!readThrows && !info.warnings.isEmpty())
                QVERIFY2(info.warnings.join('\n').contains(expected),
                         qPrintable(info.warnings.join('\n')));
        } catch (const MediaError &e) {
            QVERIFY2(probeThrows, e.what());
            QVERIFY2(e.message().contains(expected), e.what());
            QCOMPARE(e.file(), path);
            QVERIFY2(e.text().contains(fileName), e.what());
            qInfo("%s", e.what());
        }

        // WHEN it is read
        if (readThrows) {
            // THEN a MediaError names the file and what was wrong
            try {
                readAudio(path);
                QFAIL("readAudio() accepted the file");
            } catch (const MediaError &e) {
                QVERIFY2(e.message().contains(expected), e.what());
                QCOMPARE(e.file(), path);
                QVERIFY2(e.text().contains(fileName), e.what());
            }
        } else {
            // THEN what is there is read, and the problem is logged as a warning
            QTest::ignoreMessage(QtWarningMsg,
                                 QRegularExpression(QRegularExpression::escape(expected)));
            const AudioData d = readAudio(path);
            QVERIFY(d.frames() > 0);
            QCOMPARE(d.channelCount(), 2);
        }
    }

    void truncatedDataReadsWhatIsThere()
    {
        // GIVEN a WAV whose data chunk declares more bytes than the file holds (last 100 frames
        // missing)
        QByteArray b = m_wav.left(m_wav.size() - 400);
        const QString path = m_dir.filePath("cut.wav");
        QVERIFY(writeBytes(path, b));
        // WHEN it is opened and read
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression("truncated"));
        AudioFileReader reader(path);
        // THEN the info says truncated, and the 900 frames present are decoded exactly
        QVERIFY(reader.info().truncated);
        QCOMPARE(reader.info().frames, std::int64_t(900));
        const AudioData d = reader.readFrames(5000);
        QCOMPARE(d.frames(), std::int64_t(900));
        const AudioData whole = readAudio(m_dir.filePath("valid.wav"));
        for (int c = 0; c < 2; ++c)
            QVERIFY(std::equal(d.channels[c].begin(), d.channels[c].end(),
                               whole.channels[c].begin()));
    }

    void noInputCrashes_data()
    {
        QTest::addColumn<QByteArray>("valid");
        QTest::addColumn<QString>("suffix");
        QTest::newRow("wav") << m_wav << "wav";
        QTest::newRow("flac") << m_flac << "flac";
    }
    void noInputCrashes()
    {
        QFETCH(QByteArray, valid);
        QFETCH(QString, suffix);
        // GIVEN every truncation of a valid file (finely at the start) and single-byte damage
        // of its first 256 bytes
        QList<QByteArray> inputs;
        for (qsizetype n = 0; n < valid.size(); n += (n < 300 ? 1 : 211))
            inputs << valid.left(n);
        for (qsizetype i = 0; i < std::min<qsizetype>(256, valid.size()); ++i) {
            QByteArray b = valid;
            b[i] = char(b[i] ^ 0xff);
            inputs << b;
            b[i] = char(0x80);
            inputs << b;
        }
        // WHEN each is read THEN it either decodes or throws MediaError, nothing else
        int errors = 0, decoded = 0;
        const QString path = m_dir.filePath("fuzz." + suffix);
        for (const QByteArray &in : inputs) {
            QVERIFY(writeBytes(path, in));
            try {
                const AudioData d = readAudio(path);
                QVERIFY(d.isConsistent());
                QVERIFY(d.channelCount() >= 1 && d.channelCount() <= 2);
                ++decoded;
            } catch (const MediaError &e) {
                QVERIFY(!e.message().isEmpty());
                ++errors;
            } catch (const std::exception &e) {
                QFAIL(e.what());
            }
        }
        QVERIFY(errors > 0);
        QVERIFY(decoded > 0);
    }
};

QTEST_GUILESS_MAIN(TestAudioBadInput)
#include "tst_audiobadinput.moc"
