// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <torch/script.h>

#include <QString>
#include <QStringList>

#include <functional>
#include <optional>
#include <vector>

namespace mirstudio::torchscript {

/**
 * One method of a scripted model with the nn~ metadata (`<name>_params` =
 * [in_channels, in_ratio, out_channels, out_ratio]). A method without metadata (a plain
 * `forward`) has channels -1 ("any" / "as produced") and ratios 1.
 */
struct MethodInfo
{
    QString name;
    int inChannels = -1;
    int inRatio = 1;
    int outChannels = -1;
    int outRatio = 1;
    bool declared = false;   ///< true when the model carried `<name>_params`
};

/**
 * A user's TorchScript model following IRCAM nn~'s convention: methods listed by
 * `get_methods()` (or found through their `<name>_params` buffers), each taking
 * [1, in_channels, frames] and returning [1, out_channels, frames * in_ratio / out_ratio].
 *
 * run() feeds the input in fixed-size chunks, in order, to the same module instance, so models
 * with internal caches (cached_conv streaming models) see one continuous stream; the last chunk
 * is zero padded and the output trimmed. Each run starts from the state the file was saved
 * with (the loaded module is cloned per run).
 *
 * Ownership: owns the loaded module. Threading: one run at a time; any single thread (a host
 * job worker). Throws std::runtime_error with a user-facing message on every failure.
 */
class ScriptedModel
{
public:
    /** Loads `path` with torch::jit::load on the CPU and reads its method metadata. */
    explicit ScriptedModel(const QString &path);

    const QString &path() const { return m_path; }
    const std::vector<MethodInfo> &methods() const { return m_methods; }
    /** The method's metadata, or nullopt when the model has no such method. */
    std::optional<MethodInfo> method(const QString &name) const;
    /** Attribute names settable the nn~ way (`get_attributes()`), may be empty. */
    const QStringList &settableAttributes() const { return m_attributes; }
    /** The model's `sampling_rate` or `sr` attribute, or 0 when it declares none. */
    double sampleRate() const { return m_sampleRate; }

    /** Called between chunks: (chunks done, chunk count); return false to stop (cancel). */
    using ChunkCallback = std::function<bool(int64_t done, int64_t total)>;

    /**
     * Runs `method` on `input` [in_channels, frames at the method's input rate] in chunks of
     * `chunkSamples` samples at the base rate (rounded up to a multiple of both ratios; 0 = the
     * whole input at once). Returns [out_channels, ceil(frames * in_ratio / out_ratio)].
     * Returns an undefined tensor when `progress` asked to stop.
     */
    torch::Tensor run(const MethodInfo &method, const torch::Tensor &input, int64_t chunkSamples,
                      const ChunkCallback &progress = {}) const;

private:
    QString m_path;
    torch::jit::Module m_module;
    std::vector<MethodInfo> m_methods;
    QStringList m_attributes;
    double m_sampleRate = 0.0;
};

} // namespace mirstudio::torchscript
