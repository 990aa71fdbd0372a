// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "plugins/sdk/manifest.h"

#include <QWidget>

class QComboBox;
class QVBoxLayout;

namespace mirstudio {

class PluginHost;
namespace widgets {
class PluginPanel;
}

/**
 * The "Models" dock: choose a discovered plugin (plugins in error are listed, disabled, with
 * the reason as tooltip) and one of its methods; the method's generic PluginPanel shows its
 * parameters and Run asks the window to queue the job (runRequested). Rebuilt when the host's
 * plugin list changes. Does not own the host. GUI thread only.
 */
class ModelsPanel : public QWidget
{
    Q_OBJECT
public:
    explicit ModelsPanel(PluginHost *host, QWidget *parent = nullptr);

    QComboBox *pluginBox() const { return m_plugins; }
    QComboBox *methodBox() const { return m_methods; }
    widgets::PluginPanel *panel() const { return m_panel; }
    /** Selects plugin `id` (and its first method); false when it is not listed. */
    bool selectPlugin(const QString &id);

Q_SIGNALS:
    void runRequested(const QString &pluginId, const mirstudio::sdk::MethodSpec &method,
                      const QVariantMap &parameters);

private:
    void reloadPlugins();
    void showMethods();
    void showPanel();

    PluginHost *m_host;
    QComboBox *m_plugins;
    QComboBox *m_methods;
    QVBoxLayout *m_layout;
    widgets::PluginPanel *m_panel = nullptr;
};

} // namespace mirstudio
