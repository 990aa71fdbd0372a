// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/latentcorpus.h"

#include "core/host/mediaconversion.h"
#include "core/media/mediaerror.h"
#include "core/media/midifilereader.h"
#include "widgets/latentmodelclient.h"

#include <QDir>
#include <QFileInfo>

#include <algorithm>
#include <numeric>

namespace mirstudio::widgets {

LatentCorpus::Item LatentCorpus::summarise(const sdk::LatentSet &set)
{
    Item item;
    const int rows = set.codes.rows;
    if (rows <= 0)
        return item;
    item.code.assign(size_t(set.codes.cols), 0.0);
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < set.codes.cols; ++c)
            item.code[size_t(c)] += set.codes.at(r, c) / double(rows);
    for (auto it = set.attributes.cbegin(); it != set.attributes.cend(); ++it)
        if (!it.value().empty())
            item.attributes.insert(it.key(), std::accumulate(it.value().begin(), it.value().end(), 0.0)
                                                 / double(it.value().size()));
    return item;
}

bool LatentCorpus::add(LatentModelClient &client, const sdk::NoteSequence &notes, const QString &name, bool user)
{
    Item item = summarise(client.encode(notes));
    if (item.code.empty() || (dimensions() > 0 && int(item.code.size()) != dimensions()))
        return false;
    item.name = name;
    item.user = user;
    m_items.push_back(std::move(item));
    return true;
}

int LatentCorpus::addMidiFolder(LatentModelClient &client, const QString &folder)
{
    int added = 0;
    const QStringList files = QDir(folder).entryList({QStringLiteral("*.mid"), QStringLiteral("*.midi")},
                                                     QDir::Files, QDir::Name);
    for (const QString &file : files) {
        const QString path = QDir(folder).filePath(file);
        try {
            const sdk::NoteSequence notes = MediaConversion::toNoteSequence(media::readMidiFile(path));
            added += add(client, notes, QFileInfo(path).completeBaseName(), false) ? 1 : 0;
        } catch (const media::MediaError &) {
            continue; // an unreadable file is skipped; the count tells the user
        }
    }
    return added;
}

QStringList LatentCorpus::attributeNames() const
{
    QStringList names;
    for (const Item &item : m_items)
        for (auto it = item.attributes.cbegin(); it != item.attributes.cend(); ++it)
            if (!names.contains(it.key()))
                names << it.key();
    names.sort();
    return names;
}

sdk::Matrix LatentCorpus::codes() const
{
    sdk::Matrix m;
    m.rows = int(m_items.size());
    m.cols = dimensions();
    for (const Item &item : m_items)
        for (double v : item.code)
            m.data.push_back(float(v));
    return m;
}

std::pair<double, double> LatentCorpus::range(int d) const
{
    if (m_items.empty())
        return {-3.0, 3.0};
    double lo = m_items.front().code[size_t(d)], hi = lo;
    for (const Item &item : m_items) {
        lo = std::min(lo, item.code[size_t(d)]);
        hi = std::max(hi, item.code[size_t(d)]);
    }
    const double margin = std::max(0.25 * (hi - lo), 1.0);
    return {lo - margin, hi + margin};
}

} // namespace mirstudio::widgets
