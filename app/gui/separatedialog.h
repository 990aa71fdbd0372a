// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "plugins/sdk/manifest.h"

#include <QDialog>
#include <QList>
#include <QVariantMap>

class QComboBox;
class QVBoxLayout;

namespace mirstudio {

class PluginHost;
namespace widgets {
class PluginPanel;
}

/**
 * "Separate…": lists every plugin method with the `separate` capability (e.g. tfctdf,
 * openunmix) in a combo box and shows the generic PluginPanel of the chosen one; its Run
 * button accepts the dialog, after which plugin(), method() and parameters() say what to run.
 * Does not own the host. GUI thread only.
 */
class SeparateDialog : public QDialog
{
    Q_OBJECT
public:
    /** One choice: a plugin id and one of its separate methods. */
    struct Choice
    {
        QString plugin;
        sdk::MethodSpec method;
    };
    /** The usable separate methods of the host's plugins, in discovery order. */
    static QList<Choice> choices(const PluginHost &host);

    explicit SeparateDialog(const PluginHost &host, QWidget *parent = nullptr);

    int choiceCount() const { return int(m_choices.size()); }
    void choose(int index);
    widgets::PluginPanel *panel() const { return m_panel; }
    QString plugin() const;
    sdk::MethodSpec method() const;
    /** The resolved parameters the Run button was pressed with. */
    QVariantMap parameters() const { return m_parameters; }

private:
    QList<Choice> m_choices;
    QComboBox *m_combo;
    QVBoxLayout *m_layout;
    widgets::PluginPanel *m_panel = nullptr;
    QVariantMap m_parameters;
};

} // namespace mirstudio
