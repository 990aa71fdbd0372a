// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>
#include <QTextStream>

namespace mirstudio::cli {

/**
 * `mirstudio-cli render SESSION OUT.wav [--start s] [--end s] [--rate r]`: bounces a session (or
 * the time range [start, end) in seconds) offline through the engine to a 32-bit float stereo
 * WAV, at the session rate or resampled to `--rate`. Progress goes to stderr in 10 % steps.
 * Stateless; runs on the calling thread.
 */
class RenderCommand
{
public:
    struct Arguments
    {
        QString session;
        QString output;
        double start = 0.0;
        double end = -1.0; // < 0: to the end of the session
        int rate = 0;      // 0: the session rate
    };

    /** Parses the arguments after "render"; false and `error` set on bad usage. */
    static bool parse(const QStringList &args, Arguments &parsed, QString &error);
    /** Renders; throws media::MediaError / SessionError / std::exception on failure. */
    static void run(const Arguments &args, QTextStream &out, QTextStream &err);
};

} // namespace mirstudio::cli
