// SPDX-License-Identifier: GPL-3.0-or-later
// Offline stem rendering with FluidSynth: stems sound where their notes are, the mixture is the
// exact float sum of the stems, the same seed gives the same bytes, and the dataset entry point
// renders the committed POP909 excerpt (2 songs) into the stems-folder layout.
#include "core/media/audiofile.h"
#include "plugins/sdk/pluginerror.h"
#include "plugins/sdk/recordingjobcontext.h"
#include "plugins/toolkit/chordsymbol.h"
#include "plugins/toolkit/stemfolderdataset.h"
#include "plugins/toolkit/stemrenderer.h"
#include "plugins/toolkit/stemsources.h"

#include <QCryptographicHash>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

using namespace mirstudio;
using namespace mirstudio::toolkit;

namespace {

sdk::Note makeNote(int pitch, double start, double duration, int channel = 0)
{
    sdk::Note n;
    n.pitch = pitch;
    n.start = start;
    n.duration = duration;
    n.channel = channel;
    return n;
}

double rms(const media::AudioData &audio, double from, double to)
{
    const auto a = std::int64_t(from * audio.sampleRate), b = std::int64_t(to * audio.sampleRate);
    double sum = 0.0;
    for (const auto &ch : audio.channels) {
        for (std::int64_t i = a; i < b; ++i)
            sum += double(ch[size_t(i)]) * ch[size_t(i)];
    }
    return std::sqrt(sum / double((b - a) * audio.channelCount()));
}

QByteArray fileHash(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256) : QByteArray();
}

StemRenderOptions quickOptions()
{
    StemRenderOptions o;
    // The small GM font keeps the test fast; the full FluidR3 renders the same way.
    if (QFileInfo::exists(QStringLiteral("/usr/share/sounds/sf2/TimGM6mb.sf2")))
        o.soundFont = QStringLiteral("/usr/share/sounds/sf2/TimGM6mb.sf2");
    o.tailSeconds = 0.5;
    return o;
}

} // namespace

class TestStemRenderer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        try {
            findSoundFont(quickOptions().soundFont);
        } catch (const sdk::PluginError &) {
            QSKIP("no General MIDI SoundFont on this machine (fluid-soundfont-gm / timgm6mb-soundfont)");
        }
    }

    void chordLabels()
    {
        // GIVEN labels of the three notations
        // THEN root and chord tones are read
        QCOMPARE(ChordSymbol::parse(QStringLiteral("Bb:min7")).pitchClasses(), (std::vector<int>{10, 1, 5, 8}));
        QCOMPARE(ChordSymbol::parse(QStringLiteral("Gj7")).pitchClasses(), (std::vector<int>{7, 11, 2, 6}));
        QCOMPARE(ChordSymbol::parse(QStringLiteral("Am")).pitchClasses(), (std::vector<int>{9, 0, 4}));
        QCOMPARE(ChordSymbol::parse(QStringLiteral("D7")).pitchClasses(), (std::vector<int>{2, 6, 9, 0}));
        QVERIFY(!ChordSymbol::parse(QStringLiteral("N")).isChord());
    }

    void arrangementsOfEveryDatasetKind()
    {
        // GIVEN the committed excerpts of each symbolic dataset kind
        const QString root = QStringLiteral(MIRSTUDIO_TEST_DATA_DIR "/toolkit/datasets/");
        const QList<QPair<QString, int>> sources = {{"pop909", 2}, {"pop909/001", 1},
            {"nottingham", 2}, {"nottingham/abc/ashover.abc", 2}, {"wjazzd", 1},
            {"jsb_excerpt.json", 3}};
        for (const auto &[rel, songs] : sources) {
            // WHEN arranged for stems
            const auto arrangements = arrangementsFrom(root + rel);
            // THEN every song has a lead, a bass line, drums and an accompaniment
            QCOMPARE(int(arrangements.size()), songs);
            for (const StemArrangement &a : arrangements) {
                QCOMPARE(a.order, (QStringList{"vocals", "bass", "drums", "other"}));
                for (const QString &stem : a.order)
                    QVERIFY2(!a.stems.value(stem).notes.empty(), qPrintable(rel + ": " + stem));
                for (const sdk::Note &n : a.stems.value("drums").notes)
                    QCOMPARE(n.channel, 9);
                QVERIFY(a.endSeconds() > 1.0);
            }
        }
        // AND the bass follows the chords where there are chords: POP909 001's fifth chord is
        // B:maj from 2.72 s, so the bass at the beat there is a B
        const auto pop = arrangementsFrom(root + "pop909/001").front();
        bool sawB = false;
        for (const sdk::Note &n : pop.stems.value("bass").notes)
            sawB |= std::abs(n.start - 2.721993) < 0.05 && n.pitch % 12 == 11;
        QVERIFY(sawB);
        QVERIFY_THROWS_EXCEPTION(sdk::PluginError, arrangementsFrom(root + "nothing.txt"));
    }

    void stemsSoundWhereTheirNotesAre()
    {
        // GIVEN a lead note at 1.0-1.5 s, a bass note at 2.0-2.5 s and a kick at 0.3 s
        StemArrangement song;
        song.id = QStringLiteral("aligned");
        song.order = {"vocals", "bass", "drums"};
        song.stems["vocals"].notes = {makeNote(72, 1.0, 0.5)};
        song.stems["bass"].notes = {makeNote(40, 2.0, 0.5)};
        song.stems["drums"].notes = {makeNote(36, 0.3, 0.1, 9)};
        QTemporaryDir out;
        // WHEN rendered
        const RenderedSong r = renderStemSong(song, out.path(), quickOptions());
        const auto vocals = media::readAudio(r.folder + "/vocals.wav");
        const auto bass = media::readAudio(r.folder + "/bass.wav");
        const auto drums = media::readAudio(r.folder + "/drums.wav");
        // THEN 44.1 kHz stereo, 3 s long (last note end 2.5 s + 0.5 s tail)
        QCOMPARE(vocals.sampleRate, 44100);
        QCOMPARE(vocals.channelCount(), 2);
        QCOMPARE(vocals.frames(), std::int64_t(3 * 44100));
        // AND each stem is silent before its note and sounds during it
        QCOMPARE(rms(vocals, 0.0, 0.99), 0.0);
        QVERIFY(rms(vocals, 1.05, 1.45) > 1e-3);
        QCOMPARE(rms(bass, 0.0, 1.99), 0.0);
        QVERIFY(rms(bass, 2.05, 2.45) > 1e-3);
        QCOMPARE(rms(drums, 0.0, 0.29), 0.0);
        QVERIFY(rms(drums, 0.3, 0.4) > 1e-3);
        QVERIFY(rms(drums, 0.3, 0.4) > 20.0 * rms(drums, 1.5, 2.5));
    }

    void datasetRenderIsExactAndDeterministic()
    {
        // GIVEN the committed POP909 excerpt (2 songs), cut to 3 s
        StemRenderOptions options = quickOptions();
        options.maxSeconds = 3.0;
        options.seed = 42;
        QTemporaryDir a, b, c;
        sdk::RecordingJobContext job;
        // WHEN rendered twice with one seed and once with another
        const auto songs = renderStemDataset(QStringLiteral(MIRSTUDIO_TEST_DATA_DIR "/toolkit/datasets/pop909"),
                                             a.path(), options, &job);
        renderStemDataset(QStringLiteral(MIRSTUDIO_TEST_DATA_DIR "/toolkit/datasets/pop909"), b.path(), options);
        options.seed = 43;
        renderStemDataset(QStringLiteral(MIRSTUDIO_TEST_DATA_DIR "/toolkit/datasets/pop909"), c.path(), options);
        // THEN two songs with four stems each, readable as a stems dataset
        QCOMPARE(int(songs.size()), 2);
        QCOMPARE(job.reports().lastProgress, 1.0);
        const auto items = readStemFolders(a.path());
        QCOMPARE(int(items.size()), 2);
        QCOMPARE(items[0].id, QStringLiteral("pop909_001"));
        QCOMPARE(items[0].stemNames, (QStringList{"bass", "drums", "other", "vocals"}));
        bool anyDifferent = false;
        for (const RenderedSong &song : songs) {
            const auto mixture = media::readAudio(song.folder + "/mixture.wav");
            QCOMPARE(mixture.frames(), std::int64_t(3 * 44100));
            QVERIFY(mixture.peak() > 0.05f && mixture.peak() <= 0.9001f);
            // AND the mixture is the float sum of the stems in mixing order, bit for bit
            std::vector<std::vector<float>> sum(2, std::vector<float>(size_t(mixture.frames()), 0.0f));
            for (const QString &stem : song.stems) {
                const auto s = media::readAudio(song.folder + "/" + stem + ".wav");
                QVERIFY2(s.peak() > 0.0f, qPrintable(stem + " is silent"));
                for (int ch = 0; ch < 2; ++ch) {
                    for (size_t i = 0; i < sum[0].size(); ++i)
                        sum[size_t(ch)][i] += s.channels[size_t(ch)][i];
                }
            }
            QVERIFY(sum == mixture.channels);
            // AND the same seed gives the same bytes; another seed other programs or gains
            const QString name = QFileInfo(song.folder).fileName();
            for (const QString &file : QStringList{"mixture.wav", "vocals.wav", "drums.wav"})
                QCOMPARE(fileHash(b.path() + "/" + name + "/" + file), fileHash(song.folder + "/" + file));
            anyDifferent |= fileHash(c.path() + "/" + name + "/mixture.wav") != fileHash(song.folder + "/mixture.wav");
        }
        QVERIFY(anyDifferent);
    }

    void cancelStopsAndLeavesNoSong()
    {
        // GIVEN a cancelled job
        sdk::RecordingJobContext job;
        job.cancel();
        QTemporaryDir out;
        // WHEN a dataset render starts
        // THEN it stops with Cancelled and writes nothing
        QVERIFY_THROWS_EXCEPTION(sdk::Cancelled,
            renderStemDataset(QStringLiteral(MIRSTUDIO_TEST_DATA_DIR "/toolkit/datasets/pop909"),
                              out.path(), quickOptions(), &job));
        QVERIFY(QDir(out.path()).entryList(QDir::Dirs | QDir::NoDotAndDotDot).isEmpty());
    }

    void missingSoundFontIsNamed()
    {
        // GIVEN an explicit SoundFont path that does not exist
        StemRenderOptions options = quickOptions();
        options.soundFont = QStringLiteral("/nonexistent/font.sf2");
        qputenv("MIRSTUDIO_SOUNDFONT", "/nonexistent/other.sf2");
        // THEN the search falls back to the system fonts; the error (if none) names each path
        const QString found = findSoundFont(options.soundFont);
        QVERIFY(found.startsWith(QStringLiteral("/usr/share/sounds/sf2/")));
        qunsetenv("MIRSTUDIO_SOUNDFONT");
    }
};

QTEST_GUILESS_MAIN(TestStemRenderer)
#include "tst_stemrenderer.moc"
