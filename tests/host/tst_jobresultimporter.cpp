// SPDX-License-Identifier: GPL-3.0-or-later
// JobResultImporter: a job's outputs enter the session as one undoable command with provenance.
#include "core/host/jobresultimporter.h"
#include "core/media/audiofile.h"
#include "core/session/session.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

using namespace mirstudio;

namespace {

sdk::AudioBuffer ramp(double rate, double seconds)
{
    sdk::AudioBuffer a;
    a.sampleRate = rate;
    a.channels.assign(2, std::vector<float>(size_t(rate * seconds)));
    for (size_t i = 0; i < a.channels[0].size(); ++i)
        a.channels[0][i] = a.channels[1][i] = 0.5f * float(std::sin(0.01 * double(i)));
    return a;
}

JobInfo finishedJob()
{
    JobInfo job;
    job.id = 7;
    job.request.plugin = QStringLiteral("echo");
    job.request.method = QStringLiteral("all");
    job.pluginVersion = QStringLiteral("1.0.0");
    job.resolvedParams = {{QStringLiteral("gain"), -3.0}};
    job.state = JobState::Done;
    sdk::StemSet stems;
    stems.order = {QStringLiteral("vocals"), QStringLiteral("accompaniment")};
    stems.stems.insert(QStringLiteral("vocals"), ramp(22050.0, 0.5));
    stems.stems.insert(QStringLiteral("accompaniment"), ramp(22050.0, 0.5));
    job.outputs.insert(QStringLiteral("stems"), stems);
    sdk::NoteSequence notes;
    notes.notes.push_back({60, 100, 0.0, 0.5, 0, 0});
    notes.notes.push_back({64, 90, 0.5, 1.0, 0, 0});
    job.outputs.insert(QStringLiteral("notes"), notes);
    sdk::AnnotationSet beats;
    beats.kind = QStringLiteral("beats");
    beats.items.push_back({0.5, 0.0, QStringLiteral("1"), 0.0, false});
    beats.items.push_back({1.0, 0.25, QStringLiteral("chorus"), 0.0, false});
    job.outputs.insert(QStringLiteral("beats"), beats);
    job.outputs.insert(QStringLiteral("codes"), sdk::LatentSet{});
    return job;
}

} // namespace

class TestJobResultImporter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void importsAsOneUndoableStep()
    {
        // GIVEN an empty session and a finished job with stems, notes, annotations and a latent set
        QTemporaryDir dir;
        Session session;
        const QDir base(dir.path());
        const QJsonObject before = session.toJson(base);
        JobResultImporter importer(&session, dir.filePath(QStringLiteral("media")));
        const SourceId input = SourceId::create();
        // WHEN imported
        const QList<TrackId> tracks = importer.import(finishedJob(), {input});
        // THEN three tracks (latent has no lane), one undo step, provenance on each
        QCOMPARE(tracks.size(), 3);
        QCOMPARE(session.trackCount(), 3);
        QCOMPARE(session.undoStack()->count(), 1);
        QCOMPARE(session.undoStack()->undoText(), QStringLiteral("Add echo all result"));
        const Track *notes = nullptr;
        const Track *stems = nullptr;
        const Track *beats = nullptr;
        for (const Track &t : session.tracks()) {
            QVERIFY(t.provenance.has_value());
            QCOMPARE(t.provenance->plugin, QStringLiteral("echo"));
            QCOMPARE(t.provenance->version, QStringLiteral("1.0.0"));
            QCOMPARE(t.provenance->params.value(QLatin1String("gain")).toDouble(), -3.0);
            QCOMPARE(t.provenance->inputs, QList<SourceId>{input});
            (t.kind == Track::Kind::Midi ? notes : t.kind == Track::Kind::StemGroup ? stems : beats) = &t;
        }
        QVERIFY(notes && stems && beats);
        // AND the stems are float WAV files at the session rate in the media folder
        QCOMPARE(stems->stems.size(), size_t(2));
        QCOMPARE(stems->stems[0].name, QStringLiteral("vocals"));
        const auto source = session.mediaPool().source(stems->stems[0].source);
        QVERIFY(source);
        QVERIFY(source->path.startsWith(dir.filePath(QStringLiteral("media/"))));
        const media::AudioFileInfo info = media::probeAudio(source->path);
        QCOMPARE(info.sampleRate, session.sampleRate());
        QCOMPARE(info.frames, source->frames);
        QCOMPARE(source->frames, std::int64_t(session.sampleRate() / 2));
        // AND notes are placed by the tempo map, annotations in frames
        const media::TempoMap &tempo = session.tempoMap();
        QCOMPARE(notes->clips.front().notes.size(), size_t(2));
        QCOMPARE(notes->clips.front().notes[1].start, std::llround(tempo.tickAt(0.5)));
        QCOMPARE(notes->clips.front().notes[1].length, std::llround(tempo.tickAt(1.5)) - std::llround(tempo.tickAt(0.5)));
        QCOMPARE(beats->items.size(), size_t(2));
        QCOMPARE(beats->items[0].kind, AnnotationItem::Kind::Label);
        QCOMPARE(beats->items[1].kind, AnnotationItem::Kind::Region);
        QCOMPARE(beats->items[1].length, std::int64_t(session.sampleRate() / 4));
        const QJsonObject after = session.toJson(base);

        // WHEN undone THEN the session equals the one before
        session.undoStack()->undo();
        QCOMPARE(session.toJson(base), before);
        QCOMPARE(session.trackCount(), 0);
        // WHEN redone THEN everything is back, same ids and files, without running anything
        session.undoStack()->redo();
        QCOMPARE(session.toJson(base), after);
        QVERIFY(QFile::exists(source->path));
    }

    void unwritableMediaFolderPushesNothing()
    {
        // GIVEN a media folder that cannot be created WHEN importing stems THEN it throws, nothing changes
        Session session;
        JobResultImporter importer(&session, QStringLiteral("/proc/mirstudio-media"));
        QVERIFY_THROWS_EXCEPTION(std::exception, importer.import(finishedJob()));
        QCOMPARE(session.trackCount(), 0);
        QCOMPARE(session.undoStack()->count(), 0);
    }
};

QTEST_GUILESS_MAIN(TestJobResultImporter)
#include "tst_jobresultimporter.moc"
