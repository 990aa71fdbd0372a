// SPDX-License-Identifier: GPL-3.0-or-later
// A stem lane's optional reference source (for per-stem SDR) in the session JSON.
#include "core/session/sessiondata.h"
#include "core/session/sessionerror.h"
#include "core/session/sessionjson.h"

#include <QDir>
#include <QJsonArray>
#include <QTest>

using namespace mirstudio;

namespace {

SourceId addSource(SessionData &d, const QString &path)
{
    auto s = std::make_shared<MediaSource>();
    s->id = SourceId::create();
    s->kind = MediaSource::Kind::Audio;
    s->path = path;
    s->sampleRate = 48000;
    s->channels = 1;
    s->frames = 10;
    d.pool.add(s);
    return s->id;
}

} // namespace

class TestStemReference : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void referenceRoundTripsAndIsOptional()
    {
        // GIVEN a stem group of two stems, the first with a reference source
        SessionData d;
        Track t;
        t.id = TrackId::create();
        t.kind = Track::Kind::StemGroup;
        StemLane vocals{addSource(d, QStringLiteral("/tmp/v.wav")), QStringLiteral("vocals")};
        vocals.reference = addSource(d, QStringLiteral("/tmp/v-true.wav"));
        t.stems = {vocals, StemLane{addSource(d, QStringLiteral("/tmp/d.wav")), QStringLiteral("drums")}};
        d.tracks.push_back(t);
        // WHEN written and read back
        const QJsonObject doc = SessionJson::write(d, QDir(QStringLiteral("/tmp")));
        const QJsonArray stems = doc.value(QStringLiteral("tracks")).toArray().at(0).toObject()
                                     .value(QStringLiteral("stems")).toArray();
        // THEN only the stem with a reference writes the key, and it reads back equal
        QVERIFY(stems.at(0).toObject().contains(QStringLiteral("reference")));
        QVERIFY(!stems.at(1).toObject().contains(QStringLiteral("reference")));
        const SessionData back = SessionJson::read(doc, QDir(QStringLiteral("/tmp")));
        QCOMPARE(back.tracks.at(0).stems, t.stems);
        // AND a reference to a source that is not in the pool is refused, naming the field
        QJsonObject bad = doc;
        QJsonArray tracks = bad.value(QStringLiteral("tracks")).toArray();
        QJsonObject track = tracks.at(0).toObject();
        QJsonArray badStems = track.value(QStringLiteral("stems")).toArray();
        QJsonObject lane = badStems.at(1).toObject();
        lane.insert(QStringLiteral("reference"), SourceId::create().toString());
        badStems[1] = lane;
        track.insert(QStringLiteral("stems"), badStems);
        tracks[0] = track;
        bad.insert(QStringLiteral("tracks"), tracks);
        try {
            SessionJson::read(bad, QDir(QStringLiteral("/tmp")));
            QFAIL("a dangling reference was accepted");
        } catch (const SessionError &e) {
            QVERIFY2(QString::fromUtf8(e.what()).contains(QStringLiteral("stems[1].reference")), e.what());
        }
    }
};

QTEST_GUILESS_MAIN(TestStemReference)
#include "tst_stemreference.moc"
