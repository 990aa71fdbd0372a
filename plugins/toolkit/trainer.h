// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <torch/torch.h>

#include <QString>

#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

namespace mirstudio::sdk { class JobContext; }

namespace mirstudio::toolkit {

enum class OptimizerKind { Adam, AdamW, Sgd };
enum class LrSchedule { Constant, Step, Cosine };

/** Everything a training run needs besides the model and the loss. */
struct TrainerConfig
{
    OptimizerKind optimizer = OptimizerKind::Adam;
    double learningRate = 1e-3;
    double weightDecay = 0.0;           ///< AdamW: decoupled; Adam/SGD: L2 in the gradient
    double momentum = 0.9;              ///< SGD only
    double beta1 = 0.9, beta2 = 0.999;  ///< Adam/AdamW

    LrSchedule schedule = LrSchedule::Constant;
    int64_t warmupSteps = 0;            ///< linear warm-up from lr/warmup to lr
    int64_t stepSize = 1000;            ///< Step: multiply by `gamma` every stepSize steps
    double gamma = 0.1;
    double minLearningRate = 0.0;       ///< Cosine: the floor reached at totalSteps

    int64_t totalSteps = 1000;
    double clipGradNorm = 0.0;          ///< > 0: clip the global L2 norm of the gradients
    uint64_t seed = 0;                  ///< torch::manual_seed at construction

    QString checkpointPath;             ///< empty: none; else written every checkpointEvery and at the end
    int64_t checkpointEvery = 0;        ///< 0: only at the end (and on cancel)
    int64_t validateEvery = 0;          ///< 0: never
    size_t maxCurvePoints = 10000;      ///< loss curve memory bound (older points are thinned)
};

/** One point of a loss curve. */
struct LossPoint
{
    int64_t step = 0;
    double value = 0.0;
};

/** How a run ended. */
struct TrainOutcome
{
    int64_t stepsDone = 0;      ///< total steps completed (including steps before a resume)
    bool cancelled = false;
    double lastLoss = 0.0;
};

/**
 * A generic training loop for toolkit models: optimiser (Adam, AdamW, SGD), learning-rate
 * schedule (warm-up, step, cosine), gradient clipping, deterministic seed, checkpoints that
 * Python reads with `torch.load` (a plain dict of tensors: "model.<name>", "optimizer.<i>.<key>",
 * "trainer.step", "trainer.rng_state", "trainer.loss_steps/values"), resume, a loss curve
 * (CSV), progress and cancel through sdk::JobContext, and a validation hook.
 *
 * The caller supplies `loss(step)`: it draws its batch (use epochOrder() for a deterministic
 * data order), runs the model in training mode and returns a scalar loss tensor with a graph.
 *
 * Ownership: the module is the caller's and must outlive the Trainer. Threading: use from one
 * thread (the plugin's job thread); run() blocks until done or cancelled.
 */
class Trainer
{
public:
    using LossFunction = std::function<torch::Tensor(int64_t step)>;
    using ValidationFunction = std::function<double(int64_t step)>;

    Trainer(torch::nn::Module &module, const TrainerConfig &config);
    ~Trainer();

    /** Called every config.validateEvery steps under NoGradGuard; its values form validationCurve(). */
    void setValidation(ValidationFunction validation);

    /**
     * Trains from step() to config.totalSteps. Polls ctx->isCancelled() every step, reports
     * progress, stops early on cancel (a checkpoint is still written when a path is set).
     * Throws std::runtime_error when the loss becomes NaN or infinite.
     */
    TrainOutcome run(const LossFunction &loss, sdk::JobContext *ctx = nullptr);

    /** The learning rate the schedule gives for a 0-based step. */
    double learningRateAt(int64_t step) const;

    /**
     * Multiplies the schedule's learning rate from the next step on (1 by default). For policies
     * driven by validation, e.g. reduce-on-plateau from the validation hook. Not checkpointed.
     */
    void setLearningRateFactor(double factor) { m_lrFactor = factor; }
    double learningRateFactor() const { return m_lrFactor; }

    int64_t step() const { return m_step; }
    const std::vector<LossPoint> &lossCurve() const { return m_curve; }
    const std::vector<LossPoint> &validationCurve() const { return m_validation; }

    /** Writes a checkpoint atomically (temp file + rename). Throws std::runtime_error on I/O failure. */
    void saveCheckpoint(const QString &path) const;
    /** Restores model, optimiser state, step, RNG state and curves from a checkpoint (resume). */
    void loadCheckpoint(const QString &path);
    /** Writes "step,loss" lines (with a header); false on I/O failure. */
    bool writeLossCsv(const QString &path) const;

    /** A permutation of 0..n-1 that depends only on (seed, epoch): deterministic data order. */
    static std::vector<int64_t> epochOrder(int64_t n, uint64_t seed, int64_t epoch);

private:
    void record(int64_t step, double loss);
    torch::Dict<std::string, torch::Tensor> stateDict() const;

    torch::nn::Module &m_module;
    TrainerConfig m_config;
    std::unique_ptr<torch::optim::Optimizer> m_optimizer;
    std::vector<torch::Tensor> m_parameters;
    ValidationFunction m_validate;
    int64_t m_step = 0;
    double m_lrFactor = 1.0;
    int64_t m_curveStride = 1;
    std::vector<LossPoint> m_curve;
    std::vector<LossPoint> m_validation;
};

} // namespace mirstudio::toolkit
