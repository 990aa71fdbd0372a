// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/session/sessionerror.h"

namespace mirstudio {

SessionError::SessionError(const QString &file, const QString &jsonPath, const QString &message)
    : std::runtime_error(compose(file, jsonPath, message))
    , m_file(file)
    , m_jsonPath(jsonPath)
    , m_message(message)
{
}

std::string SessionError::compose(const QString &file, const QString &jsonPath,
                                  const QString &message)
{
    QString s;
    if (!file.isEmpty())
        s += file + QStringLiteral(": ");
    if (!jsonPath.isEmpty())
        s += jsonPath + QStringLiteral(": ");
    s += message;
    return s.toStdString();
}

} // namespace mirstudio
