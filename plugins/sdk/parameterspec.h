// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QVariant>
#include <QVariantMap>

namespace mirstudio::sdk {

/**
 * One parameter a method accepts, as its manifest declares it. The generic plugin panel draws a
 * widget from it (Int/Float: slider + spin box, Bool: check box, Choice: combo box, String: line
 * edit, File: file picker, Clip: clip/region picker). A plain value.
 */
struct ParameterSpec
{
    enum class Type { Int, Float, Bool, Choice, String, File, Clip };

    QString id;            ///< key in the params map, [a-z][a-z0-9_]*
    QString name;          ///< label shown to users
    Type type = Type::Float;
    QVariant defaultValue;
    double minimum = 0.0;  ///< Int/Float only
    double maximum = 1.0;  ///< Int/Float only
    double step = 0.0;     ///< Int/Float; 0 = continuous (Float) or 1 (Int)
    QString unit;          ///< "dB", "s", "Hz", "" ...
    QStringList choices;   ///< Choice only
    QString fileFilter;    ///< File only, a QFileDialog filter ("Audio (*.wav *.flac)")
    QString description;

    /**
     * Reads one entry of a manifest's "parameters" array (keys: id, name, type, default, min, max,
     * step, unit, choices, filter, description; see docs/plugin-sdk.md); on error returns false
     * and says why as "key: problem".
     */
    static bool fromJson(const QJsonObject &json, ParameterSpec *out, QString *error);
    QJsonObject toJson() const;

    /**
     * Checks and normalises a user value (string "0.5" → 0.5, Int rounding, range, choice
     * membership). Returns false and says why when the value cannot be accepted.
     */
    bool coerce(const QVariant &in, QVariant *out, QString *error) const;

    static QString typeName(Type type);
    static bool typeFromName(const QString &name, Type *type);
};

/**
 * Fills in defaults and checks every value in `given` against `specs`. Unknown keys are an error
 * (a typo must not be silently ignored). Returns the complete, normalised map, or an empty map
 * and an error message. `error` is only written on failure: clear it first and test
 * `error->isEmpty()` (a method without parameters also resolves to an empty map).
 */
QVariantMap resolveParameters(const QList<ParameterSpec> &specs, const QVariantMap &given,
                              QString *error);

} // namespace mirstudio::sdk
