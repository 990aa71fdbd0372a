// SPDX-License-Identifier: GPL-3.0-or-later
// ModelRegistry: locating weight files by manifest and checking size and sha256.
#include "core/host/modelregistry.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace mirstudio;

namespace {

const QByteArray kWeights = QByteArray("not really a tensor, but 40 bytes long!!");

QString sha(const QByteArray &bytes)
{
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

void writeFile(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(bytes);
}

sdk::Manifest manifestWith(qint64 size, const QString &hash)
{
    sdk::Manifest m;
    m.id = QStringLiteral("demo");
    sdk::WeightFileSpec w;
    w.id = QStringLiteral("model");
    w.file = QStringLiteral("sub/model.pt");
    w.size = size;
    w.sha256 = hash;
    w.licence = QStringLiteral("MIT");
    w.origin = QStringLiteral("official");
    m.runtime.weights << w;
    return m;
}

} // namespace

class TestModelRegistry : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    QString pluginPath() const { return m_dir.filePath(QStringLiteral("plugins/libdemo.so")); }

private Q_SLOTS:
    void findsAndChecksWeights()
    {
        // GIVEN the weights under a registry root
        ModelRegistry registry;
        registry.addRoot(m_dir.filePath(QStringLiteral("root")));
        writeFile(m_dir.filePath(QStringLiteral("root/demo/sub/model.pt")), kWeights);
        // WHEN checked against the right size and hash THEN ok, in that folder
        const ModelFolderCheck c = registry.check(manifestWith(kWeights.size(), sha(kWeights)), pluginPath());
        QVERIFY2(c.ok(), qPrintable(c.errorString()));
        QCOMPARE(c.folder, m_dir.filePath(QStringLiteral("root/demo")));
        QCOMPARE(c.searched.front(), m_dir.filePath(QStringLiteral("plugins/models/demo")));
        QCOMPARE(c.weights.front().status, WeightCheck::Status::Ok);
    }

    void pluginFolderWinsOverRoots()
    {
        ModelRegistry registry;
        registry.addRoot(m_dir.filePath(QStringLiteral("root")));
        writeFile(m_dir.filePath(QStringLiteral("plugins/models/demo/sub/model.pt")), kWeights);
        const ModelFolderCheck c = registry.check(manifestWith(-1, {}), pluginPath());
        QVERIFY(c.ok());
        QCOMPARE(c.folder, m_dir.filePath(QStringLiteral("plugins/models/demo")));
        QFile::remove(m_dir.filePath(QStringLiteral("plugins/models/demo/sub/model.pt")));
    }

    void reportsSizeMismatch()
    {
        // GIVEN a truncated file WHEN checked THEN a size mismatch naming both sizes
        ModelRegistry registry;
        registry.addRoot(m_dir.filePath(QStringLiteral("root")));
        const ModelFolderCheck c = registry.check(manifestWith(4096, sha(kWeights)), pluginPath());
        QVERIFY(!c.ok());
        QCOMPARE(c.weights.front().status, WeightCheck::Status::SizeMismatch);
        QCOMPARE(c.weights.front().message, QStringLiteral("size 40 bytes, manifest says 4096 (truncated or a different file)"));
        QVERIFY(c.errorString().endsWith(QLatin1String("size 40 bytes, manifest says 4096 (truncated or a different file)")));
    }

    void reportsHashMismatch()
    {
        ModelRegistry registry;
        registry.addRoot(m_dir.filePath(QStringLiteral("root")));
        const QString wrong = sha("something else");
        const ModelFolderCheck c = registry.check(manifestWith(kWeights.size(), wrong), pluginPath());
        QCOMPARE(c.weights.front().status, WeightCheck::Status::HashMismatch);
        QCOMPARE(c.weights.front().message, QStringLiteral("sha256 %1, manifest says %2").arg(sha(kWeights), wrong));
        // AND after the file is replaced by the right one (new size/mtime) the cached hash is not reused
        writeFile(m_dir.filePath(QStringLiteral("root/demo/sub/model.pt")), QByteArray("something else"));
        QVERIFY(registry.check(manifestWith(-1, wrong), pluginPath()).ok());
        writeFile(m_dir.filePath(QStringLiteral("root/demo/sub/model.pt")), kWeights);
    }

    void buildTreeFindsTheSourceModels()
    {
        // GIVEN a plugin in <build>/plugins of a CMake build tree whose source is <src>
        writeFile(m_dir.filePath(QStringLiteral("build/CMakeCache.txt")),
                  "# cache\nCMAKE_HOME_DIRECTORY:INTERNAL=" + m_dir.filePath(QStringLiteral("src")).toUtf8() + "\n");
        writeFile(m_dir.filePath(QStringLiteral("src/resources/models/demo/sub/model.pt")), kWeights);
        ModelRegistry registry;
        const QString plugin = m_dir.filePath(QStringLiteral("build/plugins/libdemo.so"));
        // WHEN checked THEN <src>/resources/models/<id> is searched right after the plugin's folder
        QCOMPARE(ModelRegistry::sourceModelsFor(plugin), m_dir.filePath(QStringLiteral("src/resources/models")));
        const ModelFolderCheck c = registry.check(manifestWith(kWeights.size(), sha(kWeights)), plugin);
        QVERIFY2(c.ok(), qPrintable(c.errorString()));
        QCOMPARE(c.searched.value(1), m_dir.filePath(QStringLiteral("src/resources/models/demo")));
        QCOMPARE(c.folder, c.searched.value(1));
    }

    void citationFromThePaper()
    {
        sdk::Manifest m;
        QCOMPARE(ModelRegistry::citation(m), QString());
        m.paper = {QStringLiteral("Open-Unmix"), {QStringLiteral("F.-R. Stöter"), QStringLiteral("S. Uhlich")},
                   QStringLiteral("JOSS 2019"), QStringLiteral("https://doi.org/10.21105/joss.01667")};
        QCOMPARE(ModelRegistry::citation(m),
                 QStringLiteral("F.-R. Stöter, S. Uhlich (JOSS 2019): Open-Unmix. https://doi.org/10.21105/joss.01667"));
    }

    void reportsMissingFileWithSearchedFolders()
    {
        ModelRegistry registry;
        sdk::Manifest m = manifestWith(-1, {});
        m.id = QStringLiteral("absent");
        const ModelFolderCheck c = registry.check(m, pluginPath());
        QVERIFY(!c.ok());
        QCOMPARE(c.weights.front().status, WeightCheck::Status::Missing);
        QVERIFY2(c.errorString().startsWith(QStringLiteral("weight file \"sub/model.pt\" (model) not found in: %1")
                                                .arg(m_dir.filePath(QStringLiteral("plugins/models/absent")))),
                 qPrintable(c.errorString()));
        // AND several missing files are named in one sentence
        sdk::WeightFileSpec second = m.runtime.weights.front();
        second.id = QStringLiteral("other");
        second.file = QStringLiteral("other.pt");
        m.runtime.weights << second;
        QVERIFY2(registry.check(m, pluginPath()).errorString().startsWith(
                     QStringLiteral("weight files \"sub/model.pt\" (model), \"other.pt\" (other) not found in: ")),
                 qPrintable(registry.check(m, pluginPath()).errorString()));
    }
};

QTEST_GUILESS_MAIN(TestModelRegistry)
#include "tst_modelregistry.moc"
