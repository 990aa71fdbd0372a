// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/audio/soundfontlocator.h"

#include <QFileInfo>

namespace mirstudio {

namespace {
const QString kFluidR3 = QStringLiteral("/usr/share/sounds/sf2/FluidR3_GM.sf2");
const QString kTimGM = QStringLiteral("/usr/share/sounds/sf2/TimGM6mb.sf2");
} // namespace

QStringList SoundFontLocator::candidates()
{
    QStringList out;
    const QString env = qEnvironmentVariable("MIRSTUDIO_SOUNDFONT");
    if (!env.isEmpty())
        out << env;
    out << kFluidR3 << kTimGM;
    return out;
}

QString SoundFontLocator::defaultSoundFont()
{
    for (const QString &p : candidates())
        if (QFileInfo(p).isFile())
            return p;
    return {};
}

QString SoundFontLocator::smallSoundFont()
{
    return QFileInfo(kTimGM).isFile() ? kTimGM : defaultSoundFont();
}

} // namespace mirstudio
