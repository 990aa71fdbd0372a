// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/sdk/manifest.h"

#include "plugins/sdk/sdkversion.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QSet>

#include <array>
#include <utility>

namespace mirstudio::sdk {

namespace {

constexpr std::array<std::pair<Capability, const char *>, 10> kCapabilityNames{{
    {Capability::Generate, "generate"},
    {Capability::Transform, "transform"},
    {Capability::Latent, "latent"},
    {Capability::Separate, "separate"},
    {Capability::Transcribe, "transcribe"},
    {Capability::Synthesize, "synthesize"},
    {Capability::Analyse, "analyse"},
    {Capability::Retrieve, "retrieve"},
    {Capability::Train, "train"},
    {Capability::Compress, "compress"},
}};

using Kinds = QSet<ValueKind>;

/**
 * The port type contract of a capability: which kinds inputs/outputs may have, and which kinds
 * at least one input/output must have (an empty `needs` set means "none required").
 */
struct Contract
{
    Kinds inputsMay;
    Kinds inputsNeed;
    Kinds outputsMay;
    Kinds outputsNeed;
    const char *text;
};

const Kinds kAnyKind{ValueKind::Audio, ValueKind::Notes, ValueKind::Stems, ValueKind::Annotations,
                     ValueKind::Latent, ValueKind::Matrix};

Contract contractOf(Capability c)
{
    using K = ValueKind;
    switch (c) {
    case Capability::Generate:
        return {{K::Notes, K::Annotations}, {}, {K::Notes}, {K::Notes}, "notes? -> notes"};
    case Capability::Transform:
        return {{K::Notes, K::Annotations, K::Latent}, {K::Notes}, {K::Notes}, {K::Notes},
                "notes + controls -> notes"};
    case Capability::Latent:
        // Encode or decode; checked separately in checkLatent().
        return {kAnyKind, {}, kAnyKind, {}, "encode: notes|audio -> latent; decode: latent -> notes|audio"};
    case Capability::Separate:
        return {{K::Audio}, {K::Audio}, {K::Stems}, {K::Stems}, "audio -> stems"};
    case Capability::Transcribe:
        return {{K::Audio}, {K::Audio}, {K::Notes, K::Annotations}, {K::Notes, K::Annotations},
                "audio -> notes|annotations"};
    case Capability::Synthesize:
        return {kAnyKind, {}, {K::Audio}, {K::Audio}, "controls -> audio"};
    case Capability::Analyse:
        return {{K::Audio, K::Notes}, {K::Audio, K::Notes}, {K::Annotations, K::Matrix},
                {K::Annotations, K::Matrix}, "audio|notes -> annotations|matrix"};
    case Capability::Retrieve:
        return {kAnyKind, kAnyKind, {K::Annotations, K::Matrix}, {K::Annotations, K::Matrix},
                "query -> ranked items (annotations|matrix)"};
    case Capability::Train:
    case Capability::Compress:
        return {kAnyKind, {}, kAnyKind, {}, "any"};
    }
    return {};
}

QSet<ValueKind> kindsOf(const QList<PortSpec> &ports)
{
    QSet<ValueKind> s;
    for (const PortSpec &p : ports)
        s.insert(p.kind);
    return s;
}

QString kindList(const Kinds &kinds)
{
    QStringList names;
    for (ValueKind k : kinds)
        names << kindName(k);
    names.sort();
    return names.join(QLatin1Char('|'));
}

/** Collects errors with a JSON path prefix. */
class Errors
{
public:
    explicit Errors(QStringList *sink) : m_sink(sink) {}
    void add(const QString &path, const QString &why)
    {
        ++m_count;
        if (m_sink)
            m_sink->append(path + QStringLiteral(": ") + why);
    }
    int count() const { return m_count; }

private:
    QStringList *m_sink;
    int m_count = 0;
};

QString requiredString(const QJsonObject &o, const char *key, const QString &path, Errors &errors)
{
    const QJsonValue v = o.value(QLatin1String(key));
    if (!v.isString() || v.toString().isEmpty())
        errors.add(path + QLatin1String(key), v.isUndefined() ? QStringLiteral("missing")
                                                              : QStringLiteral("a non-empty string is required"));
    return v.toString();
}

QList<PortSpec> readPorts(const QJsonValue &value, const QString &path, Errors &errors)
{
    QList<PortSpec> ports;
    if (value.isUndefined())
        return ports;
    if (!value.isArray()) {
        errors.add(path, QStringLiteral("an array is required"));
        return ports;
    }
    const QJsonArray a = value.toArray();
    QSet<QString> ids;
    for (int i = 0; i < a.size(); ++i) {
        const QString at = QStringLiteral("%1[%2].").arg(path).arg(i);
        const QJsonObject o = a.at(i).toObject();
        PortSpec p;
        p.id = requiredString(o, "id", at, errors);
        const QString type = requiredString(o, "type", at, errors);
        p.kind = kindFromName(type);
        if (!type.isEmpty() && p.kind == ValueKind::None)
            errors.add(at + QLatin1String("type"), QStringLiteral("unknown type \"%1\" (audio, notes, stems, annotations, latent, matrix)").arg(type));
        if (!p.id.isEmpty() && ids.contains(p.id))
            errors.add(at + QLatin1String("id"), QStringLiteral("duplicate id \"%1\"").arg(p.id));
        ids.insert(p.id);
        p.name = o.value(QLatin1String("name")).toString(p.id);
        p.optional = o.value(QLatin1String("optional")).toBool(false);
        ports << p;
    }
    return ports;
}

void checkLatent(const MethodSpec &m, const QString &path, Errors &errors)
{
    const Kinds in = kindsOf(m.inputs);
    const Kinds out = kindsOf(m.outputs);
    const Kinds media{ValueKind::Notes, ValueKind::Audio};
    const Kinds latent{ValueKind::Latent};
    const bool encode = !in.isEmpty() && media.contains(in) && out == latent;
    const bool decode = in == latent && !out.isEmpty() && media.contains(out);
    if (!encode && !decode)
        errors.add(path, QStringLiteral("capability latent needs encode (notes|audio -> latent) or decode (latent -> notes|audio), got %1 -> %2")
                             .arg(kindList(in), kindList(out)));
}

void checkContract(const MethodSpec &m, const QString &path, Errors &errors)
{
    if (m.capability == Capability::Latent) {
        checkLatent(m, path, errors);
        return;
    }
    const Contract c = contractOf(m.capability);
    const QString cap = capabilityName(m.capability);
    auto check = [&](const QList<PortSpec> &ports, const Kinds &may, const Kinds &need, const char *what) {
        const Kinds have = kindsOf(ports);
        for (int i = 0; i < ports.size(); ++i) {
            if (ports[i].kind != ValueKind::None && !may.contains(ports[i].kind))
                errors.add(QStringLiteral("%1.%2[%3].type").arg(path, QLatin1String(what)).arg(i),
                           QStringLiteral("%1 not allowed by capability %2 (%3)")
                               .arg(kindName(ports[i].kind), cap, QLatin1String(c.text)));
        }
        if (!need.isEmpty() && !have.intersects(need))
            errors.add(path + QLatin1Char('.') + QLatin1String(what),
                       QStringLiteral("capability %1 needs an %2 of kind %3 (%4)")
                           .arg(cap, QLatin1String(what).chopped(1), kindList(need), QLatin1String(c.text)));
    };
    check(m.inputs, c.inputsMay, c.inputsNeed, "inputs");
    check(m.outputs, c.outputsMay, c.outputsNeed, "outputs");
}

MethodSpec readMethod(const QJsonObject &o, const QString &path, const QList<Capability> &declared,
                      Errors &errors)
{
    MethodSpec m;
    const QString at = path + QLatin1Char('.');
    m.id = requiredString(o, "id", at, errors);
    m.name = o.value(QLatin1String("name")).toString(m.id);
    m.description = o.value(QLatin1String("description")).toString();
    const QString cap = requiredString(o, "capability", at, errors);
    const int before = errors.count();
    if (!cap.isEmpty()) {
        if (!capabilityFromName(cap, &m.capability))
            errors.add(at + QLatin1String("capability"), QStringLiteral("unknown capability \"%1\"").arg(cap));
        else if (!declared.contains(m.capability))
            errors.add(at + QLatin1String("capability"), QStringLiteral("\"%1\" is not listed in capabilities").arg(cap));
    }
    m.inputs = readPorts(o.value(QLatin1String("inputs")), at + QLatin1String("inputs"), errors);
    m.outputs = readPorts(o.value(QLatin1String("outputs")), at + QLatin1String("outputs"), errors);
    if (m.outputs.isEmpty() && m.capability != Capability::Train && m.capability != Capability::Compress)
        errors.add(at + QLatin1String("outputs"), QStringLiteral("at least one output is required"));
    const QJsonArray params = o.value(QLatin1String("parameters")).toArray();
    QSet<QString> ids;
    for (int i = 0; i < params.size(); ++i) {
        const QString pat = QStringLiteral("%1parameters[%2]").arg(at).arg(i);
        ParameterSpec p;
        QString why;
        if (!ParameterSpec::fromJson(params.at(i).toObject(), &p, &why)) {
            errors.add(pat + QLatin1Char('.') + why.section(QStringLiteral(": "), 0, 0),
                       why.section(QStringLiteral(": "), 1, -1));
            continue;
        }
        if (ids.contains(p.id))
            errors.add(pat + QLatin1String(".id"), QStringLiteral("duplicate id \"%1\"").arg(p.id));
        ids.insert(p.id);
        m.parameters << p;
    }
    if (errors.count() == before)
        checkContract(m, path, errors);
    return m;
}

WeightFileSpec readWeight(const QJsonObject &o, const QString &path, Errors &errors)
{
    WeightFileSpec w;
    const QString at = path + QLatin1Char('.');
    w.id = requiredString(o, "id", at, errors);
    w.file = requiredString(o, "file", at, errors);
    if (w.file.startsWith(QLatin1Char('/')) || w.file.split(QLatin1Char('/')).contains(QStringLiteral("..")))
        errors.add(at + QLatin1String("file"), QStringLiteral("must be a relative path inside the model folder"));
    w.size = qint64(o.value(QLatin1String("size")).toDouble(-1));
    w.sha256 = o.value(QLatin1String("sha256")).toString().toLower();
    static const QRegularExpression hex(QStringLiteral("^[0-9a-f]{64}$"));
    if (!w.sha256.isEmpty() && !hex.match(w.sha256).hasMatch())
        errors.add(at + QLatin1String("sha256"), QStringLiteral("64 hex digits are required"));
    w.licence = requiredString(o, "licence", at, errors);
    w.origin = requiredString(o, "origin", at, errors);
    if (!w.origin.isEmpty() && w.origin != QLatin1String("official") && w.origin != QLatin1String("trained"))
        errors.add(at + QLatin1String("origin"), QStringLiteral("\"%1\" must be \"official\" or \"trained\"").arg(w.origin));
    w.command = o.value(QLatin1String("command")).toString();
    return w;
}

QJsonArray portsToJson(const QList<PortSpec> &ports)
{
    QJsonArray a;
    for (const PortSpec &p : ports) {
        QJsonObject o{{QStringLiteral("id"), p.id}, {QStringLiteral("type"), kindName(p.kind)},
                      {QStringLiteral("name"), p.name}};
        if (p.optional)
            o.insert(QStringLiteral("optional"), true);
        a.append(o);
    }
    return a;
}

} // namespace

QString capabilityName(Capability c)
{
    for (const auto &[k, name] : kCapabilityNames) {
        if (k == c)
            return QString::fromLatin1(name);
    }
    return {};
}

bool capabilityFromName(const QString &name, Capability *c)
{
    for (const auto &[k, n] : kCapabilityNames) {
        if (name == QLatin1String(n)) {
            *c = k;
            return true;
        }
    }
    return false;
}

const MethodSpec *Manifest::method(const QString &methodId) const
{
    for (const MethodSpec &m : methods) {
        if (m.id == methodId)
            return &m;
    }
    return nullptr;
}

bool Manifest::fromJson(const QJsonObject &json, Manifest *out, QStringList *errorList)
{
    Errors errors(errorList);
    Manifest m;
    m.id = requiredString(json, "id", {}, errors);
    static const QRegularExpression idSyntax(QStringLiteral("^[a-z][a-z0-9_-]*$"));
    if (!m.id.isEmpty() && !idSyntax.match(m.id).hasMatch())
        errors.add(QStringLiteral("id"), QStringLiteral("\"%1\" must match [a-z][a-z0-9_-]*").arg(m.id));
    m.name = requiredString(json, "name", {}, errors);
    m.version = requiredString(json, "version", {}, errors);
    m.description = json.value(QLatin1String("description")).toString();
    const QString sdk = requiredString(json, "sdk", {}, errors);
    if (!sdk.isEmpty()) {
        static const QRegularExpression version(QStringLiteral("^(\\d+)\\.(\\d+)$"));
        const auto match = version.match(sdk);
        if (!match.hasMatch()) {
            errors.add(QStringLiteral("sdk"), QStringLiteral("\"%1\" is not MAJOR.MINOR").arg(sdk));
        } else {
            m.sdkMajor = match.captured(1).toInt();
            m.sdkMinor = match.captured(2).toInt();
            if (m.sdkMajor != kSdkVersionMajor || m.sdkMinor > kSdkVersionMinor)
                errors.add(QStringLiteral("sdk"), QStringLiteral("plugin needs SDK %1, this host provides SDK %2")
                                                      .arg(sdk, sdkVersionString()));
        }
    }
    m.codeLicence = requiredString(json, "licence", {}, errors);
    const QJsonValue paper = json.value(QLatin1String("paper"));
    if (!paper.isUndefined()) {
        const QJsonObject p = paper.toObject();
        m.paper.title = requiredString(p, "title", QStringLiteral("paper."), errors);
        for (const QJsonValue &a : p.value(QLatin1String("authors")).toArray())
            m.paper.authors << a.toString();
        m.paper.venue = p.value(QLatin1String("venue")).toString();
        m.paper.url = p.value(QLatin1String("url")).toString();
    }
    const QJsonValue caps = json.value(QLatin1String("capabilities"));
    if (!caps.isArray() || caps.toArray().isEmpty())
        errors.add(QStringLiteral("capabilities"), caps.isUndefined() ? QStringLiteral("missing")
                                                                      : QStringLiteral("a non-empty array is required"));
    const QJsonArray capArray = caps.toArray();
    for (int i = 0; i < capArray.size(); ++i) {
        Capability c;
        if (!capabilityFromName(capArray.at(i).toString(), &c))
            errors.add(QStringLiteral("capabilities[%1]").arg(i),
                       QStringLiteral("unknown capability \"%1\"").arg(capArray.at(i).toString()));
        else if (!m.capabilities.contains(c))
            m.capabilities << c;
    }
    const QJsonValue methods = json.value(QLatin1String("methods"));
    if (!methods.isArray() || methods.toArray().isEmpty())
        errors.add(QStringLiteral("methods"), methods.isUndefined() ? QStringLiteral("missing")
                                                                    : QStringLiteral("a non-empty array is required"));
    const QJsonArray methodArray = methods.toArray();
    QSet<QString> methodIds;
    for (int i = 0; i < methodArray.size(); ++i) {
        const QString path = QStringLiteral("methods[%1]").arg(i);
        MethodSpec ms = readMethod(methodArray.at(i).toObject(), path, m.capabilities, errors);
        if (!ms.id.isEmpty() && methodIds.contains(ms.id))
            errors.add(path + QLatin1String(".id"), QStringLiteral("duplicate id \"%1\"").arg(ms.id));
        methodIds.insert(ms.id);
        m.methods << ms;
    }
    const QJsonObject runtime = json.value(QLatin1String("runtime")).toObject();
    const QJsonArray weights = runtime.value(QLatin1String("weights")).toArray();
    for (int i = 0; i < weights.size(); ++i)
        m.runtime.weights << readWeight(weights.at(i).toObject(), QStringLiteral("runtime.weights[%1]").arg(i), errors);
    m.runtime.sampleRate = runtime.value(QLatin1String("sampleRate")).toDouble(0.0);
    if (m.runtime.sampleRate < 0.0)
        errors.add(QStringLiteral("runtime.sampleRate"), QStringLiteral("must be >= 0"));
    m.runtime.latencyFrames = runtime.value(QLatin1String("latency")).toInt(0);
    m.runtime.streaming = runtime.value(QLatin1String("streaming")).toBool(false);
    if (out)
        *out = m;
    return errors.count() == 0;
}

QJsonObject Manifest::toJson() const
{
    QJsonArray caps;
    for (Capability c : capabilities)
        caps.append(capabilityName(c));
    QJsonArray ms;
    for (const MethodSpec &m : methods) {
        QJsonArray params;
        for (const ParameterSpec &p : m.parameters)
            params.append(p.toJson());
        QJsonObject o{{QStringLiteral("id"), m.id}, {QStringLiteral("name"), m.name},
                      {QStringLiteral("capability"), capabilityName(m.capability)},
                      {QStringLiteral("inputs"), portsToJson(m.inputs)},
                      {QStringLiteral("outputs"), portsToJson(m.outputs)},
                      {QStringLiteral("parameters"), params}};
        if (!m.description.isEmpty())
            o.insert(QStringLiteral("description"), m.description);
        ms.append(o);
    }
    QJsonArray weights;
    for (const WeightFileSpec &w : runtime.weights) {
        QJsonObject o{{QStringLiteral("id"), w.id}, {QStringLiteral("file"), w.file},
                      {QStringLiteral("licence"), w.licence}, {QStringLiteral("origin"), w.origin}};
        if (w.size >= 0)
            o.insert(QStringLiteral("size"), double(w.size));
        if (!w.sha256.isEmpty())
            o.insert(QStringLiteral("sha256"), w.sha256);
        if (!w.command.isEmpty())
            o.insert(QStringLiteral("command"), w.command);
        weights.append(o);
    }
    QJsonObject json{{QStringLiteral("id"), id}, {QStringLiteral("name"), name},
                     {QStringLiteral("version"), version},
                     {QStringLiteral("sdk"), QStringLiteral("%1.%2").arg(sdkMajor).arg(sdkMinor)},
                     {QStringLiteral("licence"), codeLicence}, {QStringLiteral("capabilities"), caps},
                     {QStringLiteral("methods"), ms},
                     {QStringLiteral("runtime"), QJsonObject{{QStringLiteral("weights"), weights},
                                                             {QStringLiteral("sampleRate"), runtime.sampleRate},
                                                             {QStringLiteral("latency"), runtime.latencyFrames},
                                                             {QStringLiteral("streaming"), runtime.streaming}}}};
    if (!description.isEmpty())
        json.insert(QStringLiteral("description"), description);
    if (!paper.title.isEmpty())
        json.insert(QStringLiteral("paper"), QJsonObject{{QStringLiteral("title"), paper.title},
                                                         {QStringLiteral("authors"), QJsonArray::fromStringList(paper.authors)},
                                                         {QStringLiteral("venue"), paper.venue},
                                                         {QStringLiteral("url"), paper.url}});
    return json;
}

} // namespace mirstudio::sdk
