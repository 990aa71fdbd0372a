// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/host/pluginhost.h"

#include "core/host/hostlog.h"

#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QLibrary>
#include <QMutex>
#include <QStandardPaths>

#include <algorithm>

namespace mirstudio {

namespace {
/** Serialises prepare() across plugins: loading libraries and torch set-up are not reentrant. */
QMutex &prepareMutex()
{
    static QMutex mutex;
    return mutex;
}
} // namespace

PluginHost::PluginHost(const QStringList &searchPaths, QObject *parent)
    : QObject(parent), m_searchPaths(searchPaths)
{
}

PluginHost::~PluginHost() = default;

QStringList PluginHost::defaultSearchPaths()
{
    QStringList paths;
    for (const QString &dir : qEnvironmentVariable("MIRSTUDIO_PLUGIN_PATH").split(QLatin1Char(':'), Qt::SkipEmptyParts))
        paths << QDir(dir).absolutePath();
    if (QCoreApplication::instance()) {
        const QDir app(QCoreApplication::applicationDirPath());
        paths << QDir::cleanPath(app.filePath(QStringLiteral("../plugins")))
              << QDir::cleanPath(app.filePath(QStringLiteral("../lib/mirstudio/plugins")));
    }
    const QString user = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    if (!user.isEmpty())
        paths << QDir(user).filePath(QStringLiteral("plugins"));
    paths.removeDuplicates();
    return paths;
}

void PluginHost::discover()
{
    bool changed = false;
    for (const QString &dir : std::as_const(m_searchPaths)) {
        QStringList files;
        for (const QFileInfo &fi : QDir(dir).entryInfoList(QDir::Files, QDir::Name)) {
            if (QLibrary::isLibrary(fi.fileName()))
                files << fi.canonicalFilePath();
        }
        for (const QString &file : std::as_const(files)) {
            const bool known = std::any_of(m_specs.begin(), m_specs.end(),
                                           [&](const auto &s) { return s->path() == file; });
            if (known)
                continue;
            std::unique_ptr<PluginSpec> spec = PluginSpec::discover(file);
            if (!spec)
                continue;
            if (spec->validate()) {
                if (PluginSpec *first = plugin(spec->id()))
                    spec->setError(QStringLiteral("duplicate id \"%1\", already provided by %2").arg(spec->id(), first->path()));
            }
            qCDebug(lcHost).noquote() << "discovered" << file << PluginSpec::stateName(spec->state());
            m_specs.push_back(std::move(spec));
            changed = true;
        }
    }
    if (changed)
        Q_EMIT pluginsChanged();
}

QList<PluginSpec *> PluginHost::plugins() const
{
    QList<PluginSpec *> list;
    for (const auto &s : m_specs)
        list << s.get();
    return list;
}

PluginSpec *PluginHost::plugin(const QString &id) const
{
    for (const auto &s : m_specs) {
        if (s->id() == id)
            return s.get();
    }
    return nullptr;
}

bool PluginHost::prepare(PluginSpec *spec, QString *error)
{
    QMutexLocker lock(&prepareMutex());
    const PluginSpec::State before = spec->state();
    if (before == PluginSpec::State::Ready)
        return true;
    if (spec->load() && spec->state() == PluginSpec::State::Loaded) {
        const ModelFolderCheck weights = m_registry.check(spec->manifest(), spec->path());
        if (!weights.ok())
            spec->setError(weights.errorString());
        else
            spec->initialise(weights.folder);
    }
    if (spec->state() != before) {
        const QString id = spec->id();
        QMetaObject::invokeMethod(this, [this, id] { Q_EMIT pluginStateChanged(id); }, Qt::QueuedConnection);
    }
    if (spec->hasError()) {
        if (error)
            *error = spec->errorString();
        return false;
    }
    return true;
}

} // namespace mirstudio
