// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/toolkit/csvtable.h"

#include "plugins/sdk/pluginerror.h"

#include <QFile>
#include <QTextStream>

namespace mirstudio::toolkit {

QStringList CsvTable::splitLine(const QString &line)
{
    QStringList fields;
    QString field;
    bool quoted = false;
    for (int i = 0; i < line.size(); ++i) {
        const QChar c = line.at(i);
        if (quoted) {
            if (c == u'"' && i + 1 < line.size() && line.at(i + 1) == u'"') {
                field += u'"';
                ++i;
            } else if (c == u'"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == u'"') {
            quoted = true;
        } else if (c == u',') {
            fields << field;
            field.clear();
        } else {
            field += c;
        }
    }
    fields << field;
    return fields;
}

CsvTable CsvTable::read(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        throw sdk::PluginError(QStringLiteral("cannot open %1: %2").arg(path, file.errorString()));
    QTextStream in(&file);
    CsvTable table;
    bool first = true;
    while (!in.atEnd()) {
        const QString line = in.readLine();
        if (line.trimmed().isEmpty())
            continue;
        if (first) {
            table.m_header = splitLine(line);
            first = false;
        } else {
            table.m_rows.push_back(splitLine(line));
        }
    }
    if (first)
        throw sdk::PluginError(QStringLiteral("%1 is empty: a header row was expected").arg(path));
    return table;
}

QString CsvTable::value(int row, const QString &name) const
{
    const int c = column(name);
    if (row < 0 || row >= rowCount() || c < 0 || c >= m_rows[size_t(row)].size())
        return {};
    return m_rows[size_t(row)].at(c);
}

double CsvTable::number(int row, const QString &name) const
{
    return value(row, name).trimmed().toDouble();
}

} // namespace mirstudio::toolkit
