// SPDX-License-Identifier: GPL-3.0-or-later
// Real-time factor and peak memory of the tfctdf separator (shipped TDC-17 vocals weights) for
// one input length: `bench_tfctdf SECONDS [BATCH]`. One length per process so the peak RSS
// (getrusage ru_maxrss) belongs to that length. Input: deterministic noise + tones, stereo 44.1 kHz.
#include "plugins/tfctdf/checkpointfile.h"
#include "plugins/tfctdf/chunkedseparator.h"
#include "plugins/toolkit/threads.h"

#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>

using namespace mirstudio::tfctdf;

int main(int argc, char **argv)
{
    const double seconds = argc > 1 ? std::atof(argv[1]) : 10.0;
    const int batch = argc > 2 ? std::atoi(argv[2]) : 1;
    mirstudio::toolkit::applyTorchThreadSettings();
    torch::manual_seed(0);
    const int64_t n = int64_t(seconds * 44100.0);
    const torch::Tensor t = torch::arange(n, torch::kFloat32) / 44100.0f;
    const torch::Tensor mix = 0.05f * torch::randn({2, n}) + 0.2f * torch::sin(2 * M_PI * 440.0 * t);
    ChunkedSeparator separator(
        loadNetwork(MIRSTUDIO_SOURCE_ROOT_DIR "/resources/models/tfctdf/cac_tdc_17_vocals_top1.pt",
                    UNetConfig::tdc17()),
        ChunkScheme::paper(UNetConfig::tdc17()));
    const auto start = std::chrono::steady_clock::now();
    const torch::Tensor vocals = separator.separate(mix, batch);
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    const double cpu = double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
                       1e-6 * double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec);
    std::printf("input %.0f s, batch %d, threads %d: wall %.1f s (real-time factor %.2f), process CPU %.1f s "
                "(CPU real-time factor %.2f, includes loading), peak RSS %.0f MiB, checksum %.6g\n",
                seconds, batch, at::get_num_threads(), elapsed, elapsed / seconds, cpu, cpu / seconds,
                double(usage.ru_maxrss) / 1024.0, vocals.abs().sum().item<double>());
    return 0;
}
