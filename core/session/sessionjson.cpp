// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/session/sessionjson.h"

#include "core/media/atomicfile.h"
#include "core/media/mediaerror.h"
#include "core/session/sessionerror.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QSet>

#include <cmath>

namespace mirstudio {

namespace {

constexpr double kMaxExactInteger = 9007199254740992.0; // 2^53

// ---------------------------------------------------------------------------------- writing

QString trackKindName(Track::Kind k)
{
    switch (k) {
    case Track::Kind::Audio: return QStringLiteral("audio");
    case Track::Kind::Midi: return QStringLiteral("midi");
    case Track::Kind::StemGroup: return QStringLiteral("stemGroup");
    case Track::Kind::Annotation: return QStringLiteral("annotation");
    }
    return QStringLiteral("audio");
}

QString itemKindName(AnnotationItem::Kind k)
{
    switch (k) {
    case AnnotationItem::Kind::Region: return QStringLiteral("region");
    case AnnotationItem::Kind::Label: return QStringLiteral("label");
    case AnnotationItem::Kind::Value: return QStringLiteral("value");
    }
    return QStringLiteral("label");
}

QJsonObject writeProvenance(const Provenance &p)
{
    QJsonArray inputs;
    for (const SourceId &id : p.inputs)
        inputs.append(id.toString());
    return QJsonObject{
        {QStringLiteral("plugin"), p.plugin},
        {QStringLiteral("version"), p.version},
        {QStringLiteral("method"), p.method},
        {QStringLiteral("params"), p.params},
        {QStringLiteral("inputs"), inputs},
        {QStringLiteral("createdAt"),
         p.createdAt.isValid() ? p.createdAt.toUTC().toString(Qt::ISODateWithMs) : QString()},
    };
}

void putProvenance(QJsonObject &o, const std::optional<Provenance> &p)
{
    if (p)
        o.insert(QStringLiteral("provenance"), writeProvenance(*p));
}

QString colourText(const QColor &c)
{
    if (!c.isValid())
        return QString();
    return c.alpha() == 255 ? c.name(QColor::HexRgb) : c.name(QColor::HexArgb);
}

QJsonObject writeClip(const Clip &c)
{
    QJsonArray notes;
    for (const MidiNote &n : c.notes)
        notes.append(QJsonObject{{QStringLiteral("pitch"), n.pitch},
                                 {QStringLiteral("velocity"), n.velocity},
                                 {QStringLiteral("start"), qint64(n.start)},
                                 {QStringLiteral("length"), qint64(n.length)},
                                 {QStringLiteral("channel"), n.channel}});
    QJsonObject o{
        {QStringLiteral("id"), c.id.toString()},
        {QStringLiteral("source"), c.source.isNull() ? QString() : c.source.toString()},
        {QStringLiteral("start"), qint64(c.start)},
        {QStringLiteral("offset"), qint64(c.offset)},
        {QStringLiteral("length"), qint64(c.length)},
        {QStringLiteral("gainDb"), c.gainDb},
        {QStringLiteral("notes"), notes},
    };
    putProvenance(o, c.provenance);
    return o;
}

QJsonObject writeTrack(const Track &t)
{
    QJsonArray clips, stems, items;
    for (const Clip &c : t.clips)
        clips.append(writeClip(c));
    for (const StemLane &s : t.stems) {
        QJsonObject lane{{QStringLiteral("source"), s.source.toString()},
                         {QStringLiteral("name"), s.name},
                         {QStringLiteral("gainDb"), s.gainDb},
                         {QStringLiteral("mute"), s.mute},
                         {QStringLiteral("solo"), s.solo}};
        if (!s.reference.isNull())
            lane.insert(QStringLiteral("reference"), s.reference.toString());
        stems.append(lane);
    }
    for (const AnnotationItem &i : t.items)
        items.append(QJsonObject{{QStringLiteral("kind"), itemKindName(i.kind)},
                                 {QStringLiteral("start"), qint64(i.start)},
                                 {QStringLiteral("length"), qint64(i.length)},
                                 {QStringLiteral("text"), i.text},
                                 {QStringLiteral("value"), i.value}});
    QJsonObject o{
        {QStringLiteral("id"), t.id.toString()},
        {QStringLiteral("kind"), trackKindName(t.kind)},
        {QStringLiteral("name"), t.name},
        {QStringLiteral("gainDb"), t.gainDb},
        {QStringLiteral("pan"), t.pan},
        {QStringLiteral("mute"), t.mute},
        {QStringLiteral("solo"), t.solo},
        {QStringLiteral("recordArm"), t.recordArm},
        {QStringLiteral("colour"), colourText(t.colour)},
        {QStringLiteral("clips"), clips},
        {QStringLiteral("stems"), stems},
        {QStringLiteral("items"), items},
    };
    if (!t.midiOutput.isEmpty())
        o.insert(QStringLiteral("midiOutput"), t.midiOutput);
    putProvenance(o, t.provenance);
    return o;
}

QJsonObject writeTempoMap(const media::TempoMap &m)
{
    QJsonArray tempos, sigs, keys;
    for (const auto &t : m.tempos())
        tempos.append(QJsonObject{{QStringLiteral("tick"), qint64(t.tick)},
                                  {QStringLiteral("microsPerQuarter"), t.microsPerQuarter}});
    for (const auto &s : m.timeSignatures())
        sigs.append(QJsonObject{{QStringLiteral("tick"), qint64(s.tick)},
                                {QStringLiteral("numerator"), s.numerator},
                                {QStringLiteral("denominator"), s.denominator}});
    for (const auto &k : m.keySignatures())
        keys.append(QJsonObject{{QStringLiteral("tick"), qint64(k.tick)},
                                {QStringLiteral("sharps"), k.sharps},
                                {QStringLiteral("minor"), k.minor}});
    return QJsonObject{{QStringLiteral("ppq"), m.ppq()},
                       {QStringLiteral("tempos"), tempos},
                       {QStringLiteral("timeSignatures"), sigs},
                       {QStringLiteral("keySignatures"), keys}};
}

// ---------------------------------------------------------------------------------- reading

QString found(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Null: return QStringLiteral("null");
    case QJsonValue::Bool: return QStringLiteral("boolean");
    case QJsonValue::Double: return QStringLiteral("number %1").arg(v.toDouble());
    case QJsonValue::String: return QStringLiteral("string");
    case QJsonValue::Array: return QStringLiteral("array");
    case QJsonValue::Object: return QStringLiteral("object");
    case QJsonValue::Undefined: return QStringLiteral("nothing (field missing)");
    }
    return QStringLiteral("something else");
}

/** Reads typed fields, building the JSON path for errors. */
class Reader
{
public:
    Reader(const QDir &baseDir, const QString &file) : m_base(baseDir), m_file(file) {}

    [[noreturn]] void fail(const QString &path, const QString &message) const
    {
        throw SessionError(m_file, path, message);
    }
    [[noreturn]] void expected(const QString &path, const QString &what, const QJsonValue &v) const
    {
        fail(path, QStringLiteral("expected %1, found %2").arg(what, found(v)));
    }

    static QString join(const QString &path, const QString &key)
    {
        return path.isEmpty() ? key : path + QLatin1Char('.') + key;
    }
    static QString at(const QString &path, qsizetype i)
    {
        return path + QLatin1Char('[') + QString::number(i) + QLatin1Char(']');
    }

    QJsonObject object(const QJsonValue &v, const QString &path) const
    {
        if (!v.isObject())
            expected(path, QStringLiteral("object"), v);
        return v.toObject();
    }
    QJsonArray array(const QJsonObject &o, const QString &key, const QString &path,
                     bool required = false) const
    {
        const QJsonValue v = o.value(key);
        if (v.isUndefined() && !required)
            return {};
        if (!v.isArray())
            expected(join(path, key), QStringLiteral("array"), v);
        return v.toArray();
    }
    qint64 integer(const QJsonObject &o, const QString &key, const QString &path,
                   std::optional<qint64> fallback = std::nullopt, qint64 min = -(qint64(1) << 53),
                   qint64 max = qint64(1) << 53) const
    {
        const QJsonValue v = o.value(key);
        const QString p = join(path, key);
        if (v.isUndefined() && fallback)
            return *fallback;
        if (!v.isDouble())
            expected(p, QStringLiteral("integer"), v);
        const double d = v.toDouble();
        if (!std::isfinite(d) || std::trunc(d) != d || std::fabs(d) > kMaxExactInteger)
            expected(p, QStringLiteral("integer"), v);
        const qint64 i = qint64(d);
        if (i < min || i > max)
            fail(p, QStringLiteral("expected integer in [%1, %2], found %3").arg(min).arg(max).arg(i));
        return i;
    }
    double number(const QJsonObject &o, const QString &key, const QString &path, double fallback,
                  double min = -1e300, double max = 1e300) const
    {
        const QJsonValue v = o.value(key);
        const QString p = join(path, key);
        if (v.isUndefined())
            return fallback;
        if (!v.isDouble() || !std::isfinite(v.toDouble()))
            expected(p, QStringLiteral("number"), v);
        const double d = v.toDouble();
        if (d < min || d > max)
            fail(p, QStringLiteral("expected number in [%1, %2], found %3").arg(min).arg(max).arg(d));
        return d;
    }
    bool boolean(const QJsonObject &o, const QString &key, const QString &path, bool fallback) const
    {
        const QJsonValue v = o.value(key);
        if (v.isUndefined())
            return fallback;
        if (!v.isBool())
            expected(join(path, key), QStringLiteral("boolean"), v);
        return v.toBool();
    }
    QString string(const QJsonObject &o, const QString &key, const QString &path,
                   std::optional<QString> fallback = QString()) const
    {
        const QJsonValue v = o.value(key);
        if (v.isUndefined() && fallback)
            return *fallback;
        if (!v.isString())
            expected(join(path, key), QStringLiteral("string"), v);
        return v.toString();
    }
    template<typename Id>
    Id id(const QJsonValue &v, const QString &p, bool allowNull) const
    {
        if (!v.isString())
            expected(p, QStringLiteral("id string"), v);
        if (allowNull && v.toString().isEmpty())
            return Id();
        const Id id = Id::fromString(v.toString());
        if (id.isNull())
            fail(p, QStringLiteral("expected id (UUID), found \"%1\"").arg(v.toString().left(64)));
        return id;
    }
    template<typename Id>
    Id id(const QJsonObject &o, const QString &key, const QString &path, bool allowNull = false) const
    {
        return id<Id>(o.value(key), join(path, key), allowNull);
    }

    std::optional<Provenance> provenance(const QJsonObject &owner, const QString &ownerPath) const
    {
        const QJsonValue v = owner.value(QStringLiteral("provenance"));
        if (v.isUndefined())
            return std::nullopt;
        const QString path = join(ownerPath, QStringLiteral("provenance"));
        const QJsonObject o = object(v, path);
        Provenance p;
        p.plugin = string(o, QStringLiteral("plugin"), path);
        p.version = string(o, QStringLiteral("version"), path);
        p.method = string(o, QStringLiteral("method"), path);
        const QJsonValue params = o.value(QStringLiteral("params"));
        if (!params.isUndefined())
            p.params = object(params, join(path, QStringLiteral("params")));
        const QJsonArray inputs = array(o, QStringLiteral("inputs"), path);
        const QString inputsPath = join(path, QStringLiteral("inputs"));
        for (qsizetype i = 0; i < inputs.size(); ++i)
            p.inputs.append(id<SourceId>(inputs.at(i), at(inputsPath, i), false));
        const QString created = string(o, QStringLiteral("createdAt"), path);
        if (!created.isEmpty()) {
            p.createdAt = QDateTime::fromString(created, Qt::ISODateWithMs);
            if (!p.createdAt.isValid())
                fail(join(path, QStringLiteral("createdAt")),
                     QStringLiteral("expected ISO 8601 date-time, found \"%1\"").arg(created.left(64)));
            p.createdAt = p.createdAt.toUTC();
        }
        return p;
    }

    media::TempoMap tempoMap(const QJsonValue &v, const QString &path) const
    {
        if (v.isUndefined())
            return media::TempoMap();
        const QJsonObject o = object(v, path);
        media::TempoMap map(int(integer(o, QStringLiteral("ppq"), path, 960, 1, 1 << 20)));
        const QJsonArray tempos = array(o, QStringLiteral("tempos"), path);
        for (qsizetype i = 0; i < tempos.size(); ++i) {
            const QString p = at(join(path, QStringLiteral("tempos")), i);
            const QJsonObject t = object(tempos.at(i), p);
            media::TempoPoint pt;
            pt.tick = integer(t, QStringLiteral("tick"), p, std::nullopt, 0);
            pt.microsPerQuarter = number(t, QStringLiteral("microsPerQuarter"), p, 500000.0, 1.0, 1e9);
            map.setTempo(pt);
        }
        const QJsonArray sigs = array(o, QStringLiteral("timeSignatures"), path);
        for (qsizetype i = 0; i < sigs.size(); ++i) {
            const QString p = at(join(path, QStringLiteral("timeSignatures")), i);
            const QJsonObject s = object(sigs.at(i), p);
            media::TimeSignature sig;
            sig.tick = integer(s, QStringLiteral("tick"), p, std::nullopt, 0);
            sig.numerator = int(integer(s, QStringLiteral("numerator"), p, std::nullopt, 1, 255));
            sig.denominator = int(integer(s, QStringLiteral("denominator"), p, std::nullopt, 1, 256));
            if ((sig.denominator & (sig.denominator - 1)) != 0)
                fail(join(p, QStringLiteral("denominator")),
                     QStringLiteral("expected a power of two, found %1").arg(sig.denominator));
            map.setTimeSignature(sig);
        }
        const QJsonArray keys = array(o, QStringLiteral("keySignatures"), path);
        for (qsizetype i = 0; i < keys.size(); ++i) {
            const QString p = at(join(path, QStringLiteral("keySignatures")), i);
            const QJsonObject k = object(keys.at(i), p);
            media::KeySignature key;
            key.tick = integer(k, QStringLiteral("tick"), p, std::nullopt, 0);
            key.sharps = int(integer(k, QStringLiteral("sharps"), p, 0, -7, 7));
            key.minor = boolean(k, QStringLiteral("minor"), p, false);
            map.setKeySignature(key);
        }
        return map;
    }

    MediaSource source(const QJsonValue &v, const QString &path) const
    {
        const QJsonObject o = object(v, path);
        MediaSource s;
        s.id = id<SourceId>(o, QStringLiteral("id"), path);
        const QString kind = string(o, QStringLiteral("kind"), path, std::nullopt);
        if (kind == QLatin1String("audio"))
            s.kind = MediaSource::Kind::Audio;
        else if (kind == QLatin1String("midi"))
            s.kind = MediaSource::Kind::Midi;
        else
            fail(join(path, QStringLiteral("kind")),
                 QStringLiteral("expected \"audio\" or \"midi\", found \"%1\"").arg(kind.left(64)));
        const QString rel = string(o, QStringLiteral("path"), path, std::nullopt);
        s.path = rel.isEmpty() ? QString() : QDir::cleanPath(m_base.absoluteFilePath(rel));
        s.sampleRate = int(integer(o, QStringLiteral("sampleRate"), path, 48000, 1, 10'000'000));
        s.channels = int(integer(o, QStringLiteral("channels"), path, 1, 0, 4096));
        s.frames = integer(o, QStringLiteral("frames"), path, 0, 0);
        s.sha256 = string(o, QStringLiteral("sha256"), path);
        s.provenance = provenance(o, path);
        return s;
    }

    Clip clip(const QJsonValue &v, const QString &path) const
    {
        const QJsonObject o = object(v, path);
        Clip c;
        c.id = id<ClipId>(o, QStringLiteral("id"), path);
        c.source = o.contains(QStringLiteral("source"))
                       ? id<SourceId>(o, QStringLiteral("source"), path, true)
                       : SourceId();
        c.start = integer(o, QStringLiteral("start"), path, std::nullopt, 0);
        c.offset = integer(o, QStringLiteral("offset"), path, 0, 0);
        c.length = integer(o, QStringLiteral("length"), path, std::nullopt, 0);
        c.gainDb = number(o, QStringLiteral("gainDb"), path, 0.0, -1000.0, 1000.0);
        const QJsonArray notes = array(o, QStringLiteral("notes"), path);
        c.notes.reserve(std::size_t(notes.size()));
        for (qsizetype i = 0; i < notes.size(); ++i) {
            const QString p = at(join(path, QStringLiteral("notes")), i);
            const QJsonObject n = object(notes.at(i), p);
            MidiNote note;
            note.pitch = int(integer(n, QStringLiteral("pitch"), p, std::nullopt, 0, 127));
            note.velocity = int(integer(n, QStringLiteral("velocity"), p, 100, 0, 127));
            note.start = integer(n, QStringLiteral("start"), p, std::nullopt, 0);
            note.length = integer(n, QStringLiteral("length"), p, std::nullopt, 0);
            note.channel = int(integer(n, QStringLiteral("channel"), p, 0, 0, 15));
            c.notes.push_back(note);
        }
        c.provenance = provenance(o, path);
        return c;
    }

    Track track(const QJsonValue &v, const QString &path) const
    {
        const QJsonObject o = object(v, path);
        Track t;
        t.id = id<TrackId>(o, QStringLiteral("id"), path);
        const QString kind = string(o, QStringLiteral("kind"), path, std::nullopt);
        if (kind == QLatin1String("audio"))
            t.kind = Track::Kind::Audio;
        else if (kind == QLatin1String("midi"))
            t.kind = Track::Kind::Midi;
        else if (kind == QLatin1String("stemGroup"))
            t.kind = Track::Kind::StemGroup;
        else if (kind == QLatin1String("annotation"))
            t.kind = Track::Kind::Annotation;
        else
            fail(join(path, QStringLiteral("kind")),
                 QStringLiteral("expected \"audio\", \"midi\", \"stemGroup\" or \"annotation\", "
                                "found \"%1\"").arg(kind.left(64)));
        t.name = string(o, QStringLiteral("name"), path);
        t.gainDb = number(o, QStringLiteral("gainDb"), path, 0.0, -1000.0, 1000.0);
        t.pan = number(o, QStringLiteral("pan"), path, 0.0, -1.0, 1.0);
        t.mute = boolean(o, QStringLiteral("mute"), path, false);
        t.solo = boolean(o, QStringLiteral("solo"), path, false);
        t.recordArm = boolean(o, QStringLiteral("recordArm"), path, false);
        t.midiOutput = string(o, QStringLiteral("midiOutput"), path);
        const QString colour = string(o, QStringLiteral("colour"), path);
        if (!colour.isEmpty()) {
            t.colour = QColor::fromString(colour);
            if (!t.colour.isValid() || !colour.startsWith(QLatin1Char('#')))
                fail(join(path, QStringLiteral("colour")),
                     QStringLiteral("expected colour \"#rrggbb\", found \"%1\"").arg(colour.left(64)));
        }
        const QJsonArray clips = array(o, QStringLiteral("clips"), path);
        for (qsizetype i = 0; i < clips.size(); ++i)
            t.clips.push_back(clip(clips.at(i), at(join(path, QStringLiteral("clips")), i)));
        const QJsonArray stems = array(o, QStringLiteral("stems"), path);
        for (qsizetype i = 0; i < stems.size(); ++i) {
            const QString p = at(join(path, QStringLiteral("stems")), i);
            const QJsonObject s = object(stems.at(i), p);
            StemLane lane;
            lane.source = id<SourceId>(s, QStringLiteral("source"), p);
            lane.name = string(s, QStringLiteral("name"), p);
            lane.gainDb = number(s, QStringLiteral("gainDb"), p, 0.0, -1000.0, 1000.0);
            lane.mute = boolean(s, QStringLiteral("mute"), p, false);
            lane.solo = boolean(s, QStringLiteral("solo"), p, false);
            if (s.contains(QStringLiteral("reference")))
                lane.reference = id<SourceId>(s, QStringLiteral("reference"), p);
            t.stems.push_back(lane);
        }
        const QJsonArray items = array(o, QStringLiteral("items"), path);
        for (qsizetype i = 0; i < items.size(); ++i) {
            const QString p = at(join(path, QStringLiteral("items")), i);
            const QJsonObject s = object(items.at(i), p);
            AnnotationItem item;
            const QString k = string(s, QStringLiteral("kind"), p, std::nullopt);
            if (k == QLatin1String("region"))
                item.kind = AnnotationItem::Kind::Region;
            else if (k == QLatin1String("label"))
                item.kind = AnnotationItem::Kind::Label;
            else if (k == QLatin1String("value"))
                item.kind = AnnotationItem::Kind::Value;
            else
                fail(join(p, QStringLiteral("kind")),
                     QStringLiteral("expected \"region\", \"label\" or \"value\", found \"%1\"")
                         .arg(k.left(64)));
            item.start = integer(s, QStringLiteral("start"), p, std::nullopt, 0);
            item.length = integer(s, QStringLiteral("length"), p, 0, 0);
            item.text = string(s, QStringLiteral("text"), p);
            item.value = number(s, QStringLiteral("value"), p, 0.0);
            t.items.push_back(item);
        }
        t.provenance = provenance(o, path);
        return t;
    }

    SessionData document(const QJsonObject &doc) const
    {
        const QJsonValue format = doc.value(QStringLiteral("format"));
        if (format.toString() != QLatin1String(SessionJson::kFormat))
            fail(QStringLiteral("format"),
                 QStringLiteral("expected \"%1\", found %2")
                     .arg(QLatin1String(SessionJson::kFormat),
                          format.isString() ? QLatin1Char('"') + format.toString().left(64) +
                                                  QLatin1Char('"')
                                            : found(format)));
        const qint64 version = integer(doc, QStringLiteral("version"), QString(), std::nullopt, 1,
                                       qint64(1) << 53);
        if (version > SessionJson::kVersion)
            fail(QStringLiteral("version"),
                 QStringLiteral("the file is format version %1, written by a newer MIR Studio; "
                                "this version reads format %2 or older. Please update MIR Studio.")
                     .arg(version)
                     .arg(SessionJson::kVersion));

        SessionData d;
        d.name = string(doc, QStringLiteral("name"), QString());
        d.sampleRate = int(integer(doc, QStringLiteral("sampleRate"), QString(), 48000, 1, 10'000'000));
        d.tempoMap = tempoMap(doc.value(QStringLiteral("tempoMap")), QStringLiteral("tempoMap"));
        const QJsonValue loop = doc.value(QStringLiteral("loop"));
        if (!loop.isUndefined()) {
            const QString p = QStringLiteral("loop");
            const QJsonObject l = object(loop, p);
            d.loop.start = integer(l, QStringLiteral("start"), p, 0, 0);
            d.loop.end = integer(l, QStringLiteral("end"), p, 0, 0);
            d.loop.enabled = boolean(l, QStringLiteral("enabled"), p, false);
            if (d.loop.end < d.loop.start)
                fail(QStringLiteral("loop.end"),
                     QStringLiteral("expected end >= start (%1), found %2")
                         .arg(d.loop.start)
                         .arg(d.loop.end));
        }

        const QJsonArray sources = array(doc, QStringLiteral("sources"), QString());
        for (qsizetype i = 0; i < sources.size(); ++i) {
            const QString p = at(QStringLiteral("sources"), i);
            auto s = std::make_shared<const MediaSource>(source(sources.at(i), p));
            if (!d.pool.add(s))
                fail(join(p, QStringLiteral("id")),
                     QStringLiteral("duplicate source id %1").arg(s->id.toString()));
        }

        QSet<TrackId> trackIds;
        QSet<ClipId> clipIds;
        const QJsonArray tracks = array(doc, QStringLiteral("tracks"), QString());
        for (qsizetype i = 0; i < tracks.size(); ++i) {
            const QString p = at(QStringLiteral("tracks"), i);
            Track t = track(tracks.at(i), p);
            if (trackIds.contains(t.id))
                fail(join(p, QStringLiteral("id")),
                     QStringLiteral("duplicate track id %1").arg(t.id.toString()));
            trackIds.insert(t.id);
            for (std::size_t c = 0; c < t.clips.size(); ++c) {
                const QString cp = at(join(p, QStringLiteral("clips")), qsizetype(c));
                const Clip &clip = t.clips[c];
                if (clipIds.contains(clip.id))
                    fail(join(cp, QStringLiteral("id")),
                         QStringLiteral("duplicate clip id %1").arg(clip.id.toString()));
                clipIds.insert(clip.id);
                if (!clip.source.isNull() && !d.pool.contains(clip.source))
                    fail(join(cp, QStringLiteral("source")),
                         QStringLiteral("expected the id of a source in \"sources\", found %1")
                             .arg(clip.source.toString()));
            }
            for (std::size_t s = 0; s < t.stems.size(); ++s)
                for (const auto &[key, ref] : {std::pair{QStringLiteral("source"), t.stems[s].source},
                                               std::pair{QStringLiteral("reference"), t.stems[s].reference}})
                    if (!(ref.isNull() && key != QLatin1String("source")) && !d.pool.contains(ref))
                        fail(join(at(join(p, QStringLiteral("stems")), qsizetype(s)), key),
                             QStringLiteral("expected the id of a source in \"sources\", found %1")
                                 .arg(ref.toString()));
            d.tracks.push_back(std::move(t));
        }
        return d;
    }

private:
    QDir m_base;
    QString m_file;
};

} // namespace

QJsonObject SessionJson::write(const SessionData &data, const QDir &baseDir)
{
    QJsonArray sources;
    for (const auto &entry : data.pool.sources()) {
        const MediaSource &s = *entry;
        QJsonObject o{
            {QStringLiteral("id"), s.id.toString()},
            {QStringLiteral("kind"),
             s.kind == MediaSource::Kind::Midi ? QStringLiteral("midi") : QStringLiteral("audio")},
            {QStringLiteral("path"), s.path.isEmpty() ? QString() : baseDir.relativeFilePath(s.path)},
            {QStringLiteral("sampleRate"), s.sampleRate},
            {QStringLiteral("channels"), s.channels},
            {QStringLiteral("frames"), qint64(s.frames)},
            {QStringLiteral("sha256"), s.sha256},
        };
        putProvenance(o, s.provenance);
        sources.append(o);
    }
    QJsonArray tracks;
    for (const Track &t : data.tracks)
        tracks.append(writeTrack(t));
    return QJsonObject{
        {QStringLiteral("format"), QLatin1String(kFormat)},
        {QStringLiteral("version"), kVersion},
        {QStringLiteral("name"), data.name},
        {QStringLiteral("sampleRate"), data.sampleRate},
        {QStringLiteral("tempoMap"), writeTempoMap(data.tempoMap)},
        {QStringLiteral("loop"), QJsonObject{{QStringLiteral("start"), qint64(data.loop.start)},
                                             {QStringLiteral("end"), qint64(data.loop.end)},
                                             {QStringLiteral("enabled"), data.loop.enabled}}},
        {QStringLiteral("sources"), sources},
        {QStringLiteral("tracks"), tracks},
    };
}

QByteArray SessionJson::toBytes(const SessionData &data, const QDir &baseDir)
{
    return QJsonDocument(write(data, baseDir)).toJson(QJsonDocument::Indented);
}

void SessionJson::writeFile(const SessionData &data, const QString &path)
{
    const QFileInfo info(path);
    try {
        media::AtomicFile::writeFile(info.absoluteFilePath(), toBytes(data, info.absoluteDir()));
    } catch (const media::MediaError &e) {
        throw SessionError(info.absoluteFilePath(), QString(),
                           QStringLiteral("cannot save: ") + e.message());
    }
}

SessionData SessionJson::read(const QJsonObject &document, const QDir &baseDir, const QString &file)
{
    return Reader(baseDir, file).document(document);
}

SessionData SessionJson::read(const QByteArray &bytes, const QDir &baseDir, const QString &file)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &error);
    if (error.error != QJsonParseError::NoError)
        throw SessionError(file, QString(),
                           QStringLiteral("byte %1: invalid JSON: %2")
                               .arg(error.offset)
                               .arg(error.errorString()));
    if (!doc.isObject())
        throw SessionError(file, QString(),
                           QStringLiteral("expected a JSON object at the top level, found %1")
                               .arg(doc.isArray() ? QStringLiteral("array")
                                                  : QStringLiteral("something else")));
    return read(doc.object(), baseDir, file);
}

SessionData SessionJson::readFile(const QString &path)
{
    QFile f(path);
    const QFileInfo info(path);
    if (!f.open(QIODevice::ReadOnly))
        throw SessionError(info.fileName(), QString(),
                           QStringLiteral("cannot open: %1").arg(f.errorString()));
    const QByteArray bytes = f.readAll();
    if (f.error() != QFileDevice::NoError)
        throw SessionError(info.fileName(), QString(),
                           QStringLiteral("cannot read: %1").arg(f.errorString()));
    return read(bytes, info.absoluteDir(), info.fileName());
}

} // namespace mirstudio
