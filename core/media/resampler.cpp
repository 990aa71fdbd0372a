// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/media/resampler.h"

#include "core/media/mediaerror.h"

#include <samplerate.h>

#include <algorithm>
#include <cmath>

namespace mirstudio::media {

namespace {

constexpr long kBlockFrames = 8192;
constexpr int kMaxRate = 768000;

int converterType(ResampleQuality q)
{
    switch (q) {
    case ResampleQuality::Best: return SRC_SINC_BEST_QUALITY;
    case ResampleQuality::Medium: return SRC_SINC_MEDIUM_QUALITY;
    case ResampleQuality::Fastest: return SRC_SINC_FASTEST;
    }
    return SRC_SINC_BEST_QUALITY;
}

std::int64_t expectedFrames(std::int64_t inFrames, int from, int to)
{
    // Exact integer round-half-up of inFrames * to / from.
    const auto num = static_cast<__int128>(inFrames) * to * 2 + from;
    return static_cast<std::int64_t>(num / (static_cast<__int128>(from) * 2));
}

} // namespace

struct Resampler::Impl
{
    int channels = 0;
    int from = 0;
    int to = 0;
    double ratio = 1.0;
    int type = SRC_SINC_BEST_QUALITY;
    SRC_STATE *state = nullptr;
    std::int64_t inFrames = 0;
    std::int64_t outFrames = 0;
    bool flushed = false;
    std::vector<float> in;
    std::vector<float> out;

    ~Impl()
    {
        if (state)
            src_delete(state);
    }

    /** Runs src_process over `frames` interleaved frames in `in`, appending to `result`. */
    void run(long frames, bool endOfInput, AudioData &result)
    {
        const long outCap = static_cast<long>(std::ceil(kBlockFrames * ratio)) + 64;
        out.resize(static_cast<std::size_t>(outCap) * static_cast<std::size_t>(channels));
        long offset = 0;
        for (int guard = 0; guard < 1000000; ++guard) {
            SRC_DATA data{};
            if (in.size() < static_cast<std::size_t>(channels))
                in.resize(static_cast<std::size_t>(channels), 0.0f); // a valid pointer when flushing
            data.data_in = in.data() + (frames > 0 ? offset * channels : 0);
            data.input_frames = frames - offset;
            data.data_out = out.data();
            data.output_frames = outCap;
            data.end_of_input = endOfInput ? 1 : 0;
            data.src_ratio = ratio;
            const int err = src_process(state, &data);
            if (err != 0)
                throw MediaError(QString(), QStringLiteral("resampling %1 Hz -> %2 Hz failed: %3")
                                                .arg(from)
                                                .arg(to)
                                                .arg(QString::fromUtf8(src_strerror(err))));
            offset += data.input_frames_used;
            append(data.output_frames_gen, result);
            const bool inputDone = offset >= frames;
            if (inputDone && (!endOfInput || data.output_frames_gen == 0))
                break;
        }
    }

    void append(long gen, AudioData &result)
    {
        for (int c = 0; c < channels; ++c) {
            auto &ch = result.channels[static_cast<std::size_t>(c)];
            const std::size_t base = ch.size();
            ch.resize(base + static_cast<std::size_t>(gen));
            for (long f = 0; f < gen; ++f)
                ch[base + static_cast<std::size_t>(f)] =
                    out[static_cast<std::size_t>(f * channels + c)];
        }
        outFrames += gen;
    }

    AudioData empty() const
    {
        AudioData d;
        d.sampleRate = to;
        d.channels.resize(static_cast<std::size_t>(channels));
        return d;
    }
};

Resampler::Resampler(int channels, int sourceRate, int targetRate, ResampleQuality quality)
    : m_impl(std::make_unique<Impl>())
{
    if (sourceRate < 1 || sourceRate > kMaxRate || targetRate < 1 || targetRate > kMaxRate)
        throw MediaError(QString(), QStringLiteral("cannot resample %1 Hz -> %2 Hz: rates must be "
                                                   "1..%3 Hz")
                                        .arg(sourceRate)
                                        .arg(targetRate)
                                        .arg(kMaxRate));
    const double ratio = static_cast<double>(targetRate) / sourceRate;
    if (!src_is_valid_ratio(ratio))
        throw MediaError(QString(), QStringLiteral("cannot resample %1 Hz -> %2 Hz: the ratio must "
                                                   "be within 1/256..256")
                                        .arg(sourceRate)
                                        .arg(targetRate));
    if (channels < 1 || channels > 1024)
        throw MediaError(QString(), QStringLiteral("cannot resample %1 channels").arg(channels));
    Impl &d = *m_impl;
    d.channels = channels;
    d.from = sourceRate;
    d.to = targetRate;
    d.ratio = ratio;
    d.type = converterType(quality);
    int err = 0;
    d.state = src_new(d.type, channels, &err);
    if (!d.state)
        throw MediaError(QString(), QStringLiteral("libsamplerate: %1")
                                        .arg(QString::fromUtf8(src_strerror(err))));
}

Resampler::~Resampler() = default;
Resampler::Resampler(Resampler &&other) noexcept = default;
Resampler &Resampler::operator=(Resampler &&other) noexcept = default;

int Resampler::channels() const { return m_impl ? m_impl->channels : 0; }
int Resampler::sourceRate() const { return m_impl ? m_impl->from : 0; }
int Resampler::targetRate() const { return m_impl ? m_impl->to : 0; }
double Resampler::ratio() const { return m_impl ? m_impl->ratio : 1.0; }

AudioData Resampler::process(const AudioData &chunk)
{
    if (!m_impl)
        throw MediaError(QString(), QStringLiteral("process() on a moved-from Resampler"));
    Impl &d = *m_impl;
    if (d.flushed)
        throw MediaError(QString(), QStringLiteral("process() after flush(): call reset() first"));
    if (chunk.channelCount() != d.channels || !chunk.isConsistent())
        throw MediaError(QString(), QStringLiteral("resampler expects %1 channels of equal length, "
                                                   "got %2")
                                        .arg(d.channels)
                                        .arg(chunk.channelCount()));
    AudioData result = d.empty();
    const std::int64_t total = chunk.frames();
    for (std::int64_t start = 0; start < total; start += kBlockFrames) {
        const long n = static_cast<long>(std::min<std::int64_t>(kBlockFrames, total - start));
        d.in.resize(static_cast<std::size_t>(n) * static_cast<std::size_t>(d.channels));
        for (long f = 0; f < n; ++f)
            for (int c = 0; c < d.channels; ++c)
                d.in[static_cast<std::size_t>(f * d.channels + c)] =
                    chunk.channels[static_cast<std::size_t>(c)][static_cast<std::size_t>(start + f)];
        d.inFrames += n;
        d.run(n, false, result);
    }
    return result;
}

AudioData Resampler::flush()
{
    if (!m_impl)
        throw MediaError(QString(), QStringLiteral("flush() on a moved-from Resampler"));
    Impl &d = *m_impl;
    AudioData result = d.empty();
    if (d.flushed)
        return result;
    d.flushed = true;
    const std::int64_t already = d.outFrames;
    d.run(0, true, result);
    const std::int64_t want = expectedFrames(d.inFrames, d.from, d.to);
    const std::int64_t tail = std::max<std::int64_t>(want - already, 0);
    for (auto &ch : result.channels)
        ch.resize(static_cast<std::size_t>(tail), 0.0f);
    d.outFrames = already + tail;
    return result;
}

void Resampler::reset()
{
    if (!m_impl)
        return;
    src_reset(m_impl->state);
    m_impl->inFrames = 0;
    m_impl->outFrames = 0;
    m_impl->flushed = false;
}

AudioData resample(const AudioData &in, int targetRate, ResampleQuality quality)
{
    if (!in.isConsistent())
        throw MediaError(QString(), QStringLiteral("cannot resample: channels differ in length"));
    if (in.sampleRate == targetRate && targetRate >= 1 && targetRate <= kMaxRate)
        return in;
    if (in.channelCount() == 0) {
        Resampler check(1, in.sampleRate, targetRate, quality); // validates the rates
        AudioData out;
        out.sampleRate = targetRate;
        return out;
    }
    Resampler r(in.channelCount(), in.sampleRate, targetRate, quality);
    AudioData out = r.process(in);
    const AudioData tail = r.flush();
    for (std::size_t c = 0; c < out.channels.size(); ++c)
        out.channels[c].insert(out.channels[c].end(), tail.channels[c].begin(),
                               tail.channels[c].end());
    return out;
}

} // namespace mirstudio::media
