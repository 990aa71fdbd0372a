// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "plugins/sdk/jobcontext.h"
#include "plugins/toolkit/stemarrangement.h"

#include <QString>
#include <QStringList>

#include <cstdint>
#include <vector>

namespace mirstudio::toolkit {

/** Settings of an offline stem rendering. Value type. */
struct StemRenderOptions
{
    int sampleRate = 44100;
    std::uint64_t seed = 1;        ///< programs, velocities and gains; same seed -> same bytes
    QString soundFont;             ///< empty: see findSoundFont()
    double tailSeconds = 1.0;      ///< rendered after the last note ends
    double maxSeconds = 0.0;       ///< > 0: notes starting later are dropped, the file cut there
    bool vary = true;              ///< false: fixed programs (lead 73 flute, bass 33, other 0), gain 1
    int maxSongs = 0;              ///< renderStemDataset(): 0 = every song
};

/** What renderStemSong() wrote. */
struct RenderedSong
{
    QString folder;                ///< <outDir>/<id with '/' -> '_'>
    QStringList stems;             ///< in mixing order; files <folder>/<stem>.wav
    std::int64_t frames = 0;
    QMap<QString, int> programs;   ///< GM program chosen per stem (drums: 0, kit)
};

/**
 * Offline renderer of aligned training stems with FluidSynth. Free functions; any thread (each
 * call owns its synths).
 *
 * Each stem gets its own fluid_synth (reverb and chorus off, so a stem holds only its own
 * notes), a GM program drawn from a per-stem list by the seed (drums: the GM kit on channel
 * 10), a velocity scale in [0.8, 1.1] and a gain in [0.6, 1.0]. All stems have the same length;
 * the stems are then scaled by one factor so the mixture peaks at 0.9 at most, and
 * mixture = vocals + bass + drums + other, summed in float in `order`, so reading the float WAVs
 * back and summing in that order gives the mixture bit for bit. Files: 44.1 kHz (by default)
 * stereo 32-bit float WAV, written atomically.
 */

/** MIRSTUDIO_SOUNDFONT, then /usr/share/sounds/sf2/FluidR3_GM.sf2, then TimGM6mb.sf2 (an
 *  explicit path wins). Throws sdk::PluginError naming what was tried when none exists. */
QString findSoundFont(const QString &explicitPath = {});

/** Renders one arrangement into <outDir>/<id>/. Throws sdk::PluginError (SoundFont, write
 *  errors) or sdk::Cancelled (ctx cancelled; the song folder is removed). */
RenderedSong renderStemSong(const StemArrangement &song, const QString &outDir,
                            const StemRenderOptions &options, sdk::JobContext *ctx = nullptr);

/**
 * The entry point for `mirstudio-cli` and plugins' `train` data preparation: reads `source`
 * and renders every song into `outDir` (the stems-folder layout readStemFolders() reads).
 * `source` may be a POP909 root or one song folder, a Nottingham root (with abc/) or one .abc
 * file, a WJazzD MCSV root (solos.csv), a JSB chorale JSON, or any folder of MIDI files
 * (tracks: channel 10 -> drums, highest mean pitch -> vocals, lowest -> bass, rest -> other).
 * Progress per song; cancel between stems. Returns the songs written.
 */
std::vector<RenderedSong> renderStemDataset(const QString &source, const QString &outDir,
                                            const StemRenderOptions &options,
                                            sdk::JobContext *ctx = nullptr);

} // namespace mirstudio::toolkit
