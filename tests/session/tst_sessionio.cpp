// SPDX-License-Identifier: GPL-3.0-or-later
// Session files: round trip, relative media paths, version check, precise errors for malformed
// documents, atomic writes that keep the old file when writing fails.
#include "core/session/addclipcommand.h"
#include "core/session/addsourcecommand.h"
#include "core/session/addstemgroupcommand.h"
#include "core/session/addtrackcommand.h"
#include "core/media/atomicfile.h"
#include "core/session/renamesessioncommand.h"
#include "core/session/session.h"
#include "core/session/sessionerror.h"
#include "core/session/sessionjson.h"
#include "core/session/setannotationitemscommand.h"
#include "core/session/setloopcommand.h"
#include "core/session/settempomapcommand.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <sys/resource.h>
#include <unistd.h>

using namespace mirstudio;

namespace {

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

void writeAll(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    QCOMPARE(f.write(bytes), bytes.size());
}

QByteArray compact(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

/** Fills `s` with every kind of content; media lives under `mediaDir`. */
void populate(Session &s, const QString &mediaDir)
{
    s.push(new RenameSessionCommand(&s, QStringLiteral("Round trip ♫")));
    MediaSource a;
    a.path = mediaDir + QStringLiteral("/audio/take1.wav");
    a.sampleRate = 44100;
    a.channels = 2;
    a.frames = 441000;
    a.sha256 = QStringLiteral("ab12");
    auto *addA = new AddSourceCommand(&s, a);
    const SourceId src = addA->sourceId();
    s.push(addA);

    Track t;
    t.kind = Track::Kind::Audio;
    t.name = QStringLiteral("Guitar");
    t.gainDb = -3.25;
    t.pan = -0.5;
    t.mute = true;
    t.colour = QColor(0x12, 0x34, 0x56);
    auto *addT = new AddTrackCommand(&s, t);
    const TrackId audio = addT->trackId();
    s.push(addT);
    Clip c;
    c.source = src;
    c.start = 48000;
    c.offset = 100;
    c.length = 9000;
    c.gainDb = 1.5;
    s.push(new AddClipCommand(&s, audio, c));

    Track m;
    m.kind = Track::Kind::Midi;
    m.name = QStringLiteral("Piano");
    m.recordArm = true;
    auto *addM = new AddTrackCommand(&s, m);
    const TrackId midi = addM->trackId();
    s.push(addM);
    Clip mc;
    mc.length = 96000;
    mc.notes = {{60, 100, 0, 480, 0}, {64, 90, 480, 480, 9}};
    mc.provenance = Provenance{QStringLiteral("music-transformer"), QStringLiteral("0.3"),
                               QStringLiteral("generate"),
                               QJsonObject{{QStringLiteral("temperature"), 0.9}},
                               {src},
                               QDateTime(QDate(2026, 3, 4), QTime(5, 6, 7, 89), Qt::UTC)};
    s.push(new AddClipCommand(&s, midi, mc));

    MediaSource v;
    v.path = mediaDir + QStringLiteral("/stems/vocals.wav");
    s.push(new AddStemGroupCommand(&s, QStringLiteral("Stems"), {{QStringLiteral("vocals"), v}}));

    Track n;
    n.kind = Track::Kind::Annotation;
    n.name = QStringLiteral("Sections");
    auto *addN = new AddTrackCommand(&s, n);
    const TrackId ann = addN->trackId();
    s.push(addN);
    s.push(SetAnnotationItemsCommand::addItem(
        &s, ann, {AnnotationItem::Kind::Region, 0, 48000, QStringLiteral("intro"), 0.0}));
    s.push(SetAnnotationItemsCommand::addItem(
        &s, ann, {AnnotationItem::Kind::Value, 100, 0, QString(), 261.63}));

    s.push(SetTempoMapCommand::setTempo(&s, {3840, 428571.4285714286}));
    s.push(SetTempoMapCommand::setTimeSignature(&s, {1920, 7, 8}));
    s.push(new SetLoopCommand(&s, {1000, 2000, true}));
}

/** Sets (or, with an undefined value, removes) the field at a path like "a.b[2].c". */
QJsonValue setAt(QJsonValue node, QStringList tokens, const QJsonValue &value)
{
    if (tokens.isEmpty())
        return value;
    const QString token = tokens.takeFirst();
    if (token.startsWith(QLatin1Char('['))) {
        const int i = token.mid(1, token.size() - 2).toInt();
        QJsonArray a = node.toArray();
        a[i] = setAt(a.at(i), tokens, value);
        return a;
    }
    QJsonObject o = node.toObject();
    if (tokens.isEmpty() && value.isUndefined())
        o.remove(token);
    else
        o[token] = setAt(o.value(token), tokens, value);
    return o;
}

QJsonObject withField(const QJsonObject &doc, const QString &path, const QJsonValue &value)
{
    QStringList tokens;
    const QRegularExpression re(QStringLiteral("([^.\\[]+)|(\\[\\d+\\])"));
    for (auto it = re.globalMatch(path); it.hasNext();)
        tokens << it.next().captured(0);
    return setAt(doc, tokens, value).toObject();
}

QStringList tempFilesIn(const QString &dir)
{
    return QDir(dir).entryList({QStringLiteral("*.part-*")}, QDir::Files | QDir::Hidden);
}

} // namespace

class TestSessionIo : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTrip()
    {
        // GIVEN a session with every kind of content saved to a file
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        Session original;
        populate(original, dir.path() + QStringLiteral("/media"));
        const QString path = dir.filePath(QStringLiteral("song.mirsession"));
        original.save(path);
        QVERIFY(original.undoStack()->isClean());

        // WHEN it is loaded into another session
        Session loaded;
        loaded.load(path);

        // THEN the documents are equal, field by field too
        QCOMPARE(compact(loaded.toJson(QDir(dir.path()))), compact(original.toJson(QDir(dir.path()))));
        QCOMPARE(loaded.data().tracks, original.data().tracks);
        QVERIFY(loaded.mediaPool() == original.mediaPool());
        QVERIFY(loaded.tempoMap() == original.tempoMap());
        QCOMPARE(loaded.loop(), original.loop());
        QCOMPARE(loaded.name(), QStringLiteral("Round trip ♫"));
        QCOMPARE(loaded.trackCount(), 4);
        QCOMPARE(loaded.tracks()[0].colour, QColor(0x12, 0x34, 0x56));
        QCOMPARE(loaded.tracks()[1].clips[0].notes[1].channel, 9);
        QCOMPARE(loaded.tracks()[1].clips[0].provenance->createdAt,
                 QDateTime(QDate(2026, 3, 4), QTime(5, 6, 7, 89), Qt::UTC));
        QCOMPARE(loaded.tempoMap().timeSignatureAt(2000).numerator, 7);
        QCOMPARE(loaded.filePath(), QFileInfo(path).absoluteFilePath());
        QVERIFY(loaded.undoStack()->isClean());
        QCOMPARE(loaded.undoStack()->count(), 0);

        // AND the file says what it is
        const QJsonObject raw = QJsonDocument::fromJson(readAll(path)).object();
        QCOMPARE(raw.value(QStringLiteral("format")).toString(), QStringLiteral("mirstudio-session"));
        QCOMPARE(raw.value(QStringLiteral("version")).toInt(), 1);
        QVERIFY(tempFilesIn(dir.path()).isEmpty());
    }

    void mediaPathsAreRelative()
    {
        // GIVEN a project folder holding the session and its media
        QTemporaryDir root;
        const QString project = root.filePath(QStringLiteral("project"));
        QVERIFY(QDir().mkpath(project + QStringLiteral("/media/audio")));
        writeAll(project + QStringLiteral("/media/audio/take1.wav"), "RIFF");
        Session s;
        populate(s, project + QStringLiteral("/media"));
        s.save(project + QStringLiteral("/song.mirsession"));
        const QJsonObject raw =
            QJsonDocument::fromJson(readAll(project + QStringLiteral("/song.mirsession"))).object();
        QCOMPARE(raw[QStringLiteral("sources")].toArray()[0].toObject()[QStringLiteral("path")].toString(),
                 QStringLiteral("media/audio/take1.wav"));

        // WHEN the whole folder moves
        const QString moved = root.filePath(QStringLiteral("elsewhere/renamed"));
        QVERIFY(QDir().mkpath(root.filePath(QStringLiteral("elsewhere"))));
        QVERIFY(QDir().rename(project, moved));
        Session loaded;
        loaded.load(moved + QStringLiteral("/song.mirsession"));

        // THEN the media resolve inside the new folder
        const QString resolved = loaded.mediaPool().sources()[0]->path;
        QCOMPARE(resolved, moved + QStringLiteral("/media/audio/take1.wav"));
        QVERIFY(QFileInfo::exists(resolved));
    }

    void newerVersionIsRejected()
    {
        // GIVEN a document of format version 2
        QTemporaryDir dir;
        Session s;
        populate(s, dir.path());
        QJsonObject doc = s.toJson(QDir(dir.path()));
        doc[QStringLiteral("version")] = 2;
        const QString path = dir.filePath(QStringLiteral("future.mirsession"));
        writeAll(path, QJsonDocument(doc).toJson());

        // WHEN it is loaded THEN a clear error names the version, and the session is unchanged
        Session target;
        const QByteArray before = compact(target.toJson(QDir(dir.path())));
        try {
            target.load(path);
            QFAIL("a newer version loaded");
        } catch (const SessionError &e) {
            QCOMPARE(e.file(), QStringLiteral("future.mirsession"));
            QCOMPARE(e.jsonPath(), QStringLiteral("version"));
            QVERIFY2(e.text().contains(QStringLiteral("format version 2, written by a newer MIR Studio")),
                     qPrintable(e.text()));
        }
        QCOMPARE(compact(target.toJson(QDir(dir.path()))), before);
    }

    void malformedDocuments_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QJsonValue>("value");
        QTest::addColumn<QString>("expected");
        const QString ghost = SourceId::create().toString();
        auto row = [](const char *name, const QString &field, const QJsonValue &v, const QString &e) {
            QTest::newRow(name) << field << v << e;
        };
        row("string start", QStringLiteral("tracks[0].clips[0].start"), QStringLiteral("12"),
            QStringLiteral("tracks[0].clips[0].start: expected integer, found string"));
        row("fractional start", QStringLiteral("tracks[0].clips[0].start"), 1.5,
            QStringLiteral("tracks[0].clips[0].start: expected integer, found number 1.5"));
        row("missing start", QStringLiteral("tracks[0].clips[0].start"), QJsonValue(QJsonValue::Undefined),
            QStringLiteral("tracks[0].clips[0].start: expected integer, found nothing (field missing)"));
        row("negative length", QStringLiteral("tracks[0].clips[0].length"), -1,
            QStringLiteral("tracks[0].clips[0].length: expected integer in [0, 9007199254740992], found -1"));
        row("huge length", QStringLiteral("tracks[0].clips[0].length"), 1e300,
            QStringLiteral("tracks[0].clips[0].length: expected integer, found number 1e+300"));
        row("unknown clip source", QStringLiteral("tracks[0].clips[0].source"), ghost,
            QStringLiteral("tracks[0].clips[0].source: expected the id of a source in \"sources\", found ") + ghost);
        row("bad track id", QStringLiteral("tracks[0].id"), QStringLiteral("nope"),
            QStringLiteral("tracks[0].id: expected id (UUID), found \"nope\""));
        row("track kind", QStringLiteral("tracks[1].kind"), QStringLiteral("video"),
            QStringLiteral("tracks[1].kind: expected \"audio\", \"midi\", \"stemGroup\" or \"annotation\", found \"video\""));
        row("pitch range", QStringLiteral("tracks[1].clips[0].notes[1].pitch"), 128,
            QStringLiteral("tracks[1].clips[0].notes[1].pitch: expected integer in [0, 127], found 128"));
        row("pan range", QStringLiteral("tracks[0].pan"), 2,
            QStringLiteral("tracks[0].pan: expected number in [-1, 1], found 2"));
        row("mute type", QStringLiteral("tracks[0].mute"), 1,
            QStringLiteral("tracks[0].mute: expected boolean, found number 1"));
        row("colour", QStringLiteral("tracks[0].colour"), QStringLiteral("blue"),
            QStringLiteral("tracks[0].colour: expected colour \"#rrggbb\", found \"blue\""));
        row("tracks not array", QStringLiteral("tracks"), QJsonObject(),
            QStringLiteral("tracks: expected array, found object"));
        row("track not object", QStringLiteral("tracks[2]"), 5,
            QStringLiteral("tracks[2]: expected object, found number 5"));
        row("stem source", QStringLiteral("tracks[2].stems[0].source"), ghost,
            QStringLiteral("tracks[2].stems[0].source: expected the id of a source in \"sources\", found ") + ghost);
        row("item kind", QStringLiteral("tracks[3].items[0].kind"), QStringLiteral("chord"),
            QStringLiteral("tracks[3].items[0].kind: expected \"region\", \"label\" or \"value\", found \"chord\""));
        row("source kind", QStringLiteral("sources[0].kind"), 3,
            QStringLiteral("sources[0].kind: expected string, found number 3"));
        row("source path missing", QStringLiteral("sources[0].path"), QJsonValue(QJsonValue::Undefined),
            QStringLiteral("sources[0].path: expected string, found nothing (field missing)"));
        row("provenance date", QStringLiteral("tracks[1].clips[0].provenance.createdAt"), QStringLiteral("yesterday"),
            QStringLiteral("tracks[1].clips[0].provenance.createdAt: expected ISO 8601 date-time, found \"yesterday\""));
        row("provenance input", QStringLiteral("tracks[1].clips[0].provenance.inputs[0]"), 7,
            QStringLiteral("tracks[1].clips[0].provenance.inputs[0]: expected id string, found number 7"));
        row("denominator", QStringLiteral("tempoMap.timeSignatures[1].denominator"), 3,
            QStringLiteral("tempoMap.timeSignatures[1].denominator: expected a power of two, found 3"));
        row("tempo", QStringLiteral("tempoMap.tempos[0].microsPerQuarter"), 0,
            QStringLiteral("tempoMap.tempos[0].microsPerQuarter: expected number in [1, 1e+09], found 0"));
        row("ppq", QStringLiteral("tempoMap.ppq"), 0,
            QStringLiteral("tempoMap.ppq: expected integer in [1, 1048576], found 0"));
        row("loop order", QStringLiteral("loop.end"), 10,
            QStringLiteral("loop.end: expected end >= start (1000), found 10"));
        row("format", QStringLiteral("format"), QStringLiteral("other"),
            QStringLiteral("format: expected \"mirstudio-session\", found \"other\""));
        row("format missing", QStringLiteral("format"), QJsonValue(QJsonValue::Undefined),
            QStringLiteral("format: expected \"mirstudio-session\", found nothing (field missing)"));
        row("version type", QStringLiteral("version"), QStringLiteral("1"),
            QStringLiteral("version: expected integer, found string"));
        row("sample rate", QStringLiteral("sampleRate"), -48000,
            QStringLiteral("sampleRate: expected integer in [1, 10000000], found -48000"));
    }

    void malformedDocuments()
    {
        // GIVEN a valid saved session with one field broken
        QFETCH(QString, field);
        QFETCH(QJsonValue, value);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        Session s;
        populate(s, dir.path());
        const QJsonObject doc = withField(s.toJson(QDir(dir.path())), field, value);
        const QString path = dir.filePath(QStringLiteral("bad.mirsession"));
        writeAll(path, QJsonDocument(doc).toJson());

        // WHEN it is loaded into a session that has content
        Session target;
        populate(target, dir.path());
        const QByteArray before = compact(target.toJson(QDir(dir.path())));
        const int undoSteps = target.undoStack()->count();
        try {
            target.load(path);
            QFAIL("a malformed document loaded");
        } catch (const SessionError &e) {
            // THEN the error names the file, the JSON path and what was expected and found
            QCOMPARE(e.text(), QStringLiteral("bad.mirsession: ") + expected);
            QCOMPARE(e.jsonPath(), field);
        }
        // AND nothing was half-loaded
        QCOMPARE(compact(target.toJson(QDir(dir.path()))), before);
        QCOMPARE(target.undoStack()->count(), undoSteps);
    }

    void duplicateIds()
    {
        // GIVEN a document whose second track repeats the first one's id THEN it is refused
        QTemporaryDir dir;
        Session s;
        populate(s, dir.path());
        QJsonObject doc = s.toJson(QDir(dir.path()));
        const QJsonValue first = doc[QStringLiteral("tracks")].toArray()[0].toObject()[QStringLiteral("id")];
        doc = withField(doc, QStringLiteral("tracks[1].id"), first);
        try {
            SessionJson::read(doc, QDir(dir.path()), QStringLiteral("dup.json"));
            QFAIL("duplicate ids accepted");
        } catch (const SessionError &e) {
            QCOMPARE(e.text(), QStringLiteral("dup.json: tracks[1].id: duplicate track id ") + first.toString());
        }
    }

    void notJson_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("expected");
        QTest::newRow("empty") << QByteArray()
                               << QStringLiteral("x.json: byte 0: invalid JSON: illegal value");
        QTest::newRow("truncated") << QByteArray("{\"format\": \"mirstudio-session\", \"vers")
                                   << QStringLiteral("x.json: byte 38: invalid JSON: unterminated string");
        QTest::newRow("array") << QByteArray("[1, 2]")
                               << QStringLiteral("x.json: expected a JSON object at the top level, found array");
    }

    void notJson()
    {
        // GIVEN bytes that are not a session object WHEN read THEN the error says where and why
        QFETCH(QByteArray, bytes);
        QFETCH(QString, expected);
        try {
            SessionJson::read(bytes, QDir::temp(), QStringLiteral("x.json"));
            QFAIL("garbage accepted");
        } catch (const SessionError &e) {
            QCOMPARE(e.text(), expected);
        }
    }

    void missingFile()
    {
        // GIVEN no file WHEN loaded THEN SessionError, not a crash
        Session s;
        QVERIFY_THROWS_EXCEPTION(SessionError, s.load(QStringLiteral("/nonexistent/x.mirsession")));
    }

    void failedWriteKeepsTheOldFile()
    {
        // GIVEN a saved session
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("song.mirsession"));
        Session s;
        populate(s, dir.path());
        s.save(path);
        const QByteArray old = readAll(path);
        QVERIFY(!old.isEmpty());

        // WHEN it grows and the next save hits a file size limit (as a full disk would; the
        // limit works even for root, unlike folder permissions)
        s.push(new RenameSessionCommand(&s, QStringLiteral("changed")));
        struct rlimit saved;
        QCOMPARE(getrlimit(RLIMIT_FSIZE, &saved), 0);
        const auto oldHandler = std::signal(SIGXFSZ, SIG_IGN);
        struct rlimit small = saved;
        small.rlim_cur = 64;
        QCOMPARE(setrlimit(RLIMIT_FSIZE, &small), 0);
        QString message;
        try {
            s.save(path);
        } catch (const SessionError &e) {
            message = e.text();
        }
        setrlimit(RLIMIT_FSIZE, &saved);
        std::signal(SIGXFSZ, oldHandler);

        // THEN the error is reported, the old file is intact, no temp file is left and the
        // session is still dirty
        QVERIFY2(message.contains(QStringLiteral("cannot save: writing failed")), qPrintable(message));
        QCOMPARE(readAll(path), old);
        QVERIFY(tempFilesIn(dir.path()).isEmpty());
        QVERIFY(!s.undoStack()->isClean());
        Session reloaded;
        reloaded.load(path);
        QCOMPARE(reloaded.name(), QStringLiteral("Round trip ♫"));
    }

    void unwritableFolder()
    {
        // GIVEN a target whose folder does not exist WHEN saved THEN a clear error
        Session s;
        try {
            s.save(QStringLiteral("/nonexistent-folder-mirstudio/song.mirsession"));
            QFAIL("saved into a missing folder");
        } catch (const SessionError &e) {
            QVERIFY2(e.text().contains(QStringLiteral("cannot create a temporary file in /nonexistent-folder-mirstudio")), qPrintable(e.text()));
        }
        if (::geteuid() == 0)
            return; // root ignores folder permissions; the size-limit test covers the rest
        // GIVEN a read-only folder with an old file WHEN saved THEN the old file is intact
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("song.mirsession"));
        s.save(path);
        const QByteArray old = readAll(path);
        QFile::setPermissions(dir.path(), QFileDevice::ReadOwner | QFileDevice::ExeOwner);
        s.push(new RenameSessionCommand(&s, QStringLiteral("changed")));
        QVERIFY_THROWS_EXCEPTION(SessionError, s.save(path));
        QFile::setPermissions(dir.path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                              QFileDevice::ExeOwner);
        QCOMPARE(readAll(path), old);
    }

    void staleTempFilesAreCleaned()
    {
        // GIVEN a temp file left by a writer that died (its pid no longer exists)
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("song.mirsession"));
        const QString stale = media::AtomicFile::tempPrefix(path) + QStringLiteral("2147483646-dead");
        writeAll(dir.filePath(stale), "{half");
        QCOMPARE(tempFilesIn(dir.path()).size(), 1);
        // WHEN the session is saved THEN the stale temp file is gone and the file is complete
        Session s;
        s.save(path);
        QVERIFY(tempFilesIn(dir.path()).isEmpty());
        Session loaded;
        loaded.load(path);
        QCOMPARE(loaded.trackCount(), 0);
    }
};

QTEST_GUILESS_MAIN(TestSessionIo)
#include "tst_sessionio.moc"
