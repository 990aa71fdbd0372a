// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/sdk/parameterspec.h"

#include <QJsonArray>
#include <QRegularExpression>

#include <array>
#include <cmath>
#include <utility>

namespace mirstudio::sdk {

namespace {

constexpr std::array<std::pair<ParameterSpec::Type, const char *>, 7> kTypeNames{{
    {ParameterSpec::Type::Int, "int"},
    {ParameterSpec::Type::Float, "float"},
    {ParameterSpec::Type::Bool, "bool"},
    {ParameterSpec::Type::Choice, "choice"},
    {ParameterSpec::Type::String, "string"},
    {ParameterSpec::Type::File, "file"},
    {ParameterSpec::Type::Clip, "clip"},
}};

bool isNumeric(ParameterSpec::Type t)
{
    return t == ParameterSpec::Type::Int || t == ParameterSpec::Type::Float;
}

QString number(double v)
{
    return QString::number(v, 'g', 10);
}

/** A number from a JSON number, a numeric string or a bool-free QVariant; false if none. */
bool toNumber(const QVariant &in, double *out)
{
    bool ok = false;
    if (in.typeId() == QMetaType::QString) {
        *out = in.toString().trimmed().toDouble(&ok);
        return ok;
    }
    if (in.typeId() == QMetaType::Bool || !in.isValid())
        return false;
    *out = in.toDouble(&ok);
    return ok;
}

bool toBool(const QVariant &in, bool *out)
{
    if (in.typeId() == QMetaType::Bool) {
        *out = in.toBool();
        return true;
    }
    const QString s = in.toString().trimmed().toLower();
    static const QStringList yes{QStringLiteral("true"), QStringLiteral("1"), QStringLiteral("yes"), QStringLiteral("on")};
    static const QStringList no{QStringLiteral("false"), QStringLiteral("0"), QStringLiteral("no"), QStringLiteral("off")};
    if (yes.contains(s)) {
        *out = true;
        return true;
    }
    if (no.contains(s)) {
        *out = false;
        return true;
    }
    return false;
}

} // namespace

QString ParameterSpec::typeName(Type type)
{
    for (const auto &[t, name] : kTypeNames) {
        if (t == type)
            return QString::fromLatin1(name);
    }
    return {};
}

bool ParameterSpec::typeFromName(const QString &name, Type *type)
{
    for (const auto &[t, n] : kTypeNames) {
        if (name == QLatin1String(n)) {
            *type = t;
            return true;
        }
    }
    return false;
}

bool ParameterSpec::fromJson(const QJsonObject &json, ParameterSpec *out, QString *error)
{
    ParameterSpec p;
    auto fail = [error](const QString &why) {
        if (error)
            *error = why;
        return false;
    };
    p.id = json.value(QLatin1String("id")).toString();
    static const QRegularExpression idSyntax(QStringLiteral("^[a-z][a-z0-9_]*$"));
    if (p.id.isEmpty())
        return fail(QStringLiteral("id: missing"));
    if (!idSyntax.match(p.id).hasMatch())
        return fail(QStringLiteral("id: \"%1\" must match [a-z][a-z0-9_]*").arg(p.id));
    p.name = json.value(QLatin1String("name")).toString(p.id);
    const QString typeText = json.value(QLatin1String("type")).toString();
    if (typeText.isEmpty())
        return fail(QStringLiteral("type: missing"));
    if (!typeFromName(typeText, &p.type))
        return fail(QStringLiteral("type: unknown type \"%1\" (int, float, bool, choice, string, file, clip)").arg(typeText));
    p.unit = json.value(QLatin1String("unit")).toString();
    p.description = json.value(QLatin1String("description")).toString();
    p.fileFilter = json.value(QLatin1String("filter")).toString();
    if (isNumeric(p.type)) {
        const QJsonValue mn = json.value(QLatin1String("min"));
        const QJsonValue mx = json.value(QLatin1String("max"));
        if (!mn.isDouble())
            return fail(QStringLiteral("min: a number is required for type %1").arg(typeText));
        if (!mx.isDouble())
            return fail(QStringLiteral("max: a number is required for type %1").arg(typeText));
        p.minimum = mn.toDouble();
        p.maximum = mx.toDouble();
        if (!(p.minimum <= p.maximum))
            return fail(QStringLiteral("max: %1 is below min %2").arg(number(p.maximum), number(p.minimum)));
        p.step = json.value(QLatin1String("step")).toDouble(0.0);
        if (p.step < 0.0)
            return fail(QStringLiteral("step: must be >= 0"));
    }
    if (p.type == Type::Choice) {
        for (const QJsonValue &c : json.value(QLatin1String("choices")).toArray())
            p.choices << c.toString();
        if (p.choices.isEmpty() || p.choices.contains(QString()))
            return fail(QStringLiteral("choices: a non-empty list of non-empty strings is required"));
    }
    const QJsonValue def = json.value(QLatin1String("default"));
    if (def.isUndefined() || def.isNull()) {
        if (p.type != Type::String && p.type != Type::File && p.type != Type::Clip)
            return fail(QStringLiteral("default: missing"));
        p.defaultValue = QString();
    } else {
        QString why;
        if (!p.coerce(def.toVariant(), &p.defaultValue, &why))
            return fail(QStringLiteral("default: ") + why);
    }
    *out = p;
    return true;
}

QJsonObject ParameterSpec::toJson() const
{
    QJsonObject o{{QStringLiteral("id"), id}, {QStringLiteral("name"), name},
                  {QStringLiteral("type"), typeName(type)},
                  {QStringLiteral("default"), QJsonValue::fromVariant(defaultValue)}};
    if (isNumeric(type)) {
        o.insert(QStringLiteral("min"), minimum);
        o.insert(QStringLiteral("max"), maximum);
        if (step > 0.0)
            o.insert(QStringLiteral("step"), step);
    }
    if (type == Type::Choice)
        o.insert(QStringLiteral("choices"), QJsonArray::fromStringList(choices));
    if (!unit.isEmpty())
        o.insert(QStringLiteral("unit"), unit);
    if (!fileFilter.isEmpty())
        o.insert(QStringLiteral("filter"), fileFilter);
    if (!description.isEmpty())
        o.insert(QStringLiteral("description"), description);
    return o;
}

bool ParameterSpec::coerce(const QVariant &in, QVariant *out, QString *error) const
{
    auto fail = [error](const QString &why) {
        if (error)
            *error = why;
        return false;
    };
    const QString shown = in.toString();
    switch (type) {
    case Type::Int:
    case Type::Float: {
        double v = 0.0;
        if (!toNumber(in, &v) || !std::isfinite(v))
            return fail(QStringLiteral("\"%1\" is not a number").arg(shown));
        if (type == Type::Int)
            v = std::round(v);
        if (v < minimum)
            return fail(QStringLiteral("%1 is below the minimum %2").arg(number(v), number(minimum)));
        if (v > maximum)
            return fail(QStringLiteral("%1 is above the maximum %2").arg(number(v), number(maximum)));
        *out = type == Type::Int ? QVariant(qlonglong(v)) : QVariant(v);
        return true;
    }
    case Type::Bool: {
        bool b = false;
        if (!toBool(in, &b))
            return fail(QStringLiteral("\"%1\" is not a boolean (true/false, 1/0, yes/no, on/off)").arg(shown));
        *out = b;
        return true;
    }
    case Type::Choice:
        if (!choices.contains(shown))
            return fail(QStringLiteral("\"%1\" is not one of: %2").arg(shown, choices.join(QStringLiteral(", "))));
        *out = shown;
        return true;
    case Type::String:
    case Type::File:
    case Type::Clip:
        if (in.isValid() && !in.canConvert<QString>())
            return fail(QStringLiteral("a text value is required"));
        *out = shown;
        return true;
    }
    return fail(QStringLiteral("unknown parameter type"));
}

QVariantMap resolveParameters(const QList<ParameterSpec> &specs, const QVariantMap &given,
                              QString *error)
{
    QStringList known;
    for (const ParameterSpec &s : specs)
        known << s.id;
    for (auto it = given.cbegin(); it != given.cend(); ++it) {
        if (!known.contains(it.key())) {
            if (error)
                *error = QStringLiteral("unknown parameter \"%1\" (known: %2)")
                             .arg(it.key(), known.isEmpty() ? QStringLiteral("none") : known.join(QStringLiteral(", ")));
            return {};
        }
    }
    QVariantMap resolved;
    for (const ParameterSpec &s : specs) {
        QVariant value = s.defaultValue;
        if (given.contains(s.id)) {
            QString why;
            if (!s.coerce(given.value(s.id), &value, &why)) {
                if (error)
                    *error = QStringLiteral("parameter \"%1\": %2").arg(s.id, why);
                return {};
            }
        }
        resolved.insert(s.id, value);
    }
    return resolved;
}

} // namespace mirstudio::sdk
