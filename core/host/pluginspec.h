// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "plugins/sdk/manifest.h"

#include <QMutex>
#include <QPluginLoader>
#include <QString>
#include <QStringList>

#include <memory>

namespace mirstudio::sdk {
class IModelPlugin;
}

namespace mirstudio {

/**
 * One discovered plugin file and its life cycle (Qt Creator's PluginSpec discipline):
 * Discovered (metadata read without loading the library) → Validated (manifest checked) →
 * Loaded (library loaded, IModelPlugin instance made) → Initialised (the plugin's initialise()
 * returned) → Ready, or Error with an error string at any step. An Error spec is never used
 * again (no retry; a fresh discovery in a new host would be needed).
 *
 * Owned by PluginHost. Thread-safe: state and error are guarded by a mutex; load() and
 * initialise() are called by PluginHost::prepare() on a worker thread; the library is never
 * unloaded (plugins may keep static torch state, and an abandoned job may still run in it).
 */
class PluginSpec
{
public:
    enum class State { Discovered, Validated, Loaded, Initialised, Ready, Error };
    static QString stateName(State state);

    /**
     * Reads the metadata of `path` without loading it. Returns nullptr when the file is not a
     * MIR Studio plugin at all (no Qt plugin metadata, or another IID); otherwise a spec in state
     * Discovered, or Error when its metadata has no "MetaData" object.
     */
    static std::unique_ptr<PluginSpec> discover(const QString &path);
    ~PluginSpec();

    QString path() const { return m_path; }
    /** The manifest id, or the file's base name while the manifest is unreadable. */
    QString id() const;
    const sdk::Manifest &manifest() const { return m_manifest; }
    QJsonObject rawMetaData() const { return m_metaData; }

    State state() const;
    QString errorString() const;
    /** Every problem found, one per line (the manifest validator lists all of them). */
    QStringList errors() const;
    bool hasError() const { return state() == State::Error; }
    /** Puts the spec in Error with `error` (e.g. "did not stop after cancel"). */
    void setError(const QString &error);

    /** Discovered → Validated | Error. */
    bool validate();
    /** Validated → Loaded | Error: loads the library and makes the instance. */
    bool load();
    /** Loaded → Initialised → Ready | Error; exceptions of the plugin are contained. */
    bool initialise(const QString &modelFolder);

    /** The plugin instance once Loaded, else nullptr. Owned by the library's root object. */
    sdk::IModelPlugin *instance() const;
    /** The folder given to initialise(). */
    QString modelFolder() const;
    /** Held while a method runs: one run() at a time per instance. */
    QMutex &runMutex() { return m_runMutex; }

private:
    explicit PluginSpec(const QString &path);
    void setState(State state);
    bool fail(const QStringList &errors);

    QString m_path;
    QJsonObject m_metaData;
    sdk::Manifest m_manifest;
    QPluginLoader m_loader;
    sdk::IModelPlugin *m_instance = nullptr;
    QString m_modelFolder;
    State m_state = State::Discovered;
    QStringList m_errors;
    mutable QMutex m_mutex;
    QMutex m_runMutex;
};

} // namespace mirstudio
