// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/media/midifilereader.h"

#include "core/media/bytereader.h"
#include "core/media/mediaerror.h"

#include <QFile>

#include <vector>

namespace mirstudio::media {

namespace {

QString hexByte(unsigned v)
{
    return QStringLiteral("0x") + QStringLiteral("%1").arg(v, 2, 16, QLatin1Char('0')).toUpper();
}

/** A chunk id as printable text: ASCII kept, anything else as \xNN. */
QString chunkIdText(const QByteArray &id)
{
    QString s;
    for (char c : id) {
        const auto u = static_cast<unsigned char>(c);
        if (u >= 0x20 && u < 0x7F && u != '\\')
            s += QLatin1Char(c);
        else
            s += QStringLiteral("\\x%1").arg(u, 2, 16, QLatin1Char('0'));
    }
    return s;
}

QString decodeText(const QByteArray &bytes)
{
    QString s = QString::fromUtf8(bytes);
    if (s.contains(QChar::ReplacementCharacter))
        s = QString::fromLatin1(bytes);
    return s;
}

/** Decodes one MTrk chunk into a MidiTrack, feeding tempo/meter/key events to the map. */
class TrackParser
{
public:
    TrackParser(ByteReader reader, TempoMap &map, bool tempoEventsApply, bool applySustain)
        : m_r(std::move(reader))
        , m_map(map)
        , m_tempoApplies(tempoEventsApply)
        , m_sustain(applySustain)
        , m_open(16 * 128)
        , m_held(16 * 128)
    {
    }

    MidiTrack parse()
    {
        std::int64_t tick = 0;
        std::uint8_t running = 0;
        while (!m_r.atEnd()) {
            tick += m_r.vlq(QStringLiteral("delta time"));
            const std::int64_t statusOffset = m_r.pos();
            const std::uint8_t first = m_r.peekU8(QStringLiteral("an event status byte"));
            std::uint8_t status = first;
            if (first < 0x80) {
                if (running == 0)
                    m_r.fail(QStringLiteral("running status without a preceding channel message: "
                                            "expected a status byte, found data byte %1")
                                 .arg(hexByte(first)),
                             statusOffset);
                status = running;
            } else {
                m_r.u8();
            }

            if (status < 0xF0) {
                running = status;
                channelMessage(tick, status);
            } else if (status == 0xFF) {
                running = 0;
                if (metaEvent(tick))
                    break; // end of track: anything after it in the chunk is ignored
            } else if (status == 0xF0 || status == 0xF7) {
                running = 0;
                sysEx(tick, status);
            } else {
                m_r.fail(QStringLiteral("expected a channel message, meta event (0xFF) or sysex "
                                        "(0xF0/0xF7), found status byte %1")
                             .arg(hexByte(status)),
                         statusOffset);
            }
        }
        finish(tick);
        return std::move(m_track);
    }

private:
    int dataByte(const char *what)
    {
        const std::int64_t at = m_r.pos();
        const std::uint8_t b = m_r.u8(QString::fromLatin1(what));
        if (b & 0x80)
            m_r.fail(QStringLiteral("expected %1 (a data byte below 0x80), found status byte %2")
                         .arg(QString::fromLatin1(what), hexByte(b)),
                     at);
        return b;
    }

    void channelMessage(std::int64_t tick, std::uint8_t status)
    {
        const int kind = status & 0xF0;
        const int ch = status & 0x0F;
        if (m_track.channel < 0)
            m_track.channel = ch;
        switch (kind) {
        case 0x80: {
            const int pitch = dataByte("a note number");
            dataByte("a note-off velocity");
            noteOff(tick, ch, pitch);
            break;
        }
        case 0x90: {
            const int pitch = dataByte("a note number");
            const int velocity = dataByte("a note-on velocity");
            if (velocity == 0)
                noteOff(tick, ch, pitch);
            else
                noteOn(tick, ch, pitch, velocity);
            break;
        }
        case 0xA0:
            dataByte("a note number");
            dataByte("an aftertouch pressure");
            break;
        case 0xB0: {
            const int controller = dataByte("a controller number");
            const int value = dataByte("a controller value");
            m_track.controlChanges.push_back({tick, ch, controller, value});
            if (controller == 64)
                pedal(tick, ch, value >= 64);
            break;
        }
        case 0xC0: {
            const int program = dataByte("a program number");
            m_track.programChanges.push_back({tick, ch, program});
            if (m_track.program < 0)
                m_track.program = program;
            break;
        }
        case 0xD0:
            dataByte("a channel pressure");
            break;
        case 0xE0: {
            const int lsb = dataByte("a pitch bend low byte");
            const int msb = dataByte("a pitch bend high byte");
            m_track.pitchBends.push_back({tick, ch, ((msb << 7) | lsb) - 8192});
            break;
        }
        default:
            break;
        }
    }

    void noteOn(std::int64_t tick, int ch, int pitch, int velocity)
    {
        const auto key = std::size_t(ch * 128 + pitch);
        if (m_sustain) {
            // Striking a pitch again ends the copies of it the pedal was holding.
            for (std::size_t index : m_held[key])
                m_track.notes[index].endTick = tick;
            m_held[key].clear();
        }
        m_open[key].push(m_track.notes.size());
        MidiNote n;
        n.pitch = pitch;
        n.velocity = velocity;
        n.channel = ch;
        n.startTick = tick;
        n.endTick = -1; // open
        m_track.notes.push_back(n);
    }

    void noteOff(std::int64_t tick, int ch, int pitch)
    {
        const auto key = std::size_t(ch * 128 + pitch);
        if (m_open[key].empty())
            return; // a note-off without a note-on: nothing to end
        const std::size_t index = m_open[key].pop();
        if (m_sustain && m_pedalDown[ch])
            m_held[key].push_back(index);
        else
            m_track.notes[index].endTick = tick;
    }

    void pedal(std::int64_t tick, int ch, bool down)
    {
        if (!m_sustain)
            return;
        if (!down && m_pedalDown[ch]) {
            for (int pitch = 0; pitch < 128; ++pitch) {
                auto &held = m_held[std::size_t(ch * 128 + pitch)];
                for (std::size_t index : held)
                    m_track.notes[index].endTick = tick;
                held.clear();
            }
        }
        m_pedalDown[ch] = down;
    }

    /** Returns true at end of track. */
    bool metaEvent(std::int64_t tick)
    {
        const int type = m_r.u8(QStringLiteral("a meta event type"));
        const std::int64_t lengthOffset = m_r.pos();
        const std::uint32_t length = m_r.vlq(QStringLiteral("meta event length"));
        if (std::int64_t(length) > m_r.remaining())
            m_r.fail(QStringLiteral("meta event length %1 runs past the end of the track chunk "
                                    "(%2 bytes left)")
                         .arg(length)
                         .arg(m_r.remaining()),
                     lengthOffset);
        const std::int64_t dataOffset = m_r.pos();
        const QByteArray data = m_r.bytes(length, QStringLiteral("meta event data"));
        auto need = [&](int n, const char *what) {
            if (data.size() < n)
                m_r.fail(QStringLiteral("expected %1 data bytes in a %2 meta event, found %3")
                             .arg(n)
                             .arg(QString::fromLatin1(what))
                             .arg(data.size()),
                         dataOffset);
        };
        auto u = [&](int i) { return int(static_cast<unsigned char>(data[i])); };
        switch (type) {
        case 0x2F:
            return true;
        case 0x03:
            if (m_track.name.isEmpty())
                m_track.name = decodeText(data);
            break;
        case 0x01:
        case 0x02:
        case 0x04:
        case 0x05:
        case 0x06:
        case 0x07:
            m_track.texts.push_back({tick, type, decodeText(data)});
            break;
        case 0x51: {
            need(3, "tempo");
            const int micros = (u(0) << 16) | (u(1) << 8) | u(2);
            if (m_tempoApplies && micros > 0)
                m_map.setTempo({tick, double(micros)});
            break;
        }
        case 0x58: {
            need(2, "time signature");
            if (u(1) > 8)
                m_r.fail(QStringLiteral("expected a time signature denominator exponent 0-8, "
                                        "found %1")
                             .arg(u(1)),
                         dataOffset + 1);
            m_map.setTimeSignature({tick, u(0), 1 << u(1)});
            break;
        }
        case 0x59: {
            need(2, "key signature");
            m_map.setKeySignature({tick, int(static_cast<signed char>(data[0])), u(1) != 0});
            break;
        }
        default:
            break; // sequence number, channel prefix, port, SMPTE offset, sequencer-specific
        }
        return false;
    }

    void sysEx(std::int64_t tick, std::uint8_t status)
    {
        const std::int64_t lengthOffset = m_r.pos();
        const std::uint32_t length = m_r.vlq(QStringLiteral("sysex length"));
        if (std::int64_t(length) > m_r.remaining())
            m_r.fail(QStringLiteral("sysex length %1 runs past the end of the track chunk "
                                    "(%2 bytes left)")
                         .arg(length)
                         .arg(m_r.remaining()),
                     lengthOffset);
        QByteArray data = m_r.bytes(length, QStringLiteral("sysex data"));
        if (status == 0xF0)
            m_track.sysEx.push_back({tick, data});
        // 0xF7 packets (continuations and escaped raw bytes) are skipped.
    }

    void finish(std::int64_t endTick)
    {
        m_track.endTick = endTick;
        for (auto &n : m_track.notes) {
            if (n.endTick < 0)
                n.endTick = std::max(endTick, n.startTick);
        }
    }

    ByteReader m_r;
    TempoMap &m_map;
    bool m_tempoApplies;
    bool m_sustain;
    MidiTrack m_track;
    /** Note indices, first in first out, without quadratic front erasure. */
    struct Fifo
    {
        std::vector<std::size_t> items;
        std::size_t head = 0;
        bool empty() const { return head == items.size(); }
        void push(std::size_t v) { items.push_back(v); }
        std::size_t pop()
        {
            const std::size_t v = items[head++];
            if (head == items.size()) {
                items.clear();
                head = 0;
            }
            return v;
        }
    };

    std::vector<Fifo> m_open; // per channel * 128 + pitch: sounding notes
    std::vector<std::vector<std::size_t>> m_held; // per channel * 128 + pitch: held by the pedal
    bool m_pedalDown[16] = {};
};

} // namespace

MidiFile readMidiBytes(const QByteArray &bytes, const QString &nameForErrors,
                       const MidiReadOptions &options)
{
    ByteReader r(bytes, nameForErrors);

    // Header chunk.
    if (r.remaining() < 4 || bytes.left(4) != QByteArrayLiteral("MThd"))
        r.fail(QStringLiteral("expected chunk id 'MThd', found %1")
                   .arg(r.remaining() < 4 ? QStringLiteral("end of file after %1 bytes")
                                                .arg(r.remaining())
                                          : QLatin1Char('\'') + chunkIdText(bytes.left(4))
                                                + QLatin1Char('\'')),
               0);
    r.skip(4);
    const std::int64_t headerLengthOffset = r.pos();
    const std::uint32_t headerLength = r.u32be(QStringLiteral("the header chunk length"));
    if (headerLength < 6)
        r.fail(QStringLiteral("expected header chunk length 6, found %1").arg(headerLength),
               headerLengthOffset);
    if (std::int64_t(headerLength) > r.remaining())
        r.fail(QStringLiteral("header chunk length %1 runs past the end of the file (%2 bytes "
                              "left)")
                   .arg(headerLength)
                   .arg(r.remaining()),
               headerLengthOffset);
    ByteReader header = r.sub(headerLength, QStringLiteral("header chunk"),
                              QStringLiteral("header data"));
    const std::int64_t formatOffset = header.pos();
    const int format = header.u16be(QStringLiteral("the format"));
    if (format == 2)
        r.fail(QStringLiteral("format 2 is not supported (only formats 0 and 1)"), formatOffset);
    if (format > 2)
        r.fail(QStringLiteral("expected format 0 or 1, found %1").arg(format), formatOffset);
    const int declaredTracks = header.u16be(QStringLiteral("the track count"));
    const std::int64_t divisionOffset = header.pos();
    const int division = header.u16be(QStringLiteral("the division"));

    int ppq = 0;
    double smpteMicrosPerQuarter = 0.0; // > 0: SMPTE timing converted to a fixed tempo
    if (division & 0x8000) {
        const int fps = -int(static_cast<signed char>(division >> 8));
        const int ticksPerFrame = division & 0xFF;
        if ((fps != 24 && fps != 25 && fps != 29 && fps != 30) || ticksPerFrame == 0)
            r.fail(QStringLiteral("expected an SMPTE division of 24, 25, 29 or 30 frames/s and "
                                  "ticks per frame > 0, found %1 frames/s and %2 ticks per frame")
                       .arg(fps)
                       .arg(ticksPerFrame),
                   divisionOffset);
        if (fps == 29) {
            ppq = 30 * ticksPerFrame;
            smpteMicrosPerQuarter = 1001000.0; // 30 nominal frames last 1.001 s
        } else {
            ppq = fps * ticksPerFrame;
            smpteMicrosPerQuarter = 1000000.0;
        }
    } else if (division == 0) {
        r.fail(QStringLiteral("division 0 is invalid: expected ticks per quarter note > 0"),
               divisionOffset);
    } else {
        ppq = division;
    }

    MidiFile file(ppq);
    file.format = format;
    if (smpteMicrosPerQuarter > 0)
        file.tempoMap.setTempo({0, smpteMicrosPerQuarter});

    // Track chunks; unknown chunks are skipped.
    int found = 0;
    while (r.remaining() >= 8) {
        const std::int64_t chunkOffset = r.pos();
        const QByteArray id = bytes.mid(qsizetype(chunkOffset), 4);
        if (found >= declaredTracks) {
            if (id == QByteArrayLiteral("MTrk"))
                r.fail(QStringLiteral("header declares %1 tracks but the file holds more "
                                      "'MTrk' chunks")
                           .arg(declaredTracks),
                       chunkOffset);
            break; // trailing bytes after the declared tracks are tolerated
        }
        r.skip(4);
        const std::int64_t lengthOffset = r.pos();
        const std::uint32_t length = r.u32be(QStringLiteral("a chunk length"));
        if (std::int64_t(length) > r.remaining())
            r.fail(QStringLiteral("chunk '%1' length %2 runs past the end of the file (%3 bytes "
                                  "left)")
                       .arg(chunkIdText(id))
                       .arg(length)
                       .arg(r.remaining()),
                   lengthOffset);
        ByteReader chunk = r.sub(length, QStringLiteral("track chunk"),
                                 QStringLiteral("chunk data"));
        if (id != QByteArrayLiteral("MTrk"))
            continue;
        TrackParser parser(chunk, file.tempoMap, smpteMicrosPerQuarter <= 0,
                           options.applySustain);
        file.tracks.push_back(parser.parse());
        ++found;
    }
    if (found < declaredTracks)
        r.fail(QStringLiteral("header declares %1 tracks, found %2 'MTrk' chunks before the end "
                              "of the file")
                   .arg(declaredTracks)
                   .arg(found),
               r.pos());

    file.updateSeconds();
    return file;
}

MidiFile readMidiFile(const QString &path, const MidiReadOptions &options)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        throw MediaError(path, QStringLiteral("cannot open for reading: %1").arg(f.errorString()));
    const QByteArray bytes = f.readAll();
    if (f.error() != QFileDevice::NoError)
        throw MediaError(path, QStringLiteral("cannot read: %1").arg(f.errorString()));
    return readMidiBytes(bytes, path, options);
}

} // namespace mirstudio::media
