// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "plugins/sdk/valuetypes.h"

#include <QMap>
#include <QString>
#include <QStringList>

#include <vector>

namespace mirstudio::widgets {

class LatentModelClient;

/**
 * The encoded items of a latent map: corpus pieces (a folder of MIDI files) and the user's clips,
 * each with its code (the mean of the rows the encoder returned, so models that encode one code
 * per segment give one point per piece) and its attribute values (means likewise). Also the
 * per-dimension range the sliders span. Value type; GUI thread (encoding runs jobs).
 */
class LatentCorpus
{
public:
    struct Item
    {
        QString name;
        std::vector<double> code;
        QMap<QString, double> attributes;
        bool user = false;
    };

    void clear() { m_items.clear(); }
    /** Encodes `notes` and appends it; false (nothing added) when the encoder failed. */
    bool add(LatentModelClient &client, const sdk::NoteSequence &notes, const QString &name, bool user);
    /** Appends an already encoded item (its code must match the dimension of the others). */
    void addEncoded(Item item) { m_items.push_back(std::move(item)); }
    /** Reads and encodes every .mid/.midi file of `folder`; returns how many were added. */
    int addMidiFolder(LatentModelClient &client, const QString &folder);

    const std::vector<Item> &items() const { return m_items; }
    int dimensions() const { return m_items.empty() ? 0 : int(m_items.front().code.size()); }
    /** The attribute names any item carries, sorted. */
    QStringList attributeNames() const;
    /** All codes as an N x D matrix (for PCA). */
    sdk::Matrix codes() const;
    /** The [min, max] of dimension `d` over the items, widened by a quarter on each side. */
    std::pair<double, double> range(int d) const;

    /** The mean row and mean attributes of a latent set (an empty code for an empty set). */
    static Item summarise(const sdk::LatentSet &set);

private:
    std::vector<Item> m_items;
};

} // namespace mirstudio::widgets
