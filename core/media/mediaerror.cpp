// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/media/mediaerror.h"

namespace mirstudio::media {

MediaError::MediaError(const QString &file, const QString &message, std::int64_t offset, int line,
                       int column)
    : std::runtime_error(compose(file, message, offset, line, column))
    , m_file(file)
    , m_message(message)
    , m_offset(offset)
    , m_line(line)
    , m_column(column)
{
}

std::string MediaError::compose(const QString &file, const QString &message, std::int64_t offset,
                                int line, int column)
{
    QString s = file.isEmpty() ? QStringLiteral("<memory>") : file;
    if (offset >= 0)
        s += QStringLiteral(": byte %1").arg(offset);
    if (line >= 0) {
        s += QStringLiteral(": line %1").arg(line);
        if (column >= 0)
            s += QStringLiteral(", column %1").arg(column);
    }
    s += QStringLiteral(": ") + message;
    return s.toStdString();
}

} // namespace mirstudio::media
