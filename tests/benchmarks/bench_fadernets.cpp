// SPDX-License-Identifier: GPL-3.0-or-later
// Encode→decode latency of Music FaderNets at batch 1 (one 4-beat segment: both encoders, then
// 100 greedy global-decoder steps): `bench_fadernets [WEIGHTS] [RUNS]`. Without WEIGHTS (or with
// "paper") a paper-size model (hidden 512, z 128) with default init is timed; with a file, that
// model. Goal: < 16.7 ms (one 60 Hz frame). Median and worst of RUNS after one warm-up.
#include "plugins/fadernets/fadercodec.h"
#include "plugins/fadernets/gmvaeweights.h"
#include "plugins/toolkit/threads.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

using namespace mirstudio::fadernets;

int main(int argc, char **argv)
{
    const std::string weights = argc > 1 ? argv[1] : "paper";
    const int runs = argc > 2 ? std::atoi(argv[2]) : 20;
    mirstudio::toolkit::applyTorchThreadSettings();
    torch::manual_seed(0);
    torch::NoGradGuard guard;
    FaderCodec codec(weights == "paper" ? MusicAttrGmvae(GmvaeConfig{})
                                        : loadGmvae(QString::fromStdString(weights)));
    codec.model()->eval();
    mirstudio::sdk::NoteSequence seq;
    seq.bpm = 120.0;
    for (int i = 0; i < 16; ++i)
        seq.notes.push_back(mirstudio::sdk::Note{60 + (i * 7) % 12, 90, i * 0.125, 0.125});
    const auto segments = SegmentCutter::cut(seq, true);
    std::vector<double> ms;
    size_t notes = 0;
    for (int r = 0; r <= runs; ++r) {
        const auto start = std::chrono::steady_clock::now();
        const auto codes = codec.encode(segments);
        notes = codec.decodeNotes(codes, 120.0).notes.size();
        const double t = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
        if (r > 0)
            ms.push_back(t);
    }
    std::sort(ms.begin(), ms.end());
    std::printf("fadernets %s (hidden %d, z %d), threads %d: encode+decode batch 1 median %.2f ms, "
                "worst %.2f ms over %d runs (%zu notes decoded)\n",
                weights.c_str(), codec.model()->config().hiddenDims, codec.zDims(),
                at::get_num_threads(), ms[ms.size() / 2], ms.back(), runs, notes);
    return 0;
}
