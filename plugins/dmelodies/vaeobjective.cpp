// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/dmelodies/vaeobjective.h"

#include <cmath>
#include <stdexcept>

namespace mirstudio::dmelodies {

namespace {
double annealed(double target, int64_t t, int64_t total)
{
    if (t <= 0)
        return 0.0;
    if (t >= total)
        return target;
    return std::exp(double(t) * std::log1p(target) / double(total)) - 1.0;
}
} // namespace

VaeObjective::Kind VaeObjective::kindFromName(const QString &name)
{
    if (name == QLatin1String("beta"))
        return Kind::Beta;
    if (name == QLatin1String("annealed"))
        return Kind::Annealed;
    if (name == QLatin1String("factor"))
        return Kind::Factor;
    throw std::invalid_argument("unknown objective '" + name.toStdString() + "' (beta, annealed or factor)");
}

VaeObjective VaeObjective::defaults(Kind kind)
{
    VaeObjective o;
    o.kind = kind;
    o.beta = kind == Kind::Beta ? 1.0 : 1.0;
    o.capacity = 50.0;
    o.gamma = 10.0;
    return o;
}

double VaeObjective::betaAt(int64_t step) const
{
    if (step < warmupSteps)
        return 0.0;
    return kind == Kind::Beta ? annealed(beta, step - warmupSteps, annealSteps) : beta;
}

double VaeObjective::capacityAt(int64_t step) const
{
    return kind == Kind::Annealed ? annealed(capacity, step - warmupSteps, annealSteps) : capacity;
}

torch::Tensor VaeObjective::klTerm(const torch::Tensor &meanKl, int64_t step) const
{
    const double b = betaAt(step);
    if (kind == Kind::Beta)
        return torch::relu(b * meanKl - capacity);
    return b * (meanKl - capacityAt(step)).abs();
}

} // namespace mirstudio::dmelodies
