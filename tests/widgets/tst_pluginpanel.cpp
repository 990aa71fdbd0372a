// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/parameterfield.h"
#include "widgets/pluginpanel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSlider>
#include <QSpinBox>
#include <QTemporaryFile>
#include <QTest>

using namespace mirstudio;
using namespace mirstudio::widgets;
using Type = sdk::ParameterSpec::Type;

namespace {

sdk::ParameterSpec param(const QString &id, Type type, const QVariant &def, double min = 0, double max = 1)
{
    sdk::ParameterSpec p;
    p.id = id;
    p.name = id;
    p.type = type;
    p.defaultValue = def;
    p.minimum = min;
    p.maximum = max;
    return p;
}

sdk::MethodSpec separateMethod()
{
    sdk::MethodSpec m;
    m.id = QStringLiteral("separate");
    m.name = QStringLiteral("Separate");
    m.parameters << param(QStringLiteral("shifts"), Type::Int, 2, 0, 10)
                 << param(QStringLiteral("overlap"), Type::Float, 0.25, 0.0, 0.9)
                 << param(QStringLiteral("wiener"), Type::Bool, true);
    auto model = param(QStringLiteral("model"), Type::Choice, QStringLiteral("small"));
    model.choices = {QStringLiteral("small"), QStringLiteral("large")};
    auto weights = param(QStringLiteral("weights"), Type::File, QString());
    weights.fileFilter = QStringLiteral("Weights (*.pt)");
    m.parameters << model << param(QStringLiteral("label"), Type::String, QStringLiteral("stems")) << weights
                 << param(QStringLiteral("input"), Type::Clip, QString());
    return m;
}

} // namespace

class TstPluginPanel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void buildsOneWidgetPerTypeAtTheDefaults()
    {
        // GIVEN a method with one parameter of every type
        PluginPanel panel(separateMethod());
        // THEN each has the widget its type calls for, set to the default
        QVERIFY(panel.field(QStringLiteral("shifts"))->slider());
        QCOMPARE(qobject_cast<QSpinBox *>(panel.field(QStringLiteral("shifts"))->spinBox())->value(), 2);
        QCOMPARE(panel.field(QStringLiteral("overlap"))->slider()->value(), 278); // 0.25 of 0..0.9
        QVERIFY(panel.field(QStringLiteral("wiener"))->checkBox()->isChecked());
        QCOMPARE(panel.field(QStringLiteral("model"))->comboBox()->count(), 2);
        QCOMPARE(panel.field(QStringLiteral("label"))->lineEdit()->text(), QStringLiteral("stems"));
        QVERIFY(panel.field(QStringLiteral("weights"))->lineEdit());
        QVERIFY(panel.field(QStringLiteral("input"))->comboBox());
        // AND without a clip to work on, Run is disabled with a reason
        QVERIFY(!panel.runButton()->isEnabled());
        QVERIFY(panel.message().contains(QStringLiteral("input")));
    }

    void sliderAndSpinBoxStayInStep()
    {
        PluginPanel panel(separateMethod());
        ParameterField *overlap = panel.field(QStringLiteral("overlap"));
        // WHEN the slider moves to the middle
        overlap->slider()->setValue(500);
        // THEN the value follows (0.45 of 0..0.9), and the int slider drives its spin box
        QCOMPARE(overlap->value().toDouble(), 0.45);
        panel.field(QStringLiteral("shifts"))->slider()->setValue(7);
        QCOMPARE(panel.values().value(QStringLiteral("shifts")).toInt(), 7);
    }

    void runEmitsTheResolvedParameters()
    {
        // GIVEN a panel offered two clips, the second picked, the model switched to large
        PluginPanel panel(separateMethod());
        panel.setClipChoices({{QStringLiteral("Mix / clip 1"), QStringLiteral("t1/c1")},
                              {QStringLiteral("Mix / clip 2"), QStringLiteral("t1/c2")}});
        panel.field(QStringLiteral("input"))->comboBox()->setCurrentIndex(1);
        panel.field(QStringLiteral("model"))->comboBox()->setCurrentIndex(1);
        QVERIFY(panel.runButton()->isEnabled());
        QSignalSpy run(&panel, &PluginPanel::runRequested);
        // WHEN Run is clicked
        QTest::mouseClick(panel.runButton(), Qt::LeftButton);
        // THEN the method id and every parameter, normalised, are emitted
        QCOMPARE(run.count(), 1);
        QCOMPARE(run.first().at(0).toString(), QStringLiteral("separate"));
        const QVariantMap p = run.first().at(1).toMap();
        QCOMPARE(p.size(), 7);
        QCOMPARE(p.value(QStringLiteral("input")).toString(), QStringLiteral("t1/c2"));
        QCOMPARE(p.value(QStringLiteral("model")).toString(), QStringLiteral("large"));
        QCOMPARE(p.value(QStringLiteral("shifts")).toInt(), 2);
        QCOMPARE(p.value(QStringLiteral("wiener")).toBool(), true);
    }

    void aMissingFileBlocksRun()
    {
        PluginPanel panel(separateMethod());
        panel.setClipChoices({{QStringLiteral("clip"), QStringLiteral("t/c")}});
        QVERIFY(panel.runButton()->isEnabled());
        // WHEN a weights file that does not exist is typed
        panel.setValue(QStringLiteral("weights"), QStringLiteral("/nonexistent/model.pt"));
        // THEN Run is disabled and the message names the file
        QVERIFY(!panel.runButton()->isEnabled());
        QVERIFY(panel.message().contains(QStringLiteral("/nonexistent/model.pt")));
        // AND an existing file clears it
        QTemporaryFile file;
        QVERIFY(file.open());
        panel.setValue(QStringLiteral("weights"), file.fileName());
        QVERIFY(panel.runButton()->isEnabled());
        QVERIFY(panel.message().isEmpty());
    }
};

QTEST_MAIN(TstPluginPanel)
#include "tst_pluginpanel.moc"
