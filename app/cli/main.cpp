// SPDX-License-Identifier: GPL-3.0-or-later
// mirstudio-cli: the headless front end. Exit codes (app/cli/exitcodes.h): 0 success, 1 the
// input could not be read or the work failed (the message says which file, where and why),
// 2 bad usage, 3 plugin not found or not usable, 130 cancelled with Ctrl+C.
#include "app/cli/demosession.h"
#include "app/cli/exitcodes.h"
#include "app/cli/fileinspector.h"
#include "app/cli/plugincommands.h"
#include "app/cli/rendercommand.h"
#include "core/media/mediaerror.h"
#include "core/session/sessionerror.h"
#include "plugins/sdk/sdkversion.h"

#include <QCoreApplication>
#include <QStringList>
#include <QTextStream>

#include <exception>

using namespace mirstudio;

namespace {

using cli::kExitFailed;
using cli::kExitOk;
using cli::kExitUsage;

const char *kUsage =
    "usage: mirstudio-cli COMMAND [ARGS]\n"
    "\n"
    "commands:\n"
    "  inspect FILE...     print what an audio (WAV, FLAC, OGG, MP3, AIFF), MIDI, ABC or session\n"
    "                      file holds, or the precise error\n"
    "  make-demo DIR       write the demo arrangement (demo.mid), its FluidSynth rendering\n"
    "                      (demo.flac) and a session using both (demo.mirstudio) into DIR\n"
    "  render SESSION OUT.wav [--start s] [--end s] [--rate r]\n"
    "                      bounce the session (or the range [start, end) in seconds) offline to\n"
    "                      a stereo float WAV, at the session rate or resampled to r Hz\n"
    "  list [--json]       list the model plugins found, their state and capabilities (errors\n"
    "                      of broken plugins included)\n"
    "  info PLUGIN [--json]\n"
    "                      the plugin's manifest: paper, licences, methods, parameters with\n"
    "                      ranges and defaults, weight files with origin and check status\n"
    "  run PLUGIN METHOD --in [ID=]FILE ... --out FILE_OR_DIR [--param KEY=VALUE ...] [--json]\n"
    "      [--verbose]\n"
    "                      run a method: audio in from WAV/FLAC/OGG/MP3, notes in from MIDI;\n"
    "                      stems out as DIR/STEM.wav, audio as float WAV, notes as MIDI,\n"
    "                      annotations, latent codes and matrices as CSV; with several outputs\n"
    "                      --out is a folder holding OUTPUT_ID.EXT. Nothing partial is left\n"
    "                      behind on failure or Ctrl+C. --verbose prints the plugin's log\n"
    "  train PLUGIN --data DIR --out DIR [--steps N] [--param KEY=VALUE ...] [--json]\n"
    "                      run the plugin's train method on a data folder\n"
    "  --version           print the version\n"
    "  --help              print this help\n"
    "\n"
    "plugins are searched in $MIRSTUDIO_PLUGIN_PATH (colon-separated), the build tree's plugins/,\n"
    "<prefix>/lib/mirstudio/plugins and the user's data folder; progress goes to stderr\n"
    "\n"
    "exit codes: 0 success, 1 an input could not be read or the work failed, 2 bad usage\n"
    "(arguments, unknown method or parameter), 3 plugin not found or not usable, 130 cancelled\n"
    "with Ctrl+C\n";

int usageError(QTextStream &err, const QString &message)
{
    err << "mirstudio-cli: " << message << "\n\n" << kUsage;
    return kExitUsage;
}

/** Runs `work`, turning every error into a message on stderr and exit code 1. */
template<typename Work>
int guarded(QTextStream &err, Work &&work)
{
    try {
        work();
        return kExitOk;
    } catch (const media::MediaError &e) {
        err << "mirstudio-cli: error: " << e.text() << "\n";
    } catch (const SessionError &e) {
        err << "mirstudio-cli: error: " << e.text() << "\n";
    } catch (const std::exception &e) {
        err << "mirstudio-cli: error: " << QString::fromUtf8(e.what()) << "\n";
    }
    return kExitFailed;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("mirstudio-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(MIRSTUDIO_VERSION));
    QTextStream out(stdout);
    QTextStream err(stderr);
    const QStringList args = app.arguments().mid(1);
    if (args.isEmpty())
        return usageError(err, QStringLiteral("no command given"));
    const QString cmd = args.front();
    if (cmd == QLatin1String("--help") || cmd == QLatin1String("-h") || cmd == QLatin1String("help")) {
        out << kUsage;
        return kExitOk;
    }
    if (cmd == QLatin1String("--version")) {
        out << "mirstudio-cli " << MIRSTUDIO_VERSION << " (plugin SDK " << sdk::sdkVersionString() << ")\n";
        return kExitOk;
    }
    if (cmd == QLatin1String("inspect")) {
        if (args.size() < 2)
            return usageError(err, QStringLiteral("inspect needs a FILE"));
        int rc = kExitOk;
        for (int i = 1; i < args.size(); ++i) {
            if (i > 1)
                out << "\n";
            const int r = guarded(err, [&] { cli::FileInspector::inspect(args[i], out); out.flush(); });
            rc = std::max(rc, r);
        }
        return rc;
    }
    if (cmd == QLatin1String("make-demo")) {
        if (args.size() != 2)
            return usageError(err, QStringLiteral("make-demo needs exactly one DIR"));
        return guarded(err, [&] {
            const cli::DemoFiles f = cli::makeDemo(args[1]);
            out << "wrote " << f.midi << "\n"
                << "wrote " << f.audio << " (rendered with " << f.soundFont << ")\n"
                << "wrote " << f.session << "\n";
        });
    }
    if (cmd == QLatin1String("render")) {
        cli::RenderCommand::Arguments ra;
        QString problem;
        if (!cli::RenderCommand::parse(args.mid(1), ra, problem))
            return usageError(err, problem);
        return guarded(err, [&] { cli::RenderCommand::run(ra, out, err); out.flush(); });
    }
    using Command = int (*)(const QStringList &, QTextStream &, QTextStream &);
    const QList<std::pair<const char *, Command>> pluginCommands{
        {"list", &cli::PluginCommands::list}, {"info", &cli::PluginCommands::info},
        {"run", &cli::PluginCommands::run}, {"train", &cli::PluginCommands::train}};
    for (const auto &[name, command] : pluginCommands) {
        if (cmd == QLatin1String(name)) {
            const int rc = command(args.mid(1), out, err);
            out.flush();
            return rc;
        }
    }
    return usageError(err, QStringLiteral("unknown command '%1'").arg(cmd));
}
