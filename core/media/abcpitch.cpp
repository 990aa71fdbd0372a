// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/media/abcpitch.h"

namespace mirstudio::media {

namespace {
constexpr int kNatural[7] = {0, 2, 4, 5, 7, 9, 11};
// Sharps of the major key on each natural letter C D E F G A B.
constexpr int kMajorSharps[7] = {0, 2, 4, -1, 1, 3, 5};
} // namespace

int AbcPitch::letterIndex(QChar letter)
{
    switch (letter.toLower().unicode()) {
    case 'c': return 0;
    case 'd': return 1;
    case 'e': return 2;
    case 'f': return 3;
    case 'g': return 4;
    case 'a': return 5;
    case 'b': return 6;
    default: return -1;
    }
}

int AbcPitch::naturalSemitone(int index)
{
    return index >= 0 && index < 7 ? kNatural[index] : 0;
}

AbcPitch::Alterations AbcPitch::signatureAlterations(int sharps)
{
    Alterations alt{};
    static constexpr int sharpOrder[7] = {3, 0, 4, 1, 5, 2, 6}; // F C G D A E B
    static constexpr int flatOrder[7] = {6, 2, 5, 1, 4, 0, 3};  // B E A D G C F
    for (int i = 0; i < sharps && i < 7; ++i)
        alt[sharpOrder[i]] = 1;
    for (int i = 0; i < -sharps && i < 7; ++i)
        alt[flatOrder[i]] = -1;
    return alt;
}

int AbcPitch::parseRoot(const QString &text, int *consumed)
{
    *consumed = 0;
    if (text.isEmpty())
        return -1;
    const int letter = letterIndex(text.at(0));
    if (letter < 0)
        return -1;
    int pc = kNatural[letter];
    int n = 1;
    if (n < text.size()) {
        const QChar c = text.at(n);
        if (c == QLatin1Char('#') || c == QLatin1Char('+')) {
            pc += 1;
            ++n;
        } else if (c == QLatin1Char('b') && !(n + 1 < text.size() && text.at(n + 1).isLetter()
                                               && text.at(n + 1) != QLatin1Char('m'))) {
            // "Bb", "Bbm7" are flats; "Cb" too. A lone 'b' after the root is a flat.
            pc -= 1;
            ++n;
        }
    }
    *consumed = n;
    return (pc + 12) % 12;
}

std::optional<AbcKey> AbcPitch::parseKey(const QString &text, Alterations *alterations,
                                         QString *error)
{
    AbcKey key;
    const QString trimmed = text.trimmed();
    key.name = trimmed;
    // Everything after the key itself: mode word, explicit accidentals, clef=... settings.
    const QStringList words = trimmed.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    if (words.isEmpty() || words.first().compare(QLatin1String("none"), Qt::CaseInsensitive) == 0
        || words.first() == QLatin1String("HP") || words.first() == QLatin1String("Hp")) {
        key.name = trimmed.isEmpty() ? QStringLiteral("C") : trimmed;
        *alterations = Alterations{};
        return key;
    }
    QString first = words.first();
    int rest = 1;
    if (first.contains(QLatin1Char('='))) { // "K:clef=bass" only
        *alterations = Alterations{};
        return key;
    }
    const int letter = letterIndex(first.at(0));
    if (letter < 0 || !first.at(0).isUpper()) {
        *error = QStringLiteral("expected a key tonic A-G, found '%1'").arg(first);
        return std::nullopt;
    }
    int sharps = kMajorSharps[letter];
    int tonic = kNatural[letter];
    int pos = 1;
    if (pos < first.size() && first.at(pos) == QLatin1Char('#')) {
        sharps += 7;
        tonic += 1;
        ++pos;
    } else if (pos < first.size() && first.at(pos) == QLatin1Char('b')) {
        sharps -= 7;
        tonic -= 1;
        ++pos;
    }
    QString modeText = first.mid(pos);
    if (modeText.isEmpty() && rest < words.size() && words.at(rest).at(0).isLetter()
        && !words.at(rest).contains(QLatin1Char('='))) {
        modeText = words.at(rest);
        ++rest;
    }
    const QString m = modeText.left(3).toLower();
    int offset = 0;
    if (m.isEmpty() || m == QLatin1String("maj") || m == QLatin1String("ion")) {
        key.mode = QStringLiteral("major");
    } else if (m == QLatin1String("m") || m == QLatin1String("min") || m == QLatin1String("aeo")) {
        key.mode = QStringLiteral("minor");
        offset = -3;
    } else if (m == QLatin1String("mix")) {
        key.mode = QStringLiteral("mixolydian");
        offset = -1;
    } else if (m == QLatin1String("dor")) {
        key.mode = QStringLiteral("dorian");
        offset = -2;
    } else if (m == QLatin1String("phr")) {
        key.mode = QStringLiteral("phrygian");
        offset = -4;
    } else if (m == QLatin1String("lyd")) {
        key.mode = QStringLiteral("lydian");
        offset = 1;
    } else if (m == QLatin1String("loc")) {
        key.mode = QStringLiteral("locrian");
        offset = -5;
    } else if (m == QLatin1String("exp")) {
        key.mode = QStringLiteral("major");
        sharps = 0;
    } else if (modeText.startsWith(QLatin1Char('m')) || modeText.startsWith(QLatin1Char('M'))) {
        key.mode = QStringLiteral("minor"); // "Mi", "Minor" spelled oddly
        offset = -3;
    } else {
        *error = QStringLiteral("expected a key mode (m, dor, mix, ...), found '%1'").arg(modeText);
        return std::nullopt;
    }
    sharps += offset;
    if (sharps < -7 || sharps > 7) {
        *error = QStringLiteral("key '%1' needs more than 7 sharps or flats").arg(trimmed);
        return std::nullopt;
    }
    key.sharps = sharps;
    key.tonic = ((tonic % 12) + 12) % 12;
    Alterations alt = signatureAlterations(sharps);
    // Explicit accidentals: "^f _b =c".
    for (; rest < words.size(); ++rest) {
        const QString w = words.at(rest);
        if (w.contains(QLatin1Char('=')) && w.size() > 1 && w.at(0) != QLatin1Char('='))
            continue; // clef=..., middle=...
        int i = 0;
        int acc = 0;
        bool any = false;
        while (i < w.size() && (w.at(i) == QLatin1Char('^') || w.at(i) == QLatin1Char('_')
                                || w.at(i) == QLatin1Char('='))) {
            acc += w.at(i) == QLatin1Char('^') ? 1 : w.at(i) == QLatin1Char('_') ? -1 : 0;
            any = true;
            ++i;
        }
        if (!any)
            continue; // unknown word (e.g. "treble"): ignored
        if (i >= w.size() || letterIndex(w.at(i)) < 0) {
            *error = QStringLiteral("expected a note letter after the accidental in K:, found '%1'")
                         .arg(w);
            return std::nullopt;
        }
        alt[letterIndex(w.at(i))] = acc;
    }
    *alterations = alt;
    return key;
}

} // namespace mirstudio::media
