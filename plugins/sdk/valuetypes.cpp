// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/sdk/valuetypes.h"

#include <array>
#include <utility>

namespace mirstudio::sdk {

namespace {
constexpr std::array<std::pair<ValueKind, const char *>, 7> kNames{{
    {ValueKind::None, "none"},
    {ValueKind::Audio, "audio"},
    {ValueKind::Notes, "notes"},
    {ValueKind::Stems, "stems"},
    {ValueKind::Annotations, "annotations"},
    {ValueKind::Latent, "latent"},
    {ValueKind::Matrix, "matrix"},
}};
} // namespace

ValueKind kindOf(const Value &value)
{
    // The variant's alternatives are listed in ValueKind's order.
    return ValueKind(value.index());
}

QString kindName(ValueKind kind)
{
    for (const auto &[k, name] : kNames) {
        if (k == kind)
            return QString::fromLatin1(name);
    }
    return QStringLiteral("none");
}

ValueKind kindFromName(const QString &name)
{
    for (const auto &[k, n] : kNames) {
        if (name == QLatin1String(n))
            return k;
    }
    return ValueKind::None;
}

} // namespace mirstudio::sdk
