// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "plugins/sdk/parameterspec.h"
#include "plugins/sdk/valuetypes.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace mirstudio::sdk {

/** The closed vocabulary of capabilities (ARCHITECTURE §3); each fixes a type contract. */
enum class Capability { Generate, Transform, Latent, Separate, Transcribe, Synthesize, Analyse,
                        Retrieve, Train, Compress };

QString capabilityName(Capability c);               ///< "generate", "transform", ...
bool capabilityFromName(const QString &name, Capability *c);

/** One typed input or output of a method. */
struct PortSpec
{
    QString id;                       ///< key in the ValueMap
    ValueKind kind = ValueKind::None;
    QString name;                     ///< label shown to users
    bool optional = false;
};

/** One method a plugin offers ("separate", "encode", "decode", "generate", "train"). */
struct MethodSpec
{
    QString id;
    QString name;
    Capability capability = Capability::Analyse;
    QList<PortSpec> inputs;
    QList<PortSpec> outputs;
    QList<ParameterSpec> parameters;
    QString description;
};

/** A weight file a plugin needs, located relative to the plugin's model folder. */
struct WeightFileSpec
{
    QString id;          ///< "vocals"
    QString file;        ///< relative path, "tdc17/cac_tdc_17_vocals_top1.pt"
    qint64 size = -1;    ///< bytes; -1 = unchecked
    QString sha256;      ///< lower-case hex; empty = unchecked
    QString licence;     ///< SPDX id of the weights' licence
    QString origin;      ///< "official" (published by the authors) or "trained" (our train command)
    QString command;     ///< for "trained": the exact command that produced the file
};

/**
 * A plugin's manifest: everything the host knows before loading the library (the JSON embedded
 * with Q_PLUGIN_METADATA and read by QPluginLoader::metaData()). A plain value. The JSON keys
 * (id, name, version, sdk "1.0", licence, description, paper, capabilities, methods with
 * inputs/outputs/parameters, runtime with weights/sampleRate/latency/streaming) and the type
 * contract of each capability are documented in docs/plugin-sdk.md.
 */
struct Manifest
{
    QString id;              ///< unique, [a-z][a-z0-9_-]*
    QString name;
    QString version;         ///< plugin version, "1.2.0"
    int sdkMajor = 0;
    int sdkMinor = 0;
    QString description;

    struct Paper { QString title; QStringList authors; QString venue; QString url; } paper;
    QString codeLicence;     ///< SPDX id
    QList<Capability> capabilities;
    QList<MethodSpec> methods;

    struct Runtime {
        QList<WeightFileSpec> weights;
        double sampleRate = 0.0;   ///< 0 = any / not audio
        int latencyFrames = 0;
        bool streaming = false;
    } runtime;

    const MethodSpec *method(const QString &id) const;
    bool hasCapability(Capability c) const { return capabilities.contains(c); }

    /**
     * Parses and validates a manifest. Every problem is appended to `errors` with the JSON path
     * ("methods[1].parameters[0].type: unknown type \"flaot\""); returns true when there were none.
     * Checks: required fields, id syntax, SDK major == ours and minor <= ours, capability names,
     * port kinds, parameter specs, each method's capability listed in `capabilities`, the type
     * contract of each capability (e.g. separate: one audio input, a stems output).
     */
    static bool fromJson(const QJsonObject &json, Manifest *out, QStringList *errors);
    QJsonObject toJson() const;
};

} // namespace mirstudio::sdk
