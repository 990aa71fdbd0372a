// SPDX-License-Identifier: GPL-3.0-or-later
// mirstudio-cli: the headless front end. Exit codes: 0 success, 1 the input could not be read
// or the work failed (the message says which file, where and why), 2 bad usage.
#include "app/cli/demosession.h"
#include "app/cli/fileinspector.h"
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

constexpr int kExitOk = 0;
constexpr int kExitFailed = 1;
constexpr int kExitUsage = 2;

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
    "  --version           print the version\n"
    "  --help              print this help\n"
    "\n"
    "exit codes: 0 success, 1 an input could not be read or the work failed, 2 bad usage\n";

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
    return usageError(err, QStringLiteral("unknown command '%1'").arg(cmd));
}
