// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <cstdint>
#include <stdexcept>

namespace mirstudio::media {

/**
 * The one error type every reader and writer in core/media throws.
 *
 * It says which file, where in it (a byte offset for binary formats, a line and column for
 * text formats, -1 where not applicable) and what was expected. what() gives the whole
 * sentence, e.g. "song.mid: byte 14: expected chunk id 'MTrk', found 'MTrx'".
 * Value type; any thread.
 */
class MediaError : public std::runtime_error
{
public:
    MediaError(const QString &file, const QString &message, std::int64_t offset = -1,
               int line = -1, int column = -1);

    QString file() const { return m_file; }
    QString message() const { return m_message; }
    std::int64_t offset() const { return m_offset; }
    int line() const { return m_line; }
    int column() const { return m_column; }
    /** The full sentence, as QString (what() holds the same text in UTF-8). */
    QString text() const { return QString::fromUtf8(what()); }

private:
    static std::string compose(const QString &file, const QString &message, std::int64_t offset,
                               int line, int column);
    QString m_file;
    QString m_message;
    std::int64_t m_offset;
    int m_line;
    int m_column;
};

} // namespace mirstudio::media
