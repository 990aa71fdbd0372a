// SPDX-License-Identifier: GPL-3.0-or-later
// The SDK's manifest and parameter parsing: precise JSON-path errors and type contracts.
#include "plugins/sdk/manifest.h"
#include "plugins/sdk/parameterspec.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace mirstudio::sdk;

namespace {

QJsonObject json(const char *text)
{
    return QJsonDocument::fromJson(QByteArray(text)).object();
}

/** A valid separate-capability manifest to break in one place at a time. */
QJsonObject validManifest()
{
    return json(R"({"id": "sep", "name": "Sep", "version": "1.0", "sdk": "1.0", "licence": "MIT",
        "capabilities": ["separate"],
        "methods": [{"id": "separate", "capability": "separate",
                     "inputs": [{"id": "mix", "type": "audio"}],
                     "outputs": [{"id": "stems", "type": "stems"}],
                     "parameters": [{"id": "wiener", "type": "int", "default": 1, "min": 0, "max": 3}]}],
        "runtime": {"weights": [{"id": "v", "file": "v.pt", "size": 10, "licence": "MIT", "origin": "official"}],
                    "sampleRate": 44100}})");
}

QJsonObject withMethod(QJsonObject manifest, const char *method)
{
    manifest.insert(QStringLiteral("methods"), QJsonArray{json(method)});
    return manifest;
}

} // namespace

class TestManifest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parsesAndRoundTrips()
    {
        // GIVEN a valid manifest WHEN parsed THEN every field is read, and toJson() reads back equal
        Manifest m;
        QStringList errors;
        QVERIFY2(Manifest::fromJson(validManifest(), &m, &errors), qPrintable(errors.join('\n')));
        QCOMPARE(m.id, QStringLiteral("sep"));
        QCOMPARE(m.sdkMajor, 1);
        QVERIFY(m.hasCapability(Capability::Separate));
        QCOMPARE(m.methods.size(), 1);
        QCOMPARE(m.method(QStringLiteral("separate"))->inputs.front().kind, ValueKind::Audio);
        QCOMPARE(m.runtime.weights.front().size, 10);
        QCOMPARE(m.runtime.sampleRate, 44100.0);
        Manifest again;
        QVERIFY(Manifest::fromJson(m.toJson(), &again, &errors));
        QCOMPARE(again.toJson(), m.toJson());
    }

    void reportsEveryErrorWithItsPath_data()
    {
        QTest::addColumn<QJsonObject>("manifest");
        QTest::addColumn<QString>("error");
        QJsonObject m = validManifest();
        m.remove(QStringLiteral("name"));
        QTest::newRow("missing name") << m << "name: missing";
        m = validManifest();
        m.insert(QStringLiteral("id"), QStringLiteral("Bad Id"));
        QTest::newRow("id syntax") << m << "id: \"Bad Id\" must match [a-z][a-z0-9_-]*";
        m = validManifest();
        m.insert(QStringLiteral("sdk"), QStringLiteral("99.0"));
        QTest::newRow("sdk major") << m << "sdk: plugin needs SDK 99.0, this host provides SDK 1.0";
        m = validManifest();
        m.insert(QStringLiteral("capabilities"), QJsonArray{QStringLiteral("separate"), QStringLiteral("dance")});
        QTest::newRow("capability") << m << "capabilities[1]: unknown capability \"dance\"";
        QTest::newRow("param type") << withMethod(validManifest(), R"({"id": "separate", "capability": "separate",
            "inputs": [{"id": "mix", "type": "audio"}], "outputs": [{"id": "stems", "type": "stems"}],
            "parameters": [{"id": "g", "type": "flaot", "default": 0}]})")
            << "methods[0].parameters[0].type: unknown type \"flaot\" (int, float, bool, choice, string, file, clip)";
        QTest::newRow("contract input") << withMethod(validManifest(), R"({"id": "separate", "capability": "separate",
            "inputs": [{"id": "n", "type": "notes"}], "outputs": [{"id": "stems", "type": "stems"}]})")
            << "methods[0].inputs[0].type: notes not allowed by capability separate (audio -> stems)";
        QTest::newRow("contract output") << withMethod(validManifest(), R"({"id": "separate", "capability": "separate",
            "inputs": [{"id": "mix", "type": "audio"}], "outputs": [{"id": "a", "type": "audio"}]})")
            << "methods[0].outputs[0].type: audio not allowed by capability separate (audio -> stems)";
        QTest::newRow("undeclared capability") << withMethod(validManifest(), R"({"id": "g", "capability": "generate",
            "outputs": [{"id": "n", "type": "notes"}]})")
            << "methods[0].capability: \"generate\" is not listed in capabilities";
        QTest::newRow("port kind") << withMethod(validManifest(), R"({"id": "separate", "capability": "separate",
            "inputs": [{"id": "mix", "type": "wav"}], "outputs": [{"id": "stems", "type": "stems"}]})")
            << "methods[0].inputs[0].type: unknown type \"wav\"";
        m = validManifest();
        m.insert(QStringLiteral("runtime"), json(R"({"weights": [{"id": "v", "file": "../v.pt", "licence": "MIT", "origin": "stolen"}]})"));
        QTest::newRow("weight path") << m << "runtime.weights[0].file: must be a relative path inside the model folder";
        QTest::newRow("weight origin") << m << "runtime.weights[0].origin: \"stolen\" must be \"official\" or \"trained\"";
        m = validManifest();
        m.insert(QStringLiteral("capabilities"), QJsonArray{QStringLiteral("latent")});
        QTest::newRow("latent") << withMethod(m, R"({"id": "e", "capability": "latent",
            "inputs": [{"id": "a", "type": "audio"}], "outputs": [{"id": "n", "type": "notes"}]})")
            << "methods[0]: capability latent needs encode (notes|audio -> latent) or decode (latent -> notes|audio), got audio -> notes";
    }
    void reportsEveryErrorWithItsPath()
    {
        QFETCH(QJsonObject, manifest);
        QFETCH(QString, error);
        // WHEN a broken manifest is parsed THEN it is refused with the error at its JSON path
        Manifest m;
        QStringList errors;
        QVERIFY(!Manifest::fromJson(manifest, &m, &errors));
        QVERIFY2(std::any_of(errors.cbegin(), errors.cend(), [&](const QString &e) { return e.startsWith(error); }),
                 qPrintable(errors.join('\n')));
    }

    void latentEncodeAndDecodeAreAccepted()
    {
        // GIVEN latent encode (notes -> latent) and decode (latent -> audio) THEN both are valid
        QJsonObject m = validManifest();
        m.insert(QStringLiteral("capabilities"), QJsonArray{QStringLiteral("latent")});
        m.insert(QStringLiteral("methods"), QJsonArray{
            json(R"({"id": "encode", "capability": "latent", "inputs": [{"id": "n", "type": "notes"}], "outputs": [{"id": "z", "type": "latent"}]})"),
            json(R"({"id": "decode", "capability": "latent", "inputs": [{"id": "z", "type": "latent"}], "outputs": [{"id": "a", "type": "audio"}]})")});
        QStringList errors;
        QVERIFY2(Manifest::fromJson(m, nullptr, &errors), qPrintable(errors.join('\n')));
    }

    void coercesParameterValues_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<QVariant>("in");
        QTest::addColumn<QVariant>("out");   // invalid = refused
        QTest::addColumn<QString>("error");
        const QString f = R"({"id": "g", "type": "float", "default": 0, "min": -24, "max": 24})";
        const QString i = R"({"id": "n", "type": "int", "default": 1, "min": 0, "max": 8})";
        const QString b = R"({"id": "b", "type": "bool", "default": false})";
        const QString c = R"({"id": "c", "type": "choice", "default": "a", "choices": ["a", "b"]})";
        QTest::newRow("float string") << f << QVariant("0.5") << QVariant(0.5) << "";
        QTest::newRow("float high") << f << QVariant(40) << QVariant() << "40 is above the maximum 24";
        QTest::newRow("float text") << f << QVariant("loud") << QVariant() << "\"loud\" is not a number";
        QTest::newRow("int rounds") << i << QVariant("2.6") << QVariant(qlonglong(3)) << "";
        QTest::newRow("int low") << i << QVariant(-1) << QVariant() << "-1 is below the minimum 0";
        QTest::newRow("bool yes") << b << QVariant("yes") << QVariant(true) << "";
        QTest::newRow("bool junk") << b << QVariant("maybe") << QVariant() << "\"maybe\" is not a boolean";
        QTest::newRow("choice") << c << QVariant("b") << QVariant("b") << "";
        QTest::newRow("choice junk") << c << QVariant("z") << QVariant() << "\"z\" is not one of: a, b";
    }
    void coercesParameterValues()
    {
        QFETCH(QString, spec);
        QFETCH(QVariant, in);
        QFETCH(QVariant, out);
        QFETCH(QString, error);
        ParameterSpec p;
        QString why;
        QVERIFY2(ParameterSpec::fromJson(json(spec.toUtf8().constData()), &p, &why), qPrintable(why));
        // WHEN a user value is coerced THEN it is normalised or refused with the reason
        QVariant got;
        const bool ok = p.coerce(in, &got, &why);
        QCOMPARE(ok, out.isValid());
        if (ok)
            QCOMPARE(got, out);
        else
            QVERIFY2(why.startsWith(error), qPrintable(why));
    }

    void resolvesParameters()
    {
        ParameterSpec gain, steps;
        QString why;
        QVERIFY(ParameterSpec::fromJson(json(R"({"id": "gain", "type": "float", "default": -3, "min": -24, "max": 24})"), &gain, &why));
        QVERIFY(ParameterSpec::fromJson(json(R"({"id": "steps", "type": "int", "default": 10, "min": 1, "max": 100})"), &steps, &why));
        // WHEN one value is given THEN the other gets its default
        QVariantMap r = resolveParameters({gain, steps}, {{QStringLiteral("steps"), QStringLiteral("20")}}, &why);
        QCOMPARE(r.value(QStringLiteral("gain")).toDouble(), -3.0);
        QCOMPARE(r.value(QStringLiteral("steps")).toLongLong(), 20);
        // WHEN an unknown key is given THEN it is an error naming the known ones
        why.clear();
        r = resolveParameters({gain, steps}, {{QStringLiteral("gian"), 1}}, &why);
        QVERIFY(r.isEmpty());
        QCOMPARE(why, QStringLiteral("unknown parameter \"gian\" (known: gain, steps)"));
        // WHEN a value is out of range THEN the error names the parameter
        r = resolveParameters({gain, steps}, {{QStringLiteral("steps"), 0}}, &why);
        QCOMPARE(why, QStringLiteral("parameter \"steps\": 0 is below the minimum 1"));
    }

    void sourceTreeManifestsAreValid_data()
    {
        QTest::addColumn<QString>("path");
        const QDir plugins(QStringLiteral(MIRSTUDIO_SOURCE_DIR "/plugins"));
        for (const QString &d : plugins.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
            const QString path = plugins.filePath(d + QStringLiteral("/manifest.json"));
            if (QFile::exists(path))
                QTest::newRow(qPrintable(d)) << path;
        }
        for (const char *fixture : {"echo", "slowcancel", "throws", "hangs", "weighted"})
            QTest::newRow(fixture) << QStringLiteral(MIRSTUDIO_SOURCE_DIR "/tests/host/plugins/%1/manifest.json").arg(QLatin1String(fixture));
    }
    void sourceTreeManifestsAreValid()
    {
        QFETCH(QString, path);
        // GIVEN a plugin's manifest.json in the source tree WHEN parsed THEN it is valid
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &parseError);
        QVERIFY2(doc.isObject(), qPrintable(parseError.errorString()));
        QStringList errors;
        QVERIFY2(Manifest::fromJson(doc.object(), nullptr, &errors), qPrintable(errors.join('\n')));
    }

    void refusesBadParameterSpecs()
    {
        // GIVEN specs with a missing range, an empty choice list, a default out of range THEN each is refused
        ParameterSpec p;
        QString why;
        QVERIFY(!ParameterSpec::fromJson(json(R"({"id": "g", "type": "float", "default": 0})"), &p, &why));
        QCOMPARE(why, QStringLiteral("min: a number is required for type float"));
        QVERIFY(!ParameterSpec::fromJson(json(R"({"id": "c", "type": "choice", "default": "a"})"), &p, &why));
        QCOMPARE(why, QStringLiteral("choices: a non-empty list of non-empty strings is required"));
        QVERIFY(!ParameterSpec::fromJson(json(R"({"id": "g", "type": "int", "default": 9, "min": 0, "max": 8})"), &p, &why));
        QCOMPARE(why, QStringLiteral("default: 9 is above the maximum 8"));
    }
};

QTEST_GUILESS_MAIN(TestManifest)
#include "tst_manifest.moc"
