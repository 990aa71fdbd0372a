// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/latentmodelclient.h"

#include "core/host/jobrunner.h"
#include "core/host/pluginhost.h"
#include "core/host/pluginspec.h"

#include <algorithm>

namespace mirstudio::widgets {

namespace {

/** The id of the first port of `kind` in `ports`, or an empty string. */
QString portOf(const QList<sdk::PortSpec> &ports, sdk::ValueKind kind)
{
    for (const sdk::PortSpec &p : ports)
        if (p.kind == kind)
            return p.id;
    return {};
}

} // namespace

LatentModelClient::LatentModelClient(JobRunner *runner, QString pluginId)
    : m_runner(runner), m_plugin(std::move(pluginId))
{
    const PluginSpec *spec = runner->host()->plugin(m_plugin);
    if (!spec) {
        m_error = QStringLiteral("no plugin %1").arg(m_plugin);
        return;
    }
    for (const sdk::MethodSpec &m : spec->manifest().methods) {
        if (m.capability != sdk::Capability::Latent)
            continue;
        const QString notesIn = portOf(m.inputs, sdk::ValueKind::Notes);
        const QString latentIn = portOf(m.inputs, sdk::ValueKind::Latent);
        const QString latentOut = portOf(m.outputs, sdk::ValueKind::Latent);
        const QString notesOut = portOf(m.outputs, sdk::ValueKind::Notes);
        if (m_encode.isEmpty() && !notesIn.isEmpty() && !latentOut.isEmpty()) {
            m_encode = m.id;
            m_encodeIn = notesIn;
            m_encodeOut = latentOut;
        } else if (m_decode.isEmpty() && !latentIn.isEmpty() && !notesOut.isEmpty()) {
            m_decode = m.id;
            m_decodeIn = latentIn;
            m_decodeOut = notesOut;
            for (const sdk::ParameterSpec &p : m.parameters)
                if (p.id == QLatin1String("temperature")) {
                    m_hasTemperature = true;
                    m_temperatureMin = p.minimum;
                    m_temperatureMax = p.maximum;
                }
        }
    }
    if (!isUsable())
        m_error = QStringLiteral("%1 has no notes encode/decode pair").arg(m_plugin);
}

int LatentModelClient::submit(const QString &method, const sdk::ValueMap &inputs, const QVariantMap &params) const
{
    JobRequest request;
    request.plugin = m_plugin;
    request.method = method;
    request.inputs = inputs;
    request.params = params;
    return m_runner->submit(request);
}

JobInfo LatentModelClient::waitFor(int id)
{
    m_runner->wait(id);
    JobInfo info = m_runner->info(id);
    if (info.state != JobState::Done)
        m_error = info.error;
    return info;
}

sdk::LatentSet LatentModelClient::encode(const sdk::NoteSequence &notes)
{
    if (!isUsable())
        return {};
    return latentOf(waitFor(submit(m_encode, {{m_encodeIn, notes}}, {})));
}

sdk::LatentSet LatentModelClient::latentOf(const JobInfo &job) const
{
    const auto it = job.outputs.constFind(m_encodeOut);
    const auto *latent = it == job.outputs.cend() ? nullptr : std::get_if<sdk::LatentSet>(&it.value());
    return latent ? *latent : sdk::LatentSet{};
}

int LatentModelClient::submitEncode(const sdk::NoteSequence &notes) const
{
    return isUsable() ? submit(m_encode, {{m_encodeIn, notes}}, {}) : -1;
}

namespace {

/** The decode job's inputs: `codes` as one latent set, one row each. */
sdk::LatentSet latentSetOf(const std::vector<std::vector<double>> &codes)
{
    sdk::LatentSet set;
    set.codes.rows = int(codes.size());
    set.codes.cols = codes.empty() ? 0 : int(codes.front().size());
    for (const auto &row : codes)
        for (double v : row)
            set.codes.data.push_back(float(v));
    return set;
}

} // namespace

int LatentModelClient::submitDecode(const std::vector<std::vector<double>> &codes, double temperature) const
{
    QVariantMap params;
    if (m_hasTemperature)
        params.insert(QStringLiteral("temperature"), std::clamp(temperature, m_temperatureMin, m_temperatureMax));
    return submit(m_decode, {{m_decodeIn, latentSetOf(codes)}}, params);
}

JobInfo LatentModelClient::decode(const std::vector<std::vector<double>> &codes, double temperature)
{
    return waitFor(submitDecode(codes, temperature));
}

sdk::NoteSequence LatentModelClient::notesOf(const JobInfo &job) const
{
    const auto it = job.outputs.constFind(m_decodeOut);
    if (it == job.outputs.cend())
        return {};
    const auto *notes = std::get_if<sdk::NoteSequence>(&it.value());
    return notes ? *notes : sdk::NoteSequence{};
}

} // namespace mirstudio::widgets
