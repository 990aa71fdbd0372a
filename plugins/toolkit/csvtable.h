// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

#include <vector>

namespace mirstudio::toolkit {

/**
 * A comma-separated table read whole: a header row and data rows (RFC 4180 quoting: "" inside a
 * quoted field is one quote). Value type; any thread.
 */
class CsvTable
{
public:
    /** Reads `path` (UTF-8). Throws sdk::PluginError when it cannot be opened or is empty. */
    static CsvTable read(const QString &path);
    /** Splits one line into fields. */
    static QStringList splitLine(const QString &line);

    const QStringList &header() const { return m_header; }
    int rowCount() const { return int(m_rows.size()); }
    /** The index of column `name`, -1 when absent. */
    int column(const QString &name) const { return m_header.indexOf(name); }
    /** The field of row `row` in column `name` ("" when absent). */
    QString value(int row, const QString &name) const;
    /** value() as a double (0 when empty or not a number). */
    double number(int row, const QString &name) const;

private:
    QStringList m_header;
    std::vector<QStringList> m_rows;
};

} // namespace mirstudio::toolkit
