// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/latentexplorer.h"

#include "core/host/jobinfo.h"
#include "core/host/jobresultimporter.h"
#include "widgets/colourmap.h"
#include "widgets/latentexplorerccinbox.h"
#include "widgets/latentmodelclient.h"
#include "widgets/latentrollpreview.h"

#include "widgets/qcustomplotheader.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QSlider>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <random>

namespace mirstudio::widgets {

namespace {

constexpr int kSliderSteps = 1000;
constexpr int kColourBins = 8;
constexpr int kPickPixels = 7;    // a press this close to a point picks that item

/** Resamples a polyline by arc length into `count` points (ends included). */
QList<QPointF> resample(const QList<QPointF> &path, int count)
{
    if (path.size() < 2 || count < 2)
        return path.isEmpty() ? path : QList<QPointF>(std::max(count, 1), path.front());
    std::vector<double> at{0.0};
    for (int i = 1; i < path.size(); ++i)
        at.push_back(at.back() + std::hypot(path[i].x() - path[i - 1].x(), path[i].y() - path[i - 1].y()));
    QList<QPointF> out;
    int seg = 1;
    for (int k = 0; k < count; ++k) {
        const double s = at.back() * double(k) / double(count - 1);
        while (seg < path.size() - 1 && at[size_t(seg)] < s)
            ++seg;
        const double len = at[size_t(seg)] - at[size_t(seg - 1)];
        const double t = len > 0 ? (s - at[size_t(seg - 1)]) / len : 0.0;
        out << path[seg - 1] + t * (path[seg] - path[seg - 1]);
    }
    return out;
}

} // namespace

LatentExplorer::LatentExplorer(JobRunner *runner, Session *session, QString mediaFolder, QWidget *parent)
    : QWidget(parent), m_runner(runner), m_session(session), m_mediaFolder(std::move(mediaFolder)),
      m_decoder(new LatentExplorerDecoder(runner, this)),
      m_ccInbox(std::make_shared<LatentExplorerCcInbox>(
          this, [this](int channel, int controller, int value) { handleControlChange(channel, controller, value); }))
{
    connect(m_decoder, &LatentExplorerDecoder::decoded, this, &LatentExplorer::onDecoded);
    connect(m_decoder, &LatentExplorerDecoder::readBack, this, &LatentExplorer::showReadBack);
    buildUi();
    connect(m_decoder, &LatentExplorerDecoder::busyChanged, m_busyHint, &QLabel::setVisible);
}

LatentExplorer::~LatentExplorer()
{
    m_ccInbox->detach();
}

void LatentExplorer::buildUi()
{
    auto *layout = new QHBoxLayout(this);
    m_plot = new QCustomPlot(this);
    m_plot->setMinimumSize(360, 300);
    m_plot->xAxis->setLabel(tr("axis 1"));
    m_plot->yAxis->setLabel(tr("axis 2"));
    const ColourMap viridis(ColourMap::Name::Viridis);
    for (int b = 0; b < kColourBins; ++b) {
        QCPGraph *g = m_plot->addGraph();
        g->setLineStyle(QCPGraph::lsNone);
        const QColor c = QColor::fromRgb(viridis.colourFor(float(b) / float(kColourBins - 1)));
        g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, c, c, 6));
        m_colourGraphs << g;
    }
    auto scatter = [this](QCPScatterStyle::ScatterShape shape, const QColor &c, double size) {
        QCPGraph *g = m_plot->addGraph();
        g->setLineStyle(QCPGraph::lsNone);
        g->setScatterStyle(QCPScatterStyle(shape, QPen(c, 2), Qt::NoBrush, size));
        return g;
    };
    m_userGraph = scatter(QCPScatterStyle::ssDiamond, QColor(220, 60, 40), 11);
    m_selectionGraph = scatter(QCPScatterStyle::ssCircle, QColor(255, 170, 0), 16);
    m_currentGraph = scatter(QCPScatterStyle::ssCrossCircle, Qt::black, 14);
    m_trajectoryCurve = new QCPCurve(m_plot->xAxis, m_plot->yAxis);
    m_trajectoryCurve->setPen(QPen(QColor(40, 120, 220), 2));
    connect(m_plot, &QCustomPlot::mousePress, this, &LatentExplorer::onPress);
    connect(m_plot, &QCustomPlot::mouseMove, this, &LatentExplorer::onMove);
    connect(m_plot, &QCustomPlot::mouseRelease, this, &LatentExplorer::onRelease);

    auto *mapColumn = new QVBoxLayout;
    mapColumn->addWidget(m_plot, 1);
    m_preview = new LatentRollPreview(this);
    mapColumn->addWidget(m_preview);
    auto *statusRow = new QHBoxLayout;
    m_status = new QLabel(this);
    statusRow->addWidget(m_status, 1);
    m_busyHint = new QLabel(tr("decoding…"), this);
    m_busyHint->setObjectName(QStringLiteral("busyHint"));
    m_busyHint->setVisible(false);
    statusRow->addWidget(m_busyHint);
    mapColumn->addLayout(statusRow);
    layout->addLayout(mapColumn, 3);

    auto *side = new QVBoxLayout;
    auto *form = new QFormLayout;
    m_projectionBox = new QComboBox(this);
    connect(m_projectionBox, &QComboBox::activated, this, [this](int index) {
        const QPoint dims = m_projectionBox->itemData(index).toPoint();
        setProjection(index == 0, dims.x(), dims.y());
    });
    form->addRow(tr("Projection"), m_projectionBox);
    m_attributeBox = new QComboBox(this);
    connect(m_attributeBox, &QComboBox::activated, this,
            [this](int index) { setColourAttribute(m_attributeBox->itemData(index).toString()); });
    form->addRow(tr("Colour by"), m_attributeBox);
    m_temperature = new QSlider(Qt::Horizontal, this);
    m_temperature->setRange(0, 200);
    m_temperature->setObjectName(QStringLiteral("temperature"));
    m_temperature->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_temperature, &QSlider::customContextMenuRequested, this,
            [this](const QPoint &pos) { showMidiMenu(m_temperature, QStringLiteral("temperature"), pos); });
    connect(m_temperature, &QSlider::valueChanged, this, [this] {
        if (!m_syncing && !m_code.empty())
            requestDecode();
    });
    form->addRow(tr("Temperature"), m_temperature);
    m_variations = new QSpinBox(this);
    m_variations->setRange(1, 8);
    form->addRow(tr("Variations"), m_variations);
    m_steps = new QSpinBox(this);
    m_steps->setRange(2, 64);
    m_steps->setValue(5);
    form->addRow(tr("Steps"), m_steps);
    m_clickAdds = new QCheckBox(tr("A click adds a clip"), this);
    m_clickAdds->setChecked(true);
    form->addRow(m_clickAdds);
    side->addLayout(form);
    m_sliderLayout = new QVBoxLayout;
    side->addLayout(m_sliderLayout);
    m_readBackLabel = new QLabel(this);
    m_readBackLabel->setWordWrap(true);
    side->addWidget(m_readBackLabel);

    auto button = [this, side](const QString &text, auto slot) {
        auto *b = new QPushButton(text, this);
        connect(b, &QPushButton::clicked, this, slot);
        side->addWidget(b);
        return b;
    };
    button(tr("Add to timeline"), [this] { addCurrentToTimeline(); });
    button(tr("Interpolate selected"), [this] {
        if (m_selection.size() == 2)
            interpolate(m_selection[0], m_selection[1], m_steps->value());
        else
            m_status->setText(tr("Ctrl+click two points to interpolate between them"));
    });
    QPushButton *draw = button(tr("Draw trajectory"), [this](bool on) { setTrajectoryMode(on); });
    draw->setCheckable(true);
    button(tr("Play trajectory"), [this] { playTrajectory(m_steps->value(), false); });
    button(tr("Trajectory to timeline"), [this] { playTrajectory(m_steps->value(), true); });
    button(tr("Stop"), [this] { m_player.stop(); });
    side->addStretch(1);
    layout->addLayout(side, 2);
}

bool LatentExplorer::setPlugin(const QString &pluginId)
{
    m_player.stop();
    m_decoder->setClient(nullptr);
    m_client = std::make_unique<LatentModelClient>(m_runner, pluginId);
    m_decoder->setClient(m_client.get());
    m_corpus.clear();
    m_selection.clear();
    m_trajectory.clear();
    m_code.clear();
    m_decodes = 0;
    m_error = m_client->error();
    rebuildSliders();
    replot();
    return m_client->isUsable();
}

QString LatentExplorer::pluginId() const
{
    return m_client ? m_client->pluginId() : QString();
}

int LatentExplorer::addCorpus(const std::vector<sdk::NoteSequence> &pieces, const QStringList &names)
{
    if (!m_client)
        return 0;
    int added = 0;
    for (size_t i = 0; i < pieces.size(); ++i)
        added += m_corpus.add(*m_client, pieces[i], names.value(int(i), QStringLiteral("piece %1").arg(i + 1)), false) ? 1 : 0;
    refit();
    return added;
}

int LatentExplorer::addCorpusFolder(const QString &folder)
{
    const int added = m_client ? m_corpus.addMidiFolder(*m_client, folder) : 0;
    refit();
    return added;
}

bool LatentExplorer::addUserClip(const sdk::NoteSequence &notes, const QString &name)
{
    const bool added = m_client && m_corpus.add(*m_client, notes, name, true);
    refit();
    return added;
}

void LatentExplorer::refit()
{
    const int d = m_corpus.dimensions();
    if (d == 0)
        return;
    if (int(m_code.size()) != d) {
        m_code = m_corpus.items().front().code;
        rebuildSliders();
    }
    if (m_projection.dimensions() != d || m_projection.isPca())
        m_projection.fitPca(m_corpus.codes());
    const QString keep = m_colourAttribute;
    m_attributeBox->clear();
    m_attributeBox->addItem(tr("(none)"), QString());
    for (const QString &a : m_corpus.attributeNames())
        m_attributeBox->addItem(a, a);
    const int index = m_attributeBox->findData(keep);
    m_attributeBox->setCurrentIndex(std::max(index, 0));
    m_colourAttribute = index > 0 ? keep : (m_corpus.attributeNames().isEmpty() ? QString() : m_corpus.attributeNames().front());
    m_attributeBox->setCurrentIndex(std::max(m_attributeBox->findData(m_colourAttribute), 0));
    syncSliders();
    fitAxes();
}

void LatentExplorer::rebuildSliders()
{
    qDeleteAll(m_sliders);
    qDeleteAll(m_sliderLabels);
    m_sliders.clear();
    m_sliderLabels.clear();
    m_projectionBox->clear();
    m_projectionBox->addItem(tr("PCA"), QPoint(0, 1));
    for (int d = 0; d < dimensions(); ++d) {
        auto *label = new QLabel(this);
        auto *slider = new QSlider(Qt::Horizontal, this);
        slider->setRange(0, kSliderSteps);
        slider->setObjectName(dimensionParameter(d));
        connect(slider, &QSlider::valueChanged, this, [this, d] { onSlider(d); });
        slider->setContextMenuPolicy(Qt::CustomContextMenu);
        connect(slider, &QSlider::customContextMenuRequested, this,
                [this, slider, d](const QPoint &pos) { showMidiMenu(slider, dimensionParameter(d), pos); });
        m_sliderLayout->addWidget(label);
        m_sliderLayout->addWidget(slider);
        m_sliders << slider;
        m_sliderLabels << label;
        if (d + 1 < dimensions())
            m_projectionBox->addItem(tr("Dimensions %1 / %2").arg(d).arg(d + 1), QPoint(d, d + 1));
    }
    syncSliders();
}

void LatentExplorer::syncSliders()
{
    m_syncing = true;
    for (int d = 0; d < m_sliders.size() && d < dimensions(); ++d) {
        const auto [lo, hi] = m_corpus.range(d);
        const double v = m_code[size_t(d)];
        m_sliders[d]->setValue(int(std::lround((v - lo) / (hi - lo) * kSliderSteps)));
        m_sliderLabels[d]->setText(QStringLiteral("%1 = %2").arg(dimensionParameter(d)).arg(v, 0, 'g', 4));
    }
    m_syncing = false;
}

double LatentExplorer::sliderValue(int d) const
{
    const auto [lo, hi] = m_corpus.range(d);
    return lo + (hi - lo) * double(m_sliders[d]->value()) / kSliderSteps;
}

void LatentExplorer::onSlider(int d)
{
    if (m_syncing || d >= dimensions())
        return;
    m_code[size_t(d)] = sliderValue(d);
    m_sliderLabels[d]->setText(QStringLiteral("%1 = %2").arg(dimensionParameter(d)).arg(m_code[size_t(d)], 0, 'g', 4));
    replot();
    requestDecode();
}

void LatentExplorer::setProjection(bool pca, int dimX, int dimY)
{
    if (pca && m_corpus.dimensions() > 0)
        m_projection.fitPca(m_corpus.codes());
    else
        m_projection.useDimensions(dimensions(), dimX, dimY);
    m_plot->xAxis->setLabel(pca ? tr("PC 1") : tr("dimension %1").arg(dimX));
    m_plot->yAxis->setLabel(pca ? tr("PC 2") : tr("dimension %1").arg(dimY));
    fitAxes();
}

void LatentExplorer::setColourAttribute(const QString &attribute)
{
    m_colourAttribute = attribute;
    replot();
}

void LatentExplorer::replot()
{
    for (QCPGraph *g : m_colourGraphs)
        g->data()->clear();
    m_userGraph->data()->clear();
    m_selectionGraph->data()->clear();
    m_currentGraph->data()->clear();
    double lo = 0, hi = 0;
    bool first = true;
    for (const auto &item : m_corpus.items())
        if (item.attributes.contains(m_colourAttribute)) {
            const double v = item.attributes.value(m_colourAttribute);
            lo = first ? v : std::min(lo, v);
            hi = first ? v : std::max(hi, v);
            first = false;
        }
    for (int i = 0; i < int(m_corpus.items().size()); ++i) {
        const auto &item = m_corpus.items()[size_t(i)];
        const QPointF p = m_projection.project(item.code);
        if (item.user) {
            m_userGraph->addData(p.x(), p.y());
        } else {
            const double v = item.attributes.value(m_colourAttribute, lo);
            const int bin = hi > lo ? std::clamp(int((v - lo) / (hi - lo) * (kColourBins - 1) + 0.5), 0, kColourBins - 1) : 0;
            m_colourGraphs[bin]->addData(p.x(), p.y());
        }
        if (m_selection.contains(i))
            m_selectionGraph->addData(p.x(), p.y());
    }
    if (!m_code.empty()) {
        const QPointF c = m_projection.project(m_code);
        m_currentGraph->addData(c.x(), c.y());
    }
    QVector<double> xs, ys;
    for (const QPointF &p : m_trajectory) {
        xs << p.x();
        ys << p.y();
    }
    m_trajectoryCurve->setData(xs, ys);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void LatentExplorer::setCode(const std::vector<double> &code)
{
    m_code = code;
    m_code.resize(size_t(m_corpus.dimensions()), 0.0);
    syncSliders();
    replot();
}

double LatentExplorer::temperature() const
{
    return m_temperature->value() / 100.0;
}

int LatentExplorer::variations() const
{
    return m_variations->value();
}

void LatentExplorer::setVariations(int n)
{
    m_variations->setValue(n);
}

std::vector<std::vector<double>> LatentExplorer::codesWithVariations(const std::vector<double> &code) const
{
    std::vector<std::vector<double>> rows{code};
    std::mt19937 random(7);   // fixed seed: the same point always gives the same variations
    std::normal_distribution<double> normal;
    for (int v = 1; v < variations(); ++v) {
        std::vector<double> row = code;
        for (size_t d = 0; d < row.size(); ++d) {
            const auto [lo, hi] = m_corpus.range(int(d));
            row[d] += std::max(temperature(), 0.25) * normal(random) * (hi - lo) / 12.0;
        }
        rows.push_back(std::move(row));
    }
    return rows;
}

sdk::NoteSequence LatentExplorer::decodeCurrent(bool play)
{
    if (!m_client || m_code.empty())
        return {};
    ++m_decodes;
    if (!showDecoded(m_client->decode(codesWithVariations(m_code), temperature()), play))
        return {};
    showReadBack(m_client->encode(m_lastNotes));
    return m_lastNotes;
}

bool LatentExplorer::showDecoded(const JobInfo &job, bool play)
{
    m_lastNotes = m_client->notesOf(job);
    if (job.state != JobState::Done) {
        m_status->setText(tr("Decode failed: %1").arg(job.error));
        return false;
    }
    m_preview->setNotes(m_lastNotes);
    if (play)
        m_player.play(m_lastNotes);
    Q_EMIT decoded(m_lastNotes);
    return true;
}

void LatentExplorer::showReadBack(const sdk::LatentSet &latent)
{
    m_readBack = LatentCorpus::summarise(latent).attributes;
    QStringList parts;
    for (auto it = m_readBack.cbegin(); it != m_readBack.cend(); ++it)
        parts << QStringLiteral("%1 %2").arg(it.key()).arg(it.value(), 0, 'g', 4);
    m_readBackLabel->setText(tr("Read back: %1").arg(parts.join(QStringLiteral(", "))));
}

void LatentExplorer::onDecoded(const JobInfo &job, const LatentExplorerDecoder::Request &request)
{
    if (m_client && showDecoded(job, request.play) && request.toTimeline)
        import(job);
}

QList<TrackId> LatentExplorer::import(const JobInfo &job)
{
    if (job.state != JobState::Done || !m_session)
        return {};
    const QList<TrackId> tracks = JobResultImporter(m_session, m_mediaFolder).import(job);
    m_status->setText(tr("%n clip(s) added to the timeline", nullptr, int(tracks.size())));
    Q_EMIT clipsAdded(tracks);
    return tracks;
}

QList<TrackId> LatentExplorer::addCurrentToTimeline()
{
    if (!m_client || m_code.empty())
        return {};
    return import(m_client->decode(codesWithVariations(m_code), temperature()));
}

QList<TrackId> LatentExplorer::interpolate(int itemA, int itemB, int steps)
{
    const auto &items = m_corpus.items();
    if (!m_client || itemA < 0 || itemB < 0 || itemA >= int(items.size()) || itemB >= int(items.size()) || steps < 1)
        return {};
    const auto &a = items[size_t(itemA)].code;
    const auto &b = items[size_t(itemB)].code;
    QList<TrackId> tracks;
    for (int i = 0; i < steps; ++i) {
        const double t = steps == 1 ? 0.0 : double(i) / double(steps - 1);
        std::vector<double> code(a.size());
        for (size_t d = 0; d < a.size(); ++d)
            code[d] = (1.0 - t) * a[d] + t * b[d];
        tracks << import(m_client->decode({code}, temperature()));
    }
    return tracks;
}

void LatentExplorer::setTrajectoryMode(bool on)
{
    m_trajectoryMode = on;
}

void LatentExplorer::setTrajectory(const QList<QPointF> &points)
{
    m_trajectory = points;
    replot();
}

sdk::NoteSequence LatentExplorer::playTrajectory(int steps, bool toTimeline)
{
    if (!m_client || m_trajectory.isEmpty() || m_code.empty())
        return {};
    std::vector<std::vector<double>> codes;
    for (const QPointF &p : resample(m_trajectory, steps))
        codes.push_back(m_projection.unproject(p, m_code));
    const JobInfo job = m_client->decode(codes, temperature());
    m_lastNotes = m_client->notesOf(job);
    m_preview->setNotes(m_lastNotes);
    m_player.play(m_lastNotes);
    if (toTimeline)
        import(job);
    return m_lastNotes;
}

bool LatentExplorer::handleControlChange(int channel, int controller, int value)
{
    const auto result = m_ccMap.handle(channel, controller, value);
    if (!result)
        return false;
    if (result->learned) {
        m_status->setText(tr("CC %1 (channel %2) drives %3").arg(controller).arg(channel + 1).arg(result->parameterId));
        Q_EMIT ccMappingsChanged();
    }
    if (result->parameterId == QLatin1String("temperature")) {
        m_temperature->setValue(int(std::lround(result->value * 100.0)));
        return true;
    }
    for (int d = 0; d < m_sliders.size(); ++d)
        if (result->parameterId == dimensionParameter(d)) { // the value is a fraction of the slider
            m_sliders[d]->setValue(int(std::lround(result->value * kSliderSteps)));
            return true;
        }
    return false;
}

void LatentExplorer::postControlChange(int channel, int controller, int value)
{
    m_ccInbox->post(channel, controller, value);
}

void LatentExplorer::startMidiLearn(const QString &parameterId)
{
    const bool temperature = parameterId == QLatin1String("temperature");
    m_ccMap.startLearn(parameterId, 0.0, temperature ? m_temperature->maximum() / 100.0 : 1.0);
    m_status->setText(tr("Move a MIDI controller to drive %1").arg(parameterId));
}

void LatentExplorer::showMidiMenu(QSlider *slider, const QString &parameterId, const QPoint &pos)
{
    QMenu menu(this);
    menu.addAction(tr("MIDI learn"), this, [this, parameterId] { startMidiLearn(parameterId); });
    QAction *forget = menu.addAction(tr("Forget MIDI controller"), this, [this, parameterId] {
        if (m_ccMap.unmapParameter(parameterId) > 0)
            Q_EMIT ccMappingsChanged();
    });
    const QList<MidiCcMap::Mapping> mappings = m_ccMap.mappings();
    forget->setEnabled(std::any_of(mappings.cbegin(), mappings.cend(),
                                   [&](const MidiCcMap::Mapping &m) { return m.parameterId == parameterId; }));
    menu.exec(slider->mapToGlobal(pos));
}

QStringList LatentExplorer::ccMappingsText() const
{
    QStringList lines;
    for (const MidiCcMap::Mapping &m : m_ccMap.mappings())
        lines << QStringLiteral("%1:%2:%3:%4:%5").arg(m.channel).arg(m.controller).arg(m.parameterId).arg(m.minimum).arg(m.maximum);
    return lines;
}

void LatentExplorer::setCcMappingsText(const QStringList &lines)
{
    m_ccMap.clear();
    for (const QString &line : lines) {
        const QStringList f = line.split(QLatin1Char(':'));
        bool ok[4] = {false, false, false, false};
        if (f.size() != 5)
            continue;
        const int channel = f[0].toInt(&ok[0]);
        const int controller = f[1].toInt(&ok[1]);
        const double minimum = f[3].toDouble(&ok[2]);
        const double maximum = f[4].toDouble(&ok[3]);
        if (ok[0] && ok[1] && ok[2] && ok[3] && !f[2].isEmpty())
            m_ccMap.map(channel, controller, f[2], minimum, maximum);
    }
}

QPointF LatentExplorer::mapPointAt(const QPoint &pixel) const
{
    return {m_plot->xAxis->pixelToCoord(pixel.x()), m_plot->yAxis->pixelToCoord(pixel.y())};
}

QPoint LatentExplorer::pixelFor(const QPointF &mapPoint) const
{
    return QPoint(int(std::lround(m_plot->xAxis->coordToPixel(mapPoint.x()))),
                  int(std::lround(m_plot->yAxis->coordToPixel(mapPoint.y()))));
}

int LatentExplorer::itemNear(const QPoint &pixel) const
{
    int best = -1;
    double bestDistance = kPickPixels;
    for (int i = 0; i < int(m_corpus.items().size()); ++i) {
        const QPoint p = pixelFor(m_projection.project(m_corpus.items()[size_t(i)].code));
        const double distance = std::hypot(double(p.x() - pixel.x()), double(p.y() - pixel.y()));
        if (distance <= bestDistance) {
            best = i;
            bestDistance = distance;
        }
    }
    return best;
}

void LatentExplorer::moveTo(const QPointF &mapPoint)
{
    setCode(m_projection.unproject(mapPoint, m_code));
    requestDecode();
}

void LatentExplorer::requestDecode(bool toTimeline)
{
    if (!m_client || m_code.empty())
        return;
    m_decoder->request({codesWithVariations(m_code), temperature(), true, toTimeline});
}

void LatentExplorer::fitAxes()
{
    replot();
    m_plot->rescaleAxes();
    m_plot->xAxis->scaleRange(1.3);
    m_plot->yAxis->scaleRange(1.3);
    m_plot->replot();
}

void LatentExplorer::onPress(QMouseEvent *event)
{
    if (m_code.empty() || event->button() != Qt::LeftButton)
        return;
    const int item = itemNear(event->position().toPoint());
    if (event->modifiers() & Qt::ControlModifier) {
        if (item >= 0) {
            m_selection.removeAll(item);
            m_selection << item;
            while (m_selection.size() > 2)
                m_selection.removeFirst();
            replot();
        }
        return;
    }
    m_pressed = true;
    m_moved = false;
    m_pressPixel = event->position().toPoint();
    if (m_trajectoryMode)
        setTrajectory({mapPointAt(event->position().toPoint())});
    if (item >= 0 && !m_trajectoryMode) {
        setCode(m_corpus.items()[size_t(item)].code);
        requestDecode();
    } else {
        moveTo(mapPointAt(event->position().toPoint()));
    }
}

void LatentExplorer::onMove(QMouseEvent *event)
{
    if (!m_pressed)
        return;
    if ((event->position().toPoint() - m_pressPixel).manhattanLength() > 3)
        m_moved = true;
    if (!m_moved)
        return;
    const QPointF p = mapPointAt(event->position().toPoint());
    if (m_trajectoryMode) {
        m_trajectory << p;
        replot();
    }
    moveTo(p);
}

void LatentExplorer::onRelease(QMouseEvent *event)
{
    if (!m_pressed)
        return;
    m_pressed = false;
    // The last position of a drag is the latest request, so it is always heard. A click decodes
    // its point once more (a request that imports is never dropped) and the result becomes a clip.
    if (!m_moved && !m_trajectoryMode && m_clickAdds->isChecked() && event->button() == Qt::LeftButton)
        requestDecode(true);
}

} // namespace mirstudio::widgets
