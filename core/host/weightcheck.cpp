// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/host/weightcheck.h"

namespace mirstudio {

QString WeightCheck::statusName(Status status)
{
    switch (status) {
    case Status::Ok: return QStringLiteral("ok");
    case Status::Missing: return QStringLiteral("missing");
    case Status::SizeMismatch: return QStringLiteral("size mismatch");
    case Status::HashMismatch: return QStringLiteral("sha256 mismatch");
    case Status::Unreadable: return QStringLiteral("unreadable");
    }
    return {};
}

bool ModelFolderCheck::ok() const
{
    for (const WeightCheck &w : weights) {
        if (!w.ok())
            return false;
    }
    return true;
}

QString ModelFolderCheck::errorString() const
{
    QStringList lines;
    QStringList missing;
    for (const WeightCheck &w : weights) {
        if (w.status == WeightCheck::Status::Missing)
            missing << QStringLiteral("\"%1\" (%2)").arg(w.spec.file, w.spec.id);
        else if (!w.ok())
            lines << QStringLiteral("weight file %1: %2").arg(w.path, w.message);
    }
    if (!missing.isEmpty())
        lines.prepend(QStringLiteral("%1 %2 not found in: %3")
                          .arg(missing.size() == 1 ? QStringLiteral("weight file") : QStringLiteral("weight files"),
                               missing.join(QStringLiteral(", ")), searched.join(QStringLiteral(", "))));
    return lines.join(QStringLiteral("; "));
}

} // namespace mirstudio
