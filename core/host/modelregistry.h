// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/host/weightcheck.h"

#include <QDateTime>
#include <QHash>
#include <QMutex>
#include <QString>
#include <QStringList>

namespace mirstudio {

/**
 * Locates the weight files a manifest declares (runtime.weights) and checks their size and
 * sha256. A plugin's candidate model folders, in order: `<plugin dir>/models/<id>/`, then
 * `<source>/resources/models/<id>/` when the plugin sits in a build tree, then `<root>/<id>/`
 * for every root added with addRoot() or named in MIRSTUDIO_MODEL_PATH, then the user's
 * `<AppDataLocation>/models/<id>/`. The first
 * folder holding every declared file wins; with none, the check reports each missing file.
 *
 * Hashes are cached per (path, size, modification time). Thread-safe (one internal mutex);
 * owned by PluginHost.
 */
class ModelRegistry
{
public:
    ModelRegistry();

    /** Adds a folder holding `<plugin id>/` model folders, searched after the plugin's own. */
    void addRoot(const QString &root);
    QStringList roots() const;

    /** Candidate model folders of a plugin, in search order (they need not exist). */
    QStringList candidateFolders(const sdk::Manifest &manifest, const QString &pluginPath) const;
    /** Finds the model folder and checks every weight file (hashing is cached). */
    ModelFolderCheck check(const sdk::Manifest &manifest, const QString &pluginPath) const;
    /** Checks one file against its spec. */
    WeightCheck checkFile(const sdk::WeightFileSpec &spec, const QString &path) const;

    /** Lower-case hex sha256 of a file; empty when it cannot be read. */
    static QString sha256(const QString &path);
    /** "Authors (venue): title. url" from the manifest's paper, for the About box and `info`. */
    static QString citation(const sdk::Manifest &manifest);
    /**
     * `<source>/resources/models` when `pluginPath` lies in a CMake build tree's plugins folder
     * (read from that tree's CMakeCache.txt), else empty: weights the project trained and
     * committed are found without installing them.
     */
    static QString sourceModelsFor(const QString &pluginPath);

private:
    struct CachedHash { qint64 size = -1; QDateTime modified; QString hash; };
    QString cachedSha256(const QString &path) const;

    mutable QMutex m_mutex;
    QStringList m_roots;
    mutable QHash<QString, CachedHash> m_hashes;
};

} // namespace mirstudio
