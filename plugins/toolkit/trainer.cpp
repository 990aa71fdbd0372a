// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/toolkit/trainer.h"

#include "plugins/sdk/jobcontext.h"

#include <ATen/CPUGeneratorImpl.h>

#include <QFile>
#include <QSaveFile>
#include <QTextStream>

#include <cmath>
#include <mutex>
#include <numbers>
#include <stdexcept>

namespace mirstudio::toolkit {

namespace {

std::unique_ptr<torch::optim::Optimizer> makeOptimizer(const std::vector<torch::Tensor> &params,
                                                       const TrainerConfig &c)
{
    switch (c.optimizer) {
    case OptimizerKind::Adam:
        return std::make_unique<torch::optim::Adam>(
            params, torch::optim::AdamOptions(c.learningRate).betas({c.beta1, c.beta2})
                        .weight_decay(c.weightDecay));
    case OptimizerKind::AdamW:
        return std::make_unique<torch::optim::AdamW>(
            params, torch::optim::AdamWOptions(c.learningRate).betas({c.beta1, c.beta2})
                        .weight_decay(c.weightDecay));
    case OptimizerKind::Sgd:
        break;
    }
    return std::make_unique<torch::optim::SGD>(
        params, torch::optim::SGDOptions(c.learningRate).momentum(c.momentum)
                    .weight_decay(c.weightDecay));
}

/** The optimiser's state key for a parameter (libtorch keys state by TensorImpl address). */
std::string stateKey(const torch::Tensor &p)
{
    return c10::guts::to_string(p.unsafeGetTensorImpl());
}

/** Optimiser state of one parameter as named tensors, and back. */
void exportState(const torch::optim::OptimizerParamState &s, OptimizerKind kind, const std::string &prefix,
                 torch::Dict<std::string, torch::Tensor> &out)
{
    if (kind == OptimizerKind::Sgd) {
        const auto &sgd = static_cast<const torch::optim::SGDParamState &>(s);
        if (sgd.momentum_buffer().defined())
            out.insert(prefix + "momentum_buffer", sgd.momentum_buffer());
        return;
    }
    // Adam and AdamW param states have the same fields.
    const auto export3 = [&](int64_t step, const torch::Tensor &m, const torch::Tensor &v) {
        out.insert(prefix + "step", torch::tensor(step, torch::kLong));
        out.insert(prefix + "exp_avg", m);
        out.insert(prefix + "exp_avg_sq", v);
    };
    if (kind == OptimizerKind::Adam) {
        const auto &a = static_cast<const torch::optim::AdamParamState &>(s);
        export3(a.step(), a.exp_avg(), a.exp_avg_sq());
    } else {
        const auto &a = static_cast<const torch::optim::AdamWParamState &>(s);
        export3(a.step(), a.exp_avg(), a.exp_avg_sq());
    }
}

template<typename State>
std::unique_ptr<State> adamState(const torch::Dict<std::string, torch::Tensor> &d, const std::string &prefix)
{
    auto s = std::make_unique<State>();
    s->step(d.at(prefix + "step").item<int64_t>());
    s->exp_avg(d.at(prefix + "exp_avg").clone());
    s->exp_avg_sq(d.at(prefix + "exp_avg_sq").clone());
    return s;
}

std::unique_ptr<torch::optim::OptimizerParamState>
importState(const torch::Dict<std::string, torch::Tensor> &d, OptimizerKind kind, const std::string &prefix)
{
    if (kind == OptimizerKind::Sgd) {
        if (!d.contains(prefix + "momentum_buffer"))
            return nullptr;
        auto s = std::make_unique<torch::optim::SGDParamState>();
        s->momentum_buffer(d.at(prefix + "momentum_buffer").clone());
        return s;
    }
    if (!d.contains(prefix + "step"))
        return nullptr;
    if (kind == OptimizerKind::Adam)
        return adamState<torch::optim::AdamParamState>(d, prefix);
    return adamState<torch::optim::AdamWParamState>(d, prefix);
}

torch::Tensor curveTensor(const std::vector<LossPoint> &curve, bool steps)
{
    std::vector<double> values;
    std::vector<int64_t> stepValues;
    for (const auto &p : curve) {
        values.push_back(p.value);
        stepValues.push_back(p.step);
    }
    return steps ? torch::tensor(stepValues, torch::kLong) : torch::tensor(values, torch::kFloat64);
}

std::vector<LossPoint> curveFrom(const torch::Tensor &steps, const torch::Tensor &values)
{
    std::vector<LossPoint> out;
    for (int64_t i = 0; i < steps.numel(); ++i)
        out.push_back({steps[i].item<int64_t>(), values[i].item<double>()});
    return out;
}

} // namespace

Trainer::Trainer(torch::nn::Module &module, const TrainerConfig &config)
    : m_module(module), m_config(config), m_parameters(module.parameters())
{
    torch::manual_seed(config.seed);
    m_optimizer = makeOptimizer(m_parameters, config);
}

Trainer::~Trainer() = default;

void Trainer::setValidation(ValidationFunction validation)
{
    m_validate = std::move(validation);
}

double Trainer::learningRateAt(int64_t step) const
{
    const auto &c = m_config;
    if (step < c.warmupSteps)
        return c.learningRate * double(step + 1) / double(c.warmupSteps);
    const int64_t t = step - c.warmupSteps;
    switch (c.schedule) {
    case LrSchedule::Constant:
        return c.learningRate;
    case LrSchedule::Step:
        return c.learningRate * std::pow(c.gamma, double(t / std::max<int64_t>(c.stepSize, 1)));
    case LrSchedule::Cosine: {
        const double span = double(std::max<int64_t>(c.totalSteps - c.warmupSteps, 1));
        const double progress = std::min(double(t) / span, 1.0);
        return c.minLearningRate
               + (c.learningRate - c.minLearningRate) * 0.5 * (1.0 + std::cos(std::numbers::pi * progress));
    }
    }
    return c.learningRate;
}

void Trainer::record(int64_t step, double loss)
{
    if (step % m_curveStride != 0)
        return;
    m_curve.push_back({step, loss});
    if (m_curve.size() > std::max<size_t>(m_config.maxCurvePoints, 2)) {
        // Thin to every other recorded point and record half as often from now on.
        std::vector<LossPoint> kept;
        m_curveStride *= 2;
        for (const auto &p : m_curve)
            if (p.step % m_curveStride == 0)
                kept.push_back(p);
        m_curve.swap(kept);
    }
}

TrainOutcome Trainer::run(const LossFunction &loss, sdk::JobContext *ctx)
{
    TrainOutcome out;
    m_module.train();
    while (m_step < m_config.totalSteps) {
        if (ctx && ctx->isCancelled()) {
            out.cancelled = true;
            break;
        }
        const double lr = learningRateAt(m_step) * m_lrFactor;
        for (auto &group : m_optimizer->param_groups())
            group.options().set_lr(lr);

        m_optimizer->zero_grad();
        const torch::Tensor value = loss(m_step);
        const double lossValue = value.item<double>();
        if (!std::isfinite(lossValue))
            throw std::runtime_error("training loss is not finite at step " + std::to_string(m_step));
        value.backward();
        if (m_config.clipGradNorm > 0.0)
            torch::nn::utils::clip_grad_norm_(m_parameters, m_config.clipGradNorm);
        m_optimizer->step();

        record(m_step, lossValue);
        out.lastLoss = lossValue;
        ++m_step;

        if (m_validate && m_config.validateEvery > 0 && m_step % m_config.validateEvery == 0) {
            torch::NoGradGuard noGrad;
            m_module.eval();
            m_validation.push_back({m_step, m_validate(m_step)});
            m_module.train();
        }
        if (!m_config.checkpointPath.isEmpty() && m_config.checkpointEvery > 0
            && m_step % m_config.checkpointEvery == 0)
            saveCheckpoint(m_config.checkpointPath);
        if (ctx)
            ctx->setProgress(double(m_step) / double(m_config.totalSteps),
                             QStringLiteral("step %1/%2, loss %3").arg(m_step).arg(m_config.totalSteps)
                                 .arg(lossValue, 0, 'g', 5));
    }
    if (!m_config.checkpointPath.isEmpty())
        saveCheckpoint(m_config.checkpointPath);
    out.stepsDone = m_step;
    return out;
}

torch::Dict<std::string, torch::Tensor> Trainer::stateDict() const
{
    torch::Dict<std::string, torch::Tensor> d;
    for (const auto &item : m_module.named_parameters())
        d.insert("model." + item.key(), item.value().detach().clone());
    for (const auto &item : m_module.named_buffers())
        d.insert("model." + item.key(), item.value().detach().clone());
    const auto &state = m_optimizer->state();
    for (size_t i = 0; i < m_parameters.size(); ++i) {
        const auto it = state.find(stateKey(m_parameters[i]));
        if (it != state.end())
            exportState(*it->second, m_config.optimizer, "optimizer." + std::to_string(i) + ".", d);
    }
    d.insert("trainer.step", torch::tensor(m_step, torch::kLong));
    d.insert("trainer.curve_stride", torch::tensor(m_curveStride, torch::kLong));
    {
        auto gen = at::detail::getDefaultCPUGenerator();
        std::lock_guard<std::mutex> lock(gen.mutex());
        d.insert("trainer.rng_state", gen.get_state());
    }
    d.insert("trainer.loss_steps", curveTensor(m_curve, true));
    d.insert("trainer.loss_values", curveTensor(m_curve, false));
    d.insert("trainer.validation_steps", curveTensor(m_validation, true));
    d.insert("trainer.validation_values", curveTensor(m_validation, false));
    return d;
}

void Trainer::saveCheckpoint(const QString &path) const
{
    const std::vector<char> bytes = torch::pickle_save(torch::IValue(stateDict()));
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes.data(), qint64(bytes.size())) != qint64(bytes.size())
        || !f.commit())
        throw std::runtime_error("cannot write checkpoint " + path.toStdString() + ": "
                                 + f.errorString().toStdString());
}

void Trainer::loadCheckpoint(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        throw std::runtime_error("cannot read checkpoint " + path.toStdString());
    const QByteArray raw = f.readAll();
    const torch::IValue value = torch::pickle_load(std::vector<char>(raw.begin(), raw.end()));
    if (!value.isGenericDict())
        throw std::runtime_error("checkpoint " + path.toStdString() + " is not a dict of tensors");
    torch::Dict<std::string, torch::Tensor> d;
    for (const auto &entry : value.toGenericDict())
        d.insert(entry.key().toStringRef(), entry.value().toTensor());

    torch::NoGradGuard noGrad;
    const auto copyInto = [&](const std::string &key, torch::Tensor target) {
        if (!d.contains("model." + key))
            throw std::runtime_error("checkpoint lacks model." + key);
        const torch::Tensor src = d.at("model." + key);
        if (src.sizes() != target.sizes())
            throw std::runtime_error("checkpoint shape mismatch for model." + key);
        target.copy_(src);
    };
    for (const auto &item : m_module.named_parameters())
        copyInto(item.key(), item.value());
    for (const auto &item : m_module.named_buffers())
        copyInto(item.key(), item.value());

    auto &state = m_optimizer->state();
    state.clear();
    for (size_t i = 0; i < m_parameters.size(); ++i)
        if (auto s = importState(d, m_config.optimizer, "optimizer." + std::to_string(i) + "."))
            state[stateKey(m_parameters[i])] = std::move(s);

    m_step = d.at("trainer.step").item<int64_t>();
    m_curveStride = d.at("trainer.curve_stride").item<int64_t>();
    m_curve = curveFrom(d.at("trainer.loss_steps"), d.at("trainer.loss_values"));
    m_validation = curveFrom(d.at("trainer.validation_steps"), d.at("trainer.validation_values"));
    auto gen = at::detail::getDefaultCPUGenerator();
    std::lock_guard<std::mutex> lock(gen.mutex());
    gen.set_state(d.at("trainer.rng_state"));
}

bool Trainer::writeLossCsv(const QString &path) const
{
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Text))
        return false;
    QTextStream s(&f);
    s << "step,loss\n";
    for (const auto &p : m_curve)
        s << p.step << ',' << QString::number(p.value, 'g', 9) << '\n';
    s.flush();
    return f.commit();
}

std::vector<int64_t> Trainer::epochOrder(int64_t n, uint64_t seed, int64_t epoch)
{
    auto gen = at::make_generator<at::CPUGeneratorImpl>(seed * 1000003ULL + uint64_t(epoch));
    const torch::Tensor perm = torch::randperm(n, gen, torch::kLong);
    return std::vector<int64_t>(perm.data_ptr<int64_t>(), perm.data_ptr<int64_t>() + n);
}

} // namespace mirstudio::toolkit
