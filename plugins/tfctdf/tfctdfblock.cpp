// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/tfctdf/tfctdfblock.h"

namespace mirstudio::tfctdf {

TfcTdfBlockImpl::TfcTdfBlockImpl(TfcBlock tfc, TdfLayer tdf)
    : m_tfc(register_module("tfc", std::move(tfc))), m_tdf(register_module("tif", std::move(tdf)))
{
}

torch::Tensor TfcTdfBlockImpl::forward(const torch::Tensor &x)
{
    torch::Tensor y = m_tfc->forward(x);
    return y + m_tdf->forward(y);
}

} // namespace mirstudio::tfctdf
