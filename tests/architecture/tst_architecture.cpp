// SPDX-License-Identifier: GPL-3.0-or-later
#include "includerules.h"

#include <QDir>
#include <QTest>

using namespace mirstudio::architecture;

class TestArchitecture : public QObject
{
    Q_OBJECT
private:
    IncludeRules rules() const
    {
        const QStringList names = QDir(QStringLiteral(MIRSTUDIO_QTWIDGETS_HEADER_DIR)).entryList(QDir::Files);
        return IncludeRules(QSet<QString>(names.begin(), names.end()));
    }

private Q_SLOTS:
    void qtWidgetsHeadersAreKnown()
    {
        // The rule is only as good as the list of Qt Widgets headers it knows.
        QVERIFY2(QDir(QStringLiteral(MIRSTUDIO_QTWIDGETS_HEADER_DIR)).exists(QStringLiteral("QWidget")),
                 MIRSTUDIO_QTWIDGETS_HEADER_DIR);
    }

    void rulesCatchEachKindOfViolation_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("violations");
        QTest::newRow("core includes QWidget") << "core/session/x.cpp" << "#include <QWidget>\n" << 1;
        QTest::newRow("media includes QtWidgets/") << "core/media/x.h" << "#include <QtWidgets/QLabel>\n" << 1;
        QTest::newRow("core includes torch") << "core/x.cpp" << "#include <torch/torch.h>\n" << 1;
        QTest::newRow("media includes ATen") << "core/media/y.cpp" << "  #  include <ATen/ATen.h>\n" << 1;
        QTest::newRow("media includes session") << "core/media/y.cpp" << "#include \"core/session/session.h\"\n" << 1;
        QTest::newRow("plugin includes core") << "plugins/unmix/m.cpp" << "#include \"core/session/session.h\"\n" << 1;
        QTest::newRow("plugin includes widgets") << "plugins/unmix/m.cpp" << "#include \"widgets/lane.h\"\n" << 1;
        QTest::newRow("sdk includes QWidget") << "plugins/sdk/p.h" << "#include <QWidget>\n" << 2;
        QTest::newRow("widgets includes torch") << "widgets/w.cpp" << "#include <c10/core/Device.h>\n" << 1;
        QTest::newRow("plugin includes media: fine") << "plugins/unmix/m.cpp" << "#include \"core/media/audiofile.h\"\n" << 0;
        QTest::newRow("plugin includes torch: fine") << "plugins/unmix/m.cpp" << "#include <torch/torch.h>\n" << 0;
        QTest::newRow("core includes QtCore: fine") << "core/session/s.cpp" << "#include <QObject>\n#include <QUndoStack>\n" << 0;
        QTest::newRow("widgets includes QWidget: fine") << "widgets/w.cpp" << "#include <QWidget>\n" << 0;
    }
    void rulesCatchEachKindOfViolation()
    {
        QFETCH(QString, path);
        QFETCH(QString, text);
        QFETCH(int, violations);
        // GIVEN the rules WHEN one file is checked THEN exactly the expected violations show
        QCOMPARE(rules().check(path, text).size(), violations);
    }

    void theTreeFollowsTheRules()
    {
        // GIVEN the whole source tree WHEN every layer is checked THEN nothing breaks a rule
        const auto found = rules().checkTree(QStringLiteral(MIRSTUDIO_SOURCE_DIR));
        for (const auto &v : found)
            qWarning().noquote() << v.file << ":" << v.line << ": includes" << v.include << "-" << v.rule;
        QCOMPARE(found.size(), 0);
    }
};

QTEST_GUILESS_MAIN(TestArchitecture)
#include "tst_architecture.moc"
