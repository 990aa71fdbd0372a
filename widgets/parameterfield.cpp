// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/parameterfield.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QSignalBlocker>
#include <QSlider>
#include <QSpinBox>
#include <QToolButton>

#include <cmath>

namespace mirstudio::widgets {

namespace {
constexpr int sliderSteps = 1000; // Float sliders: positions over the range
using Type = sdk::ParameterSpec::Type;
} // namespace

ParameterField::ParameterField(const sdk::ParameterSpec &spec, QWidget *parent)
    : QWidget(parent), m_spec(spec)
{
    auto *row = new QHBoxLayout(this);
    row->setContentsMargins(0, 0, 0, 0);
    switch (spec.type) {
    case Type::Int:
    case Type::Float:
        buildNumber();
        break;
    case Type::Bool:
        m_check = new QCheckBox(this);
        row->addWidget(m_check);
        connect(m_check, &QCheckBox::toggled, this, &ParameterField::changed);
        break;
    case Type::Choice:
    case Type::Clip:
        m_combo = new QComboBox(this);
        if (spec.type == Type::Choice)
            for (const QString &c : spec.choices)
                m_combo->addItem(c, c);
        row->addWidget(m_combo, 1);
        connect(m_combo, &QComboBox::currentIndexChanged, this, &ParameterField::changed);
        break;
    case Type::String:
        m_line = new QLineEdit(this);
        row->addWidget(m_line, 1);
        connect(m_line, &QLineEdit::textChanged, this, &ParameterField::changed);
        break;
    case Type::File:
        buildFile();
        break;
    }
    setToolTip(spec.description);
    setValue(spec.defaultValue);
}

void ParameterField::buildNumber()
{
    m_slider = new QSlider(Qt::Horizontal, this);
    const bool isInt = m_spec.type == Type::Int;
    if (isInt) {
        auto *spin = new QSpinBox(this);
        spin->setRange(int(m_spec.minimum), int(m_spec.maximum));
        spin->setSingleStep(m_spec.step > 0 ? int(m_spec.step) : 1);
        m_slider->setRange(int(m_spec.minimum), int(m_spec.maximum));
        m_slider->setSingleStep(spin->singleStep());
        connect(spin, &QSpinBox::valueChanged, this, [this](int v) {
            const QSignalBlocker block(m_slider);
            m_slider->setValue(v);
            Q_EMIT changed();
        });
        connect(m_slider, &QSlider::valueChanged, spin, &QSpinBox::setValue);
        if (!m_spec.unit.isEmpty())
            spin->setSuffix(QLatin1Char(' ') + m_spec.unit);
        m_spin = spin;
    } else {
        auto *spin = new QDoubleSpinBox(this);
        spin->setRange(m_spec.minimum, m_spec.maximum);
        const double span = m_spec.maximum - m_spec.minimum;
        spin->setSingleStep(m_spec.step > 0 ? m_spec.step : span / 100.0);
        spin->setDecimals(m_spec.step > 0 ? std::max(0, int(std::ceil(-std::log10(m_spec.step)))) : 3);
        m_slider->setRange(0, sliderSteps);
        connect(spin, &QDoubleSpinBox::valueChanged, this, [this](double v) {
            const QSignalBlocker block(m_slider);
            m_slider->setValue(sliderFor(v));
            Q_EMIT changed();
        });
        connect(m_slider, &QSlider::valueChanged, spin,
                [this, spin](int pos) { spin->setValue(valueForSlider(pos)); });
        if (!m_spec.unit.isEmpty())
            spin->setSuffix(QLatin1Char(' ') + m_spec.unit);
        m_spin = spin;
    }
    layout()->addWidget(m_slider);
    layout()->addWidget(m_spin);
}

void ParameterField::buildFile()
{
    m_line = new QLineEdit(this);
    auto *browse = new QToolButton(this);
    browse->setText(QStringLiteral("…"));
    layout()->addWidget(m_line);
    layout()->addWidget(browse);
    connect(m_line, &QLineEdit::textChanged, this, &ParameterField::changed);
    connect(browse, &QToolButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, m_spec.name, m_line->text(), m_spec.fileFilter);
        if (!path.isEmpty())
            m_line->setText(path);
    });
}

int ParameterField::sliderFor(double value) const
{
    const double span = m_spec.maximum - m_spec.minimum;
    return span > 0 ? int(std::lround((value - m_spec.minimum) / span * sliderSteps)) : 0;
}

double ParameterField::valueForSlider(int position) const
{
    return m_spec.minimum + (m_spec.maximum - m_spec.minimum) * position / double(sliderSteps);
}

QVariant ParameterField::value() const
{
    switch (m_spec.type) {
    case Type::Int: return static_cast<QSpinBox *>(m_spin)->value();
    case Type::Float: return static_cast<QDoubleSpinBox *>(m_spin)->value();
    case Type::Bool: return m_check->isChecked();
    case Type::Choice:
    case Type::Clip: return m_combo->currentData().toString();
    case Type::String:
    case Type::File: return m_line->text();
    }
    return {};
}

void ParameterField::setValue(const QVariant &value)
{
    switch (m_spec.type) {
    case Type::Int: static_cast<QSpinBox *>(m_spin)->setValue(value.toInt()); break;
    case Type::Float: static_cast<QDoubleSpinBox *>(m_spin)->setValue(value.toDouble()); break;
    case Type::Bool: m_check->setChecked(value.toBool()); break;
    case Type::Choice:
    case Type::Clip: m_combo->setCurrentIndex(m_combo->findData(value.toString())); break;
    case Type::String:
    case Type::File: m_line->setText(value.toString()); break;
    }
}

void ParameterField::setClipChoices(const QList<QPair<QString, QString>> &choices)
{
    if (m_spec.type != Type::Clip)
        return;
    const QString current = value().toString();
    const QSignalBlocker block(m_combo);
    m_combo->clear();
    for (const auto &[label, id] : choices)
        m_combo->addItem(label, id);
    m_combo->setCurrentIndex(std::max(0, m_combo->findData(current)));
    Q_EMIT changed();
}

} // namespace mirstudio::widgets
