// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/fadernets/fadercodec.h"

#include "plugins/toolkit/eventtokens.h"

#include <algorithm>
#include <stdexcept>

namespace mirstudio::fadernets {

QStringList FaderCodec::dimensionNames() const
{
    QStringList names;
    names << QStringLiteral("rhythm_density");
    for (int i = 1; i < zDims(); ++i)
        names << QStringLiteral("z_r%1").arg(i);
    names << QStringLiteral("note_density");
    for (int i = 1; i < zDims(); ++i)
        names << QStringLiteral("z_n%1").arg(i);
    for (int i = 0; i < 24; ++i)
        names << QStringLiteral("key%1").arg(i);
    return names;
}

torch::Tensor FaderCodec::encode(const std::vector<Segment> &segments, const torch::Tensor &eps)
{
    torch::NoGradGuard guard;
    const auto b = SegmentBatch::of(segments, m_model->config());
    const auto [r, n] = m_model->encode(b.eventsOneHot);
    auto zR = r.mu, zN = n.mu;
    if (eps.defined()) {
        zR = r.mu + r.std * eps.narrow(1, 0, zDims());
        zN = n.mu + n.std * eps.narrow(1, zDims(), zDims());
    }
    return torch::cat({zR, zN, b.key}, 1);
}

std::vector<std::int64_t> FaderCodec::cleanTokens(const std::vector<std::int64_t> &raw)
{
    auto first = std::find_if(raw.begin(), raw.end(), [](std::int64_t t) { return t != 0; });
    auto last = std::find_if(raw.rbegin(), raw.rend(), [](std::int64_t t) { return t != 0; }).base();
    std::vector<std::int64_t> out(first, std::max(first, last));
    const auto eos = std::find(out.begin(), out.end(), toolkit::EventTokenizer::kEos);
    out.erase(eos, out.end());
    return out;
}

std::vector<std::vector<std::int64_t>> FaderCodec::decodeTokens(const torch::Tensor &codes, int64_t steps)
{
    torch::NoGradGuard guard;
    const int64_t width = 2 * zDims() + 24;
    if (codes.dim() != 2 || codes.size(1) != width)
        throw std::invalid_argument("FaderNets codes need " + std::to_string(width) + " columns");
    const auto tokens = m_model->globalDecoder(codes.to(torch::kFloat32), steps).argmax(-1).contiguous();
    std::vector<std::vector<std::int64_t>> out;
    for (int64_t i = 0; i < tokens.size(0); ++i) {
        const auto row = tokens[i];
        out.push_back(cleanTokens(std::vector<std::int64_t>(row.data_ptr<std::int64_t>(),
                                                            row.data_ptr<std::int64_t>() + steps)));
    }
    return out;
}

sdk::NoteSequence FaderCodec::decodeNotes(const torch::Tensor &codes, double bpm, int64_t steps)
{
    const toolkit::EventTokenizer tokenizer;
    sdk::NoteSequence out;
    out.bpm = SegmentCutter::kReferenceBpm;
    const double length = SegmentCutter::segmentSeconds(out.bpm);
    const auto rows = decodeTokens(codes, steps);
    for (size_t i = 0; i < rows.size(); ++i) {
        // An untrained or badly conditioned decoder can emit more time-shift than one segment
        // holds; notes past the segment are dropped and the rest end at its boundary, so each
        // code owns exactly its own four beats.
        for (auto n : tokenizer.decode(rows[i]).notes) {
            if (n.start >= length)
                continue;
            n.duration = std::min(n.duration, length - n.start);
            n.start += double(i) * length;
            out.notes.push_back(n);
        }
    }
    out.duration = double(rows.size()) * length;
    return SegmentCutter::scaledInTime(out, SegmentCutter::kReferenceBpm / bpm);
}

torch::Tensor FaderCodec::withFader(const torch::Tensor &codes, Fader fader, double value) const
{
    auto out = codes.clone();
    out.select(1, column(fader)).fill_(value);
    return out;
}

torch::Tensor FaderCodec::withPreset(const torch::Tensor &codes, int component) const
{
    torch::NoGradGuard guard;
    if (component < 0 || component >= m_model->config().components)
        throw std::invalid_argument("no mixture component " + std::to_string(component));
    auto out = codes.clone();
    const auto Z = zDims();
    const auto meanR = m_model->componentMeans(true)[component].narrow(0, 1, Z - 1);
    const auto meanN = m_model->componentMeans(false)[component].narrow(0, 1, Z - 1);
    out.narrow(1, 1, Z - 1).copy_(meanR.unsqueeze(0).expand({out.size(0), Z - 1}));
    out.narrow(1, Z + 1, Z - 1).copy_(meanN.unsqueeze(0).expand({out.size(0), Z - 1}));
    return out;
}

} // namespace mirstudio::fadernets
