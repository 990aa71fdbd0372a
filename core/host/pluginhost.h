// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/host/modelregistry.h"
#include "core/host/pluginspec.h"

#include <QObject>
#include <QStringList>

#include <memory>
#include <vector>

namespace mirstudio {

/**
 * Finds, validates and prepares model plugins. discover() scans the search paths for Qt plugins
 * with the MIR Studio IID and reads each manifest without loading the library; prepare() loads
 * and initialises a plugin lazily, on the calling (worker) thread, the first time a job needs it.
 *
 * Search paths (defaultSearchPaths()): the folders of MIRSTUDIO_PLUGIN_PATH (colon-separated),
 * `<app dir>/../plugins` (the build tree), `<app dir>/../lib/mirstudio/plugins` (the install
 * prefix) and `<AppDataLocation>/plugins` (the user's folder). The first plugin with an id wins;
 * later files with the same id are listed in Error ("duplicate id").
 *
 * Owns the PluginSpecs (never deleted while the host lives, so pointers stay valid) and the
 * ModelRegistry. discover() on the GUI thread; plugin(s)() from any thread once discovery is
 * done; prepare() from any thread (serialised per plugin).
 */
class PluginHost : public QObject
{
    Q_OBJECT
public:
    explicit PluginHost(const QStringList &searchPaths = defaultSearchPaths(), QObject *parent = nullptr);
    ~PluginHost() override;

    static QStringList defaultSearchPaths();
    QStringList searchPaths() const { return m_searchPaths; }

    /** Scans the search paths; files already known are kept as they are. */
    void discover();
    QList<PluginSpec *> plugins() const;
    /** The first plugin with this manifest id (usable or not), or nullptr. */
    PluginSpec *plugin(const QString &id) const;

    ModelRegistry &registry() { return m_registry; }
    const ModelRegistry &registry() const { return m_registry; }

    /**
     * Brings a plugin to Ready: load, check its weights (ModelRegistry), initialise. Blocking; call
     * on a worker thread. Returns false with the spec's error when any step fails.
     */
    bool prepare(PluginSpec *spec, QString *error);

Q_SIGNALS:
    void pluginsChanged();
    /** A plugin's state changed (emitted on the host's thread). */
    void pluginStateChanged(const QString &id);

private:
    QStringList m_searchPaths;
    std::vector<std::unique_ptr<PluginSpec>> m_specs;
    ModelRegistry m_registry;
};

} // namespace mirstudio
