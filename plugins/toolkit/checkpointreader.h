// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "plugins/toolkit/checkpointcontents.h"
#include "plugins/toolkit/checkpointerror.h"
#include "plugins/toolkit/picklevalue.h"

#include <torch/torch.h>

#include <QByteArray>
#include <QString>

#include <string>
#include <utility>
#include <vector>

namespace mirstudio::toolkit {

/** A state dict in file order: parameter/buffer names and their CPU tensors. */
using StateDict = std::vector<std::pair<std::string, at::Tensor>>;

/**
 * A loaded PyTorch checkpoint: the unpickled tree (dicts, lists, numbers, strings, tensor
 * references) and the CPU tensors it refers to. Tensors that were views of one storage in
 * Python still share it. Owns its tensors. Value type; thread: any (no shared state).
 */
struct CheckpointTree
{
    CheckpointContents::Format format = CheckpointContents::Format::Zip;
    PickleValue root;
    std::vector<at::Tensor> tensors; ///< by PickleValue::index of Tensor values

    /** The tensor a Tensor value refers to. Throws CheckpointError for any other value. */
    at::Tensor tensor(const PickleValue &value) const;
};

/**
 * Reads a file written by torch.save (zip or legacy format) without running any pickled code.
 * Storages saved on a GPU ("cuda:0") load to the CPU. Throws CheckpointError naming the file.
 * Thread: any.
 */
CheckpointTree loadCheckpoint(const QString &path);

/** As loadCheckpoint, from the file's bytes; `name` is used in error messages. */
CheckpointTree readCheckpoint(const QByteArray &bytes, const QString &name = QStringLiteral("checkpoint"));

/**
 * The state dict inside a checkpoint: the root itself when it is a dict of tensors, else the one
 * entry of the root that is (preferring the keys "state_dict", "model_state_dict", "model",
 * "state" and "net"). Throws CheckpointError listing the root's keys when none fits.
 */
StateDict stateDictFrom(const CheckpointTree &tree);

/** loadCheckpoint + stateDictFrom. */
StateDict loadStateDict(const QString &path);

} // namespace mirstudio::toolkit
