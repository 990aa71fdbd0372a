// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/pluginpanel.h"

#include "widgets/parameterfield.h"

#include <QFileInfo>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>

namespace mirstudio::widgets {

PluginPanel::PluginPanel(const sdk::MethodSpec &method, QWidget *parent)
    : QWidget(parent), m_method(method), m_message(new QLabel(this)), m_run(new QPushButton(tr("Run"), this))
{
    auto *form = new QFormLayout(this);
    if (!method.description.isEmpty()) {
        auto *about = new QLabel(method.description, this);
        about->setWordWrap(true);
        form->addRow(about);
    }
    for (const sdk::ParameterSpec &spec : method.parameters) {
        auto *field = new ParameterField(spec, this);
        m_fields.insert(spec.id, field);
        const QString label = spec.unit.isEmpty() || spec.type == sdk::ParameterSpec::Type::Int
                                      || spec.type == sdk::ParameterSpec::Type::Float
                                  ? spec.name
                                  : tr("%1 (%2)").arg(spec.name, spec.unit);
        form->addRow(label, field);
        connect(field, &ParameterField::changed, this, &PluginPanel::validate);
    }
    m_message->setWordWrap(true);
    m_message->setStyleSheet(QStringLiteral("color: #e06c5a"));
    form->addRow(m_message);
    form->addRow(m_run);
    connect(m_run, &QPushButton::clicked, this, [this] {
        QString error;
        const QVariantMap params = resolved(&error);
        if (error.isEmpty())
            Q_EMIT runRequested(m_method.id, params);
    });
    validate();
}

QString PluginPanel::message() const
{
    return m_message->text();
}

QVariantMap PluginPanel::values() const
{
    QVariantMap map;
    for (auto it = m_fields.cbegin(); it != m_fields.cend(); ++it)
        map.insert(it.key(), it.value()->value());
    return map;
}

void PluginPanel::setValue(const QString &id, const QVariant &value)
{
    if (ParameterField *f = m_fields.value(id))
        f->setValue(value);
}

void PluginPanel::setClipChoices(const QList<QPair<QString, QString>> &choices)
{
    for (ParameterField *f : std::as_const(m_fields))
        f->setClipChoices(choices);
}

QVariantMap PluginPanel::resolved(QString *error) const
{
    error->clear();
    for (ParameterField *f : m_fields) {
        const sdk::ParameterSpec &spec = f->spec();
        const QString text = f->value().toString();
        if (spec.type == sdk::ParameterSpec::Type::File && !text.isEmpty() && !QFileInfo(text).isFile()) {
            *error = tr("%1: no such file \"%2\"").arg(spec.name, text);
            return {};
        }
        if (spec.type == sdk::ParameterSpec::Type::Clip && text.isEmpty()) {
            *error = tr("%1: pick a clip or region").arg(spec.name);
            return {};
        }
    }
    return sdk::resolveParameters(m_method.parameters, values(), error);
}

void PluginPanel::validate()
{
    QString error;
    resolved(&error);
    m_message->setText(error);
    m_run->setEnabled(error.isEmpty());
}

} // namespace mirstudio::widgets
