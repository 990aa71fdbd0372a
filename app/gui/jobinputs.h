// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "plugins/sdk/manifest.h"
#include "plugins/sdk/valuetypes.h"
#include "core/session/typedid.h"
#include "widgets/clipoperations.h"

#include <QList>
#include <QString>

#include <vector>

namespace mirstudio {

class Session;

/**
 * Builds a plugin method's inputs from what is selected on the timeline: an audio input gets
 * the first selected audio clip (its source decoded and cut to the clip's range; without a
 * selection, the first audio clip of the session); a notes input gets the first selected MIDI
 * clip's notes in seconds through the session's tempo map (without a selection, the first MIDI
 * clip). Other input kinds cannot come from the timeline: optional ones are left out, a required
 * one is an error. No widgets involved; GUI thread (reads the session) and file I/O.
 */
class JobInputs
{
public:
    /** False with `error` set when a required input has nothing to come from. */
    static bool build(const Session &session, const sdk::MethodSpec &method,
                      const std::vector<widgets::ClipRef> &selection, sdk::ValueMap *inputs,
                      QList<SourceId> *sources, QString *error);

    static sdk::AudioBuffer clipAudio(const Session &session, const TrackId &track, const ClipId &clip);
    static sdk::NoteSequence clipNotes(const Session &session, const TrackId &track, const ClipId &clip);
};

} // namespace mirstudio
