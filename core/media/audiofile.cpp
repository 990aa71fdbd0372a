// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/media/audiofile.h"

#include "core/media/mediaerror.h"

#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>

#include <sndfile.h>

#include <algorithm>
#include <array>
#include <cstring>

namespace mirstudio::media {

namespace {

Q_LOGGING_CATEGORY(lcAudio, "mirstudio.audio")

constexpr int kMaxSampleRate = 768000;
constexpr std::int64_t kReadBlockFrames = 65536;

QString containerName(int format)
{
    switch (format & SF_FORMAT_TYPEMASK) {
    case SF_FORMAT_WAV:
    case SF_FORMAT_WAVEX: return QStringLiteral("WAV");
    case SF_FORMAT_AIFF: return QStringLiteral("AIFF");
    case SF_FORMAT_AU: return QStringLiteral("AU");
    case SF_FORMAT_RAW: return QStringLiteral("RAW");
    case SF_FORMAT_W64: return QStringLiteral("W64");
    case SF_FORMAT_RF64: return QStringLiteral("RF64");
    case SF_FORMAT_FLAC: return QStringLiteral("FLAC");
    case SF_FORMAT_OGG: return QStringLiteral("OGG");
    case SF_FORMAT_CAF: return QStringLiteral("CAF");
    case SF_FORMAT_MPEG:
        return (format & SF_FORMAT_SUBMASK) == SF_FORMAT_MPEG_LAYER_III ? QStringLiteral("MP3")
                                                                       : QStringLiteral("MPEG");
    default: {
        SF_FORMAT_INFO fi{};
        fi.format = format & SF_FORMAT_TYPEMASK;
        if (sf_command(nullptr, SFC_GET_FORMAT_INFO, &fi, sizeof fi) == 0 && fi.name)
            return QString::fromUtf8(fi.name);
        return QStringLiteral("container 0x%1").arg(format & SF_FORMAT_TYPEMASK, 0, 16);
    }
    }
}

QString sampleFormatName(int format)
{
    switch (format & SF_FORMAT_SUBMASK) {
    case SF_FORMAT_PCM_S8: return QStringLiteral("PCM 8-bit");
    case SF_FORMAT_PCM_U8: return QStringLiteral("PCM 8-bit unsigned");
    case SF_FORMAT_PCM_16: return QStringLiteral("PCM 16-bit");
    case SF_FORMAT_PCM_24: return QStringLiteral("PCM 24-bit");
    case SF_FORMAT_PCM_32: return QStringLiteral("PCM 32-bit");
    case SF_FORMAT_FLOAT: return QStringLiteral("float");
    case SF_FORMAT_DOUBLE: return QStringLiteral("double");
    case SF_FORMAT_ULAW: return QStringLiteral("u-law");
    case SF_FORMAT_ALAW: return QStringLiteral("A-law");
    case SF_FORMAT_IMA_ADPCM: return QStringLiteral("IMA ADPCM");
    case SF_FORMAT_MS_ADPCM: return QStringLiteral("MS ADPCM");
    case SF_FORMAT_GSM610: return QStringLiteral("GSM 6.10");
    case SF_FORMAT_VORBIS: return QStringLiteral("Vorbis");
    case SF_FORMAT_OPUS: return QStringLiteral("Opus");
    case SF_FORMAT_ALAC_16: return QStringLiteral("ALAC 16-bit");
    case SF_FORMAT_ALAC_20: return QStringLiteral("ALAC 20-bit");
    case SF_FORMAT_ALAC_24: return QStringLiteral("ALAC 24-bit");
    case SF_FORMAT_ALAC_32: return QStringLiteral("ALAC 32-bit");
    case SF_FORMAT_MPEG_LAYER_I: return QStringLiteral("MPEG Layer I");
    case SF_FORMAT_MPEG_LAYER_II: return QStringLiteral("MPEG Layer II");
    case SF_FORMAT_MPEG_LAYER_III: return QStringLiteral("MPEG Layer III");
    default: return QStringLiteral("encoding 0x%1").arg(format & SF_FORMAT_SUBMASK, 0, 16);
    }
}

void checkSampleRate(const QString &path, std::int64_t rate, std::int64_t offset)
{
    if (rate < 1 || rate > kMaxSampleRate)
        throw MediaError(path,
                         QStringLiteral("sample rate %1 Hz is not valid (must be 1..%2 Hz)")
                             .arg(rate)
                             .arg(kMaxSampleRate),
                         offset);
}

void checkChannels(const QString &path, std::int64_t channels, int maxChannels, std::int64_t offset)
{
    if (channels < 1)
        throw MediaError(path, QStringLiteral("%1 channels: a file needs at least one").arg(channels),
                         offset);
    if (channels > maxChannels) {
        const QString why = maxChannels == 2 ? QStringLiteral(" (mono or stereo)")
                                             : QString();
        throw MediaError(path, QStringLiteral("%1 channels: at most %2 are supported%3")
                                   .arg(channels)
                                   .arg(maxChannels)
                                   .arg(why),
                         offset);
    }
}

quint32 le32(const char *p)
{
    const auto *u = reinterpret_cast<const unsigned char *>(p);
    return quint32(u[0]) | quint32(u[1]) << 8 | quint32(u[2]) << 16 | quint32(u[3]) << 24;
}

quint16 le16(const char *p)
{
    const auto *u = reinterpret_cast<const unsigned char *>(p);
    return quint16(u[0] | u[1] << 8);
}

QString fourCc(const char *p)
{
    QString s;
    for (int i = 0; i < 4; ++i) {
        const auto c = static_cast<unsigned char>(p[i]);
        s += (c >= 0x20 && c < 0x7f) ? QChar(c) : QChar(u'?');
    }
    return s;
}

/** What the RIFF/WAVE walk learnt; fields are -1 where not found. */
struct WavFacts
{
    bool isWav = false;
    int formatTag = -1;
    std::int64_t fmtOffset = -1;
    std::int64_t dataOffset = -1;
    bool truncated = false;
    QStringList warnings;
};

bool knownWavFormatTag(int tag)
{
    // PCM, MS ADPCM, IEEE float, A-law, u-law, IMA ADPCM, GSM 6.10, G.721, MPEG, MPEG Layer III,
    // WAVE_FORMAT_EXTENSIBLE: the tags libsndfile 1.2 decodes.
    static constexpr std::array<int, 11> known{0x0001, 0x0002, 0x0003, 0x0006, 0x0007, 0x0011,
                                               0x0031, 0x0040, 0x0050, 0x0055, 0xfffe};
    return std::find(known.begin(), known.end(), tag) != known.end();
}

/**
 * Walks the chunks of a RIFF/WAVE file itself, because libsndfile either accepts broken sizes
 * silently or reports them without a position ("Malformed 'fmt ' chunk"). Throws MediaError with
 * the byte offset for definite structural errors; records non-fatal ones as warnings.
 */
WavFacts scanWav(const QString &path, QFile &file, const AudioReadOptions &options)
{
    WavFacts facts;
    const std::int64_t size = file.size();
    char head[12];
    if (!file.seek(0) || file.read(head, 12) != 12)
        return facts; // too short to be RIFF; handled by the caller
    if (std::memcmp(head, "RIFF", 4) != 0 || std::memcmp(head + 8, "WAVE", 4) != 0)
        return facts;
    facts.isWav = true;

    const std::int64_t riffSize = le32(head + 4);
    if (riffSize + 8 != size)
        facts.warnings << QStringLiteral("RIFF size field says %1 bytes follow, the file holds %2")
                              .arg(riffSize)
                              .arg(size - 8);

    std::int64_t pos = 12;
    for (int guard = 0; guard < 100000; ++guard) {
        if (pos >= size)
            break;
        char ch[8];
        if (size - pos < 8 || !file.seek(pos) || file.read(ch, 8) != 8)
            throw MediaError(path,
                             QStringLiteral("truncated header: chunk header cut off after %1 of 8 "
                                            "bytes (file is %2 bytes)")
                                 .arg(size - pos)
                                 .arg(size),
                             pos);
        const QString id = fourCc(ch);
        const std::int64_t chunkSize = le32(ch + 4);
        const std::int64_t body = pos + 8;
        const std::int64_t remaining = size - body;

        if (std::memcmp(ch, "fmt ", 4) == 0) {
            facts.fmtOffset = pos;
            if (chunkSize > remaining)
                throw MediaError(path,
                                 QStringLiteral("%1: 'fmt ' chunk declares %2 bytes but only %3 "
                                                "remain in the %4-byte file")
                                     .arg(chunkSize >= 0x10000 ? QStringLiteral("bogus chunk size")
                                                               : QStringLiteral("truncated header"))
                                     .arg(chunkSize)
                                     .arg(remaining)
                                     .arg(size),
                                 pos + 4);
            if (chunkSize < 16)
                throw MediaError(path,
                                 QStringLiteral("'fmt ' chunk is %1 bytes, expected at least 16")
                                     .arg(chunkSize),
                                 pos + 4);
            char fmt[16];
            if (!file.seek(body) || file.read(fmt, 16) != 16)
                throw MediaError(path, QStringLiteral("cannot read the 'fmt ' chunk"), body);
            facts.formatTag = le16(fmt);
            checkChannels(path, le16(fmt + 2), options.maxChannels, body + 2);
            checkSampleRate(path, le32(fmt + 4), body + 4);
        } else if (std::memcmp(ch, "data", 4) == 0) {
            if (facts.fmtOffset < 0)
                throw MediaError(path, QStringLiteral("'data' chunk comes before any 'fmt ' chunk"),
                                 pos);
            facts.dataOffset = body;
            // Streaming writers leave 0 or 0xFFFFFFFF here; libsndfile then reads to the end.
            if (chunkSize > remaining && chunkSize != 0xffffffff && chunkSize != 0) {
                facts.truncated = true;
                facts.warnings << QStringLiteral("truncated: 'data' chunk at byte %1 declares %2 "
                                                 "bytes but only %3 are in the file; reading those")
                                      .arg(pos)
                                      .arg(chunkSize)
                                      .arg(remaining);
            }
            return facts;
        } else if (chunkSize > remaining) {
            throw MediaError(path,
                             QStringLiteral("bogus chunk size: '%1' chunk declares %2 bytes but "
                                            "only %3 remain in the %4-byte file")
                                 .arg(id)
                                 .arg(chunkSize)
                                 .arg(remaining)
                                 .arg(size),
                             pos + 4);
        }
        pos = body + chunkSize + (chunkSize & 1);
    }
    if (facts.fmtOffset < 0)
        throw MediaError(path, QStringLiteral("no 'fmt ' chunk: not a valid WAV file"), size);
    throw MediaError(path, QStringLiteral("no 'data' chunk: the WAV file holds no audio"), size);
}

QString sfError(SNDFILE *sf)
{
    return QString::fromUtf8(sf_strerror(sf)).trimmed();
}

} // namespace

struct AudioFileReader::Impl
{
    SNDFILE *sf = nullptr;
    AudioFileInfo info;
    std::int64_t position = 0;
    std::vector<float> scratch;

    ~Impl()
    {
        if (sf)
            sf_close(sf);
    }
};

AudioFileReader::AudioFileReader() = default;

AudioFileReader::AudioFileReader(const QString &path, const AudioReadOptions &options)
{
    open(path, options);
}

AudioFileReader::~AudioFileReader() = default;
AudioFileReader::AudioFileReader(AudioFileReader &&other) noexcept = default;
AudioFileReader &AudioFileReader::operator=(AudioFileReader &&other) noexcept = default;

void AudioFileReader::open(const QString &path, const AudioReadOptions &options)
{
    close();
    if (path.isEmpty())
        throw MediaError(path, QStringLiteral("no file name given"));
    const QFileInfo fi(path);
    if (!fi.exists())
        throw MediaError(path, QStringLiteral("file does not exist"));
    if (fi.isDir())
        throw MediaError(path, QStringLiteral("is a directory, not an audio file"));
    if (!fi.isFile())
        throw MediaError(path, QStringLiteral("is not a regular file"));

    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        throw MediaError(path, QStringLiteral("cannot open: %1").arg(file.errorString()));
    const std::int64_t size = file.size();
    if (size == 0)
        throw MediaError(path, QStringLiteral("file is empty (0 bytes): not an audio file"));
    char magic[4] = {0, 0, 0, 0};
    const qint64 magicLen = file.read(magic, 4);
    if (magicLen == 4 && std::memcmp(magic, "RIFF", 4) == 0 && size < 44)
        throw MediaError(path,
                         QStringLiteral("truncated header: the file is %1 bytes, a WAV header "
                                        "needs at least 44")
                             .arg(size),
                         size);
    const WavFacts wav = scanWav(path, file, options);
    file.close();

    auto impl = std::make_unique<Impl>();
    SF_INFO sfi{};
    impl->sf = sf_open(QFile::encodeName(path).constData(), SFM_READ, &sfi);
    if (!impl->sf) {
        const QString why = sfError(nullptr);
        if (wav.isWav && wav.formatTag >= 0 && !knownWavFormatTag(wav.formatTag))
            throw MediaError(path,
                             QStringLiteral("unsupported WAV encoding: format tag 0x%1 "
                                            "(libsndfile: %2)")
                                 .arg(wav.formatTag, 4, 16, QLatin1Char('0'))
                                 .arg(why),
                             wav.fmtOffset + 8);
        if (sf_error(nullptr) == SF_ERR_UNRECOGNISED_FORMAT)
            throw MediaError(path,
                             QStringLiteral("format not recognised: the file starts with '%1' "
                                            "(expected e.g. 'RIFF', 'fLaC', 'OggS', 'FORM', 'ID3' "
                                            "or an MP3 frame; libsndfile: %2)")
                                 .arg(magicLen == 4 ? fourCc(magic) : QStringLiteral("?"))
                                 .arg(why),
                             0);
        QString kind;
        if (magicLen == 4) {
            if (std::memcmp(magic, "fLaC", 4) == 0)
                kind = QStringLiteral("FLAC");
            else if (std::memcmp(magic, "OggS", 4) == 0)
                kind = QStringLiteral("OGG");
            else if (std::memcmp(magic, "FORM", 4) == 0)
                kind = QStringLiteral("AIFF");
            else if (std::memcmp(magic, "RIFF", 4) == 0)
                kind = QStringLiteral("WAV");
        }
        if (!kind.isEmpty())
            throw MediaError(path,
                             QStringLiteral("cannot decode the %1 header, truncated or damaged "
                                            "(libsndfile: %2); the file is %3 bytes")
                                 .arg(kind, why)
                                 .arg(size));
        throw MediaError(path,
                         QStringLiteral("cannot decode (libsndfile: %1); the file is %2 bytes")
                             .arg(why)
                             .arg(size));
    }
    checkSampleRate(path, sfi.samplerate, wav.isWav ? wav.fmtOffset + 12 : -1);
    checkChannels(path, sfi.channels, options.maxChannels, wav.isWav ? wav.fmtOffset + 10 : -1);

    AudioFileInfo &info = impl->info;
    info.path = path;
    info.container = containerName(sfi.format);
    info.sampleFormat = sampleFormatName(sfi.format);
    info.sampleRate = sfi.samplerate;
    info.channels = sfi.channels;
    info.frames = std::max<sf_count_t>(sfi.frames, 0);
    info.truncated = wav.truncated;
    info.warnings = wav.warnings;
    for (const QString &w : info.warnings)
        qCWarning(lcAudio).noquote() << path << ":" << w;
    sf_command(impl->sf, SFC_SET_NORM_FLOAT, nullptr, SF_TRUE);
    m_impl = std::move(impl);
}

void AudioFileReader::close()
{
    m_impl.reset();
}

bool AudioFileReader::isOpen() const
{
    return m_impl != nullptr;
}

const AudioFileInfo &AudioFileReader::info() const
{
    static const AudioFileInfo closed;
    return m_impl ? m_impl->info : closed;
}

std::int64_t AudioFileReader::position() const
{
    return m_impl ? m_impl->position : 0;
}

AudioData AudioFileReader::readFrames(std::int64_t frames)
{
    if (!m_impl)
        throw MediaError(QString(), QStringLiteral("readFrames() on a closed AudioFileReader"));
    Impl &d = *m_impl;
    const int nch = d.info.channels;
    AudioData out;
    out.sampleRate = d.info.sampleRate;
    out.channels.resize(static_cast<std::size_t>(nch));
    std::int64_t want = std::max<std::int64_t>(frames, 0);
    while (want > 0) {
        const std::int64_t block = std::min(want, kReadBlockFrames);
        d.scratch.resize(static_cast<std::size_t>(block * nch));
        const sf_count_t got = sf_readf_float(d.sf, d.scratch.data(), block);
        if (got < 0 || (got < block && sf_error(d.sf) != SF_ERR_NO_ERROR)) {
            const QString why = sfError(d.sf);
            throw MediaError(d.info.path, QStringLiteral("decoding failed at frame %1 of %2: %3")
                                              .arg(d.position + std::max<sf_count_t>(got, 0))
                                              .arg(d.info.frames)
                                              .arg(why));
        }
        for (int c = 0; c < nch; ++c) {
            auto &ch = out.channels[static_cast<std::size_t>(c)];
            const std::size_t base = ch.size();
            ch.resize(base + static_cast<std::size_t>(got));
            for (sf_count_t f = 0; f < got; ++f)
                ch[base + static_cast<std::size_t>(f)] =
                    d.scratch[static_cast<std::size_t>(f * nch + c)];
        }
        d.position += got;
        want -= got;
        if (got < block) {
            const bool estimated = d.info.container == QLatin1String("MP3");
            if (d.position < d.info.frames && !estimated && !d.info.truncated) {
                d.info.truncated = true;
                const QString w = QStringLiteral("truncated: decoded %1 of the %2 frames the "
                                                 "header declares")
                                      .arg(d.position)
                                      .arg(d.info.frames);
                d.info.warnings << w;
                qCWarning(lcAudio).noquote() << d.info.path << ":" << w;
            }
            break;
        }
    }
    return out;
}

void AudioFileReader::seek(std::int64_t frame)
{
    if (!m_impl)
        throw MediaError(QString(), QStringLiteral("seek() on a closed AudioFileReader"));
    Impl &d = *m_impl;
    if (frame < 0 || frame > d.info.frames)
        throw MediaError(d.info.path, QStringLiteral("cannot seek to frame %1: the file has %2")
                                          .arg(frame)
                                          .arg(d.info.frames));
    if (sf_seek(d.sf, frame, SEEK_SET) < 0)
        throw MediaError(d.info.path, QStringLiteral("cannot seek to frame %1: %2")
                                          .arg(frame)
                                          .arg(sfError(d.sf)));
    d.position = frame;
}

AudioFileInfo probeAudio(const QString &path)
{
    AudioReadOptions any;
    any.maxChannels = std::numeric_limits<int>::max();
    AudioFileReader reader(path, any);
    return reader.info();
}

AudioData readAudio(const QString &path, const AudioReadOptions &options)
{
    AudioFileReader reader(path, options);
    const AudioFileInfo &info = reader.info();
    if (info.frames == 0)
        throw MediaError(path, QStringLiteral("contains no audio frames (%1, %2 Hz, %3 channels)")
                                   .arg(info.container)
                                   .arg(info.sampleRate)
                                   .arg(info.channels));
    AudioData out;
    out.sampleRate = info.sampleRate;
    out.channels.resize(static_cast<std::size_t>(info.channels));
    // The header's frame count may be bogus: reserve no more than the file could plausibly hold.
    const std::int64_t plausible = QFileInfo(path).size() * 2;
    for (auto &ch : out.channels)
        ch.reserve(static_cast<std::size_t>(std::min(info.frames, plausible)));
    for (;;) {
        AudioData block = reader.readFrames(kReadBlockFrames);
        if (block.frames() == 0)
            break;
        for (std::size_t c = 0; c < out.channels.size(); ++c)
            out.channels[c].insert(out.channels[c].end(), block.channels[c].begin(),
                                   block.channels[c].end());
    }
    if (out.frames() == 0)
        throw MediaError(path, QStringLiteral("contains no audio frames (the header declares %1)")
                                   .arg(info.frames));
    return out;
}

} // namespace mirstudio::media
