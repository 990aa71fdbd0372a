// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>

#include <optional>

namespace mirstudio {

/**
 * Maps MIDI control changes to parameters: (channel 0-15, controller 0-127) -> parameter id and
 * a value range. apply() turns a CC value 0-127 into the parameter's value (linear in the range;
 * minimum > maximum inverts). Learn mode: startLearn(parameter) makes the next control change
 * handled by handle() bind to that parameter (replacing an older binding of that CC and of that
 * parameter). A value type owned by its user; not thread-safe: use it on one non-realtime thread
 * (the thread that drains MidiPorts::readInput), or hand the engine a copy.
 */
class MidiCcMap
{
public:
    struct Mapping
    {
        int channel = 0;
        int controller = 0;
        QString parameterId;
        double minimum = 0.0;
        double maximum = 1.0;
    };

    struct Result
    {
        QString parameterId;
        double value = 0.0;
        bool learned = false; ///< this CC was just bound by learn mode
    };

    /** Binds (channel, controller) to @p parameterId; false for out-of-range channel/controller. */
    bool map(int channel, int controller, const QString &parameterId, double minimum = 0.0,
             double maximum = 1.0);
    /** Removes the binding of (channel, controller); false when there was none. */
    bool unmap(int channel, int controller);
    /** Removes every binding of @p parameterId; returns how many were removed. */
    int unmapParameter(const QString &parameterId);
    void clear();

    std::optional<Mapping> mapping(int channel, int controller) const;
    QList<Mapping> mappings() const { return m_mappings; }

    /** The mapped value of CC @p value (clamped to 0-127), or nothing when the CC is unmapped. */
    std::optional<Result> apply(int channel, int controller, int value) const;

    /** Learn mode: the next CC seen by handle() binds to @p parameterId with this range. */
    void startLearn(const QString &parameterId, double minimum = 0.0, double maximum = 1.0);
    void cancelLearn();
    bool isLearning() const { return m_learning.has_value(); }

    /** Handles one control change: binds it first when learning, then apply(). */
    std::optional<Result> handle(int channel, int controller, int value);
    /** Handles a raw MIDI message; anything but a control change gives nothing. */
    std::optional<Result> handleMessage(const unsigned char *bytes, int size);

    /** @p value (0-127) as a 0..1 fraction. */
    static double normalise(int value);

private:
    static bool valid(int channel, int controller);
    int indexOf(int channel, int controller) const;

    QList<Mapping> m_mappings;
    std::optional<Mapping> m_learning;
};

} // namespace mirstudio
