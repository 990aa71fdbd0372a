// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/toolkit/chordsymbol.h"

namespace mirstudio::toolkit {

std::vector<int> ChordSymbol::pitchClasses() const
{
    std::vector<int> out;
    for (int i : intervals)
        out.push_back((root + i) % 12);
    return out;
}

ChordSymbol ChordSymbol::parse(const QString &labelIn)
{
    const QString label = labelIn.trimmed();
    ChordSymbol chord;
    if (label.isEmpty())
        return chord;
    static const int letterClass[] = {9, 11, 0, 2, 4, 5, 7};   // A B C D E F G
    const QChar letter = label.at(0).toUpper();
    if (letter < u'A' || letter > u'G')
        return chord;
    int root = letterClass[letter.unicode() - u'A'];
    int i = 1;
    while (i < label.size() && (label.at(i) == u'#' || label.at(i) == u'b')) {
        root += label.at(i) == u'#' ? 1 : -1;
        ++i;
    }
    QString quality = label.mid(i);
    if (quality.startsWith(u':'))
        quality.remove(0, 1);
    quality = quality.section(u'/', 0, 0);
    chord.root = (root % 12 + 12) % 12;
    int third = 4, fifth = 7;
    if (quality.startsWith(QStringLiteral("maj")) || quality.startsWith(u'j')) {
        // major
    } else if (quality.startsWith(QStringLiteral("min")) || quality.startsWith(u'm')
               || quality.startsWith(u'-')) {
        third = 3;
    } else if (quality.startsWith(QStringLiteral("dim")) || quality.startsWith(u'o')) {
        third = 3;
        fifth = 6;
    } else if (quality.startsWith(QStringLiteral("aug")) || quality.startsWith(u'+')) {
        fifth = 8;
    }
    chord.intervals = {0, third, fifth};
    if (quality.contains(u'7')) {
        const bool major7 = quality.startsWith(QStringLiteral("maj7")) || quality.startsWith(u'j');
        chord.intervals.push_back(major7 ? 11 : (fifth == 6 && quality.startsWith(u'o') ? 9 : 10));
    }
    return chord;
}

} // namespace mirstudio::toolkit
