// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/tfctdf/checkpointfile.h"

#include "plugins/toolkit/checkpointreader.h"

#include <stdexcept>

namespace mirstudio::tfctdf {

NamedTensors readCheckpoint(const std::string &path)
{
    return toolkit::loadStateDict(QString::fromStdString(path));
}

UNet loadNetwork(const std::string &path, const UNetConfig &config)
{
    UNet net(config);
    try {
        loadPaperStateDict(*net, toPaperLayout(readCheckpoint(path)));
    } catch (const std::runtime_error &e) {
        throw std::runtime_error(std::string(e.what()) + " (" + path + ")");
    }
    net->eval();
    return net;
}

} // namespace mirstudio::tfctdf
