// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

namespace mirstudio {

/**
 * Finds the General MIDI SoundFont: the MIRSTUDIO_SOUNDFONT environment variable when set, else
 * FluidR3_GM from Debian's fluid-soundfont-gm, else TimGM6mb (timgm6mb-soundfont, pulled in by
 * libfluidsynth3). Stateless; any thread.
 */
class SoundFontLocator
{
public:
    /** Candidate paths, in order of preference (the first existing one wins). */
    static QStringList candidates();
    /**
     * MIRSTUDIO_SOUNDFONT when set (even if that file is missing, so the error names it), else
     * the first existing candidate, or an empty string when there is none.
     */
    static QString defaultSoundFont();
    /** The small TimGM6mb font (fast to load: tests use it), or empty when absent. */
    static QString smallSoundFont();
};

} // namespace mirstudio
