// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/media/mediaerror.h"

#include <QByteArray>
#include <QString>

#include <cstdint>

namespace mirstudio::media {

/**
 * A bounds-checked cursor over a borrowed byte range, reading big-endian integers and MIDI
 * variable-length quantities. Every read that would pass the end of the range throws
 * MediaError naming the file, the absolute byte offset and what was expected; nothing is ever
 * read out of bounds.
 *
 * Offsets are absolute: a reader over a sub-range (sub()) keeps reporting positions in the
 * whole file. The reader does not own the bytes; they must outlive it. Value type; one
 * thread at a time.
 */
class ByteReader
{
public:
    /** Reads `data[begin, end)`; `region` names the range in errors ("file", "track chunk"). */
    ByteReader(const char *data, std::int64_t begin, std::int64_t end, QString fileName,
               QString region = QStringLiteral("file"))
        : m_data(data)
        , m_pos(begin)
        , m_end(end < begin ? begin : end)
        , m_file(std::move(fileName))
        , m_region(std::move(region))
    {
    }

    /** A reader over the whole of `bytes` (which must outlive the reader). */
    ByteReader(const QByteArray &bytes, QString fileName)
        : ByteReader(bytes.constData(), 0, bytes.size(), std::move(fileName))
    {
    }

    std::int64_t pos() const { return m_pos; }
    std::int64_t end() const { return m_end; }
    std::int64_t remaining() const { return m_end - m_pos; }
    bool atEnd() const { return m_pos >= m_end; }
    QString fileName() const { return m_file; }

    /** Throws MediaError at `offset` (the current position when -1). */
    [[noreturn]] void fail(const QString &message, std::int64_t offset = -1) const
    {
        throw MediaError(m_file, message, offset < 0 ? m_pos : offset);
    }

    /** Throws unless `n` more bytes are available; `what` names them in the message. */
    void require(std::int64_t n, const QString &what) const
    {
        if (n < 0 || remaining() < n)
            fail(QStringLiteral("expected %1 (%2 bytes), found end of %3 after %4 bytes")
                     .arg(what)
                     .arg(n)
                     .arg(m_region)
                     .arg(remaining()));
    }

    std::uint8_t peekU8(const QString &what = QStringLiteral("a byte")) const
    {
        require(1, what);
        return std::uint8_t(m_data[m_pos]);
    }

    std::uint8_t u8(const QString &what = QStringLiteral("a byte"))
    {
        const std::uint8_t v = peekU8(what);
        ++m_pos;
        return v;
    }

    std::uint16_t u16be(const QString &what = QStringLiteral("a 16-bit integer"))
    {
        return std::uint16_t(readBigEndian(2, what));
    }

    std::uint32_t u24be(const QString &what = QStringLiteral("a 24-bit integer"))
    {
        return std::uint32_t(readBigEndian(3, what));
    }

    std::uint32_t u32be(const QString &what = QStringLiteral("a 32-bit integer"))
    {
        return std::uint32_t(readBigEndian(4, what));
    }

    /** Little-endian 16-bit integer (RIFF-style formats). */
    std::uint16_t u16le(const QString &what = QStringLiteral("a 16-bit integer"))
    {
        return std::uint16_t(readLittleEndian(2, what));
    }

    /** Little-endian 32-bit integer (RIFF-style formats). */
    std::uint32_t u32le(const QString &what = QStringLiteral("a 32-bit integer"))
    {
        return std::uint32_t(readLittleEndian(4, what));
    }

    /**
     * A MIDI variable-length quantity: 7 bits per byte, high bit set on all but the last,
     * at most 4 bytes (so at most 0x0FFFFFFF). Errors name the offset of its first byte.
     */
    std::uint32_t vlq(const QString &what = QStringLiteral("a variable-length quantity"))
    {
        const std::int64_t start = m_pos;
        std::uint32_t value = 0;
        for (int i = 0; i < 4; ++i) {
            if (atEnd())
                fail(QStringLiteral("truncated %1: expected %2, found end of %3")
                         .arg(what,
                              i == 0 ? QStringLiteral("its first byte")
                                     : QStringLiteral("a continuation byte"),
                              m_region),
                     start);
            const std::uint8_t b = std::uint8_t(m_data[m_pos++]);
            value = (value << 7) | (b & 0x7Fu);
            if (!(b & 0x80u))
                return value;
        }
        fail(QStringLiteral("%1 longer than 4 bytes: expected a last byte below 0x80 at byte %2")
                 .arg(what)
                 .arg(start + 3),
             start);
    }

    /** Copies `n` bytes. */
    QByteArray bytes(std::int64_t n, const QString &what = QStringLiteral("data"))
    {
        require(n, what);
        QByteArray out(m_data + m_pos, qsizetype(n));
        m_pos += n;
        return out;
    }

    void skip(std::int64_t n, const QString &what = QStringLiteral("data"))
    {
        require(n, what);
        m_pos += n;
    }

    /** A reader over the next `n` bytes (checked), advancing this one past them. */
    ByteReader sub(std::int64_t n, const QString &region, const QString &what)
    {
        require(n, what);
        ByteReader r(m_data, m_pos, m_pos + n, m_file, region);
        m_pos += n;
        return r;
    }

private:
    std::uint64_t readBigEndian(int n, const QString &what)
    {
        require(n, what);
        std::uint64_t v = 0;
        for (int i = 0; i < n; ++i)
            v = (v << 8) | std::uint8_t(m_data[m_pos + i]);
        m_pos += n;
        return v;
    }

    std::uint64_t readLittleEndian(int n, const QString &what)
    {
        require(n, what);
        std::uint64_t v = 0;
        for (int i = n - 1; i >= 0; --i)
            v = (v << 8) | std::uint8_t(m_data[m_pos + i]);
        m_pos += n;
        return v;
    }

    const char *m_data;
    std::int64_t m_pos;
    std::int64_t m_end;
    QString m_file;
    QString m_region;
};

} // namespace mirstudio::media
