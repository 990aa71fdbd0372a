// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "plugins/sdk/manifest.h"

#include <QMap>
#include <QVariantMap>
#include <QWidget>

class QLabel;
class QPushButton;

namespace mirstudio::widgets {

class ParameterField;

/**
 * The generic panel of one plugin method, built from its declared sdk::MethodSpec (plugins
 * contribute no widgets): a ParameterField per parameter in a form, a message line and a Run
 * button. Every change is checked with sdk::resolveParameters (plus: a chosen file must exist,
 * a clip must be picked); while a value is wrong the message says why and Run is disabled.
 * Run emits runRequested() with the method id and the resolved, complete parameter map; the
 * window queues the job.
 *
 * Owns its widgets; keeps a copy of the spec. GUI thread only.
 */
class PluginPanel : public QWidget
{
    Q_OBJECT
public:
    explicit PluginPanel(const sdk::MethodSpec &method, QWidget *parent = nullptr);

    const sdk::MethodSpec &method() const { return m_method; }
    ParameterField *field(const QString &id) const { return m_fields.value(id); }
    QPushButton *runButton() const { return m_run; }
    QString message() const;

    /** The values as the widgets hold them. */
    QVariantMap values() const;
    void setValue(const QString &id, const QVariant &value);
    /** Offers (label, value) clips/regions to every Clip parameter. */
    void setClipChoices(const QList<QPair<QString, QString>> &choices);
    /** The resolved parameters, or an empty map and the reason in `error`. */
    QVariantMap resolved(QString *error) const;

Q_SIGNALS:
    void runRequested(const QString &methodId, const QVariantMap &parameters);

private:
    void validate();

    sdk::MethodSpec m_method;
    QMap<QString, ParameterField *> m_fields;
    QLabel *m_message;
    QPushButton *m_run;
};

} // namespace mirstudio::widgets
