// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/tfctdf/checkpointfile.h"

#include "plugins/tfctdf/networkfile.h"
#include "plugins/toolkit/checkpointreader.h"

#include <stdexcept>

namespace mirstudio::tfctdf {

NamedTensors readCheckpoint(const std::string &path)
{
    try {
        return toolkit::loadStateDict(QString::fromStdString(path));
    } catch (const toolkit::CheckpointError &) {
        // Files written by saveNetwork(): libtorch's pickler tags the dict's types, which the
        // restricted reader refuses; libtorch reads them (they hold only tensors).
        try {
            return readPickledTensorDict(path);
        } catch (const std::runtime_error &) {
        }
        throw;
    }
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
