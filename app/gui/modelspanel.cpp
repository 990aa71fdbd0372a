// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/gui/modelspanel.h"

#include "core/host/pluginhost.h"
#include "core/host/pluginspec.h"
#include "widgets/pluginpanel.h"

#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QStandardItemModel>
#include <QVBoxLayout>

namespace mirstudio {

ModelsPanel::ModelsPanel(PluginHost *host, QWidget *parent)
    : QWidget(parent)
    , m_host(host)
    , m_plugins(new QComboBox(this))
    , m_methods(new QComboBox(this))
    , m_layout(new QVBoxLayout(this))
{
    setObjectName(QStringLiteral("modelsPanel"));
    auto *form = new QFormLayout;
    form->addRow(tr("Model:"), m_plugins);
    form->addRow(tr("Method:"), m_methods);
    m_layout->addLayout(form);
    m_layout->addStretch(1);
    connect(m_plugins, &QComboBox::currentIndexChanged, this, &ModelsPanel::showMethods);
    connect(m_methods, &QComboBox::currentIndexChanged, this, &ModelsPanel::showPanel);
    connect(m_host, &PluginHost::pluginsChanged, this, &ModelsPanel::reloadPlugins);
    reloadPlugins();
}

void ModelsPanel::reloadPlugins()
{
    const QString current = m_plugins->currentData().toString();
    const QSignalBlocker block(m_plugins);
    m_plugins->clear();
    for (PluginSpec *spec : m_host->plugins()) {
        const QString name = spec->manifest().name.isEmpty() ? spec->id() : spec->manifest().name;
        m_plugins->addItem(name, spec->id());
        if (spec->hasError()) {
            auto *model = qobject_cast<QStandardItemModel *>(m_plugins->model());
            QStandardItem *item = model->item(m_plugins->count() - 1);
            item->setEnabled(false);
            item->setToolTip(spec->errorString());
        }
    }
    const int at = m_plugins->findData(current);
    m_plugins->setCurrentIndex(at >= 0 ? at : 0);
    showMethods();
}

bool ModelsPanel::selectPlugin(const QString &id)
{
    const int at = m_plugins->findData(id);
    if (at < 0)
        return false;
    m_plugins->setCurrentIndex(at);
    showMethods();
    return true;
}

void ModelsPanel::showMethods()
{
    const QSignalBlocker block(m_methods);
    m_methods->clear();
    if (PluginSpec *spec = m_host->plugin(m_plugins->currentData().toString()))
        for (const sdk::MethodSpec &m : spec->manifest().methods)
            m_methods->addItem(m.name.isEmpty() ? m.id : m.name, m.id);
    showPanel();
}

void ModelsPanel::showPanel()
{
    delete m_panel;
    m_panel = nullptr;
    PluginSpec *spec = m_host->plugin(m_plugins->currentData().toString());
    if (!spec)
        return;
    const QString methodId = m_methods->currentData().toString();
    for (const sdk::MethodSpec &m : spec->manifest().methods) {
        if (m.id != methodId)
            continue;
        m_panel = new widgets::PluginPanel(m, this);
        m_layout->insertWidget(1, m_panel);
        const QString pluginId = spec->id();
        connect(m_panel, &widgets::PluginPanel::runRequested, this,
                [this, pluginId, m](const QString &, const QVariantMap &params) {
                    Q_EMIT runRequested(pluginId, m, params);
                });
        return;
    }
}

} // namespace mirstudio
