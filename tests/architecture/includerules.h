// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QRegularExpression>
#include <QSet>
#include <QString>
#include <QStringList>

namespace mirstudio::architecture {

/** One include that breaks a layering rule. */
struct Violation
{
    QString file;
    int line = 0;
    QString include;
    QString rule;
};

/**
 * The include-direction rules of ARCHITECTURE.md §2 as data: which layer (a folder prefix
 * relative to the repository) may not include what. Value type; any thread.
 */
class IncludeRules
{
public:
    /** qtWidgetsHeaders: the header names in Qt's QtWidgets include folder (QWidget, ...). */
    explicit IncludeRules(QSet<QString> qtWidgetsHeaders);

    /** Checks one file's text; `relPath` is its path relative to the repository root. */
    QList<Violation> check(const QString &relPath, const QString &text) const;
    /** Checks every C++ file under `root`'s layer folders. */
    QList<Violation> checkTree(const QString &root) const;

private:
    bool isQtWidgets(const QString &include) const;
    static bool isTorch(const QString &include);
    QSet<QString> m_widgets;
};

} // namespace mirstudio::architecture
