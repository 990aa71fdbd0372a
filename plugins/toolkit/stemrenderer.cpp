// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/toolkit/stemrenderer.h"

#include "core/media/audiofilewriter.h"
#include "core/media/mediaerror.h"
#include "plugins/sdk/pluginerror.h"
#include "plugins/toolkit/stemsources.h"

#include <QDir>
#include <QFileInfo>

#include <fluidsynth.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <tuple>

namespace mirstudio::toolkit {

namespace {

/** splitmix64: a portable, seedable generator (std distributions differ between libraries). */
class Random
{
public:
    explicit Random(std::uint64_t seed) : m_state(seed) {}
    std::uint64_t next()
    {
        std::uint64_t z = (m_state += 0x9e3779b97f4a7c15ull);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
        return z ^ (z >> 31);
    }
    double uniform(double lo, double hi) { return lo + (hi - lo) * double(next() >> 11) * 0x1.0p-53; }
    int pick(const std::vector<int> &values) { return values[size_t(next() % values.size())]; }

private:
    std::uint64_t m_state;
};

std::uint64_t hashId(const QString &id)
{
    std::uint64_t h = 0xcbf29ce484222325ull;
    for (char c : id.toUtf8()) {
        h ^= static_cast<unsigned char>(c);
        h *= 0x100000001b3ull;
    }
    return h;
}

struct StemVoice
{
    int program = 0;
    double velocityScale = 1.0;
    double gain = 1.0;
};

StemVoice voiceFor(const QString &stem, Random &rng, bool vary)
{
    static const QMap<QString, std::vector<int>> programs = {
        {QStringLiteral("vocals"), {73, 65, 56, 40, 52, 54, 71, 80}},   // flute, sax, trumpet, violin, choir, voice, clarinet, lead
        {QStringLiteral("bass"), {33, 32, 34, 38, 35}},
        {QStringLiteral("other"), {0, 4, 24, 48, 19, 1, 11}},
        {QStringLiteral("drums"), {0}}};
    StemVoice v;
    const std::vector<int> list = programs.value(stem, {0});
    v.program = vary ? rng.pick(list) : list.front();
    v.velocityScale = vary ? rng.uniform(0.8, 1.1) : 1.0;
    v.gain = vary ? rng.uniform(0.6, 1.0) : 1.0;
    return v;
}

struct SynthDeleter
{
    void operator()(fluid_synth_t *s) const { delete_fluid_synth(s); }
};
struct SettingsDeleter
{
    void operator()(fluid_settings_t *s) const { delete_fluid_settings(s); }
};

/** Renders `notes` with one synth into two channels of `frames` frames. */
std::vector<std::vector<float>> renderNotes(const sdk::NoteSequence &notes, bool drums,
                                            const StemVoice &voice, std::int64_t frames,
                                            const QString &soundFont, int sampleRate,
                                            sdk::JobContext *ctx)
{
    std::unique_ptr<fluid_settings_t, SettingsDeleter> settings(new_fluid_settings());
    fluid_settings_setnum(settings.get(), "synth.sample-rate", double(sampleRate));
    fluid_settings_setint(settings.get(), "synth.reverb.active", 0);
    fluid_settings_setint(settings.get(), "synth.chorus.active", 0);
    fluid_settings_setint(settings.get(), "synth.polyphony", 512);
    fluid_settings_setnum(settings.get(), "synth.gain", 0.6);   // default 0.2 leaves stems near -25 dBFS
    std::unique_ptr<fluid_synth_t, SynthDeleter> synth(new_fluid_synth(settings.get()));
    if (!synth || fluid_synth_sfload(synth.get(), soundFont.toLocal8Bit().constData(), 1) == FLUID_FAILED)
        throw sdk::PluginError(QStringLiteral("FluidSynth cannot load the SoundFont %1").arg(soundFont));
    const int channel = drums ? 9 : 0;
    if (!drums)
        fluid_synth_program_change(synth.get(), channel, voice.program);

    // (frame, is_on, pitch, velocity): offs sort before ons at the same frame (re-strikes)
    std::vector<std::tuple<std::int64_t, bool, int, int>> events;
    for (const sdk::Note &n : notes.notes) {
        const std::int64_t on = std::int64_t(std::llround(n.start * sampleRate));
        const std::int64_t off = std::max<std::int64_t>(on + 1, std::llround((n.start + n.duration) * sampleRate));
        if (on >= frames)
            continue;
        const int velocity = std::clamp(int(std::lround(n.velocity * voice.velocityScale)), 1, 127);
        events.emplace_back(on, true, n.pitch, velocity);
        events.emplace_back(std::min(off, frames), false, n.pitch, 0);
    }
    std::sort(events.begin(), events.end());

    std::vector<std::vector<float>> out(2, std::vector<float>(size_t(frames), 0.0f));
    std::int64_t cursor = 0;
    auto renderTo = [&](std::int64_t target) {
        while (cursor < target) {
            const int n = int(std::min<std::int64_t>(target - cursor, 4096));
            fluid_synth_write_float(synth.get(), n, out[0].data() + cursor, 0, 1,
                                    out[1].data() + cursor, 0, 1);
            cursor += n;
            if (ctx && ctx->isCancelled())
                throw sdk::Cancelled();
        }
    };
    for (const auto &[frame, isOn, pitch, velocity] : events) {
        renderTo(frame);
        if (isOn)
            fluid_synth_noteon(synth.get(), channel, pitch, velocity);
        else
            fluid_synth_noteoff(synth.get(), channel, pitch);
    }
    renderTo(frames);
    return out;
}

QString folderNameFor(const QString &id)
{
    QString name = id;
    name.replace(u'/', u'_');
    name.replace(u'\\', u'_');
    return name.isEmpty() ? QStringLiteral("song") : name;
}

void writeFloatWav(const QString &path, const std::vector<std::vector<float>> &channels, int rate)
{
    media::AudioData data;
    data.sampleRate = rate;
    data.channels = channels;
    try {
        media::writeAudio(path, data, {media::AudioContainer::Wav, media::AudioSampleFormat::Float32});
    } catch (const media::MediaError &e) {
        throw sdk::PluginError(QString::fromUtf8(e.what()));
    }
}

} // namespace

QString findSoundFont(const QString &explicitPath)
{
    QStringList tried;
    QStringList candidates;
    if (!explicitPath.isEmpty())
        candidates << explicitPath;
    const QString env = qEnvironmentVariable("MIRSTUDIO_SOUNDFONT");
    if (!env.isEmpty())
        candidates << env;
    candidates << QStringLiteral("/usr/share/sounds/sf2/FluidR3_GM.sf2")
                << QStringLiteral("/usr/share/sounds/sf2/TimGM6mb.sf2");
    for (const QString &c : candidates) {
        if (QFileInfo(c).isFile())
            return c;
        tried << c;
    }
    throw sdk::PluginError(QStringLiteral("no General MIDI SoundFont found (tried %1); install "
                                          "fluid-soundfont-gm or set MIRSTUDIO_SOUNDFONT")
                               .arg(tried.join(QStringLiteral(", "))));
}

RenderedSong renderStemSong(const StemArrangement &song, const QString &outDir,
                            const StemRenderOptions &options, sdk::JobContext *ctx)
{
    const QString soundFont = findSoundFont(options.soundFont);
    const int rate = options.sampleRate;
    double seconds = song.endSeconds() + options.tailSeconds;
    if (options.maxSeconds > 0.0)
        seconds = std::min(seconds, options.maxSeconds);
    const std::int64_t frames = std::max<std::int64_t>(1, std::int64_t(std::llround(seconds * rate)));

    RenderedSong result;
    result.folder = QDir(outDir).filePath(folderNameFor(song.id));
    result.frames = frames;
    if (!QDir().mkpath(result.folder))
        throw sdk::PluginError(QStringLiteral("cannot create %1").arg(result.folder));

    Random rng(options.seed ^ hashId(song.id));
    std::vector<std::vector<std::vector<float>>> stems;
    std::vector<double> gains;
    try {
        for (const QString &name : song.order) {
            const StemVoice voice = voiceFor(name, rng, options.vary);
            const bool drums = name == QStringLiteral("drums");
            stems.push_back(renderNotes(song.stems.value(name), drums, voice, frames, soundFont,
                                        rate, ctx));
            gains.push_back(voice.gain);
            result.stems << name;
            result.programs.insert(name, drums ? 0 : voice.program);
        }
    } catch (const sdk::Cancelled &) {
        QDir(result.folder).removeRecursively();
        throw;
    }
    // One factor for all stems so that the mixture peaks at 0.9 at most.
    double peak = 0.0;
    for (size_t c = 0; c < 2; ++c) {
        for (std::int64_t i = 0; i < frames; ++i) {
            double sum = 0.0;
            for (size_t s = 0; s < stems.size(); ++s)
                sum += gains[s] * stems[s][c][size_t(i)];
            peak = std::max(peak, std::abs(sum));
        }
    }
    const double scale = peak > 0.9 ? 0.9 / peak : 1.0;
    std::vector<std::vector<float>> mixture(2, std::vector<float>(size_t(frames), 0.0f));
    for (size_t s = 0; s < stems.size(); ++s) {
        const float g = float(gains[s] * scale);
        for (size_t c = 0; c < 2; ++c) {
            for (std::int64_t i = 0; i < frames; ++i) {
                float &x = stems[s][c][size_t(i)];
                x *= g;
                mixture[c][size_t(i)] += x;
            }
        }
        writeFloatWav(QDir(result.folder).filePath(result.stems[int(s)] + QStringLiteral(".wav")),
                      stems[s], rate);
    }
    writeFloatWav(QDir(result.folder).filePath(QStringLiteral("mixture.wav")), mixture, rate);
    return result;
}

std::vector<RenderedSong> renderStemDataset(const QString &source, const QString &outDir,
                                            const StemRenderOptions &options,
                                            sdk::JobContext *ctx)
{
    std::vector<StemArrangement> songs = arrangementsFrom(source);
    if (options.maxSongs > 0 && int(songs.size()) > options.maxSongs)
        songs.resize(size_t(options.maxSongs));
    std::vector<RenderedSong> rendered;
    for (size_t i = 0; i < songs.size(); ++i) {
        if (ctx) {
            if (ctx->isCancelled())
                throw sdk::Cancelled();
            ctx->setProgress(double(i) / double(songs.size()),
                             QStringLiteral("song %1/%2: %3").arg(i + 1).arg(songs.size()).arg(songs[i].id));
        }
        rendered.push_back(renderStemSong(songs[i], outDir, options, ctx));
    }
    if (ctx)
        ctx->setProgress(1.0, QStringLiteral("%1 songs rendered").arg(rendered.size()));
    return rendered;
}

} // namespace mirstudio::toolkit
