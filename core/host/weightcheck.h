// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "plugins/sdk/manifest.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace mirstudio {

/** The result of checking one weight file a manifest declares. Plain value; any thread. */
struct WeightCheck
{
    enum class Status { Ok, Missing, SizeMismatch, HashMismatch, Unreadable };

    sdk::WeightFileSpec spec;
    QString path;          ///< absolute path looked at
    Status status = Status::Missing;
    QString message;       ///< "ok", or what is wrong ("size 120 bytes, manifest says 4096")

    bool ok() const { return status == Status::Ok; }
    static QString statusName(Status status);   ///< "ok", "missing", "size mismatch", ...
};

/**
 * Where a plugin's weights are: the chosen model folder, every weight file's check, and the
 * folders that were searched. `ok()` when every declared file is present and matches.
 */
struct ModelFolderCheck
{
    QString folder;
    QStringList searched;
    QList<WeightCheck> weights;

    bool ok() const;
    /** One line per failed file, naming the folders searched; empty when ok(). */
    QString errorString() const;
};

} // namespace mirstudio
