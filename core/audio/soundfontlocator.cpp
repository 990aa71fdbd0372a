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
    // A font the user named wins even when it is missing: loading it then fails with a message
    // naming it, instead of silently playing another font.
    const QString env = qEnvironmentVariable("MIRSTUDIO_SOUNDFONT");
    if (!env.isEmpty())
        return env;
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
