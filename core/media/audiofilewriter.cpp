// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/media/audiofilewriter.h"

#include "core/media/atomicfile.h"
#include "core/media/mediaerror.h"

#include <QFile>
#include <QFileInfo>

#include <sndfile.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace mirstudio::media {

namespace {

constexpr std::int64_t kWriteBlockFrames = 65536;
constexpr int kMaxWriteChannels = 1024;

int bitsOf(AudioSampleFormat f)
{
    switch (f) {
    case AudioSampleFormat::Pcm16: return 16;
    case AudioSampleFormat::Pcm24: return 24;
    case AudioSampleFormat::Float32: return 32;
    }
    return 16;
}

QString formatName(const AudioWriteFormat &f)
{
    const QString c = f.container == AudioContainer::Flac ? QStringLiteral("FLAC")
                                                          : QStringLiteral("WAV");
    switch (f.sampleFormat) {
    case AudioSampleFormat::Pcm16: return c + QStringLiteral(" PCM 16-bit");
    case AudioSampleFormat::Pcm24: return c + QStringLiteral(" PCM 24-bit");
    case AudioSampleFormat::Float32: return c + QStringLiteral(" float");
    }
    return c;
}

QString errnoText(int err)
{
    return QString::fromLocal8Bit(std::strerror(err));
}

} // namespace

std::int32_t quantiseSample(float x, int bits)
{
    bits = std::clamp(bits, 2, 32);
    if (std::isnan(x))
        return 0;
    const double scale = std::ldexp(1.0, bits - 1);
    const double v = std::round(static_cast<double>(x) * scale); // half away from zero
    const double lo = -scale;
    const double hi = scale - 1.0;
    return static_cast<std::int32_t>(std::clamp(v, lo, hi));
}

struct AudioFileWriter::Impl
{
    QString path;
    AtomicFile file;
    AudioWriteFormat format;
    int channels = 0;
    SNDFILE *sf = nullptr;
    std::int64_t written = 0;
    std::vector<int> ints;
    std::vector<float> floats;

    void discard()
    {
        if (sf)
            sf_close(sf);
        sf = nullptr;
        file.discard();
    }
};

AudioFileWriter::AudioFileWriter() = default;

AudioFileWriter::AudioFileWriter(const QString &path, const AudioWriteFormat &format,
                                 int sampleRate, int channels)
{
    open(path, format, sampleRate, channels);
}

AudioFileWriter::~AudioFileWriter()
{
    abort();
}

AudioFileWriter::AudioFileWriter(AudioFileWriter &&other) noexcept = default;

AudioFileWriter &AudioFileWriter::operator=(AudioFileWriter &&other) noexcept
{
    if (this != &other) {
        abort();
        m_impl = std::move(other.m_impl);
    }
    return *this;
}

void AudioFileWriter::open(const QString &path, const AudioWriteFormat &format, int sampleRate,
                           int channels)
{
    abort();
    if (path.isEmpty())
        throw MediaError(path, QStringLiteral("no file name given"));
    const bool flac = format.container == AudioContainer::Flac;
    if (flac && format.sampleFormat == AudioSampleFormat::Float32)
        throw MediaError(path, QStringLiteral("FLAC cannot store float samples: use PCM 16-bit or "
                                              "PCM 24-bit"));
    const int maxRate = flac ? 655350 : 768000;
    if (sampleRate < 1 || sampleRate > maxRate)
        throw MediaError(path, QStringLiteral("sample rate %1 Hz is not valid for %2 (must be "
                                              "1..%3 Hz)")
                                   .arg(sampleRate)
                                   .arg(formatName(format))
                                   .arg(maxRate));
    if (channels < 1 || channels > kMaxWriteChannels)
        throw MediaError(path, QStringLiteral("%1 channels: can write 1..%2")
                                   .arg(channels)
                                   .arg(kMaxWriteChannels));
    if (QFileInfo(path).isDir())
        throw MediaError(path, QStringLiteral("is a directory: cannot write audio over it"));

    // From here on, failures delete the temporary file.
    auto impl = std::make_unique<Impl>(Impl{path, AtomicFile(path), format, channels});

    SF_INFO info{};
    info.samplerate = sampleRate;
    info.channels = channels;
    info.format = flac ? SF_FORMAT_FLAC : SF_FORMAT_WAV;
    switch (format.sampleFormat) {
    case AudioSampleFormat::Pcm16: info.format |= SF_FORMAT_PCM_16; break;
    case AudioSampleFormat::Pcm24: info.format |= SF_FORMAT_PCM_24; break;
    case AudioSampleFormat::Float32: info.format |= SF_FORMAT_FLOAT; break;
    }
    if (!sf_format_check(&info)) {
        impl->discard();
        throw MediaError(path, QStringLiteral("libsndfile cannot write %1 at %2 Hz with %3 channels")
                                   .arg(formatName(format))
                                   .arg(sampleRate)
                                   .arg(channels));
    }
    impl->sf = sf_open_fd(impl->file.fd(), SFM_WRITE, &info, SF_FALSE);
    if (!impl->sf) {
        const QString why = QString::fromUtf8(sf_strerror(nullptr));
        impl->discard();
        throw MediaError(path, QStringLiteral("cannot start writing %1: %2")
                                   .arg(formatName(format), why));
    }
    // libsndfile's PEAK chunk of float WAVs holds the write time: without it the same samples
    // always give the same bytes (rendered training data is compared by hash).
    sf_command(impl->sf, SFC_SET_ADD_PEAK_CHUNK, nullptr, SF_FALSE);
    m_impl = std::move(impl);
}

void AudioFileWriter::writeFrames(const AudioData &chunk)
{
    if (!m_impl)
        throw MediaError(QString(), QStringLiteral("writeFrames() on a closed AudioFileWriter"));
    Impl &d = *m_impl;
    if (chunk.channelCount() != d.channels)
        throw MediaError(d.path, QStringLiteral("chunk has %1 channels, the file was opened with %2")
                                     .arg(chunk.channelCount())
                                     .arg(d.channels));
    if (!chunk.isConsistent())
        throw MediaError(d.path, QStringLiteral("the channels of the chunk differ in length"));
    const std::int64_t total = chunk.frames();
    const bool isFloat = d.format.sampleFormat == AudioSampleFormat::Float32;
    const int bits = bitsOf(d.format.sampleFormat);
    const int nch = d.channels;
    for (std::int64_t start = 0; start < total; start += kWriteBlockFrames) {
        const std::int64_t n = std::min(kWriteBlockFrames, total - start);
        sf_count_t put = 0;
        if (isFloat) {
            d.floats.resize(static_cast<std::size_t>(n * nch));
            for (std::int64_t f = 0; f < n; ++f)
                for (int c = 0; c < nch; ++c)
                    d.floats[static_cast<std::size_t>(f * nch + c)] =
                        chunk.channels[static_cast<std::size_t>(c)][static_cast<std::size_t>(start + f)];
            put = sf_writef_float(d.sf, d.floats.data(), n);
        } else {
            // libsndfile takes the top `bits` bits of a 32-bit int for 16/24-bit WAV and FLAC.
            d.ints.resize(static_cast<std::size_t>(n * nch));
            for (std::int64_t f = 0; f < n; ++f)
                for (int c = 0; c < nch; ++c) {
                    const float x =
                        chunk.channels[static_cast<std::size_t>(c)][static_cast<std::size_t>(start + f)];
                    const auto q = static_cast<std::uint32_t>(quantiseSample(x, bits));
                    d.ints[static_cast<std::size_t>(f * nch + c)] =
                        static_cast<int>(q << (32 - bits));
                }
            put = sf_writef_int(d.sf, d.ints.data(), n);
        }
        if (put != n) {
            const QString why = QString::fromUtf8(sf_strerror(d.sf));
            throw MediaError(d.path, QStringLiteral("writing failed after %1 frames: %2")
                                         .arg(d.written + std::max<sf_count_t>(put, 0))
                                         .arg(why));
        }
        d.written += n;
    }
}

void AudioFileWriter::commit()
{
    if (!m_impl)
        throw MediaError(QString(), QStringLiteral("commit() on a closed AudioFileWriter"));
    Impl &d = *m_impl;
    const QString path = d.path;
    const int rc = sf_close(d.sf);
    d.sf = nullptr;
    if (rc != 0) {
        const QString why = QString::fromUtf8(sf_error_number(rc));
        abort();
        throw MediaError(path, QStringLiteral("finishing the file failed: %1").arg(why));
    }
    try {
        d.file.commit(); // on failure it deletes the temporary file and throws
    } catch (...) {
        m_impl.reset();
        throw;
    }
    m_impl.reset();
}

void AudioFileWriter::abort()
{
    if (m_impl)
        m_impl->discard();
    m_impl.reset();
}

bool AudioFileWriter::isOpen() const
{
    return m_impl != nullptr;
}

std::int64_t AudioFileWriter::framesWritten() const
{
    return m_impl ? m_impl->written : 0;
}

void writeAudio(const QString &path, const AudioData &data, const AudioWriteFormat &format)
{
    if (data.isEmpty())
        throw MediaError(path, QStringLiteral("no audio frames to write"));
    for (int c = 1; c < data.channelCount(); ++c)
        if (data.channels[static_cast<std::size_t>(c)].size() != data.channels.front().size())
            throw MediaError(path, QStringLiteral("channel %1 has %2 frames, channel 0 has %3")
                                       .arg(c)
                                       .arg(data.channels[static_cast<std::size_t>(c)].size())
                                       .arg(data.channels.front().size()));
    AudioFileWriter writer(path, format, data.sampleRate, data.channelCount());
    writer.writeFrames(data);
    writer.commit();
}

} // namespace mirstudio::media
