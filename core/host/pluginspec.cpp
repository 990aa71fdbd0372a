// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/host/pluginspec.h"

#include "core/host/hostlog.h"
#include "plugins/sdk/imodelplugin.h"

#include <QFileInfo>
#include <QMutexLocker>

#include <exception>

namespace mirstudio {

QString PluginSpec::stateName(State state)
{
    switch (state) {
    case State::Discovered: return QStringLiteral("discovered");
    case State::Validated: return QStringLiteral("validated");
    case State::Loaded: return QStringLiteral("loaded");
    case State::Initialised: return QStringLiteral("initialised");
    case State::Ready: return QStringLiteral("ready");
    case State::Error: return QStringLiteral("error");
    }
    return {};
}

PluginSpec::PluginSpec(const QString &path) : m_path(path), m_loader(path)
{
    // Keep the library loaded for the life of the process (see the class comment).
    m_loader.setLoadHints(m_loader.loadHints() | QLibrary::PreventUnloadHint);
}

PluginSpec::~PluginSpec() = default;

std::unique_ptr<PluginSpec> PluginSpec::discover(const QString &path)
{
    QPluginLoader probe(path);
    const QJsonObject meta = probe.metaData();
    if (meta.value(QLatin1String("IID")).toString() != QLatin1String(MIRSTUDIO_PLUGIN_IID))
        return nullptr;
    std::unique_ptr<PluginSpec> spec(new PluginSpec(path));
    const QJsonValue manifest = meta.value(QLatin1String("MetaData"));
    if (!manifest.isObject() || manifest.toObject().isEmpty()) {
        spec->fail({QStringLiteral("the plugin embeds no manifest (Q_PLUGIN_METADATA without FILE \"manifest.json\")")});
        return spec;
    }
    spec->m_metaData = manifest.toObject();
    return spec;
}

QString PluginSpec::id() const
{
    return m_manifest.id.isEmpty() ? QFileInfo(m_path).completeBaseName() : m_manifest.id;
}

PluginSpec::State PluginSpec::state() const
{
    QMutexLocker lock(&m_mutex);
    return m_state;
}

QString PluginSpec::errorString() const
{
    QMutexLocker lock(&m_mutex);
    return m_errors.join(QStringLiteral("; "));
}

QStringList PluginSpec::errors() const
{
    QMutexLocker lock(&m_mutex);
    return m_errors;
}

void PluginSpec::setError(const QString &error)
{
    fail({error});
}

void PluginSpec::setState(State state)
{
    QMutexLocker lock(&m_mutex);
    if (m_state != State::Error)
        m_state = state;
}

bool PluginSpec::fail(const QStringList &errors)
{
    QMutexLocker lock(&m_mutex);
    m_errors << errors;
    m_state = State::Error;
    qCInfo(lcHost).noquote() << m_path << ":" << errors.join(QStringLiteral("; "));
    return false;
}

bool PluginSpec::validate()
{
    if (state() != State::Discovered)
        return state() != State::Error;
    QStringList problems;
    if (!sdk::Manifest::fromJson(m_metaData, &m_manifest, &problems)) {
        for (QString &p : problems)
            p.prepend(QStringLiteral("manifest "));
        return fail(problems);
    }
    setState(State::Validated);
    return true;
}

bool PluginSpec::load()
{
    if (state() != State::Validated)
        return state() != State::Error;
    if (!m_loader.load())
        return fail({QStringLiteral("cannot load library: %1").arg(m_loader.errorString())});
    QObject *root = m_loader.instance();
    auto *plugin = qobject_cast<sdk::IModelPlugin *>(root);
    if (!plugin)
        return fail({QStringLiteral("the library's root object does not implement %1").arg(QLatin1String(MIRSTUDIO_PLUGIN_IID))});
    QMutexLocker lock(&m_mutex);
    m_instance = plugin;
    m_state = State::Loaded;
    return true;
}

bool PluginSpec::initialise(const QString &modelFolder)
{
    if (state() != State::Loaded)
        return state() != State::Error;
    QString failure;
    try {
        m_instance->initialise(modelFolder);
    } catch (const std::exception &e) {
        failure = QString::fromUtf8(e.what());
    } catch (...) {
        failure = QStringLiteral("unknown exception");
    }
    if (!failure.isEmpty())
        return fail({QStringLiteral("initialise failed: %1").arg(failure)});
    {
        QMutexLocker lock(&m_mutex);
        m_modelFolder = modelFolder;
    }
    setState(State::Initialised);
    setState(State::Ready);
    return true;
}

sdk::IModelPlugin *PluginSpec::instance() const
{
    QMutexLocker lock(&m_mutex);
    return m_instance;
}

QString PluginSpec::modelFolder() const
{
    QMutexLocker lock(&m_mutex);
    return m_modelFolder;
}

} // namespace mirstudio
