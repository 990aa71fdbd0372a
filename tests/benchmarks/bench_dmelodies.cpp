// SPDX-License-Identifier: GPL-3.0-or-later
// Benchmark: dMelodies encode → decode latency at batch 1 (what the latent explorer does on each
// drag), for the CNN and the RNN VAE (paper configuration, random weights: the cost does not
// depend on the values), one torch thread. Goal: < 16.7 ms (one 60 Hz frame).
// Usage: bench_dmelodies [iterations]   (prints a Markdown table)
#include "plugins/dmelodies/melodytokens.h"
#include "plugins/dmelodies/vaemodel.h"
#include "plugins/toolkit/threads.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

using namespace mirstudio::dmelodies;

int main(int argc, char **argv)
{
    mirstudio::toolkit::applyTorchThreadSettings();
    const int iterations = argc > 1 ? std::stoi(argv[1]) : 200;
    torch::NoGradGuard guard;
    const auto tokens = MelodyTokens::batch({424242});
    std::printf("| model | encode→decode median (ms) | p95 (ms) | decode only median (ms) |\n|---|---|---|---|\n");
    for (const auto kind : {VaeModel::Kind::Cnn, VaeModel::Kind::Rnn}) {
        VaeModel model(kind);
        model.module().eval();
        std::vector<double> full, decodeOnly;
        size_t noteCount = 0;
        for (int i = 0; i < iterations + 10; ++i) {
            const auto t0 = std::chrono::steady_clock::now();
            const auto z = model.encode(tokens).mean;
            const auto t1 = std::chrono::steady_clock::now();
            const auto notes = MelodyTokens::notes(model.decode(z).argmax(-1)[0]);
            const auto t2 = std::chrono::steady_clock::now();
            if (i >= 10) { // warm-up excluded
                full.push_back(std::chrono::duration<double, std::milli>(t2 - t0).count());
                decodeOnly.push_back(std::chrono::duration<double, std::milli>(t2 - t1).count());
                noteCount += notes.notes.size();
            }
        }
        std::sort(full.begin(), full.end());
        std::sort(decodeOnly.begin(), decodeOnly.end());
        std::printf("| %s | %.3f | %.3f | %.3f |\n", qPrintable(VaeModel::kindName(kind)), full[full.size() / 2],
                    full[full.size() * 95 / 100], decodeOnly[decodeOnly.size() / 2]);
        std::fprintf(stderr, "%s: %zu notes decoded\n", qPrintable(VaeModel::kindName(kind)), noteCount);
    }
    return 0;
}
