// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/media/abcreader.h"

#include "core/media/abcpitch.h"

#include <QFile>
#include <QMap>
#include <QStringDecoder>

#include <algorithm>
#include <cmath>
#include <map>

namespace mirstudio::media {

namespace {

constexpr int kMaxLengthFactor = 4096; // bigger numerators/denominators are surely garbage
constexpr std::size_t kMaxEvents = 2'000'000;

enum class ItemKind { Notes, Rest, Symbol, Bar, Ending, Meter, Key };
enum class BarKind { Plain, Double, RepeatStart, RepeatEnd, RepeatBoth };

struct Pitched
{
    int pitch = 60;
    double ticks = 0;
    bool tie = false;
};

/** One parsed element of a tune body, before repeats are expanded. */
struct Item
{
    ItemKind kind = ItemKind::Notes;
    std::vector<Pitched> notes; // Notes
    double advance = 0;         // Notes, Rest
    QString symbol;             // Symbol
    BarKind bar = BarKind::Plain;
    std::vector<int> endings;   // Ending
    AbcFraction meter;          // Meter
    KeySignature key;           // Key (tick unused)
};

/** The parts of a body in order of appearance; "" is the text before the first P:. */
struct Part
{
    QString label;
    std::vector<Item> items;
};

bool hasMusic(const Part &part)
{
    return std::any_of(part.items.begin(), part.items.end(), [](const Item &i) {
        return i.kind == ItemKind::Notes || i.kind == ItemKind::Rest;
    });
}

struct Cursor
{
    const QString *file = nullptr;
    int line = 0; // 1-based
    [[noreturn]] void fail(int column, const QString &message) const
    {
        throw MediaError(*file, message, -1, line, column);
    }
};

QString describe(QChar c)
{
    if (c.isNull())
        return QStringLiteral("end of line");
    if (c.unicode() < 0x20 || c.unicode() == 0x7f || c.unicode() > 0x7e)
        return QStringLiteral("character U+%1").arg(c.unicode(), 4, 16, QLatin1Char('0'));
    return QStringLiteral("'%1'").arg(c);
}

/** Parses "3/4", "C", "C|", "2+3/8", "none". */
std::optional<AbcFraction> parseFraction(const QString &raw, bool meter)
{
    const QString t = raw.trimmed();
    if (meter) {
        if (t == QLatin1String("C"))
            return AbcFraction{4, 4};
        if (t == QLatin1String("C|"))
            return AbcFraction{2, 2};
        if (t.compare(QLatin1String("none"), Qt::CaseInsensitive) == 0 || t.isEmpty())
            return AbcFraction{4, 4};
    }
    const int slash = t.indexOf(QLatin1Char('/'));
    QString numText = slash < 0 ? t : t.left(slash);
    const QString denText = slash < 0 ? QStringLiteral("1") : t.mid(slash + 1).trimmed();
    numText.remove(QLatin1Char('(')).remove(QLatin1Char(')'));
    int num = 0;
    for (const QString &p : numText.split(QLatin1Char('+'))) {
        bool ok = false;
        const int v = p.trimmed().toInt(&ok);
        if (!ok || v <= 0 || v > kMaxLengthFactor)
            return std::nullopt;
        num += v;
    }
    bool ok = false;
    const int den = denText.toInt(&ok);
    if (!ok || den <= 0 || den > kMaxLengthFactor || num <= 0)
        return std::nullopt;
    return AbcFraction{num, den};
}

/** The state of the body parser; one per tune. */
class BodyParser
{
public:
    BodyParser(const QString &file, const AbcTune &tune, AbcPitch::Alterations keyAlt, QStringList &warnings,
               const AbcReadOptions &options, bool lenient)
        : m_keyAlt(keyAlt), m_warnings(warnings), m_options(options), m_lenient(lenient)
    {
        m_cursor.file = &file;
        m_meter = tune.meter;
        m_unitTicks = 4.0 * AbcTune::ppq * tune.unitLength.value();
        m_parts.push_back(Part{});
    }

    std::vector<Part> &parts() { return m_parts; }

    void fieldLine(int lineNo, QChar field, const QString &value, int valueColumn)
    {
        m_cursor.line = lineNo;
        applyField(field, value, valueColumn);
    }

    void musicLine(int lineNo, const QString &text)
    {
        m_cursor.line = lineNo;
        m_text = text;
        m_pos = 0;
        while (m_pos < m_text.size())
            step();
    }

    void finish(int lineNo)
    {
        m_cursor.line = lineNo;
        if (m_tupletLeft > 0)
            m_cursor.fail(m_tupletColumn, QStringLiteral("tuplet needs %1 more note(s), found the end of the tune")
                                              .arg(m_tupletLeft));
        if (m_pendingBroken != 0)
            m_cursor.fail(m_brokenColumn, QStringLiteral("expected a note after the broken rhythm mark, found the end of the tune"));
    }

private:
    QChar peek(int ahead = 0) const
    {
        const int i = m_pos + ahead;
        return i < m_text.size() ? m_text.at(i) : QChar();
    }
    int column() const { return m_pos + 1; }
    void warn(int col, const QString &message)
    {
        m_warnings << QStringLiteral("%1: line %2, column %3: %4").arg(*m_cursor.file).arg(m_cursor.line).arg(col).arg(message);
    }
    void add(Item item)
    {
        if (++m_count > kMaxEvents)
            m_cursor.fail(column(), QStringLiteral("tune too long (more than %1 events)").arg(kMaxEvents));
        m_parts.back().items.push_back(std::move(item));
    }

    void applyField(QChar field, const QString &value, int col)
    {
        switch (field.unicode()) {
        case 'K': {
            QString error;
            AbcPitch::Alterations alt;
            const auto key = AbcPitch::parseKey(value, &alt, &error);
            if (!key)
                m_cursor.fail(col, error);
            m_keyAlt = alt;
            Item item;
            item.kind = ItemKind::Key;
            item.key.sharps = key->sharps;
            item.key.minor = key->mode == QLatin1String("minor");
            add(item);
            break;
        }
        case 'M': {
            const auto m = parseFraction(value, true);
            if (!m)
                m_cursor.fail(col, QStringLiteral("expected a meter such as 6/8, found '%1'").arg(value.trimmed()));
            m_meter = *m;
            Item item;
            item.kind = ItemKind::Meter;
            item.meter = *m;
            add(item);
            break;
        }
        case 'L': {
            const auto l = parseFraction(value, false);
            if (!l)
                m_cursor.fail(col, QStringLiteral("expected a unit length such as 1/8, found '%1'").arg(value.trimmed()));
            m_unitTicks = 4.0 * AbcTune::ppq * l->value();
            break;
        }
        case 'P': {
            const QString label = value.trimmed();
            if (label.isEmpty())
                m_cursor.fail(col, QStringLiteral("expected a part label after P:"));
            if (m_parts.size() == 1 && !hasMusic(m_parts.back()) && m_parts.back().label.isEmpty())
                m_parts.back().label = label;
            else
                m_parts.push_back(Part{label, {}});
            m_barAlt.clear();
            break;
        }
        case 'V':
            if (!m_warnedVoices)
                warn(col, QStringLiteral("voices (V:) are not separated: their music is read one after the other"));
            m_warnedVoices = true;
            break;
        default:
            break; // T:, W:, w:, N:, Q: in the body, ... carry nothing we perform
        }
    }

    void step()
    {
        const QChar c = peek();
        const ushort u = c.unicode();
        if (u == ' ' || u == '\t' || u == '`' || u == '\\' || u == '$' || u == 'y' || u == '*') {
            ++m_pos;
            return;
        }
        if (u == '%') { // comment to the end of the line
            m_pos = m_text.size();
            return;
        }
        if (u == '"') {
            chordSymbol();
            return;
        }
        if (u == '!' || u == '+') {
            const int end = m_text.indexOf(c, m_pos + 1);
            if (end < 0)
                m_cursor.fail(column(), QStringLiteral("expected '%1' to close the decoration, found the end of the line").arg(c));
            m_pos = end + 1;
            return;
        }
        if (u == '~' || u == '.' || (u >= 'H' && u <= 'W') || (u >= 'h' && u <= 'w')) {
            ++m_pos; // decorations are not performed
            return;
        }
        if (u == '{') {
            const int end = m_text.indexOf(QLatin1Char('}'), m_pos + 1);
            if (end < 0)
                m_cursor.fail(column(), QStringLiteral("expected '}' to close the grace notes, found the end of the line"));
            m_pos = end + 1; // grace notes take no time
            return;
        }
        if (u == '(') {
            if (peek(1).isDigit())
                tuplet();
            else
                ++m_pos; // slur
            return;
        }
        if (u == ')') {
            ++m_pos;
            return;
        }
        if (u == '|' || u == ':') {
            barLine();
            return;
        }
        if (u == '[') {
            const QChar n = peek(1);
            if (n == QLatin1Char('|')) {
                barLine();
            } else if (n.isDigit()) {
                ++m_pos;
                ending();
            } else if (n.isLetter() && peek(2) == QLatin1Char(':')) {
                inlineField();
            } else {
                chord();
            }
            return;
        }
        if (u == ']') { // stray thick bar end such as "|]" handled in barLine; alone it closes nothing
            m_cursor.fail(column(), QStringLiteral("unexpected ']' without an opening '['"));
        }
        if (u == '&')
            m_cursor.fail(column(), QStringLiteral("voice overlay '&' is not supported"));
        if (u == '^' || u == '_' || u == '=' || AbcPitch::letterIndex(c) >= 0) {
            single();
            return;
        }
        if (u == 'z' || u == 'x') {
            rest();
            return;
        }
        if (u == 'Z' || u == 'X') {
            multiRest();
            return;
        }
        if (u == '>' || u == '<') {
            m_cursor.fail(column(), QStringLiteral("expected a note before the broken rhythm mark '%1'").arg(c));
        }
        if (u == '-') {
            // A tie separated from its note by spaces or a chord symbol: "g3 -"D7"g".
            auto &items = m_parts.back().items;
            auto it = std::find_if(items.rbegin(), items.rend(),
                                   [](const Item &x) { return x.kind != ItemKind::Symbol; });
            if (it == items.rend() || it->kind != ItemKind::Notes)
                m_cursor.fail(column(), QStringLiteral("expected a note before the tie '-'"));
            for (Pitched &p : it->notes)
                p.tie = true;
            noteTied();
            ++m_pos;
            return;
        }
        m_cursor.fail(column(), QStringLiteral("expected a note, rest, bar line or decoration, found %1").arg(describe(c)));
    }

    void chordSymbol()
    {
        const int start = m_pos;
        const int end = m_text.indexOf(QLatin1Char('"'), m_pos + 1);
        if (end < 0)
            m_cursor.fail(start + 1, QStringLiteral("expected '\"' to close the chord symbol, found the end of the line"));
        const QString text = m_text.mid(start + 1, end - start - 1);
        m_pos = end + 1;
        if (text.isEmpty() || QStringLiteral("^_<>@").contains(text.at(0)))
            return; // an annotation, not a chord
        Item item;
        item.kind = ItemKind::Symbol;
        item.symbol = text;
        add(item);
    }

    void inlineField()
    {
        const int start = m_pos;
        const int end = m_text.indexOf(QLatin1Char(']'), m_pos);
        if (end < 0)
            m_cursor.fail(start + 1, QStringLiteral("expected ']' to close the inline field, found the end of the line"));
        const QChar field = m_text.at(start + 1);
        const QString value = m_text.mid(start + 3, end - start - 3);
        m_pos = end + 1;
        applyField(field, value, start + 4);
    }

    /** Bar lines: | || |] [| |: :| :: :|: and endings right after them (|1 :|2). */
    void barLine()
    {
        const int start = m_pos;
        int leading = 0;
        int trailing = 0;
        bool seenBar = false;
        bool doubled = false;
        if (peek() == QLatin1Char('[')) {
            ++m_pos;
            doubled = true;
        }
        while (m_pos < m_text.size()) {
            const QChar c = peek();
            if (c == QLatin1Char(':')) {
                if (seenBar)
                    ++trailing;
                else
                    ++leading;
            } else if (c == QLatin1Char('|')) {
                if (seenBar)
                    doubled = true;
                if (trailing > 0)
                    break; // "|:|" style: stop before the next bar
                seenBar = true;
            } else if (c == QLatin1Char(']') && seenBar) {
                doubled = true;
            } else {
                break;
            }
            ++m_pos;
        }
        if (m_tupletLeft > 0)
            m_cursor.fail(start + 1, QStringLiteral("tuplet needs %1 more note(s), found a bar line").arg(m_tupletLeft));
        m_barAlt.clear();
        Item item;
        item.kind = ItemKind::Bar;
        if (!seenBar && leading >= 2) { // "::"
            item.bar = BarKind::RepeatBoth;
        } else if (!seenBar) {
            m_cursor.fail(start + 1, QStringLiteral("expected a bar line after ':', found %1").arg(describe(peek())));
        } else if (leading > 0 && trailing > 0) {
            item.bar = BarKind::RepeatBoth;
        } else if (leading > 0) {
            item.bar = BarKind::RepeatEnd;
        } else if (trailing > 0) {
            item.bar = BarKind::RepeatStart;
        } else {
            item.bar = doubled ? BarKind::Double : BarKind::Plain;
        }
        add(item);
        if (peek().isDigit())
            ending();
    }

    /** "1", "2", "1,3", "1-2" after [ or a bar line. */
    void ending()
    {
        Item item;
        item.kind = ItemKind::Ending;
        while (peek().isDigit()) {
            int first = 0;
            while (peek().isDigit() && first < 100)
                first = first * 10 + (m_text.at(m_pos++).unicode() - '0');
            int last = first;
            if (peek() == QLatin1Char('-') && peek(1).isDigit()) {
                ++m_pos;
                last = 0;
                while (peek().isDigit() && last < 100)
                    last = last * 10 + (m_text.at(m_pos++).unicode() - '0');
            }
            if (first < 1 || last < first || last > 99)
                m_cursor.fail(column(), QStringLiteral("expected an ending number 1..99"));
            for (int n = first; n <= last; ++n)
                item.endings.push_back(n);
            if (peek() == QLatin1Char(',') && peek(1).isDigit())
                ++m_pos;
            else
                break;
        }
        add(item);
    }

    void tuplet()
    {
        const int start = m_pos;
        ++m_pos; // '('
        auto number = [&]() {
            int v = 0;
            bool any = false;
            while (peek().isDigit() && v < 1000) {
                v = v * 10 + (m_text.at(m_pos++).unicode() - '0');
                any = true;
            }
            return any ? v : -1;
        };
        const int p = number();
        int q = -1;
        int r = -1;
        if (peek() == QLatin1Char(':')) {
            ++m_pos;
            q = number();
            if (peek() == QLatin1Char(':')) {
                ++m_pos;
                r = number();
            }
        }
        if (p < 2 || p > 9)
            m_cursor.fail(start + 2, QStringLiteral("expected a tuplet size 2..9 after '(', found %1").arg(p));
        if (q < 0) {
            const bool compound = m_meter.numerator % 3 == 0 && m_meter.numerator > 3;
            switch (p) {
            case 2: case 4: case 8: q = 3; break;
            case 3: case 6: q = 2; break;
            default: q = compound ? 3 : 2; break;
            }
        }
        if (r < 0)
            r = p;
        if (q < 1 || q > 16 || r < 1 || r > 32)
            m_cursor.fail(start + 1, QStringLiteral("expected a tuplet (p:q:r) with q 1..16 and r 1..32"));
        m_tupletFactor = double(q) / p;
        m_tupletLeft = r;
        m_tupletColumn = start + 1;
    }

    /** Parses a length multiplier after a note, rest or chord: 2, /2, /, //, 3/2. */
    double length()
    {
        const int start = m_pos;
        long num = 1;
        long den = 1;
        if (peek().isDigit()) {
            num = 0;
            while (peek().isDigit()) {
                num = num * 10 + (m_text.at(m_pos++).unicode() - '0');
                if (num > kMaxLengthFactor)
                    m_cursor.fail(start + 1, QStringLiteral("note length too long"));
            }
            if (num == 0)
                m_cursor.fail(start + 1, QStringLiteral("expected a note length above 0, found 0"));
        }
        while (peek() == QLatin1Char('/')) {
            const int slashColumn = column();
            ++m_pos;
            if (peek().isDigit()) {
                long d = 0;
                while (peek().isDigit()) {
                    d = d * 10 + (m_text.at(m_pos++).unicode() - '0');
                    if (d > kMaxLengthFactor)
                        m_cursor.fail(slashColumn, QStringLiteral("note length too short"));
                }
                if (d == 0)
                    m_cursor.fail(slashColumn + 1, QStringLiteral("expected a note length after '/', found '0'"));
                den *= d;
            } else if (peek().isLetter() && AbcPitch::letterIndex(peek()) < 0 && peek() != QLatin1Char('z')) {
                // "A/B" is A/ then B; a letter that cannot start a note is a typo in a length.
                m_cursor.fail(slashColumn + 1, QStringLiteral("expected a note length after '/', found '%1'").arg(peek()));
            } else {
                den *= 2;
            }
            if (den > kMaxLengthFactor)
                m_cursor.fail(slashColumn, QStringLiteral("note length too short"));
        }
        return double(num) / double(den);
    }

    /** Accidentals, letter and octave marks; returns the MIDI pitch. */
    int pitch()
    {
        const int start = m_pos;
        int acc = 0;
        bool explicitAcc = false;
        while (peek() == QLatin1Char('^') || peek() == QLatin1Char('_') || peek() == QLatin1Char('=')) {
            const QChar c = m_text.at(m_pos++);
            acc += c == QLatin1Char('^') ? 1 : c == QLatin1Char('_') ? -1 : 0;
            explicitAcc = true;
            if (m_pos - start > 2)
                m_cursor.fail(start + 1, QStringLiteral("expected at most two accidentals"));
        }
        const QChar letter = peek();
        const int index = AbcPitch::letterIndex(letter);
        if (index < 0 || !(letter.isUpper() || letter.isLower()))
            m_cursor.fail(column(), QStringLiteral("expected a note letter after the accidental, found %1").arg(describe(letter)));
        ++m_pos;
        int octave = letter.isLower() ? 5 : 4;
        while (peek() == QLatin1Char('\'') || peek() == QLatin1Char(',')) {
            octave += m_text.at(m_pos++) == QLatin1Char('\'') ? 1 : -1;
        }
        const int natural = 12 * (octave + 1) + AbcPitch::naturalSemitone(index);
        const int slot = index + 7 * (octave + 10);
        if (explicitAcc) {
            if (m_options.accidentalsLastUntilBarLine)
                m_barAlt[slot] = acc;
        } else {
            const auto it = m_barAlt.find(slot);
            const auto carried = m_tieCarry.find(slot);
            if (it != m_barAlt.end())
                acc = it->second;
            else if (carried != m_tieCarry.end()) // a tie carries its accidental over the bar
                acc = carried->second;
            else
                acc = m_keyAlt[index];
        }
        m_lastSlot = slot;
        m_lastAlteration = acc;
        const int p = natural + acc;
        if (p < 0 || p > 127)
            m_cursor.fail(start + 1, QStringLiteral("note outside the MIDI range 0..127"));
        return p;
    }

    double tupletScale()
    {
        if (m_tupletLeft <= 0)
            return 1.0;
        --m_tupletLeft;
        return m_tupletFactor;
    }

    /** Applies a pending or new broken rhythm (> <) to the element just read. */
    void brokenRhythm(Item &item)
    {
        double scale = 1.0;
        if (m_pendingBroken != 0) {
            scale = m_pendingBroken;
            m_pendingBroken = 0;
        }
        while (peek() == QLatin1Char(' '))
            ++m_pos;
        if (peek() == QLatin1Char('>') || peek() == QLatin1Char('<')) {
            const QChar mark = peek();
            int n = 0;
            m_brokenColumn = column();
            while (peek() == mark) {
                ++m_pos;
                ++n;
            }
            if (n > 3)
                m_cursor.fail(m_brokenColumn, QStringLiteral("expected at most three broken rhythm marks"));
            const double cut = std::pow(0.5, n);
            const double thisScale = mark == QLatin1Char('>') ? 2.0 - cut : cut;
            scale *= thisScale;
            m_pendingBroken = mark == QLatin1Char('>') ? cut : 2.0 - cut;
        }
        item.advance *= scale;
        for (Pitched &p : item.notes)
            p.ticks *= scale;
    }

    /** Remembers the accidental of a tied note for the note it is tied to (ABC 2.1 only). */
    void noteTied()
    {
        if (m_options.accidentalsLastUntilBarLine)
            m_nextTieCarry[m_lastSlot] = m_lastAlteration;
    }
    void startElement()
    {
        m_tieCarry = std::move(m_nextTieCarry);
        m_nextTieCarry.clear();
    }

    void single()
    {
        startElement();
        Item item;
        item.kind = ItemKind::Notes;
        Pitched p;
        p.pitch = pitch();
        const double len = length() * m_unitTicks * tupletScale();
        p.ticks = len;
        if (peek() == QLatin1Char('-')) {
            p.tie = true;
            noteTied();
            ++m_pos;
        }
        item.notes.push_back(p);
        item.advance = len;
        brokenRhythm(item);
        add(std::move(item));
    }

    void chord()
    {
        const int start = m_pos;
        ++m_pos; // '['
        startElement();
        Item item;
        item.kind = ItemKind::Notes;
        while (true) {
            const QChar c = peek();
            if (c.isNull()) {
                const QString what = QStringLiteral("expected ']' to close the chord started here, found the end of the line");
                if (!m_lenient || item.notes.empty())
                    m_cursor.fail(start + 1, what);
                warn(start + 1, what + QStringLiteral("; closed the chord there"));
                break;
            }
            if (c == QLatin1Char(']')) {
                ++m_pos;
                break;
            }
            if (c == QLatin1Char(' ') || c == QLatin1Char('~') || c == QLatin1Char('.'))  {
                ++m_pos;
                continue;
            }
            if (c == QLatin1Char('!') || c == QLatin1Char('+')) {
                const int close = m_text.indexOf(QLatin1Char(']'), m_pos + 1);
                const int end = m_text.indexOf(c, m_pos + 1);
                if (end >= 0 && (close < 0 || end < close)) {
                    m_pos = end + 1;
                } else if (m_lenient) {
                    warn(column(), QStringLiteral("ignored a stray '%1' in a chord").arg(c));
                    ++m_pos;
                } else {
                    m_cursor.fail(column(), QStringLiteral("expected '%1' to close the decoration").arg(c));
                }
                continue;
            }
            if (!(c == QLatin1Char('^') || c == QLatin1Char('_') || c == QLatin1Char('=')
                  || AbcPitch::letterIndex(c) >= 0)) {
                const QString what = QStringLiteral("expected ']' to close the chord started here, found %1 at column %2")
                                         .arg(describe(c)).arg(column());
                if (!m_lenient || item.notes.empty())
                    m_cursor.fail(start + 1, what);
                warn(start + 1, what + QStringLiteral("; closed the chord there"));
                break;
            }
            Pitched p;
            p.pitch = pitch();
            p.ticks = length() * m_unitTicks;
            if (peek() == QLatin1Char('-')) {
                p.tie = true;
                noteTied();
                ++m_pos;
            }
            item.notes.push_back(p);
        }
        if (item.notes.empty())
            m_cursor.fail(start + 1, QStringLiteral("expected at least one note in the chord '[]'"));
        const double outer = length() * tupletScale();
        for (Pitched &p : item.notes)
            p.ticks *= outer;
        item.advance = item.notes.front().ticks;
        if (peek() == QLatin1Char('-')) {
            for (Pitched &p : item.notes)
                p.tie = true;
            ++m_pos;
        }
        brokenRhythm(item);
        add(std::move(item));
    }

    void rest()
    {
        startElement();
        ++m_pos;
        Item item;
        item.kind = ItemKind::Rest;
        item.advance = length() * m_unitTicks * tupletScale();
        brokenRhythm(item);
        add(std::move(item));
    }

    void multiRest()
    {
        const int start = m_pos;
        ++m_pos;
        int bars = 1;
        if (peek().isDigit()) {
            bars = 0;
            while (peek().isDigit()) {
                bars = bars * 10 + (m_text.at(m_pos++).unicode() - '0');
                if (bars > 10000)
                    m_cursor.fail(start + 1, QStringLiteral("expected at most 10000 bars of rest"));
            }
        }
        Item item;
        item.kind = ItemKind::Rest;
        item.advance = bars * 4.0 * AbcTune::ppq * m_meter.value();
        add(std::move(item));
    }

    AbcPitch::Alterations m_keyAlt;
    QStringList &m_warnings;
    AbcReadOptions m_options;
    bool m_lenient = false;
    bool m_warnedVoices = false;
    Cursor m_cursor;
    AbcFraction m_meter;
    double m_unitTicks = 240;
    std::map<int, int> m_barAlt; // letter+octave slot -> alteration until the bar line
    std::map<int, int> m_tieCarry;     // slot -> alteration of the note tied into this element
    std::map<int, int> m_nextTieCarry; // the same, collected for the next element
    int m_lastSlot = 0;
    int m_lastAlteration = 0;
    std::vector<Part> m_parts;
    QString m_text;
    int m_pos = 0;
    std::size_t m_count = 0;
    int m_tupletLeft = 0;
    double m_tupletFactor = 1.0;
    int m_tupletColumn = 0;
    double m_pendingBroken = 0;
    int m_brokenColumn = 0;
};

/** The order in which the items of one part are performed, repeats and endings expanded. */
std::vector<int> expandRepeats(const std::vector<Item> &items)
{
    std::vector<int> order;
    std::vector<char> jumped(items.size(), 0);
    int repeatStart = 0;
    int pass = 1;
    int i = 0;
    const int n = int(items.size());
    while (i < n) {
        if (order.size() > kMaxEvents)
            break; // the caller reports the tune as too long
        const Item &item = items[i];
        if (item.kind == ItemKind::Bar) {
            order.push_back(i); // kept for the pickup detection; takes no time
            const bool ends = item.bar == BarKind::RepeatEnd || item.bar == BarKind::RepeatBoth;
            if (ends && !jumped[i]) {
                jumped[i] = 1;
                pass = 2;
                i = repeatStart;
                continue;
            }
            if (ends || item.bar == BarKind::RepeatStart) {
                repeatStart = i + 1;
                pass = 1;
            } else if (item.bar == BarKind::Double && pass > 1) {
                repeatStart = i + 1;
                pass = 1;
            }
            ++i;
            continue;
        }
        if (item.kind == ItemKind::Ending
            && std::find(item.endings.begin(), item.endings.end(), pass) == item.endings.end()) {
            // Skip this ending: up to the ending for this pass (across the :| that closes
            // this one), or past the closing repeat when no such ending follows.
            int j = i + 1;
            bool resume = false;
            for (; j < n; ++j) {
                const Item &s = items[j];
                if (s.kind == ItemKind::Ending
                    && std::find(s.endings.begin(), s.endings.end(), pass) != s.endings.end())
                    break;
                if (s.kind != ItemKind::Bar || s.bar == BarKind::Plain)
                    continue;
                if (s.bar == BarKind::RepeatEnd || s.bar == BarKind::RepeatBoth) {
                    jumped[j] = 1;
                    if (j + 1 < n && items[j + 1].kind == ItemKind::Ending)
                        continue;
                    resume = true;
                }
                break;
            }
            if (resume) {
                repeatStart = j + 1;
                pass = 1;
                ++j;
            }
            i = j;
            continue;
        }
        order.push_back(i);
        ++i;
    }
    return order;
}

bool isRepeatEnd(const Item &item)
{
    return item.kind == ItemKind::Bar
           && (item.bar == BarKind::RepeatEnd || item.bar == BarKind::RepeatBoth);
}

/**
 * Repeats as nested brackets (the Nottingham renderer): each :| goes back to its matching
 * |: (or, without one, to the start of the part) and the repeats inside
 * that span are played again in full on the second pass. An ending is chosen by whether the
 * :| that closes it has already sent the performance back.
 */
std::vector<int> expandNestedRepeats(const std::vector<Item> &items)
{
    const int n = int(items.size());
    std::vector<int> target(n, 0);  // for a :|, where it jumps back to
    std::vector<int> closer(n, -1); // for an ending, the :| that decides its pass
    std::vector<int> open;
    for (int i = 0; i < n; ++i) {
        const Item &item = items[i];
        if (isRepeatEnd(item)) {
            if (!open.empty()) {
                target[i] = open.back();
                open.pop_back();
            } else {
                target[i] = 0;
            }
        }
        if (item.kind == ItemKind::Bar
            && (item.bar == BarKind::RepeatStart || item.bar == BarKind::RepeatBoth))
            open.push_back(i + 1);
        if (item.kind == ItemKind::Ending) {
            int k = i - 1;
            while (k >= 0 && items[k].kind == ItemKind::Symbol)
                --k;
            if (k >= 0 && isRepeatEnd(items[k])) {
                closer[i] = k;
            } else {
                for (k = i + 1; k < n; ++k) {
                    if (isRepeatEnd(items[k])) {
                        closer[i] = k;
                        break;
                    }
                    if (items[k].kind == ItemKind::Ending
                        || (items[k].kind == ItemKind::Bar && items[k].bar != BarKind::Plain))
                        break;
                }
            }
        }
    }
    std::vector<int> order;
    std::vector<char> jumped(n, 0);
    int i = 0;
    while (i < n) {
        if (order.size() > kMaxEvents)
            break; // the caller reports the tune as too long
        const Item &item = items[i];
        if (isRepeatEnd(item) && !jumped[i]) {
            order.push_back(i);
            std::fill(jumped.begin() + target[i], jumped.begin() + i, 0);
            jumped[i] = 1;
            i = target[i];
            continue;
        }
        if (item.kind == ItemKind::Ending) {
            const int e = closer[i];
            const int pass = e >= 0 && jumped[e] ? 2 : 1;
            if (std::find(item.endings.begin(), item.endings.end(), pass) == item.endings.end()) {
                if (e > i) {
                    i = e + 1;
                } else {
                    ++i;
                    while (i < n && items[i].kind != ItemKind::Ending
                           && !(items[i].kind == ItemKind::Bar && items[i].bar != BarKind::Plain))
                        ++i;
                }
                continue;
            }
        }
        order.push_back(i);
        ++i;
    }
    return order;
}

/** Lays the performed items out in time; returns the end tick. */
double layOut(AbcTune &tune, const std::vector<const Item *> &performed, double offset,
              bool mergeTies)
{
    double pos = offset;
    std::map<int, std::size_t> tied; // pitch -> index of a note waiting for its tie
    for (const Item *item : performed) {
        switch (item->kind) {
        case ItemKind::Notes: {
            std::map<int, std::size_t> nextTied;
            std::map<int, std::size_t> inThisChord; // a unison ([e2e2]) sounds once
            for (const Pitched &p : item->notes) {
                const auto twin = inThisChord.find(p.pitch);
                if (twin != inThisChord.end()) {
                    AbcNote &n = tune.notes[twin->second];
                    n.durationTicks = std::max<std::int64_t>(n.durationTicks, std::llround(pos + p.ticks) - n.startTick);
                    continue;
                }
                const auto start = std::llround(pos);
                const auto end = std::llround(pos + p.ticks);
                const auto it = tied.find(p.pitch);
                std::size_t index;
                if (it != tied.end() && it->second < tune.notes.size()
                    && tune.notes[it->second].startTick + tune.notes[it->second].durationTicks == start) {
                    index = it->second;
                    tune.notes[index].durationTicks = end - tune.notes[index].startTick;
                } else {
                    index = tune.notes.size();
                    tune.notes.push_back(AbcNote{p.pitch, start, end - start, 80});
                }
                if (p.tie && mergeTies)
                    nextTied[p.pitch] = index;
                inThisChord[p.pitch] = index;
            }
            tied = std::move(nextTied);
            pos += item->advance;
            break;
        }
        case ItemKind::Rest:
            tied.clear();
            pos += item->advance;
            break;
        case ItemKind::Symbol: {
            AbcChordSymbol s;
            s.startTick = std::llround(pos);
            s.symbol = item->symbol;
            QString t = item->symbol;
            if (t.startsWith(QLatin1Char('(')) && t.endsWith(QLatin1Char(')')))
                t = t.mid(1, t.size() - 2);
            int used = 0;
            s.rootPitchClass = AbcPitch::parseRoot(t, &used);
            if (s.rootPitchClass >= 0) {
                const int slash = t.indexOf(QLatin1Char('/'), used);
                s.quality = t.mid(used, slash < 0 ? -1 : slash - used);
                if (slash >= 0) {
                    int bassUsed = 0;
                    s.bassPitchClass = AbcPitch::parseRoot(t.mid(slash + 1), &bassUsed);
                }
            }
            tune.chords.push_back(s);
            break;
        }
        case ItemKind::Meter:
            tune.timeSignatures.push_back(TimeSignature{std::llround(pos), item->meter.numerator,
                                                        item->meter.denominator});
            break;
        case ItemKind::Key: {
            KeySignature k = item->key;
            k.tick = std::llround(pos);
            tune.keySignatures.push_back(k);
            break;
        }
        default:
            break;
        }
    }
    return pos;
}

bool isFieldLine(const QString &line)
{
    return line.size() >= 2 && line.at(1) == QLatin1Char(':')
           && ((line.at(0) >= QLatin1Char('A') && line.at(0) <= QLatin1Char('Z'))
               || (line.at(0) >= QLatin1Char('a') && line.at(0) <= QLatin1Char('z'))
               || line.at(0) == QLatin1Char('+'));
}

/** qpm from "1/4=120", "3/8=60", "120" (legacy: unit notes per minute), with optional text. */
std::optional<double> parseTempo(const QString &raw, const AbcFraction &unit)
{
    QString t = raw;
    // Drop quoted text such as "Allegro".
    while (true) {
        const int a = t.indexOf(QLatin1Char('"'));
        if (a < 0)
            break;
        const int b = t.indexOf(QLatin1Char('"'), a + 1);
        t.remove(a, b < 0 ? t.size() - a : b - a + 1);
    }
    t = t.trimmed();
    if (t.isEmpty())
        return std::nullopt;
    const int eq = t.indexOf(QLatin1Char('='));
    bool ok = false;
    if (eq < 0) {
        const double v = t.toDouble(&ok);
        if (!ok || v <= 0 || v > 10000)
            return std::nullopt;
        return v * unit.value() * 4.0;
    }
    const double bpm = t.mid(eq + 1).trimmed().toDouble(&ok);
    if (!ok || bpm <= 0 || bpm > 10000)
        return std::nullopt;
    double beat = 0;
    for (const QString &part : t.left(eq).split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        const auto f = parseFraction(part, false);
        if (!f)
            return std::nullopt;
        beat += f->value();
    }
    if (beat <= 0)
        return std::nullopt;
    return bpm * beat * 4.0;
}

/** Parses one tune: `lines` from its X: line (or the first line) to before the next tune. */
AbcTune parseTune(const QString &file, const QStringList &lines, int firstLine, QStringList &warnings,
                  const AbcReadOptions &options, bool lenient)
{
    AbcTune tune;
    tune.sourceLine = firstLine + 1;
    Cursor cursor;
    cursor.file = &file;
    bool haveL = false;
    bool haveM = false;
    bool haveKey = false;
    QString headerParts;
    QString order;
    AbcPitch::Alterations keyAlt{};
    QString pendingTempo;
    int tempoLine = 0;
    int i = 0;
    for (; i < lines.size() && !haveKey; ++i) {
        cursor.line = firstLine + i + 1;
        const QString &line = lines.at(i);
        if (line.startsWith(QLatin1Char('%')) || line.trimmed().isEmpty())
            continue;
        if (!isFieldLine(line))
            cursor.fail(1, QStringLiteral("expected a header field or the K: field that ends the header, found '%1'")
                               .arg(line.left(20)));
        QString value = line.mid(2);
        const int comment = value.indexOf(QLatin1Char('%'));
        if (comment >= 0)
            value.truncate(comment);
        const QString v = value.trimmed();
        switch (line.at(0).unicode()) {
        case 'X': {
            bool ok = false;
            tune.number = v.toInt(&ok);
            if (!ok)
                cursor.fail(3, QStringLiteral("expected a tune number after X:, found '%1'").arg(v));
            break;
        }
        case 'T':
            if (tune.title.isEmpty())
                tune.title = v;
            else
                tune.otherTitles << v;
            break;
        case 'M': {
            const auto m = parseFraction(v, true);
            if (!m)
                cursor.fail(3, QStringLiteral("expected a meter such as 6/8, found '%1'").arg(v));
            tune.meter = *m;
            haveM = true;
            break;
        }
        case 'L': {
            const auto l = parseFraction(v, false);
            if (!l)
                cursor.fail(3, QStringLiteral("expected a unit length such as 1/8, found '%1'").arg(v));
            tune.unitLength = *l;
            haveL = true;
            break;
        }
        case 'Q':
            pendingTempo = v;
            tempoLine = cursor.line;
            break;
        case 'P':
            headerParts = v;
            break;
        case 'Y':
            order = v;
            break;
        case 'K': {
            QString error;
            const auto key = AbcPitch::parseKey(v, &keyAlt, &error);
            if (!key)
                cursor.fail(3, error);
            tune.key = *key;
            haveKey = true;
            break;
        }
        default:
            break;
        }
    }
    if (!haveKey) {
        cursor.line = firstLine + 1;
        cursor.fail(1, QStringLiteral("expected a K: field ending the header of tune %1, found none").arg(tune.number));
    }
    if (!haveM)
        tune.meter = AbcFraction{4, 4};
    if (!haveL)
        tune.unitLength = tune.meter.value() < 0.75 ? AbcFraction{1, 16} : AbcFraction{1, 8};
    if (!pendingTempo.isEmpty()) {
        const auto q = parseTempo(pendingTempo, tune.unitLength);
        if (q)
            tune.qpm = *q;
        else
            warnings << QStringLiteral("%1: line %2: ignored tempo 'Q:%3'").arg(file).arg(tempoLine).arg(pendingTempo);
    }

    BodyParser body(file, tune, keyAlt, warnings, options, lenient);
    for (; i < lines.size(); ++i) {
        const QString &line = lines.at(i);
        if (line.startsWith(QLatin1Char('%')))
            continue;
        if (isFieldLine(line)) {
            QString value = line.mid(2);
            const int comment = value.indexOf(QLatin1Char('%'));
            if (comment >= 0)
                value.truncate(comment);
            body.fieldLine(firstLine + i + 1, line.at(0), value, 3);
            continue;
        }
        body.musicLine(firstLine + i + 1, line);
    }
    body.finish(firstLine + int(lines.size()));

    // Part order: the dataset's Y:, else a header P: naming more than one part.
    std::vector<Part> &parts = body.parts();
    if (order.isEmpty() && parts.size() > 1 && options.headerPartIsPlayOrder)
        order = headerParts;
    tune.partOrder = order;
    std::vector<const Item *> performed;
    auto perform = [&](const Part &part) {
        const std::vector<int> idx = options.nestedRepeats ? expandNestedRepeats(part.items)
                                                           : expandRepeats(part.items);
        for (int k : idx)
            performed.push_back(&part.items[k]);
        if (performed.size() > kMaxEvents)
            throw MediaError(file, QStringLiteral("tune %1 too long after expanding repeats").arg(tune.number), -1,
                             tune.sourceLine, 1);
    };
    bool usedOrder = false;
    if (!order.isEmpty() && parts.size() > 1) {
        usedOrder = true;
        // Music before the first labelled part is an introduction played once.
        if (parts.front().label.isEmpty())
            perform(parts.front());
        int k = 0;
        while (k < order.size()) {
            const QChar c = order.at(k++);
            if (!c.isLetter())
                continue;
            int times = 0;
            while (k < order.size() && order.at(k).isDigit() && times < 100)
                times = times * 10 + (order.at(k++).unicode() - '0');
            times = std::max(1, times);
            const auto it = std::find_if(parts.begin(), parts.end(),
                                         [&](const Part &p) { return p.label == QString(c); });
            if (it == parts.end()) {
                warnings << QStringLiteral("%1: tune %2: part '%3' of the order '%4' does not exist")
                                .arg(file).arg(tune.number).arg(c).arg(order);
                continue;
            }
            for (int t = 0; t < times; ++t)
                perform(*it);
        }
    }
    if (!usedOrder) {
        for (const Part &p : parts) {
            if (!hasMusic(p))
                continue;
            perform(p);
            if (options.onlyFirstPartWithoutOrder)
                break;
        }
    }

    // A pickup before the first bar line is shifted to end at one full measure.
    // Bar lines before the first note ("|:ag|...") do not end it; a body M: before it counts.
    double pickup = 0;
    bool sawBar = false;
    AbcFraction firstMeter = tune.meter;
    for (const Item *item : performed) {
        if (item->kind == ItemKind::Bar && pickup > 0) {
            sawBar = true;
            break;
        }
        if (item->kind == ItemKind::Meter)
            firstMeter = item->meter;
        if (item->kind == ItemKind::Notes || item->kind == ItemKind::Rest)
            pickup += item->advance;
    }
    const double measure = 4.0 * AbcTune::ppq * firstMeter.value();
    const double offset = sawBar && pickup > 0.5 && pickup < measure - 0.5 ? measure - pickup : 0.0;

    tune.timeSignatures.push_back(TimeSignature{0, tune.meter.numerator, tune.meter.denominator});
    tune.keySignatures.push_back(KeySignature{0, tune.key.sharps, tune.key.mode == QLatin1String("minor")});
    const double end = layOut(tune, performed, offset, options.mergeTies);
    tune.endTick = std::llround(end);
    std::stable_sort(tune.notes.begin(), tune.notes.end(), [](const AbcNote &a, const AbcNote &b) {
        return a.startTick != b.startTick ? a.startTick < b.startTick : a.pitch < b.pitch;
    });
    return tune;
}

QStringList splitLines(const QString &text)
{
    QString t = text;
    t.replace(QLatin1String("\r\n"), QLatin1String("\n"));
    t.replace(QLatin1Char('\r'), QLatin1Char('\n'));
    return t.split(QLatin1Char('\n'));
}

AbcReadResult readLenient(const QString &text, const QString &name, bool stopAtFirst,
                          const AbcReadOptions &options)
{
    AbcReadResult result;
    const QStringList lines = splitLines(text);
    // Tunes start at X: and end at a blank line or the next X:. Without any X:, the whole
    // text is one tune (a pasted fragment).
    bool anyX = false;
    for (const QString &l : lines) {
        if (l.startsWith(QLatin1String("X:"))) {
            anyX = true;
            break;
        }
    }
    int i = 0;
    const int n = int(lines.size());
    while (i < n) {
        int start = -1;
        if (anyX) {
            while (i < n && !lines.at(i).startsWith(QLatin1String("X:")))
                ++i;
            if (i >= n)
                break;
            start = i;
        } else {
            while (i < n && lines.at(i).trimmed().isEmpty())
                ++i;
            if (i >= n)
                break;
            start = i;
        }
        int end = start + 1;
        while (end < n && !lines.at(end).trimmed().isEmpty() && !lines.at(end).startsWith(QLatin1String("X:")))
            ++end;
        try {
            result.tunes.push_back(parseTune(name, lines.mid(start, end - start), start, result.warnings, options, !stopAtFirst));
        } catch (const MediaError &e) {
            result.errors.push_back(e);
            if (stopAtFirst)
                return result;
        }
        i = end;
    }
    return result;
}

QString decode(const QByteArray &bytes)
{
    QStringDecoder utf8(QStringDecoder::Utf8);
    QString text = utf8.decode(bytes);
    if (utf8.hasError())
        text = QString::fromLatin1(bytes);
    return text;
}

} // namespace

TempoMap AbcTune::tempoMap() const
{
    TempoMap map(ppq);
    map.setTempo(TempoPoint{0, 60'000'000.0 / (qpm > 0 ? qpm : 120.0)});
    for (const TimeSignature &s : timeSignatures)
        map.setTimeSignature(s);
    for (const KeySignature &k : keySignatures)
        map.setKeySignature(k);
    return map;
}

AbcReadResult readAbcTextLenient(const QString &text, const QString &nameForErrors,
                                 const AbcReadOptions &options)
{
    return readLenient(text, nameForErrors, false, options);
}

std::vector<AbcTune> readAbcText(const QString &text, const QString &nameForErrors,
                                 const AbcReadOptions &options)
{
    AbcReadResult r = readLenient(text, nameForErrors, true, options);
    if (!r.errors.empty())
        throw r.errors.front();
    return std::move(r.tunes);
}

AbcReadResult readAbcFileLenient(const QString &path, const AbcReadOptions &options)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        AbcReadResult r;
        r.errors.push_back(MediaError(path, QStringLiteral("cannot open: %1").arg(f.errorString())));
        return r;
    }
    return readAbcTextLenient(decode(f.readAll()), path, options);
}

std::vector<AbcTune> readAbcFile(const QString &path, const AbcReadOptions &options)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        throw MediaError(path, QStringLiteral("cannot open: %1").arg(f.errorString()));
    return readAbcText(decode(f.readAll()), path, options);
}

} // namespace mirstudio::media
