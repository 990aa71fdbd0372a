// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/gui/separatedialog.h"

#include "core/host/pluginhost.h"
#include "core/host/pluginspec.h"
#include "widgets/pluginpanel.h"

#include <QComboBox>
#include <QLabel>
#include <QVBoxLayout>

namespace mirstudio {

QList<SeparateDialog::Choice> SeparateDialog::choices(const PluginHost &host)
{
    QList<Choice> out;
    for (PluginSpec *spec : host.plugins())
        for (const sdk::MethodSpec &m : spec->manifest().methods)
            if (m.capability == sdk::Capability::Separate)
                out.append({spec->id(), m});
    return out;
}

SeparateDialog::SeparateDialog(const PluginHost &host, QWidget *parent)
    : QDialog(parent), m_choices(choices(host)), m_combo(new QComboBox(this)), m_layout(new QVBoxLayout(this))
{
    setWindowTitle(tr("Separate"));
    m_layout->addWidget(new QLabel(tr("Separation model:"), this));
    m_layout->addWidget(m_combo);
    for (const Choice &c : std::as_const(m_choices))
        m_combo->addItem(QStringLiteral("%1 — %2").arg(c.plugin, c.method.name.isEmpty() ? c.method.id : c.method.name));
    if (m_choices.isEmpty())
        m_layout->addWidget(new QLabel(tr("No plugin can separate audio (none declares the \"separate\" capability)."), this));
    connect(m_combo, &QComboBox::currentIndexChanged, this, &SeparateDialog::choose);
    choose(0);
}

void SeparateDialog::choose(int index)
{
    if (index < 0 || index >= m_choices.size())
        return;
    if (m_combo->currentIndex() != index) {
        m_combo->setCurrentIndex(index); // comes back here through currentIndexChanged
        return;
    }
    delete m_panel;
    m_panel = new widgets::PluginPanel(m_choices.at(index).method, this);
    m_layout->addWidget(m_panel);
    connect(m_panel, &widgets::PluginPanel::runRequested, this, [this](const QString &, const QVariantMap &params) {
        m_parameters = params;
        accept();
    });
}

QString SeparateDialog::plugin() const
{
    const int i = m_combo->currentIndex();
    return i >= 0 && i < m_choices.size() ? m_choices.at(i).plugin : QString();
}

sdk::MethodSpec SeparateDialog::method() const
{
    const int i = m_combo->currentIndex();
    return i >= 0 && i < m_choices.size() ? m_choices.at(i).method : sdk::MethodSpec{};
}

} // namespace mirstudio
