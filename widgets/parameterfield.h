// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "plugins/sdk/parameterspec.h"

#include <QWidget>

class QAbstractSpinBox;
class QCheckBox;
class QComboBox;
class QLineEdit;
class QSlider;

namespace mirstudio::widgets {

/**
 * The editor of one declared plugin parameter, chosen by its type: Int/Float a slider beside a
 * spin box (kept in step; range, step and unit from the spec), Bool a check box, Choice a combo
 * box, String a line edit, File a line edit with a browse button (the spec's filter), Clip a
 * combo box of the clips/regions the host offers (setClipChoices). Starts at the default.
 * Owns its child widgets. GUI thread only.
 */
class ParameterField : public QWidget
{
    Q_OBJECT
public:
    explicit ParameterField(const sdk::ParameterSpec &spec, QWidget *parent = nullptr);

    const sdk::ParameterSpec &spec() const { return m_spec; }
    /** The value as the widgets hold it (numbers as double/int, files and clips as text). */
    QVariant value() const;
    void setValue(const QVariant &value);
    /** Clip parameters: (label, value) pairs offered in the combo box. */
    void setClipChoices(const QList<QPair<QString, QString>> &choices);

    QSlider *slider() const { return m_slider; }
    QAbstractSpinBox *spinBox() const { return m_spin; }
    QCheckBox *checkBox() const { return m_check; }
    QComboBox *comboBox() const { return m_combo; }
    QLineEdit *lineEdit() const { return m_line; }

Q_SIGNALS:
    void changed();

private:
    void buildNumber();
    void buildFile();
    int sliderFor(double value) const;
    double valueForSlider(int position) const;

    sdk::ParameterSpec m_spec;
    QSlider *m_slider = nullptr;
    QAbstractSpinBox *m_spin = nullptr;
    QCheckBox *m_check = nullptr;
    QComboBox *m_combo = nullptr;
    QLineEdit *m_line = nullptr;
};

} // namespace mirstudio::widgets
