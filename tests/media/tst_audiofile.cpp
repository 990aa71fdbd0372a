// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/media/atomicfile.h"
#include "core/media/audiofile.h"
#include "core/media/audiofilewriter.h"
#include "core/media/mediaerror.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <sndfile.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <numbers>

using namespace mirstudio::media;

Q_DECLARE_METATYPE(AudioContainer)
Q_DECLARE_METATYPE(AudioSampleFormat)

namespace {

/** A 440 Hz sine plus deterministic noise, with a few deliberately clipping samples. */
AudioData makeSignal(int channels, std::int64_t frames, int rate)
{
    AudioData d = AudioData::silence(channels, frames, rate);
    std::uint32_t lcg = 12345;
    for (int c = 0; c < channels; ++c)
        for (std::int64_t f = 0; f < frames; ++f) {
            lcg = lcg * 1664525u + 1013904223u;
            const double noise = (static_cast<double>(lcg >> 8) / double(1 << 24) - 0.5) * 0.2;
            const double s = 0.6 * std::sin(2 * std::numbers::pi * 440.0 * f / rate + c);
            d.channels[c][f] = static_cast<float>(s + noise);
        }
    if (frames > 10) {
        d.channels[0][3] = 1.5f;   // clips to the maximum
        d.channels[0][4] = -1.5f;  // clips to the minimum
        d.channels[0][5] = 1.0f;   // one step above the largest integer: clips
        d.channels[0][6] = -1.0f;  // exactly the smallest integer
    }
    return d;
}

/** Writes a sine with libsndfile directly, in formats our writer does not produce. */
void writeWithLibsndfile(const QString &path, int format, int rate, int channels, double seconds,
                         double freq)
{
    SF_INFO info{};
    info.samplerate = rate;
    info.channels = channels;
    info.format = format;
    SNDFILE *sf = sf_open(QFile::encodeName(path).constData(), SFM_WRITE, &info);
    QVERIFY2(sf, sf_strerror(nullptr));
    const auto frames = static_cast<sf_count_t>(seconds * rate);
    std::vector<float> buf(static_cast<std::size_t>(frames * channels));
    for (sf_count_t f = 0; f < frames; ++f)
        for (int c = 0; c < channels; ++c)
            buf[static_cast<std::size_t>(f * channels + c)] =
                static_cast<float>(0.5 * std::sin(2 * std::numbers::pi * freq * f / rate));
    QCOMPARE(sf_writef_float(sf, buf.data(), frames), frames);
    QCOMPARE(sf_close(sf), 0);
}

int zeroCrossings(const std::vector<float> &x, std::size_t from, std::size_t to)
{
    int n = 0;
    for (std::size_t i = from + 1; i < to && i < x.size(); ++i)
        if ((x[i - 1] < 0.0f) != (x[i] < 0.0f))
            ++n;
    return n;
}

double rms(const std::vector<float> &x, std::size_t from, std::size_t to)
{
    double s = 0;
    for (std::size_t i = from; i < to; ++i)
        s += double(x[i]) * x[i];
    return std::sqrt(s / double(to - from));
}

/** The temporary files (AtomicFile) of `path` that exist now. */
QStringList tempsOf(const QString &path)
{
    return QFileInfo(path).absoluteDir().entryList(
        {mirstudio::media::AtomicFile::tempPrefix(path) + QLatin1Char('*')}, QDir::Files | QDir::Hidden);
}

} // namespace

class TestAudioFile : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void integerFormatsAreBitExact_data()
    {
        QTest::addColumn<AudioContainer>("container");
        QTest::addColumn<AudioSampleFormat>("format");
        QTest::addColumn<int>("bits");
        QTest::addColumn<int>("channels");
        QTest::addColumn<QString>("containerName");
        QTest::addColumn<QString>("formatName");
        QTest::newRow("wav pcm16 stereo") << AudioContainer::Wav << AudioSampleFormat::Pcm16 << 16
                                          << 2 << "WAV" << "PCM 16-bit";
        QTest::newRow("wav pcm16 mono") << AudioContainer::Wav << AudioSampleFormat::Pcm16 << 16
                                        << 1 << "WAV" << "PCM 16-bit";
        QTest::newRow("wav pcm24 stereo") << AudioContainer::Wav << AudioSampleFormat::Pcm24 << 24
                                          << 2 << "WAV" << "PCM 24-bit";
        QTest::newRow("flac pcm16 stereo") << AudioContainer::Flac << AudioSampleFormat::Pcm16
                                           << 16 << 2 << "FLAC" << "PCM 16-bit";
        QTest::newRow("flac pcm24 mono") << AudioContainer::Flac << AudioSampleFormat::Pcm24 << 24
                                         << 1 << "FLAC" << "PCM 24-bit";
        QTest::newRow("flac pcm24 stereo") << AudioContainer::Flac << AudioSampleFormat::Pcm24
                                           << 24 << 2 << "FLAC" << "PCM 24-bit";
    }
    void integerFormatsAreBitExact()
    {
        QFETCH(AudioContainer, container);
        QFETCH(AudioSampleFormat, format);
        QFETCH(int, bits);
        QFETCH(int, channels);
        QFETCH(QString, containerName);
        QFETCH(QString, formatName);
        // GIVEN a sine + noise signal with clipping samples, and a temporary folder
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const AudioData original = makeSignal(channels, 30011, 44100);
        const QString path = dir.filePath(QStringLiteral("a.") + containerName.toLower());
        // WHEN it is written and read back
        writeAudio(path, original, {container, format});
        QVERIFY(tempsOf(path).isEmpty());
        const AudioData read = readAudio(path);
        // THEN every sample is the quantised integer, exactly
        QCOMPARE(read.sampleRate, 44100);
        QCOMPARE(read.channelCount(), channels);
        QCOMPARE(read.frames(), original.frames());
        const double scale = std::ldexp(1.0, bits - 1);
        for (int c = 0; c < channels; ++c)
            for (std::int64_t f = 0; f < read.frames(); ++f) {
                const double v = double(read.channels[c][f]) * scale;
                const auto expected = quantiseSample(original.channels[c][f], bits);
                if (v != double(expected))
                    QFAIL(qPrintable(QStringLiteral("channel %1 frame %2: read %3, expected %4")
                                         .arg(c).arg(f).arg(v).arg(expected)));
            }
        QCOMPARE(std::llround(double(read.channels[0][3]) * scale), std::llround(scale - 1));
        QCOMPARE(std::llround(double(read.channels[0][4]) * scale), -std::llround(scale));
        QCOMPARE(std::llround(double(read.channels[0][6]) * scale), -std::llround(scale));
        // AND writing what was read gives the same integers again (float -> int -> float -> int)
        const QString again = dir.filePath(QStringLiteral("b.") + containerName.toLower());
        writeAudio(again, read, {container, format});
        QCOMPARE(readAudio(again), read);
        // AND the probe reports the header without decoding
        const AudioFileInfo info = probeAudio(path);
        QCOMPARE(info.container, containerName);
        QCOMPARE(info.sampleFormat, formatName);
        QCOMPARE(info.sampleRate, 44100);
        QCOMPARE(info.channels, channels);
        QCOMPARE(info.frames, original.frames());
        QCOMPARE(info.durationSeconds(), 30011.0 / 44100.0);
        QVERIFY(!info.truncated);
    }

    void float32WavIsExact()
    {
        // GIVEN a stereo signal including values beyond +-1
        QTemporaryDir dir;
        const AudioData original = makeSignal(2, 5000, 96000);
        const QString path = dir.filePath("f.wav");
        // WHEN written as 32-bit float WAV and read back
        writeAudio(path, original, {AudioContainer::Wav, AudioSampleFormat::Float32});
        const AudioData read = readAudio(path);
        // THEN it is identical, unclipped
        QCOMPARE(read, original);
        QCOMPARE(read.peak(), 1.5f);
        const AudioFileInfo info = probeAudio(path);
        QCOMPARE(info.sampleFormat, QStringLiteral("float"));
        QCOMPARE(info.sampleRate, 96000);
    }

    void quantiseRoundsAndClips()
    {
        // GIVEN values at and around the rounding boundaries
        // THEN rounding is half away from zero and clipping is to the integer range
        QCOMPARE(quantiseSample(0.5f / 32768.0f, 16), 1);
        QCOMPARE(quantiseSample(-0.5f / 32768.0f, 16), -1);
        QCOMPARE(quantiseSample(0.49f / 32768.0f, 16), 0);
        QCOMPARE(quantiseSample(1.0f, 16), 32767);
        QCOMPARE(quantiseSample(-1.0f, 16), -32768);
        QCOMPARE(quantiseSample(7.0f, 24), 8388607);
        QCOMPARE(quantiseSample(-7.0f, 24), -8388608);
        QCOMPARE(quantiseSample(std::nanf(""), 16), 0);
        QCOMPARE(quantiseSample(std::numeric_limits<float>::infinity(), 16), 32767);
    }

    void streamingReaderMatchesWholeRead()
    {
        // GIVEN a FLAC file
        QTemporaryDir dir;
        const QString path = dir.filePath("s.flac");
        writeAudio(path, makeSignal(2, 100000, 48000),
                   {AudioContainer::Flac, AudioSampleFormat::Pcm16});
        const AudioData whole = readAudio(path);
        // WHEN it is read in chunks of 7777 frames
        AudioFileReader reader(path);
        QCOMPARE(reader.info().frames, std::int64_t(100000));
        AudioData joined = AudioData::silence(2, 0, 48000);
        for (;;) {
            const AudioData chunk = reader.readFrames(7777);
            QVERIFY(chunk.frames() <= 7777);
            if (chunk.frames() == 0)
                break;
            for (int c = 0; c < 2; ++c)
                joined.channels[c].insert(joined.channels[c].end(), chunk.channels[c].begin(),
                                          chunk.channels[c].end());
        }
        // THEN the chunks add up to the whole file
        QCOMPARE(joined, whole);
        QCOMPARE(reader.position(), std::int64_t(100000));
        // AND seeking returns to any frame
        reader.seek(54321);
        const AudioData at = reader.readFrames(10);
        QCOMPARE(at.frames(), std::int64_t(10));
        QCOMPARE(at.channels[1][0], whole.channels[1][54321]);
        QCOMPARE(at.channels[0][9], whole.channels[0][54330]);
        QVERIFY_THROWS_EXCEPTION(MediaError, reader.seek(100001));
        QVERIFY_THROWS_EXCEPTION(MediaError, reader.seek(-1));
        reader.close();
        QVERIFY(!reader.isOpen());
        QVERIFY_THROWS_EXCEPTION(MediaError, reader.readFrames(1));
    }

    void otherFormatsDecode_data()
    {
        QTest::addColumn<int>("sfFormat");
        QTest::addColumn<QString>("suffix");
        QTest::addColumn<QString>("containerName");
        QTest::addColumn<QString>("formatName");
        QTest::addColumn<int>("channels");
        QTest::addColumn<double>("durationTolerance");
        QTest::newRow("ogg vorbis stereo") << int(SF_FORMAT_OGG | SF_FORMAT_VORBIS) << "ogg"
                                           << "OGG" << "Vorbis" << 2 << 0.001;
        QTest::newRow("mp3 mono") << int(SF_FORMAT_MPEG | SF_FORMAT_MPEG_LAYER_III) << "mp3"
                                  << "MP3" << "MPEG Layer III" << 1 << 0.06;
        QTest::newRow("aiff pcm16 stereo") << int(SF_FORMAT_AIFF | SF_FORMAT_PCM_16) << "aiff"
                                           << "AIFF" << "PCM 16-bit" << 2 << 0.0;
        QTest::newRow("aiff pcm24 mono") << int(SF_FORMAT_AIFF | SF_FORMAT_PCM_24) << "aif"
                                         << "AIFF" << "PCM 24-bit" << 1 << 0.0;
    }
    void otherFormatsDecode()
    {
        QFETCH(int, sfFormat);
        QFETCH(QString, suffix);
        QFETCH(QString, containerName);
        QFETCH(QString, formatName);
        QFETCH(int, channels);
        QFETCH(double, durationTolerance);
        // GIVEN one second of a 1 kHz sine at 44.1 kHz, amplitude 0.5, encoded by libsndfile
        QTemporaryDir dir;
        const QString path = dir.filePath("tone." + suffix);
        writeWithLibsndfile(path, sfFormat, 44100, channels, 1.0, 1000.0);
        if (QTest::currentTestFailed())
            return;
        // WHEN it is probed and decoded
        const AudioFileInfo info = probeAudio(path);
        const AudioData read = readAudio(path);
        // THEN format, rate, channels and duration are right
        QCOMPARE(info.container, containerName);
        QCOMPARE(info.sampleFormat, formatName);
        QCOMPARE(info.sampleRate, 44100);
        QCOMPARE(info.channels, channels);
        QCOMPARE(read.sampleRate, 44100);
        QCOMPARE(read.channelCount(), channels);
        QVERIFY2(std::abs(read.durationSeconds() - 1.0) <= durationTolerance + 1e-9,
                 qPrintable(QString::number(read.durationSeconds())));
        // AND the decoded tone has the right frequency and energy (away from codec edges)
        const std::size_t from = 4410, to = 4410 + 22050; // 0.1 s .. 0.6 s
        for (int c = 0; c < channels; ++c) {
            const int crossings = zeroCrossings(read.channels[c], from, to);
            QVERIFY2(std::abs(crossings - 1000) <= 4, qPrintable(QString::number(crossings)));
            const double level = rms(read.channels[c], from, to);
            QVERIFY2(std::abs(level - 0.5 / std::sqrt(2.0)) < 0.02, qPrintable(QString::number(level)));
        }
    }

    void committedFixturesDecode_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("containerName");
        QTest::addColumn<QString>("formatName");
        QTest::addColumn<int>("rate");
        QTest::addColumn<int>("channels");
        QTest::addColumn<double>("seconds");
        QTest::addColumn<double>("durationTolerance");
        QTest::newRow("ogg") << "tone1k-mono-0.25s.ogg" << "OGG" << "Vorbis" << 44100 << 1 << 0.25
                             << 0.001;
        QTest::newRow("mp3") << "tone1k-mono-0.25s.mp3" << "MP3" << "MPEG Layer III" << 44100 << 1
                             << 0.25 << 0.06;
        QTest::newRow("aiff") << "tone1k-stereo-0.1s.aiff" << "AIFF" << "PCM 16-bit" << 22050 << 2
                              << 0.1 << 0.0;
        QTest::newRow("wavex 24") << "tone1k-stereo-0.1s-wavex24.wav" << "WAV" << "PCM 24-bit"
                                  << 16000 << 2 << 0.1 << 0.0;
    }
    void committedFixturesDecode()
    {
        QFETCH(QString, file);
        QFETCH(QString, containerName);
        QFETCH(QString, formatName);
        QFETCH(int, rate);
        QFETCH(int, channels);
        QFETCH(double, seconds);
        QFETCH(double, durationTolerance);
        // GIVEN a committed fixture holding a 1 kHz sine of amplitude 0.5 (see its README)
        const QString path = QStringLiteral(MIRSTUDIO_TEST_DATA_DIR "/audio/") + file;
        QVERIFY2(QFile::exists(path), qPrintable(path));
        // WHEN it is probed and decoded
        const AudioFileInfo info = probeAudio(path);
        const AudioData read = readAudio(path);
        // THEN the header facts and the tone are right
        QCOMPARE(info.container, containerName);
        QCOMPARE(info.sampleFormat, formatName);
        QCOMPARE(info.sampleRate, rate);
        QCOMPARE(info.channels, channels);
        QCOMPARE(read.channelCount(), channels);
        QVERIFY2(std::abs(read.durationSeconds() - seconds) <= durationTolerance + 1e-9,
                 qPrintable(QString::number(read.durationSeconds())));
        const auto n = static_cast<std::size_t>(read.frames());
        const std::size_t from = n / 4, to = 3 * n / 4; // skip codec start-up and tail
        const double expectedCrossings = 2000.0 * double(to - from) / rate;
        for (int c = 0; c < channels; ++c) {
            const int crossings = zeroCrossings(read.channels[c], from, to);
            QVERIFY2(std::abs(crossings - expectedCrossings) <= 3,
                     qPrintable(QString::number(crossings)));
            const double level = rms(read.channels[c], from, to);
            QVERIFY2(std::abs(level - 0.5 / std::sqrt(2.0)) < 0.02,
                     qPrintable(QString::number(level)));
        }
    }

    void writeIsAtomic()
    {
        // GIVEN an existing file at the destination
        QTemporaryDir dir;
        const QString path = dir.filePath("keep.wav");
        const AudioData good = makeSignal(1, 1000, 44100);
        writeAudio(path, good, {});
        const QByteArray before = [&] { QFile f(path); f.open(QIODevice::ReadOnly); return f.readAll(); }();
        QVERIFY(!before.isEmpty());
        // WHEN writes fail: float in FLAC, empty data, channels of unequal length
        QVERIFY_THROWS_EXCEPTION(MediaError, writeAudio(path, good,
                                 {AudioContainer::Flac, AudioSampleFormat::Float32}));
        QVERIFY_THROWS_EXCEPTION(MediaError, writeAudio(path, AudioData{}, {}));
        AudioData ragged = makeSignal(2, 100, 44100);
        ragged.channels[1].pop_back();
        QVERIFY_THROWS_EXCEPTION(MediaError, writeAudio(path, ragged, {}));
        // AND a streaming write is abandoned half way
        {
            AudioFileWriter writer(path, {}, 44100, 1);
            writer.writeFrames(good);
            QCOMPARE(writer.framesWritten(), std::int64_t(1000));
            QVERIFY(!tempsOf(path).isEmpty());
        } // destroyed without commit()
        // THEN the existing file is untouched and no temporary file is left
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), before);
        QVERIFY(tempsOf(path).isEmpty());
        // AND a successful write replaces it
        writeAudio(path, makeSignal(1, 500, 22050), {});
        QCOMPARE(probeAudio(path).frames, std::int64_t(500));
        QVERIFY(tempsOf(path).isEmpty());
    }

    void writeErrorsNameTheProblem()
    {
        QTemporaryDir dir;
        const AudioData good = makeSignal(2, 100, 44100);
        // GIVEN a folder that does not exist
        const QString missing = dir.filePath("no/such/folder/x.wav");
        // THEN writing there fails naming the path
        try {
            writeAudio(missing, good, {});
            QFAIL("no MediaError");
        } catch (const MediaError &e) {
            QCOMPARE(e.file(), missing);
            QVERIFY2(e.message().contains("cannot create"), e.what());
        }
        // GIVEN float in FLAC THEN the message says so
        try {
            writeAudio(dir.filePath("x.flac"), good, {AudioContainer::Flac, AudioSampleFormat::Float32});
            QFAIL("no MediaError");
        } catch (const MediaError &e) {
            QVERIFY2(e.message().contains("FLAC cannot store float"), e.what());
        }
        try {
            writeAudio(dir.filePath("e.wav"), AudioData::silence(2, 0, 44100), {});
            QFAIL("no MediaError");
        } catch (const MediaError &e) {
            QVERIFY2(e.message().contains("no audio frames to write"), e.what());
        }
        AudioData zeroRate = good;
        zeroRate.sampleRate = 0;
        QVERIFY_THROWS_EXCEPTION(MediaError, writeAudio(dir.filePath("z.wav"), zeroRate, {}));
        QVERIFY(QDir(dir.path()).entryList(QDir::Files).isEmpty());
    }

    void audioDataBasics()
    {
        // GIVEN 3 s of stereo silence with one loud sample
        AudioData d = AudioData::silence(2, 3 * 8000, 8000);
        d.channels[1][5] = -0.75f;
        // THEN the accessors agree
        QCOMPARE(d.frames(), std::int64_t(24000));
        QCOMPARE(d.channelCount(), 2);
        QCOMPARE(d.durationSeconds(), 3.0);
        QCOMPARE(d.peak(), 0.75f);
        QVERIFY(d.isConsistent());
        QVERIFY(AudioData{}.isEmpty());
        QCOMPARE(AudioData{}.peak(), 0.0f);
    }
};

QTEST_GUILESS_MAIN(TestAudioFile)
#include "tst_audiofile.moc"
