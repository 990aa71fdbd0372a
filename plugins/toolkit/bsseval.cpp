// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/toolkit/bsseval.h"

#include <torch/torch.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>

namespace mirstudio::toolkit {

namespace {

// The maths below is BSS-eval's least-squares projection written directly: the estimate is
// projected on the span of the references delayed by 0..L-1 samples (time-invariant FIR
// "distortion filters"). Index p = (source, channel, delay) flattens as (s*C + c)*L + delay.

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

int64_t nextPow2(int64_t n)
{
    int64_t p = 1;
    while (p < n)
        p <<= 1;
    return p;
}

/**
 * r[a][b](k) = sum_m x_a[m] y_b[m+k] for k = -(L-1)..L-1 (index k+L-1) of every row pair of
 * x [A, N] and y [B, N]: [A, B, 2L-1]. Computed block by block (overlap of 2(L-1) samples), so
 * memory stays O(A*B*block) instead of whole-signal spectra.
 */
torch::Tensor lagCorrelations(const torch::Tensor &x, const torch::Tensor &y, int64_t L)
{
    using torch::indexing::Slice;
    const int64_t N = x.size(1), halo = L - 1;
    const int64_t block = std::min<int64_t>(N, 1 << 16);
    const int64_t nfft = nextPow2(block + 2 * halo);
    const torch::Tensor yPadded = torch::nn::functional::pad(
        y, torch::nn::functional::PadFuncOptions({halo, halo + block}));
    torch::Tensor acc = torch::zeros({x.size(0), y.size(0), 2 * L - 1}, torch::kFloat64);
    for (int64_t b = 0; b < N; b += block) {
        const int64_t n = std::min(block, N - b);
        const torch::Tensor X = torch::fft::rfft(x.narrow(1, b, n), nfft);                  // [A, F]
        const torch::Tensor Y = torch::fft::rfft(yPadded.narrow(1, b, n + 2 * halo), nfft);  // [B, F]
        const torch::Tensor c = torch::fft::irfft(torch::conj(X).unsqueeze(1) * Y.unsqueeze(0), nfft);
        acc += c.index({Slice(), Slice(), Slice(0, 2 * L - 1)});
    }
    return acc;
}

/** Frame boundaries exactly as museval's Framing. */
struct Frames
{
    int64_t count = 1, window = 0, hop = 0, length = 0;
    Frames(int64_t win, int64_t hopSize, int64_t len) : window(win), hop(hopSize), length(len)
    {
        if (window > 0 && window < length)
            count = (length - window + hop) / hop;
    }
    bool whole() const { return count == 1 && (window <= 0 || window >= length); }
    int64_t start(int64_t t) const { return whole() ? 0 : t * hop; }
    int64_t stop(int64_t t) const { return whole() ? length : std::min(t * hop + window, length); }
};

/** True when some source's channel-summed signal is all zeros (museval's _any_source_silent). */
bool anySourceSilent(const torch::Tensor &x)
{
    return (x.sum(1) == 0).all(1).any().item<bool>();
}

/**
 * Distortion filters of one signal window: Gram matrix of the delayed references and the
 * least-squares filters of every estimate on all references (C) and on each single reference
 * (Cj). Shapes: C [S_est][S*C*L, C], Cj[jtrue][jest] [C*L, C] (undefined where unused).
 */
struct Filters
{
    std::vector<torch::Tensor> all;                 // per estimate
    std::vector<std::vector<torch::Tensor>> single; // [jtrue][jest]
};

Filters computeFilters(const torch::Tensor &refs, const torch::Tensor &ests, int64_t L,
                       const std::vector<std::vector<int>> &candidates)
{
    const int64_t S = refs.size(0), C = refs.size(1), N = refs.size(2), K = S * C;
    const torch::Tensor x = refs.reshape({K, N});

    // G[(i,a),(j,b)] = <x_i delayed a, x_j delayed b> = r_{x_i, x_j}(a - b).
    const torch::Tensor lags = lagCorrelations(x, x, L);                               // [K, K, 2L-1]
    const torch::Tensor a = torch::arange(L, torch::kLong);
    const torch::Tensor idx = a.unsqueeze(1) - a.unsqueeze(0) + (L - 1);            // [L, L]
    const torch::Tensor G = lags.index({torch::indexing::Slice(), torch::indexing::Slice(), idx})
                                .permute({0, 2, 1, 3})
                                .reshape({K * L, K * L});

    // D[(i,a), (jest,c)] = <x_i delayed a, e_{jest,c}> = r_{x_i, e}(a), a = 0..L-1.
    const torch::Tensor D = lagCorrelations(x, ests.reshape({K, N}), L)
                                .narrow(2, L - 1, L).permute({0, 2, 1}).reshape({K * L, K});

    const double eps = std::numeric_limits<double>::epsilon();
    const auto solve = [eps](const torch::Tensor &g, const torch::Tensor &d) {
        const torch::Tensor gr = g + eps * torch::eye(g.size(0), torch::kFloat64);
        return torch::linalg::solve(gr, d, /*left=*/true);
    };

    Filters f;
    const torch::Tensor allC = solve(G, D);                                        // [K*L, S*C]
    for (int64_t e = 0; e < S; ++e)
        f.all.push_back(allC.narrow(1, e * C, C));
    f.single.assign(size_t(S), std::vector<torch::Tensor>(size_t(S)));
    const int64_t block = C * L;
    for (int64_t j = 0; j < S; ++j) {
        const torch::Tensor Gjj = G.narrow(0, j * block, block).narrow(1, j * block, block);
        const torch::Tensor Cjj = solve(Gjj, D.narrow(0, j * block, block));       // [C*L, S*C]
        for (const auto &perm : candidates)
            f.single[size_t(j)][size_t(perm[size_t(j)])] = Cjj.narrow(1, perm[size_t(j)] * C, C);
    }
    return f;
}

/** Sum over sources/channels of each reference channel filtered by C: [Cout, n + L - 1]. */
torch::Tensor project(const torch::Tensor &refs, const torch::Tensor &filters, int64_t L)
{
    const int64_t K = refs.size(0) * refs.size(1), N = refs.size(2), Cout = filters.size(1);
    const int64_t nfft = nextPow2(N + L - 1);
    const torch::Tensor Rf = torch::fft::rfft(refs.reshape({K, N}), nfft);                // [K, F]
    const torch::Tensor h = filters.reshape({K, L, Cout}).permute({2, 0, 1});             // [Cout, K, L]
    const torch::Tensor Hf = torch::fft::rfft(h, nfft);                                   // [Cout, K, F]
    return torch::fft::irfft((Hf * Rf.unsqueeze(0)).sum(1), nfft).narrow(1, 0, N + L - 1);
}

double safeDb(double num, double den)
{
    if (den == 0.0)
        return std::numeric_limits<double>::infinity();
    return 10.0 * std::log10(num / den);
}

double energy(const torch::Tensor &x) { return x.square().sum().item<double>(); }

struct Scores { double sdr, isr, sir, sar; };

/** _bss_decomp_mtifilt + _bss_crit for one (reference, estimate) pair in one window. */
Scores decompose(const torch::Tensor &refsWin, const torch::Tensor &estWin, int64_t jtrue,
                 const torch::Tensor &allFilters, const torch::Tensor &singleFilters, int64_t L,
                 bool sourcesVersion)
{
    namespace F = torch::nn::functional;
    const torch::Tensor ref = refsWin[jtrue];
    const torch::Tensor sTrue = F::pad(ref, F::PadFuncOptions({0, L - 1}));
    const torch::Tensor pSingle = project(ref.unsqueeze(0), singleFilters, L);
    const torch::Tensor pAll = project(refsWin, allFilters, L);
    const torch::Tensor eSpat = pSingle - sTrue;
    const torch::Tensor eInterf = pAll - pSingle;
    const torch::Tensor eArtif = F::pad(estWin, F::PadFuncOptions({0, L - 1})) - pAll;
    Scores s{};
    if (sourcesVersion) {
        const double filt = energy(pSingle);
        s.sdr = safeDb(filt, energy(eInterf + eArtif));
        s.isr = kNaN;
        s.sir = safeDb(filt, energy(eInterf));
        s.sar = safeDb(energy(pAll), energy(eArtif));
    } else {
        const double trueEnergy = energy(sTrue);
        s.sdr = safeDb(trueEnergy, energy(eSpat + eInterf + eArtif));
        s.isr = safeDb(trueEnergy, energy(eSpat));
        s.sir = safeDb(energy(pSingle), energy(eInterf));
        s.sar = safeDb(energy(pAll), energy(eArtif));
    }
    return s;
}

std::vector<std::vector<int>> candidatePermutations(int S, bool all)
{
    std::vector<int> p(static_cast<size_t>(S));
    std::iota(p.begin(), p.end(), 0);
    std::vector<std::vector<int>> out;
    if (!all)
        return {p};
    do
        out.push_back(p);
    while (std::next_permutation(p.begin(), p.end()));   // lexicographic, as itertools
    return out;
}

/** numpy.argmax semantics: the first NaN wins, else the first maximum. */
size_t argmaxNumpy(const std::vector<double> &v)
{
    size_t best = 0;
    for (size_t i = 0; i < v.size(); ++i) {
        if (std::isnan(v[i]))
            return i;
        if (v[i] > v[best])
            best = i;
    }
    return best;
}

} // namespace

BssEvalConfig BssEvalConfig::museval()
{
    return BssEvalConfig{};
}

BssEvalConfig BssEvalConfig::mirEvalSources()
{
    BssEvalConfig c;
    c.window = 0;
    c.hop = 0;
    c.framewiseFilters = true;
    c.sourcesVersion = true;
    c.computePermutation = true;
    return c;
}

BssEvalConfig BssEvalConfig::mirEvalImages()
{
    BssEvalConfig c = mirEvalSources();
    c.sourcesVersion = false;
    return c;
}

double BssEvalResult::median(const std::vector<double> &frames)
{
    std::vector<double> v;
    for (double x : frames)
        if (!std::isnan(x))
            v.push_back(x);
    if (v.empty())
        return kNaN;
    std::sort(v.begin(), v.end());
    const size_t n = v.size();
    return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

BssEvalResult bssEval(const at::Tensor &referencesIn, const at::Tensor &estimatesIn,
                      const BssEvalConfig &config)
{
    torch::NoGradGuard noGrad;
    torch::Tensor refs = referencesIn.to(torch::kFloat64).contiguous();
    torch::Tensor ests = estimatesIn.to(torch::kFloat64).contiguous();
    if (refs.dim() == 2)
        refs = refs.unsqueeze(1);
    if (ests.dim() == 2)
        ests = ests.unsqueeze(1);
    if (refs.dim() != 3 || refs.sizes() != ests.sizes())
        throw std::invalid_argument("bssEval: references and estimates must both be "
                                    "[sources, channels, samples] of the same shape");
    if (refs.numel() == 0)
        throw std::invalid_argument("bssEval: empty input");
    if (anySourceSilent(refs) || anySourceSilent(ests))
        throw std::invalid_argument("bssEval: every reference and estimate must be non-silent");
    if (config.filtersLength < 1 || (config.window > 0 && config.hop <= 0))
        throw std::invalid_argument("bssEval: filtersLength and hop must be positive");

    const int S = int(refs.size(0));
    const int64_t L = config.filtersLength;
    const Frames frames(config.window, config.hop, refs.size(2));
    const auto candidates = candidatePermutations(S, config.computePermutation);

    // s_r[metric][jtrue][jest][frame]
    std::vector<std::vector<std::vector<std::vector<double>>>> sr(
        4, std::vector<std::vector<std::vector<double>>>(
               size_t(S), std::vector<std::vector<double>>(
                              size_t(S), std::vector<double>(size_t(frames.count), kNaN))));

    Filters filters;
    if (!config.framewiseFilters)
        filters = computeFilters(refs, ests, L, candidates);

    for (int64_t t = 0; t < frames.count; ++t) {
        const int64_t b = frames.start(t), n = frames.stop(t) - b;
        const torch::Tensor refsWin = refs.narrow(2, b, n);
        const torch::Tensor estsWin = ests.narrow(2, b, n);
        if (anySourceSilent(refsWin) || anySourceSilent(estsWin))
            continue;   // NaN frame
        if (config.framewiseFilters)
            filters = computeFilters(refsWin, estsWin, L, candidates);
        for (int jtrue = 0; jtrue < S; ++jtrue) {
            std::vector<bool> done(size_t(S), false);
            for (const auto &perm : candidates) {
                const int jest = perm[size_t(jtrue)];
                if (done[size_t(jest)])
                    continue;
                done[size_t(jest)] = true;
                const Scores s = decompose(refsWin, estsWin[jest], jtrue, filters.all[size_t(jest)],
                                           filters.single[size_t(jtrue)][size_t(jest)], L,
                                           config.sourcesVersion);
                const double values[4] = {s.sdr, s.isr, s.sir, s.sar};
                for (int m = 0; m < 4; ++m)
                    sr[size_t(m)][size_t(jtrue)][size_t(jest)][size_t(t)] = values[m];
            }
        }
    }

    // Best permutation by mean SIR: per frame with framewise filters, else over all frames.
    const int64_t columns = config.framewiseFilters ? frames.count : 1;
    BssEvalResult result;
    result.permutation.assign(size_t(S), std::vector<int>(size_t(columns), 0));
    for (int64_t col = 0; col < columns; ++col) {
        std::vector<double> meanSir;
        for (const auto &perm : candidates) {
            double sum = 0.0;
            int64_t count = 0;
            for (int64_t t = 0; t < frames.count; ++t) {
                if (config.framewiseFilters && t != col)
                    continue;
                for (int j = 0; j < S; ++j, ++count)
                    sum += sr[2][size_t(j)][size_t(perm[size_t(j)])][size_t(t)];
            }
            meanSir.push_back(sum / double(count));
        }
        const auto &best = candidates[argmaxNumpy(meanSir)];
        for (int j = 0; j < S; ++j)
            result.permutation[size_t(j)][size_t(col)] = best[size_t(j)];
    }
    std::vector<std::vector<double>> *out[4] = {&result.sdr, &result.isr, &result.sir, &result.sar};
    for (int m = 0; m < 4; ++m) {
        out[m]->assign(size_t(S), std::vector<double>(size_t(frames.count), kNaN));
        for (int j = 0; j < S; ++j)
            for (int64_t t = 0; t < frames.count; ++t) {
                const int jest = result.permutation[size_t(j)][size_t(columns == 1 ? 0 : t)];
                (*out[m])[size_t(j)][size_t(t)] = sr[size_t(m)][size_t(j)][size_t(jest)][size_t(t)];
            }
    }
    return result;
}

BssEvalResult bssEval(const std::vector<sdk::AudioBuffer> &references,
                      const std::vector<sdk::AudioBuffer> &estimates, const BssEvalConfig &config)
{
    const auto stack = [](const std::vector<sdk::AudioBuffer> &buffers) {
        std::vector<torch::Tensor> sources;
        for (const auto &b : buffers) {
            std::vector<torch::Tensor> chans;
            for (const auto &c : b.channels)
                chans.push_back(torch::from_blob(const_cast<float *>(c.data()),
                                                 {int64_t(c.size())}, torch::kFloat32)
                                    .to(torch::kFloat64));
            if (chans.empty() || (!sources.empty() && (sources.front().size(0) != int64_t(chans.size())
                                                       || sources.front().size(1) != chans.front().size(0))))
                throw std::invalid_argument("bssEval: buffers differ in channels or length");
            sources.push_back(torch::stack(chans));
        }
        if (sources.empty())
            throw std::invalid_argument("bssEval: no sources");
        return torch::stack(sources);
    };
    return bssEval(stack(references), stack(estimates), config);
}

} // namespace mirstudio::toolkit
