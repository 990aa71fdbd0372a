// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/session/annotationitem.h"
#include "core/session/clip.h"
#include "core/session/provenance.h"
#include "core/session/stemlane.h"
#include "core/session/typedid.h"

#include <QColor>
#include <QString>

#include <optional>
#include <vector>

namespace mirstudio {

/**
 * A track of the session. Common fields for every kind (id, name, gain in dB, pan -1..1,
 * mute, solo, record-arm (MIDI), colour) plus the kind's own content: clips (Audio, Midi),
 * stem lanes (StemGroup) or typed items (Annotation). Owned by value by the Session; the GUI
 * thread changes the session's tracks only through undo commands.
 */
struct Track
{
    enum class Kind { Audio, Midi, StemGroup, Annotation };

    TrackId id;
    Kind kind = Kind::Audio;
    QString name;
    double gainDb = 0.0;
    double pan = 0.0;
    bool mute = false;
    bool solo = false;
    bool recordArm = false;
    QString midiOutput; // MIDI tracks: empty = the GM synth, else a MIDI output port's name
    QColor colour;
    std::vector<Clip> clips;
    std::vector<StemLane> stems;
    std::vector<AnnotationItem> items;
    std::optional<Provenance> provenance;

    bool operator==(const Track &) const = default;

    /** The index of clip `id` in `clips`, or -1. */
    int clipIndex(const ClipId &id) const
    {
        for (std::size_t i = 0; i < clips.size(); ++i)
            if (clips[i].id == id)
                return int(i);
        return -1;
    }
};

} // namespace mirstudio
