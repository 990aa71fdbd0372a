// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/host/modelregistry.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMutexLocker>
#include <QStandardPaths>

namespace mirstudio {

ModelRegistry::ModelRegistry()
{
    const QString env = qEnvironmentVariable("MIRSTUDIO_MODEL_PATH");
    for (const QString &dir : env.split(QLatin1Char(':'), Qt::SkipEmptyParts))
        m_roots << QDir(dir).absolutePath();
}

void ModelRegistry::addRoot(const QString &root)
{
    QMutexLocker lock(&m_mutex);
    const QString abs = QDir(root).absolutePath();
    if (!m_roots.contains(abs))
        m_roots << abs;
}

QStringList ModelRegistry::roots() const
{
    QMutexLocker lock(&m_mutex);
    return m_roots;
}

QStringList ModelRegistry::candidateFolders(const sdk::Manifest &manifest, const QString &pluginPath) const
{
    QStringList folders;
    folders << QFileInfo(pluginPath).absoluteDir().filePath(QStringLiteral("models/") + manifest.id);
    const QString source = sourceModelsFor(pluginPath);
    if (!source.isEmpty())
        folders << QDir(source).filePath(manifest.id);
    for (const QString &root : roots())
        folders << QDir(root).filePath(manifest.id);
    const QString user = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    if (!user.isEmpty())
        folders << QDir(user).filePath(QStringLiteral("models/") + manifest.id);
    folders.removeDuplicates();
    return folders;
}

ModelFolderCheck ModelRegistry::check(const sdk::Manifest &manifest, const QString &pluginPath) const
{
    ModelFolderCheck result;
    result.searched = candidateFolders(manifest, pluginPath);
    auto hasAll = [&](const QString &folder) {
        for (const sdk::WeightFileSpec &w : manifest.runtime.weights) {
            if (!QFileInfo::exists(QDir(folder).filePath(w.file)))
                return false;
        }
        return QFileInfo(folder).isDir();
    };
    for (const QString &folder : result.searched) {
        if (hasAll(folder)) {
            result.folder = folder;
            break;
        }
    }
    if (result.folder.isEmpty())
        result.folder = result.searched.value(0);
    for (const sdk::WeightFileSpec &w : manifest.runtime.weights)
        result.weights << checkFile(w, QDir(result.folder).filePath(w.file));
    return result;
}

WeightCheck ModelRegistry::checkFile(const sdk::WeightFileSpec &spec, const QString &path) const
{
    WeightCheck c;
    c.spec = spec;
    c.path = path;
    const QFileInfo info(path);
    if (!info.exists()) {
        c.status = WeightCheck::Status::Missing;
        c.message = QStringLiteral("missing");
        return c;
    }
    if (spec.size >= 0 && info.size() != spec.size) {
        c.status = WeightCheck::Status::SizeMismatch;
        c.message = QStringLiteral("size %1 bytes, manifest says %2 (truncated or a different file)")
                        .arg(info.size()).arg(spec.size);
        return c;
    }
    if (!spec.sha256.isEmpty()) {
        const QString hash = cachedSha256(path);
        if (hash.isEmpty()) {
            c.status = WeightCheck::Status::Unreadable;
            c.message = QStringLiteral("cannot be read");
            return c;
        }
        if (hash != spec.sha256) {
            c.status = WeightCheck::Status::HashMismatch;
            c.message = QStringLiteral("sha256 %1, manifest says %2").arg(hash, spec.sha256);
            return c;
        }
    }
    c.status = WeightCheck::Status::Ok;
    c.message = QStringLiteral("ok");
    return c;
}

QString ModelRegistry::sha256(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash hash(QCryptographicHash::Sha256);
    if (!hash.addData(&f))
        return {};
    return QString::fromLatin1(hash.result().toHex());
}

QString ModelRegistry::citation(const sdk::Manifest &manifest)
{
    const auto &p = manifest.paper;
    if (p.title.isEmpty())
        return {};
    QString text = p.authors.join(QStringLiteral(", "));
    if (!p.venue.isEmpty())
        text += QStringLiteral(" (%1)").arg(p.venue);
    text += (text.isEmpty() ? QString() : QStringLiteral(": ")) + p.title + QLatin1Char('.');
    if (!p.url.isEmpty())
        text += QLatin1Char(' ') + p.url;
    return text;
}

QString ModelRegistry::sourceModelsFor(const QString &pluginPath)
{
    QFile cache(QDir::cleanPath(QFileInfo(pluginPath).absoluteDir().filePath(QStringLiteral("../CMakeCache.txt"))));
    if (!cache.open(QIODevice::ReadOnly | QIODevice::Text))
        return {};
    static const QByteArray key = "CMAKE_HOME_DIRECTORY:INTERNAL=";
    while (!cache.atEnd()) {
        const QByteArray line = cache.readLine().trimmed();
        if (line.startsWith(key))
            return QDir(QString::fromUtf8(line.mid(key.size()))).filePath(QStringLiteral("resources/models"));
    }
    return {};
}

QString ModelRegistry::cachedSha256(const QString &path) const
{
    const QFileInfo info(path);
    {
        QMutexLocker lock(&m_mutex);
        const auto it = m_hashes.constFind(path);
        if (it != m_hashes.cend() && it->size == info.size() && it->modified == info.lastModified())
            return it->hash;
    }
    const QString hash = sha256(path);
    if (!hash.isEmpty()) {
        QMutexLocker lock(&m_mutex);
        m_hashes.insert(path, {info.size(), info.lastModified(), hash});
    }
    return hash;
}

} // namespace mirstudio
