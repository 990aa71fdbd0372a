// SPDX-License-Identifier: GPL-3.0-or-later
// mirstudio: the workstation window. `mirstudio [session]` opens a session (the bundled demo
// when none is given); `--screenshot out.png` renders the window to a PNG and exits.
#include "app/gui/mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QTimer>

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("MIR Studio"));
    QApplication::setOrganizationName(QStringLiteral("MIR Studio"));
    QApplication::setApplicationVersion(QStringLiteral(MIRSTUDIO_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Workstation for ISMIR 2020 music-AI models"));
    parser.addHelpOption();
    parser.addVersionOption();
    QCommandLineOption screenshot(QStringLiteral("screenshot"),
        QStringLiteral("Render the window to <png> (1600x1000) and exit."), QStringLiteral("png"));
    parser.addOption(screenshot);
    parser.addPositionalArgument(QStringLiteral("session"),
        QStringLiteral("Session to open (default: the bundled demo)."));
    parser.process(app);

    const QStringList positional = parser.positionalArguments();
    const QString session = positional.isEmpty() ? QStringLiteral(MIRSTUDIO_DEMO_SESSION) : positional.front();

    mirstudio::MainWindow window;
    const bool shot = parser.isSet(screenshot);
    window.setInteractive(!shot);
    if (shot)
        window.resize(1600, 1000);
    window.show();
    const bool opened = window.openSession(session);
    if (!shot)
        window.startAudio(); // no device is a normal state: the status bar says so
    if (shot) {
        const QString out = parser.value(screenshot);
        QTimer::singleShot(300, &window, [&window, out, opened] {
            window.settleForScreenshot();
            const bool ok = window.grab().save(out);
            if (!ok)
                qCritical("cannot write %s", qPrintable(out));
            QApplication::exit(ok && opened ? 0 : 1);
        });
    }
    return app.exec();
}
