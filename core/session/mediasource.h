// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/session/provenance.h"
#include "core/session/typedid.h"

#include <QString>

#include <cstdint>
#include <optional>

namespace mirstudio {

/**
 * One immutable media entry of the pool: an audio or MIDI file the session refers to by id.
 * `path` is absolute in memory; the session file stores it relative to its own folder.
 * Shared as `std::shared_ptr<const MediaSource>`; never changed after it is added, so any thread
 * may read it.
 */
struct MediaSource
{
    enum class Kind { Audio, Midi };

    SourceId id;
    Kind kind = Kind::Audio;
    QString path;
    int sampleRate = 48000;
    int channels = 2;
    std::int64_t frames = 0;
    QString sha256; // optional, hex; empty when unknown
    std::optional<Provenance> provenance;

    bool operator==(const MediaSource &) const = default;
};

} // namespace mirstudio
