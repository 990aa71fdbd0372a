// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>
#include <QTextStream>

namespace mirstudio::cli {

/**
 * The plugin commands of mirstudio-cli: `list`, `info PLUGIN`, `run PLUGIN METHOD --in [id=]FILE
 * ... --out PATH [--param k=v ...]` and `train PLUGIN --data DIR --out DIR [--steps N]
 * [--param k=v ...]`, each with `--json` for machine output. Plugins are found by PluginHost
 * (MIRSTUDIO_PLUGIN_PATH, the build tree, the install prefix, the user folder) and run through
 * JobRunner; a run shows progress on stderr, Ctrl+C cancels the job and leaves no partial output.
 * Each function takes the arguments after the command name and returns an exit code
 * (app/cli/exitcodes.h). Main thread only.
 */
class PluginCommands
{
public:
    static int list(const QStringList &args, QTextStream &out, QTextStream &err);
    static int info(const QStringList &args, QTextStream &out, QTextStream &err);
    static int run(const QStringList &args, QTextStream &out, QTextStream &err);
    static int train(const QStringList &args, QTextStream &out, QTextStream &err);
};

} // namespace mirstudio::cli
