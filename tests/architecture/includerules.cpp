// SPDX-License-Identifier: GPL-3.0-or-later
#include "includerules.h"

#include <QDirIterator>
#include <QFile>

namespace mirstudio::architecture {

IncludeRules::IncludeRules(QSet<QString> qtWidgetsHeaders)
    : m_widgets(std::move(qtWidgetsHeaders))
{
}

bool IncludeRules::isQtWidgets(const QString &include) const
{
    if (include.startsWith(QLatin1String("QtWidgets/")) || include == QLatin1String("QtWidgets"))
        return true;
    if (include.contains(QLatin1Char('/')))
        return false;
    return m_widgets.contains(include) || include == QLatin1String("qcustomplot.h");
}

bool IncludeRules::isTorch(const QString &include)
{
    static const QStringList prefixes = {QStringLiteral("torch/"), QStringLiteral("ATen/"),
                                         QStringLiteral("c10/"), QStringLiteral("caffe2/")};
    for (const auto &p : prefixes)
        if (include.startsWith(p))
            return true;
    return false;
}

QList<Violation> IncludeRules::check(const QString &relPath, const QString &text) const
{
    static const QRegularExpression re(QStringLiteral(R"(^\s*#\s*include\s*[<"]([^>"]+)[>"])"),
                                       QRegularExpression::MultilineOption);
    const bool inCore = relPath.startsWith(QLatin1String("core/"));
    const bool inMedia = relPath.startsWith(QLatin1String("core/media/"));
    const bool inSdk = relPath.startsWith(QLatin1String("plugins/sdk/"));
    const bool inPlugins = relPath.startsWith(QLatin1String("plugins/"));
    const bool inWidgets = relPath.startsWith(QLatin1String("widgets/"));
    const bool inApp = relPath.startsWith(QLatin1String("app/"));

    QList<Violation> out;
    auto it = re.globalMatch(text);
    while (it.hasNext()) {
        const auto m = it.next();
        const QString inc = m.captured(1);
        const int line = int(text.left(m.capturedStart()).count(QLatin1Char('\n'))) + 1;
        auto add = [&](const QString &rule) { out.append({relPath, line, inc, rule}); };
        if ((inCore || inSdk) && isQtWidgets(inc))
            add(QStringLiteral("core/ and plugins/sdk/ never include Qt Widgets"));
        if ((inCore || inSdk || inWidgets || inApp) && isTorch(inc))
            add(QStringLiteral("torch headers appear only under plugins/ (not the SDK)"));
        if (inMedia && (inc.startsWith(QLatin1String("core/")) && !inc.startsWith(QLatin1String("core/media/"))))
            add(QStringLiteral("core/media includes only core/media"));
        if (inMedia && (inc.startsWith(QLatin1String("widgets/")) || inc.startsWith(QLatin1String("plugins/"))))
            add(QStringLiteral("core/media includes only core/media"));
        if (inCore && inc.startsWith(QLatin1String("widgets/")))
            add(QStringLiteral("core/ never includes widgets/"));
        if (inPlugins && inc.startsWith(QLatin1String("core/")) && !inc.startsWith(QLatin1String("core/media/")))
            add(QStringLiteral("plugins include sdk, toolkit and core/media only, never core/"));
        if (inPlugins && (inc.startsWith(QLatin1String("widgets/")) || isQtWidgets(inc)))
            add(QStringLiteral("plugins contribute no widgets"));
        if (inSdk && (inc.startsWith(QLatin1String("plugins/toolkit/")) || inc.startsWith(QLatin1String("core/"))))
            add(QStringLiteral("the SDK depends on Qt Core only"));
        if (inWidgets && inc.startsWith(QLatin1String("app/")))
            add(QStringLiteral("widgets/ never includes app/"));
    }
    return out;
}

QList<Violation> IncludeRules::checkTree(const QString &root) const
{
    QList<Violation> out;
    const QStringList layers = {QStringLiteral("core"), QStringLiteral("plugins"),
                                QStringLiteral("widgets"), QStringLiteral("app")};
    for (const auto &layer : layers) {
        QDirIterator it(root + QLatin1Char('/') + layer,
                        {QStringLiteral("*.h"), QStringLiteral("*.hpp"), QStringLiteral("*.cpp"),
                         QStringLiteral("*.cc")},
                        QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            QFile f(path);
            if (!f.open(QIODevice::ReadOnly))
                continue;
            const QString rel = path.mid(root.size() + 1);
            out += check(rel, QString::fromUtf8(f.readAll()));
        }
    }
    return out;
}

} // namespace mirstudio::architecture
