// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QRandomGenerator>

namespace mirstudio::media {
struct AudioData;
}

namespace mirstudio::widgets {

/**
 * An A/B/X listening comparison of a stem (A) with the original mix (B) at matched loudness:
 * the louder of the two is attenuated to the quieter one's level (setLevels takes linear levels:
 * RMS, or 10^(LUFS/20) of BS.1770 loudness as StemGroupLane passes), so a difference heard is not just
 * a level difference. X is A or B at random, hidden until the listener guesses; every guess
 * counts and draws a new X. Value type; GUI thread.
 */
class AbxComparison
{
public:
    enum class Choice { A, B, X };

    explicit AbxComparison(quint32 seed = QRandomGenerator::global()->generate());

    /** RMS over all channels and frames (0 for empty audio). */
    static double rms(const media::AudioData &audio);

    void setLevels(double rmsA, double rmsB);
    double gainDbA() const { return m_gainDbA; }
    double gainDbB() const { return m_gainDbB; }

    Choice selected() const { return m_selected; }
    void select(Choice choice) { m_selected = choice; }
    /** What is heard now: A or B (X resolved). */
    Choice audible() const;

    /** Scores a guess of what X is (A or B) and draws a new X. Returns whether it was right. */
    bool guess(Choice xIs);
    int trials() const { return m_trials; }
    int correct() const { return m_correct; }

private:
    void drawX() { m_xIsA = (m_random.generate() & 1u) != 0; }

    QRandomGenerator m_random;
    bool m_xIsA = true;
    Choice m_selected = Choice::A;
    double m_gainDbA = 0.0;
    double m_gainDbB = 0.0;
    int m_trials = 0;
    int m_correct = 0;
};

} // namespace mirstudio::widgets
