// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/dmelodies/vaemodel.h"

#include "plugins/dmelodies/modelweights.h"

#include <stdexcept>

namespace mirstudio::dmelodies {

VaeModel::VaeModel(Kind kind) : m_kind(kind)
{
    if (kind == Kind::Rnn)
        m_rnn = RnnVae(RnnVaeConfig{});
    else
        m_cnn = CnnVae(CnnVaeConfig{});
}

VaeModel::Kind VaeModel::kindFromName(const QString &name)
{
    if (name == QLatin1String("rnn"))
        return Kind::Rnn;
    if (name == QLatin1String("cnn"))
        return Kind::Cnn;
    throw std::invalid_argument("unknown dMelodies model '" + name.toStdString() + "' (rnn or cnn)");
}

QString VaeModel::kindName(Kind kind)
{
    return kind == Kind::Rnn ? QStringLiteral("rnn") : QStringLiteral("cnn");
}

torch::nn::Module &VaeModel::module()
{
    return m_kind == Kind::Rnn ? static_cast<torch::nn::Module &>(*m_rnn) : static_cast<torch::nn::Module &>(*m_cnn);
}

int64_t VaeModel::latentSize() const
{
    return m_kind == Kind::Rnn ? m_rnn->config().latent : m_cnn->config().latent;
}

Posterior VaeModel::encode(const torch::Tensor &tokens)
{
    return m_kind == Kind::Rnn ? m_rnn->encode(tokens) : m_cnn->encode(tokens);
}

torch::Tensor VaeModel::decode(const torch::Tensor &z, double temperature)
{
    return m_kind == Kind::Rnn ? m_rnn->decode(z, {}, temperature) : m_cnn->decode(z);
}

VaeOutput VaeModel::forward(const torch::Tensor &tokens, const torch::Tensor &eps, bool teacherForced)
{
    return m_kind == Kind::Rnn ? m_rnn->forward(tokens, eps, teacherForced) : m_cnn->forward(tokens, eps);
}

void VaeModel::loadWeights(const QString &path)
{
    loadOfficialWeights(module(), path);
}

void VaeModel::saveWeights(const QString &path) const
{
    saveOfficialWeights(m_kind == Kind::Rnn ? static_cast<const torch::nn::Module &>(*m_rnn)
                                            : static_cast<const torch::nn::Module &>(*m_cnn),
                        path);
}

} // namespace mirstudio::dmelodies
