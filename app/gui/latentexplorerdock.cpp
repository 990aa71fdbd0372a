// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/gui/latentexplorerdock.h"

#include "app/gui/midiconnections.h"
#include "app/gui/playbackcontroller.h"
#include "core/audio/engine.h"
#include "core/host/jobrunner.h"
#include "core/host/pluginhost.h"
#include "core/session/session.h"
#include "widgets/latentexplorer.h"
#include "widgets/latentexplorerccinbox.h"

#include <QComboBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QVBoxLayout>

namespace mirstudio {

namespace {

constexpr int kAuditionChannel = 15;

/** A MIDI clip's inline notes in seconds from the clip's start (through the tempo map). */
sdk::NoteSequence clipNotes(const Clip &clip, const media::TempoMap &tempo)
{
    sdk::NoteSequence seq;
    for (const MidiNote &n : clip.notes) {
        const double start = tempo.secondsAt(double(n.start));
        seq.notes.push_back({n.pitch, n.velocity, start, tempo.secondsAt(double(n.start + n.length)) - start,
                             n.channel, 0});
    }
    return seq;
}

} // namespace

LatentExplorerDock::LatentExplorerDock(PluginHost *host, Session *session, PlaybackController *playback,
                                       const QString &mediaFolder, QWidget *parent)
    : QWidget(parent), m_session(session), m_host(host), m_runner(new JobRunner(host, this))
{
    auto *layout = new QVBoxLayout(this);
    auto *bar = new QHBoxLayout;
    m_plugins = new QComboBox(this);
    bar->addWidget(new QLabel(tr("Model"), this));
    bar->addWidget(m_plugins, 1);
    auto *corpus = new QPushButton(tr("Encode MIDI folder…"), this);
    bar->addWidget(corpus);
    auto *clips = new QPushButton(tr("Add session clips"), this);
    bar->addWidget(clips);
    layout->addLayout(bar);
    m_info = new QLabel(this);
    layout->addWidget(m_info);
    m_explorer = new widgets::LatentExplorer(m_runner, session, mediaFolder, this);
    m_explorer->player().setChannel(kAuditionChannel);
    // The engine is looked up per message: PlaybackController replaces it when the SoundFont changes.
    if (playback)
        m_explorer->setAuditionSink([playback](std::uint8_t s, std::uint8_t d1, std::uint8_t d2) {
            Engine *engine = playback->engine();
            return engine && engine->sendMidi(s, d1, d2);
        });
    layout->addWidget(m_explorer, 1);
    m_explorer->setCcMappingsText(QSettings().value(ccSettingsKey()).toStringList());
    connect(m_explorer, &widgets::LatentExplorer::ccMappingsChanged, this,
            [this] { QSettings().setValue(ccSettingsKey(), m_explorer->ccMappingsText()); });
    // The MIDI thread posts into the inbox; it drops posts once the explorer has gone.
    MidiConnections::setControlChangeTap(
        [inbox = m_explorer->controlChangeInbox()](int channel, int controller, int value) {
            inbox->post(channel, controller, value);
        });
    connect(m_plugins, &QComboBox::activated, this, &LatentExplorerDock::choosePlugin);
    connect(corpus, &QPushButton::clicked, this, [this] {
        const QString folder = QFileDialog::getExistingDirectory(this, tr("MIDI folder to encode"));
        if (!folder.isEmpty())
            m_info->setText(tr("%n piece(s) encoded", nullptr, m_explorer->addCorpusFolder(folder)));
    });
    connect(clips, &QPushButton::clicked, this,
            [this] { m_info->setText(tr("%n clip(s) added", nullptr, addSessionClips())); });
    connect(host, &PluginHost::pluginsChanged, this, &LatentExplorerDock::refreshPlugins);
    refreshPlugins();
}

LatentExplorerDock::~LatentExplorerDock()
{
    MidiConnections::setControlChangeTap({});
}

void LatentExplorerDock::refreshPlugins()
{
    const QString current = m_plugins->currentData().toString();
    m_plugins->clear();
    for (const PluginSpec *spec : m_host->plugins())
        if (!spec->hasError() && spec->manifest().hasCapability(sdk::Capability::Latent))
            m_plugins->addItem(spec->manifest().name, spec->id());
    const int index = std::max(0, m_plugins->findData(current));
    if (m_plugins->count() > 0) {
        m_plugins->setCurrentIndex(index);
        choosePlugin(index);
    } else {
        m_info->setText(tr("No plugin with the latent capability is installed"));
    }
}

void LatentExplorerDock::choosePlugin(int index)
{
    const QString id = m_plugins->itemData(index).toString();
    if (id == m_explorer->pluginId())
        return;
    m_info->setText(m_explorer->setPlugin(id) ? tr("Encode a MIDI folder or add clips to fill the map")
                                              : m_explorer->error());
}

int LatentExplorerDock::addSessionClips()
{
    int added = 0;
    for (const Track &track : m_session->tracks()) {
        if (track.kind != Track::Kind::Midi)
            continue;
        for (const Clip &clip : track.clips)
            added += m_explorer->addUserClip(clipNotes(clip, m_session->tempoMap()), track.name) ? 1 : 0;
    }
    return added;
}

} // namespace mirstudio
