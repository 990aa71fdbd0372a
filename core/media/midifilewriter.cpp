// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/media/midifilewriter.h"

#include "core/media/atomicfile.h"
#include "core/media/mediaerror.h"

#include <algorithm>
#include <cmath>

namespace mirstudio::media {

namespace {

// Order of events sharing a tick.
enum Priority {
    MetaFirst = 0,
    NoteOff = 1,
    Program = 2,
    Control = 3,
    Bend = 4,
    NoteOn = 5,
    ZeroLengthNoteOff = 6,
};

struct Event
{
    std::int64_t tick = 0;
    int priority = MetaFirst;
    std::int64_t sequence = 0;
    std::uint8_t status = 0; // 0x80-0xEF channel message, 0xFF meta, 0xF0 sysex
    std::uint8_t metaType = 0;
    std::uint8_t data[2] = {0, 0};
    int dataCount = 0;
    QByteArray payload; // meta and sysex data
};

class EventList
{
public:
    void meta(std::int64_t tick, int type, const QByteArray &payload)
    {
        Event e = base(tick, MetaFirst);
        e.status = 0xFF;
        e.metaType = std::uint8_t(type);
        e.payload = payload;
        m_events.push_back(std::move(e));
    }
    void sysEx(std::int64_t tick, const QByteArray &payload)
    {
        Event e = base(tick, MetaFirst);
        e.status = 0xF0;
        e.payload = payload;
        m_events.push_back(std::move(e));
    }
    void channel(std::int64_t tick, int priority, int kind, int ch, int d1, int d2 = -1)
    {
        Event e = base(tick, priority);
        e.status = std::uint8_t(kind | std::clamp(ch, 0, 15));
        e.data[0] = std::uint8_t(std::clamp(d1, 0, 127));
        e.dataCount = 1;
        if (d2 >= 0) {
            e.data[1] = std::uint8_t(std::clamp(d2, 0, 127));
            e.dataCount = 2;
        }
        m_events.push_back(std::move(e));
    }

    /** Sorted events encoded as the body of an MTrk chunk, ending with end-of-track. */
    QByteArray encode(std::int64_t endTick)
    {
        std::stable_sort(m_events.begin(), m_events.end(), [](const Event &a, const Event &b) {
            if (a.tick != b.tick)
                return a.tick < b.tick;
            if (a.priority != b.priority)
                return a.priority < b.priority;
            return a.sequence < b.sequence;
        });
        QByteArray out;
        std::int64_t tick = 0;
        std::uint8_t running = 0;
        for (const Event &e : m_events) {
            appendVlq(out, e.tick - tick);
            tick = e.tick;
            if (e.status == 0xFF) {
                out.append(char(0xFF));
                out.append(char(e.metaType));
                appendVlq(out, e.payload.size());
                out.append(e.payload);
                running = 0;
            } else if (e.status == 0xF0) {
                out.append(char(0xF0));
                appendVlq(out, e.payload.size());
                out.append(e.payload);
                running = 0;
            } else {
                if (e.status != running)
                    out.append(char(e.status));
                running = e.status;
                for (int i = 0; i < e.dataCount; ++i)
                    out.append(char(e.data[i]));
            }
        }
        appendVlq(out, std::max(endTick, tick) - tick);
        out.append("\xFF\x2F\x00", 3);
        return out;
    }

    std::int64_t lastTick() const
    {
        std::int64_t t = 0;
        for (const auto &e : m_events)
            t = std::max(t, e.tick);
        return t;
    }

private:
    Event base(std::int64_t tick, int priority)
    {
        Event e;
        e.tick = std::max<std::int64_t>(0, tick);
        e.priority = priority;
        e.sequence = m_sequence++;
        return e;
    }

    static void appendVlq(QByteArray &out, std::int64_t value)
    {
        // A delta beyond the 4-byte VLQ range cannot be encoded; clamp (ticks > 2^28 apart).
        std::uint32_t v = std::uint32_t(std::clamp<std::int64_t>(value, 0, 0x0FFFFFFF));
        char buf[4];
        int n = 0;
        buf[n++] = char(v & 0x7F);
        while ((v >>= 7) != 0)
            buf[n++] = char((v & 0x7F) | 0x80);
        while (n > 0)
            out.append(buf[--n]);
    }

    std::vector<Event> m_events;
    std::int64_t m_sequence = 0;
};

void appendU16(QByteArray &out, int v)
{
    out.append(char((v >> 8) & 0xFF));
    out.append(char(v & 0xFF));
}

void appendU32(QByteArray &out, std::uint32_t v)
{
    out.append(char((v >> 24) & 0xFF));
    out.append(char((v >> 16) & 0xFF));
    out.append(char((v >> 8) & 0xFF));
    out.append(char(v & 0xFF));
}

void addConductor(EventList &list, const TempoMap &map)
{
    for (const auto &t : map.tempos()) {
        const auto micros = std::uint32_t(
            std::clamp<long long>(std::llround(t.microsPerQuarter), 1, 0xFFFFFF));
        QByteArray p;
        p.append(char((micros >> 16) & 0xFF));
        p.append(char((micros >> 8) & 0xFF));
        p.append(char(micros & 0xFF));
        list.meta(t.tick, 0x51, p);
    }
    for (const auto &s : map.timeSignatures()) {
        int exponent = 0;
        while ((2 << exponent) <= s.denominator && exponent < 8)
            ++exponent;
        QByteArray p;
        p.append(char(std::clamp(s.numerator, 1, 255)));
        p.append(char(exponent));
        p.append(char(24)); // MIDI clocks per metronome click
        p.append(char(8));  // 32nd notes per quarter
        list.meta(s.tick, 0x58, p);
    }
    for (const auto &k : map.keySignatures()) {
        QByteArray p;
        p.append(char(std::clamp(k.sharps, -7, 7)));
        p.append(char(k.minor ? 1 : 0));
        list.meta(k.tick, 0x59, p);
    }
}

void addTrack(EventList &list, const MidiTrack &track, bool withName)
{
    if (withName && !track.name.isEmpty())
        list.meta(0, 0x03, track.name.toUtf8());
    for (const auto &t : track.texts)
        list.meta(t.tick, t.type, t.text.toUtf8());
    for (const auto &s : track.sysEx)
        list.sysEx(s.tick, s.data);
    if (!track.programChanges.empty()) {
        for (const auto &p : track.programChanges)
            list.channel(p.tick, Program, 0xC0, p.channel, p.program);
    } else if (track.program >= 0) {
        int ch = track.channel;
        if (ch < 0)
            ch = track.notes.empty() ? 0 : track.notes.front().channel;
        list.channel(0, Program, 0xC0, ch, track.program);
    }
    for (const auto &c : track.controlChanges)
        list.channel(c.tick, Control, 0xB0, c.channel, c.controller, c.value);
    for (const auto &b : track.pitchBends) {
        const int v = std::clamp(b.value + 8192, 0, 16383);
        list.channel(b.tick, Bend, 0xE0, b.channel, v & 0x7F, v >> 7);
    }
    for (const auto &n : track.notes) {
        const std::int64_t end = std::max(n.startTick, n.endTick);
        list.channel(n.startTick, NoteOn, 0x90, n.channel, n.pitch, std::clamp(n.velocity, 1, 127));
        list.channel(end, end == n.startTick ? ZeroLengthNoteOff : NoteOff, 0x80, n.channel,
                     n.pitch, 64);
    }
}

void appendTrackChunk(QByteArray &out, EventList &list, std::int64_t endTick)
{
    const QByteArray body = list.encode(endTick);
    out.append("MTrk", 4);
    appendU32(out, std::uint32_t(body.size()));
    out.append(body);
}

} // namespace

QByteArray midiFileBytes(const MidiFile &input, const MidiWriteOptions &options)
{
    if (options.format != 0 && options.format != 1)
        throw MediaError(QString(),
                         QStringLiteral("cannot write MIDI format %1: expected 0 or 1")
                             .arg(options.format));
    MidiFile file = input;
    file.setPpq(options.ppq > 0 ? options.ppq : (input.ppq > 0 ? input.ppq : 480));
    if (file.ppq > 0x7FFF)
        throw MediaError(QString(), QStringLiteral("cannot write ppq %1: expected 1-32767")
                                        .arg(file.ppq));
    const int trackCount = options.format == 0 ? 1 : int(file.tracks.size()) + 1;
    if (trackCount > 0xFFFF)
        throw MediaError(QString(), QStringLiteral("cannot write %1 tracks: at most 65535")
                                        .arg(trackCount));

    QByteArray out;
    out.append("MThd", 4);
    appendU32(out, 6);
    appendU16(out, options.format);
    appendU16(out, trackCount);
    appendU16(out, file.ppq);

    if (options.format == 0) {
        EventList list;
        for (const auto &t : file.tracks) {
            if (!t.name.isEmpty()) {
                list.meta(0, 0x03, t.name.toUtf8());
                break;
            }
        }
        addConductor(list, file.tempoMap);
        std::int64_t end = 0;
        for (const auto &t : file.tracks) {
            addTrack(list, t, false);
            end = std::max(end, t.endTick);
        }
        appendTrackChunk(out, list, end);
    } else {
        EventList conductor;
        addConductor(conductor, file.tempoMap);
        appendTrackChunk(out, conductor, 0);
        for (const auto &t : file.tracks) {
            EventList list;
            addTrack(list, t, true);
            appendTrackChunk(out, list, t.endTick);
        }
    }
    return out;
}

QByteArray midiFileBytes(const MidiFile &file, int format)
{
    MidiWriteOptions o;
    o.format = format;
    return midiFileBytes(file, o);
}

void writeMidiFile(const QString &path, const MidiFile &file, const MidiWriteOptions &options)
{
    QByteArray bytes;
    try {
        bytes = midiFileBytes(file, options);
    } catch (const MediaError &e) {
        throw MediaError(path, e.message());
    }
    AtomicFile::writeFile(path, bytes);
}

void writeMidiFile(const QString &path, const MidiFile &file, int format)
{
    MidiWriteOptions o;
    o.format = format;
    writeMidiFile(path, file, o);
}

} // namespace mirstudio::media
