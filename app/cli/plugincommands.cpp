// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/plugincommands.h"

#include "app/cli/exitcodes.h"
#include "app/cli/interruptflag.h"
#include "app/cli/progressreporter.h"
#include "app/cli/resultwriter.h"
#include "core/host/jobrunner.h"
#include "core/host/mediaconversion.h"
#include "core/host/pluginhost.h"
#include "core/media/audiofile.h"
#include "core/media/mediaerror.h"
#include "core/media/midifilereader.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdlib>
#include <memory>

namespace mirstudio::cli {

namespace {

struct Options
{
    QStringList positional;
    QStringList inputs;            ///< --in values
    QVariantMap params;            ///< --param k=v
    QMap<QString, QString> named;  ///< --out, --data, --steps
    bool json = false;
    bool verbose = false;
    QString problem;
};

Options parse(const QStringList &args, const QStringList &valued)
{
    Options o;
    for (int i = 0; i < args.size(); ++i) {
        const QString &a = args[i];
        if (a == QLatin1String("--json") || a == QLatin1String("--verbose")) {
            (a == QLatin1String("--json") ? o.json : o.verbose) = true;
            continue;
        }
        if (!a.startsWith(QLatin1String("--"))) {
            o.positional << a;
            continue;
        }
        const QString name = a.mid(2);
        if (name != QLatin1String("in") && name != QLatin1String("param") && !valued.contains(name)) {
            o.problem = QStringLiteral("unknown option '%1'").arg(a);
            return o;
        }
        if (i + 1 >= args.size()) {
            o.problem = QStringLiteral("%1 needs a value").arg(a);
            return o;
        }
        const QString value = args[++i];
        if (name == QLatin1String("in")) {
            o.inputs << value;
        } else if (name == QLatin1String("param")) {
            const int eq = value.indexOf(QLatin1Char('='));
            if (eq <= 0) {
                o.problem = QStringLiteral("--param needs KEY=VALUE, got '%1'").arg(value);
                return o;
            }
            o.params.insert(value.left(eq), value.mid(eq + 1));
        } else {
            o.named.insert(name, value);
        }
    }
    return o;
}

int usage(QTextStream &err, const QString &message)
{
    err << "mirstudio-cli: " << message << "\n(see mirstudio-cli --help)\n";
    return kExitUsage;
}

std::unique_ptr<PluginHost> makeHost()
{
    auto host = std::make_unique<PluginHost>();
    host->discover();
    return host;
}

QJsonArray capabilityNames(const sdk::Manifest &m)
{
    QJsonArray a;
    for (sdk::Capability c : m.capabilities)
        a.append(sdk::capabilityName(c));
    return a;
}

QJsonArray weightChecks(const PluginHost &host, const PluginSpec &spec)
{
    QJsonArray a;
    if (spec.manifest().runtime.weights.isEmpty())
        return a;
    const ModelFolderCheck check = host.registry().check(spec.manifest(), spec.path());
    for (const WeightCheck &w : check.weights) {
        a.append(QJsonObject{{QStringLiteral("id"), w.spec.id}, {QStringLiteral("file"), w.spec.file},
                             {QStringLiteral("path"), w.path}, {QStringLiteral("origin"), w.spec.origin},
                             {QStringLiteral("licence"), w.spec.licence}, {QStringLiteral("command"), w.spec.command},
                             {QStringLiteral("status"), WeightCheck::statusName(w.status)},
                             {QStringLiteral("message"), w.message}});
    }
    return a;
}

void printJson(QTextStream &out, const QJsonValue &v)
{
    out << (v.isArray() ? QJsonDocument(v.toArray()) : QJsonDocument(v.toObject())).toJson(QJsonDocument::Indented);
}

/** Plugin exists and is usable, or prints why and returns false. */
PluginSpec *usablePlugin(PluginHost &host, const QString &id, QTextStream &err)
{
    PluginSpec *spec = host.plugin(id);
    if (!spec) {
        err << "mirstudio-cli: no plugin \"" << id << "\" (searched: " << host.searchPaths().join(QStringLiteral(", ")) << ")\n";
        return nullptr;
    }
    if (spec->hasError()) {
        err << "mirstudio-cli: plugin \"" << id << "\" is not usable: " << spec->errorString() << "\n";
        return nullptr;
    }
    return spec;
}

void printParameter(QTextStream &out, const sdk::ParameterSpec &p)
{
    out << "      --param " << p.id << "  (" << sdk::ParameterSpec::typeName(p.type);
    if (p.type == sdk::ParameterSpec::Type::Int || p.type == sdk::ParameterSpec::Type::Float)
        out << " " << p.minimum << ".." << p.maximum;
    if (!p.choices.isEmpty())
        out << ": " << p.choices.join(QLatin1Char('|'));
    if (!p.unit.isEmpty())
        out << " " << p.unit;
    out << ", default " << p.defaultValue.toString() << ")  " << p.name << "\n";
}

void printInfo(QTextStream &out, const PluginHost &host, const PluginSpec &spec)
{
    const sdk::Manifest &m = spec.manifest();
    out << m.id << " " << m.version << " — " << m.name << "\n"
        << "  state:        " << PluginSpec::stateName(spec.state()) << "\n"
        << "  path:         " << spec.path() << "\n"
        << "  sdk:          " << m.sdkMajor << "." << m.sdkMinor << "\n"
        << "  code licence: " << m.codeLicence << "\n";
    if (!m.paper.title.isEmpty())
        out << "  paper:        " << ModelRegistry::citation(m) << "\n";
    QStringList caps;
    for (sdk::Capability c : m.capabilities)
        caps << sdk::capabilityName(c);
    out << "  capabilities: " << caps.join(QStringLiteral(", ")) << "\n  methods:\n";
    for (const sdk::MethodSpec &method : m.methods) {
        auto ports = [](const QList<sdk::PortSpec> &list) {
            QStringList s;
            for (const sdk::PortSpec &p : list)
                s << p.id + QLatin1Char(':') + sdk::kindName(p.kind) + (p.optional ? QStringLiteral("?") : QString());
            return s.join(QStringLiteral(", "));
        };
        out << "    " << method.id << " [" << sdk::capabilityName(method.capability) << "] " << ports(method.inputs)
            << " -> " << ports(method.outputs) << "\n";
        for (const sdk::ParameterSpec &p : method.parameters)
            printParameter(out, p);
    }
    const QJsonArray weights = weightChecks(host, spec);
    if (!weights.isEmpty())
        out << "  weights (" << host.registry().check(m, spec.path()).folder << "):\n";
    for (const QJsonValue &w : weights) {
        const QJsonObject o = w.toObject();
        out << "    " << o.value(QLatin1String("file")).toString() << "  origin " << o.value(QLatin1String("origin")).toString()
            << ", licence " << o.value(QLatin1String("licence")).toString() << ": " << o.value(QLatin1String("status")).toString();
        if (o.value(QLatin1String("status")).toString() != QLatin1String("ok"))
            out << " (" << o.value(QLatin1String("path")).toString() << ": " << o.value(QLatin1String("message")).toString() << ")";
        out << "\n";
    }
    for (const QString &e : spec.errors())
        out << "  error: " << e << "\n";
}

/** Reads `--in [id=]file` values into the method's inputs; throws MediaError for bad files. */
bool readInputs(const sdk::MethodSpec &method, const QStringList &given, sdk::ValueMap *inputs, QString *problem)
{
    for (const QString &g : given) {
        QString id;
        QString file = g;
        const int eq = g.indexOf(QLatin1Char('='));
        if (eq > 0 && !QFileInfo::exists(g)) {
            id = g.left(eq);
            file = g.mid(eq + 1);
        } else if (method.inputs.size() == 1) {
            id = method.inputs.front().id;
        } else {
            *problem = QStringLiteral("method \"%1\" has %2 inputs: use --in ID=FILE").arg(method.id).arg(method.inputs.size());
            return false;
        }
        const auto port = std::find_if(method.inputs.cbegin(), method.inputs.cend(), [&](const sdk::PortSpec &p) { return p.id == id; });
        if (port == method.inputs.cend()) {
            *problem = QStringLiteral("method \"%1\" has no input \"%2\"").arg(method.id, id);
            return false;
        }
        if (port->kind == sdk::ValueKind::Audio)
            inputs->insert(id, MediaConversion::toAudioBuffer(media::readAudio(file)));
        else if (port->kind == sdk::ValueKind::Notes)
            inputs->insert(id, MediaConversion::toNoteSequence(media::readMidiFile(file)));
        else {
            *problem = QStringLiteral("input \"%1\" is %2, which cannot be read from a file yet").arg(id, sdk::kindName(port->kind));
            return false;
        }
    }
    return true;
}

/**
 * Runs a job to its end with progress and Ctrl+C handling; with `verbose` the plugin's log lines
 * go to stderr as they come. Returns the final snapshot.
 */
JobInfo runJob(JobRunner &runner, const JobRequest &request, const Options &o, QTextStream &err)
{
    InterruptFlag::install();
    const int id = runner.submit(request);
    ProgressReporter bar(err, request.plugin + QLatin1Char(' ') + request.method, ProgressReporter::stderrIsTerminal());
    bool cancelled = false;
    qsizetype logged = 0;
    auto printLog = [&](const JobInfo &now) {
        for (; o.verbose && logged < now.log.size(); ++logged) {
            bar.finish();
            err << request.plugin << ": " << now.log.at(logged) << "\n";
        }
    };
    for (bool finished = false; !finished;) {
        finished = runner.wait(id, 100);
        if (!finished && InterruptFlag::raised() && !cancelled) {
            cancelled = true;
            runner.cancel(id);
        }
        const JobInfo now = runner.info(id);
        printLog(now);
        if (!o.json && now.state == JobState::Running)
            bar.update(now.progress, now.status);
    }
    bar.finish();
    err.flush();
    return runner.info(id);
}

int jobExitCode(const JobInfo &info)
{
    switch (info.state) {
    case JobState::Done: return kExitOk;
    case JobState::Cancelled:
    case JobState::Abandoned: return kExitCancelled;
    default: return kExitFailed;
    }
}

/** Leaves at once when a plugin thread is stuck (abandoned): it cannot be joined. */
int leave(int code, QTextStream &out, QTextStream &err, const JobInfo &info)
{
    if (info.state == JobState::Abandoned) {
        out.flush();
        err.flush();
        std::_Exit(code);
    }
    return code;
}

/** Checks the method and parameters before running (usage errors, exit 2). */
const sdk::MethodSpec *checkedMethod(const PluginSpec &spec, const QString &methodId, const QVariantMap &params,
                                     QString *problem)
{
    const sdk::MethodSpec *method = spec.manifest().method(methodId);
    if (!method) {
        QStringList ids;
        for (const sdk::MethodSpec &m : spec.manifest().methods)
            ids << m.id;
        *problem = QStringLiteral("plugin \"%1\" has no method \"%2\" (methods: %3)").arg(spec.id(), methodId, ids.join(QStringLiteral(", ")));
        return nullptr;
    }
    sdk::resolveParameters(method->parameters, params, problem);
    return problem->isEmpty() ? method : nullptr;
}

} // namespace

int PluginCommands::list(const QStringList &args, QTextStream &out, QTextStream &err)
{
    const Options o = parse(args, {});
    if (!o.problem.isEmpty() || !o.positional.isEmpty())
        return usage(err, o.problem.isEmpty() ? QStringLiteral("list takes no arguments but --json") : o.problem);
    const auto host = makeHost();
    QJsonArray all;
    for (const PluginSpec *spec : host->plugins()) {
        all.append(QJsonObject{{QStringLiteral("id"), spec->id()}, {QStringLiteral("name"), spec->manifest().name},
                               {QStringLiteral("version"), spec->manifest().version},
                               {QStringLiteral("state"), PluginSpec::stateName(spec->state())},
                               {QStringLiteral("capabilities"), capabilityNames(spec->manifest())},
                               {QStringLiteral("path"), spec->path()},
                               {QStringLiteral("errors"), QJsonArray::fromStringList(spec->errors())}});
    }
    if (o.json) {
        printJson(out, all);
        return kExitOk;
    }
    if (all.isEmpty())
        out << "no plugins found in: " << host->searchPaths().join(QStringLiteral(", ")) << "\n";
    for (const QJsonValue &v : all) {
        const QJsonObject p = v.toObject();
        QStringList caps;
        for (const QJsonValue &c : p.value(QLatin1String("capabilities")).toArray())
            caps << c.toString();
        out << p.value(QLatin1String("id")).toString() << "  " << p.value(QLatin1String("version")).toString() << "  "
            << p.value(QLatin1String("state")).toString() << "  " << caps.join(QLatin1Char(',')) << "  "
            << p.value(QLatin1String("name")).toString() << "\n";
        for (const QJsonValue &e : p.value(QLatin1String("errors")).toArray())
            out << "    error: " << e.toString() << "\n";
    }
    return kExitOk;
}

int PluginCommands::info(const QStringList &args, QTextStream &out, QTextStream &err)
{
    const Options o = parse(args, {});
    if (!o.problem.isEmpty())
        return usage(err, o.problem);
    if (o.positional.size() != 1)
        return usage(err, QStringLiteral("info needs exactly one PLUGIN"));
    const auto host = makeHost();
    const PluginSpec *spec = host->plugin(o.positional.front());
    if (!spec) {
        err << "mirstudio-cli: no plugin \"" << o.positional.front() << "\"\n";
        return kExitPluginUnavailable;
    }
    if (o.json) {
        QJsonObject j = spec->manifest().toJson();
        if (spec->hasError())
            j = spec->rawMetaData();
        j.insert(QStringLiteral("state"), PluginSpec::stateName(spec->state()));
        j.insert(QStringLiteral("path"), spec->path());
        j.insert(QStringLiteral("errors"), QJsonArray::fromStringList(spec->errors()));
        j.insert(QStringLiteral("weightStatus"), weightChecks(*host, *spec));
        printJson(out, j);
    } else {
        printInfo(out, *host, *spec);
    }
    return spec->hasError() ? kExitPluginUnavailable : kExitOk;
}

int PluginCommands::run(const QStringList &args, QTextStream &out, QTextStream &err)
{
    const Options o = parse(args, {QStringLiteral("out")});
    if (!o.problem.isEmpty())
        return usage(err, o.problem);
    if (o.positional.size() != 2)
        return usage(err, QStringLiteral("run needs PLUGIN and METHOD"));
    const QString outPath = o.named.value(QStringLiteral("out"));
    if (outPath.isEmpty())
        return usage(err, QStringLiteral("run needs --out FILE_OR_DIR"));
    const auto host = makeHost();
    PluginSpec *spec = usablePlugin(*host, o.positional[0], err);
    if (!spec)
        return kExitPluginUnavailable;
    QString problem;
    const sdk::MethodSpec *method = checkedMethod(*spec, o.positional[1], o.params, &problem);
    if (!method)
        return usage(err, problem);
    JobRequest request{spec->id(), method->id, {}, o.params};
    try {
        if (!readInputs(*method, o.inputs, &request.inputs, &problem))
            return usage(err, problem);
    } catch (const media::MediaError &e) {
        err << "mirstudio-cli: error: " << e.text() << "\n";
        return kExitFailed;
    }
    JobRunner runner(host.get());
    QElapsedTimer clock;
    clock.start();
    const JobInfo info = runJob(runner, request, o, err);
    if (info.state != JobState::Done) {
        err << "mirstudio-cli: " << request.plugin << " " << request.method << " " << jobStateName(info.state)
            << (info.error.isEmpty() ? QString() : QStringLiteral(": ") + info.error) << "\n";
        return leave(jobExitCode(info), out, err, info);
    }
    QStringList files;
    try {
        files = ResultWriter(&InterruptFlag::raised).write(info.outputs, outPath);
    } catch (const media::MediaError &e) {
        err << "mirstudio-cli: error: " << e.text() << "\n";
        return kExitFailed;
    } catch (const std::exception &e) {
        err << "mirstudio-cli: " << (InterruptFlag::raised() ? QStringLiteral("cancelled") : QString::fromUtf8(e.what())) << "\n";
        return InterruptFlag::raised() ? kExitCancelled : kExitFailed;
    }
    if (o.json) {
        printJson(out, QJsonObject{{QStringLiteral("plugin"), request.plugin}, {QStringLiteral("method"), request.method},
                                   {QStringLiteral("version"), info.pluginVersion},
                                   {QStringLiteral("state"), jobStateName(info.state)},
                                   {QStringLiteral("params"), QJsonObject::fromVariantMap(info.resolvedParams)},
                                   {QStringLiteral("files"), QJsonArray::fromStringList(files)},
                                   {QStringLiteral("seconds"), clock.elapsed() / 1000.0}});
    } else {
        for (const QString &f : std::as_const(files))
            out << "wrote " << f << "\n";
    }
    return kExitOk;
}

int PluginCommands::train(const QStringList &args, QTextStream &out, QTextStream &err)
{
    const Options o = parse(args, {QStringLiteral("data"), QStringLiteral("out"), QStringLiteral("steps")});
    if (!o.problem.isEmpty())
        return usage(err, o.problem);
    if (o.positional.size() != 1)
        return usage(err, QStringLiteral("train needs exactly one PLUGIN"));
    if (!o.named.contains(QStringLiteral("data")) || !o.named.contains(QStringLiteral("out")))
        return usage(err, QStringLiteral("train needs --data DIR and --out DIR"));
    const auto host = makeHost();
    PluginSpec *spec = usablePlugin(*host, o.positional[0], err);
    if (!spec)
        return kExitPluginUnavailable;
    QVariantMap params = o.params;
    for (const char *key : {"data", "out", "steps"}) {
        if (o.named.contains(QLatin1String(key)))
            params.insert(QLatin1String(key), o.named.value(QLatin1String(key)));
    }
    QString problem;
    const sdk::MethodSpec *method = checkedMethod(*spec, QStringLiteral("train"), params, &problem);
    if (!method)
        return usage(err, problem);
    JobRunner runner(host.get());
    const JobInfo info = runJob(runner, {spec->id(), method->id, {}, params}, o, err);
    QStringList files;
    if (info.state == JobState::Done && !info.outputs.isEmpty()) {
        // E.g. a loss curve: written next to the weights as OUT/OUTPUT_ID.csv.
        try {
            QDir().mkpath(o.named.value(QStringLiteral("out")));
            files = ResultWriter(&InterruptFlag::raised).write(info.outputs, o.named.value(QStringLiteral("out")));
        } catch (const std::exception &e) {
            err << "mirstudio-cli: error: cannot write the training outputs: " << QString::fromUtf8(e.what()) << "\n";
            return kExitFailed;
        }
    }
    if (o.json)
        printJson(out, QJsonObject{{QStringLiteral("plugin"), spec->id()}, {QStringLiteral("state"), jobStateName(info.state)},
                                   {QStringLiteral("error"), info.error},
                                   {QStringLiteral("params"), QJsonObject::fromVariantMap(info.resolvedParams)},
                                   {QStringLiteral("files"), QJsonArray::fromStringList(files)},
                                   {QStringLiteral("log"), QJsonArray::fromStringList(info.log)}});
    else if (info.state == JobState::Done)
        out << "trained " << spec->id() << " into " << params.value(QStringLiteral("out")).toString() << "\n";
    if (info.state != JobState::Done)
        err << "mirstudio-cli: train " << jobStateName(info.state) << (info.error.isEmpty() ? QString() : QStringLiteral(": ") + info.error) << "\n";
    return leave(jobExitCode(info), out, err, info);
}

} // namespace mirstudio::cli
