// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/gui/preferencesdialog.h"

#include "widgets/colourmap.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QThread>

namespace mirstudio {

namespace {

QComboBox *choices(QWidget *parent, const QString &none, const QStringList &items, const QString &current)
{
    auto *c = new QComboBox(parent);
    c->addItem(none, QString());
    for (const QString &i : items)
        c->addItem(i, i);
    if (!current.isEmpty() && c->findData(current) < 0)
        c->addItem(current + PreferencesDialog::tr(" (not found)"), current);
    c->setCurrentIndex(std::max(0, c->findData(current)));
    return c;
}

} // namespace

PreferencesDialog::PreferencesDialog(const Preferences &prefs, const QStringList &audioDevices,
                                     const QStringList &midiInputs, const QStringList &midiOutputs,
                                     QWidget *parent)
    : QDialog(parent)
    , m_initial(prefs)
    , m_device(choices(this, tr("Default (JACK, else ALSA)"), audioDevices, prefs.audioDevice))
    , m_buffer(new QComboBox(this))
    , m_midiIn(choices(this, tr("None"), midiInputs, prefs.midiInput))
    , m_midiOut(choices(this, tr("None"), midiOutputs, prefs.midiOutput))
    , m_soundFont(new QLineEdit(prefs.soundFont, this))
    , m_pluginFolders(new QPlainTextEdit(prefs.pluginFolders.join(QLatin1Char('\n')), this))
    , m_threads(new QSpinBox(this))
    , m_colourMap(new QComboBox(this))
{
    setWindowTitle(tr("Preferences"));
    for (int frames : {64, 128, 256, 512, 1024, 2048})
        m_buffer->addItem(tr("%1 frames").arg(frames), frames);
    m_buffer->setCurrentIndex(std::max(0, m_buffer->findData(prefs.bufferFrames)));
    m_soundFont->setPlaceholderText(tr("Default General MIDI SoundFont"));
    auto *browse = new QPushButton(tr("Browse..."), this);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString f = QFileDialog::getOpenFileName(this, tr("SoundFont"), m_soundFont->text(),
                                                       tr("SoundFonts (*.sf2 *.sf3)"));
        if (!f.isEmpty())
            m_soundFont->setText(f);
    });
    auto *sf = new QHBoxLayout;
    sf->addWidget(m_soundFont, 1);
    sf->addWidget(browse);
    m_pluginFolders->setPlaceholderText(tr("One folder per line (the build's plugins folder is always searched)"));
    m_pluginFolders->setMaximumHeight(80);
    m_threads->setRange(1, std::max(1, QThread::idealThreadCount()));
    m_threads->setValue(prefs.threads);
    m_colourMap->addItems(widgets::ColourMap::displayNames());
    m_colourMap->setCurrentIndex(std::max(0, m_colourMap->findText(prefs.colourMap)));

    auto *form = new QFormLayout(this);
    form->addRow(tr("Audio device:"), m_device);
    form->addRow(tr("Buffer size:"), m_buffer);
    form->addRow(tr("MIDI input:"), m_midiIn);
    form->addRow(tr("MIDI output:"), m_midiOut);
    form->addRow(tr("SoundFont:"), sf);
    form->addRow(tr("Plugin folders:"), m_pluginFolders);
    form->addRow(tr("Threads per job:"), m_threads);
    form->addRow(tr("Colour map:"), m_colourMap);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    form->addRow(buttons);
}

Preferences PreferencesDialog::preferences() const
{
    Preferences p = m_initial;
    p.audioDevice = m_device->currentData().toString();
    p.bufferFrames = m_buffer->currentData().toInt();
    p.midiInput = m_midiIn->currentData().toString();
    p.midiOutput = m_midiOut->currentData().toString();
    p.soundFont = m_soundFont->text().trimmed();
    p.pluginFolders.clear();
    for (const QString &line : m_pluginFolders->toPlainText().split(QLatin1Char('\n')))
        if (!line.trimmed().isEmpty())
            p.pluginFolders << line.trimmed();
    p.threads = m_threads->value();
    p.colourMap = m_colourMap->currentText();
    return p;
}

} // namespace mirstudio
