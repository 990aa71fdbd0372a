// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/host/valuecheck.h"

#include <algorithm>
#include <cmath>

namespace mirstudio {

namespace {

QString audioProblem(const sdk::AudioBuffer &a)
{
    if (!(a.sampleRate > 0.0) || !std::isfinite(a.sampleRate))
        return QStringLiteral("audio has no valid sample rate");
    if (a.channels.empty() || a.isEmpty())
        return QStringLiteral("audio is empty");
    for (size_t c = 0; c < a.channels.size(); ++c) {
        if (int64_t(a.channels[c].size()) != a.frameCount())
            return QStringLiteral("audio channels have different lengths");
        for (float s : a.channels[c]) {
            if (!std::isfinite(s))
                return QStringLiteral("audio channel %1 holds a non-finite sample").arg(c);
        }
    }
    return {};
}

QString notesProblem(const sdk::NoteSequence &n)
{
    for (size_t i = 0; i < n.notes.size(); ++i) {
        const sdk::Note &note = n.notes[i];
        if (note.pitch < 0 || note.pitch > 127 || note.velocity < 1 || note.velocity > 127
            || note.channel < 0 || note.channel > 15 || note.program < 0 || note.program > 127)
            return QStringLiteral("note %1 is out of MIDI range").arg(i);
        if (!std::isfinite(note.start) || note.start < 0.0 || !std::isfinite(note.duration) || note.duration <= 0.0)
            return QStringLiteral("note %1 has an invalid start or duration").arg(i);
    }
    return {};
}

QString matrixProblem(const sdk::Matrix &m)
{
    if (m.rows < 0 || m.cols < 0 || size_t(m.rows) * size_t(m.cols) != m.data.size())
        return QStringLiteral("matrix data does not hold rows x cols values");
    return {};
}

QString portProblem(const QList<sdk::PortSpec> &ports, const sdk::ValueMap &values, const char *what)
{
    for (auto it = values.cbegin(); it != values.cend(); ++it) {
        const auto port = std::find_if(ports.cbegin(), ports.cend(), [&](const sdk::PortSpec &p) { return p.id == it.key(); });
        if (port == ports.cend())
            return QStringLiteral("%1 \"%2\" is not declared by the method").arg(QLatin1String(what), it.key());
        if (sdk::kindOf(it.value()) != port->kind)
            return QStringLiteral("%1 \"%2\" is %3, the method declares %4")
                .arg(QLatin1String(what), it.key(), sdk::kindName(sdk::kindOf(it.value())), sdk::kindName(port->kind));
        const QString problem = ValueCheck::content(it.value());
        if (!problem.isEmpty())
            return QStringLiteral("%1 \"%2\": %3").arg(QLatin1String(what), it.key(), problem);
    }
    for (const sdk::PortSpec &p : ports) {
        if (!p.optional && !values.contains(p.id))
            return QStringLiteral("%1 \"%2\" (%3) is missing").arg(QLatin1String(what), p.id, sdk::kindName(p.kind));
    }
    return {};
}

} // namespace

QString ValueCheck::content(const sdk::Value &value)
{
    if (const auto *a = std::get_if<sdk::AudioBuffer>(&value))
        return audioProblem(*a);
    if (const auto *n = std::get_if<sdk::NoteSequence>(&value))
        return notesProblem(*n);
    if (const auto *s = std::get_if<sdk::StemSet>(&value)) {
        if (s->order.isEmpty())
            return QStringLiteral("stem set is empty");
        for (const QString &name : s->order) {
            if (!s->stems.contains(name))
                return QStringLiteral("stem \"%1\" is listed but missing").arg(name);
            const QString problem = audioProblem(s->stems.value(name));
            if (!problem.isEmpty())
                return QStringLiteral("stem \"%1\": %2").arg(name, problem);
        }
        return {};
    }
    if (const auto *m = std::get_if<sdk::Matrix>(&value))
        return matrixProblem(*m);
    if (const auto *l = std::get_if<sdk::LatentSet>(&value))
        return matrixProblem(l->codes);
    if (std::holds_alternative<std::monostate>(value))
        return QStringLiteral("no value");
    return {};
}

QString ValueCheck::inputs(const sdk::MethodSpec &method, const sdk::ValueMap &inputs)
{
    return portProblem(method.inputs, inputs, "input");
}

QString ValueCheck::outputs(const sdk::MethodSpec &method, const sdk::ValueMap &outputs)
{
    return portProblem(method.outputs, outputs, "output");
}

} // namespace mirstudio
