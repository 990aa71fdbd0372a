// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QMap>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <variant>
#include <vector>

namespace mirstudio::sdk {

/**
 * Audio crossing the plugin boundary: planar float32 samples, one vector per channel, all of
 * equal length, at `sampleRate`. A plain value; any thread may use its own copy.
 */
struct AudioBuffer
{
    double sampleRate = 44100.0;
    std::vector<std::vector<float>> channels;

    int channelCount() const { return int(channels.size()); }
    int64_t frameCount() const { return channels.empty() ? 0 : int64_t(channels.front().size()); }
    bool isEmpty() const { return frameCount() == 0; }
};

/** One note in seconds (plugins think in seconds; the host maps to the session's tempo map). */
struct Note
{
    int pitch = 60;          ///< MIDI key 0..127
    int velocity = 100;      ///< 1..127
    double start = 0.0;      ///< seconds from the start of the sequence
    double duration = 0.0;   ///< seconds, > 0
    int channel = 0;         ///< 0..15; 9 is GM drums
    int program = 0;         ///< GM program 0..127 of the voice this note belongs to
};

/**
 * Notes plus the musical grid they were made on. `ticksPerQuarter`/`bpm` describe the grid a
 * symbolic model used (so a host can place results on bars); notes are in seconds regardless.
 */
struct NoteSequence
{
    std::vector<Note> notes;
    double bpm = 120.0;
    int ticksPerQuarter = 480;
    int beatsPerBar = 4;
    double duration = 0.0;   ///< seconds; 0 = end of the last note
};

/** Named stems of one source, all at the same rate and length as the mixture they came from. */
struct StemSet
{
    QStringList order;                   ///< stem names in display order ("vocals", "accompaniment")
    QMap<QString, AudioBuffer> stems;
};

/** One annotation: a region (duration > 0) or an instant, with an optional label and value. */
struct Annotation
{
    double time = 0.0;       ///< seconds
    double duration = 0.0;   ///< seconds; 0 = instant
    QString label;
    double value = 0.0;
    bool hasValue = false;
};

/** A layer of annotations of one kind ("onsets", "chords", "f0"); `unit` names `value`'s unit. */
struct AnnotationSet
{
    QString kind;
    QString unit;
    std::vector<Annotation> items;
};

/** Row-major float matrix (similarity matrices, activations, embeddings). */
struct Matrix
{
    int rows = 0;
    int cols = 0;
    std::vector<float> data;   ///< rows*cols values, row-major
    QStringList rowLabels;
    QStringList colLabels;

    float at(int r, int c) const { return data[size_t(r) * size_t(cols) + size_t(c)]; }
};

/**
 * Latent codes of N items in a D-dimensional space, with the attribute values each item had
 * (for colouring maps and reading faders back). `dimensionNames` may name factors or faders.
 */
struct LatentSet
{
    Matrix codes;                                 ///< N x D
    QStringList dimensionNames;                   ///< D names, may be empty
    QMap<QString, std::vector<double>> attributes; ///< attribute -> N values
};

/** The kinds a method's input or output can have (the manifest's `type` strings). */
enum class ValueKind { None, Audio, Notes, Stems, Annotations, Latent, Matrix };

/** Any value crossing the plugin boundary. */
using Value = std::variant<std::monostate, AudioBuffer, NoteSequence, StemSet, AnnotationSet,
                           LatentSet, Matrix>;

/** Named values: a method's inputs or outputs, keyed by the ids its manifest declares. */
using ValueMap = QMap<QString, Value>;

ValueKind kindOf(const Value &value);
/** "audio", "notes", "stems", "annotations", "latent", "matrix" ("none" for None). */
QString kindName(ValueKind kind);
/** The inverse of kindName; ValueKind::None for an unknown name. */
ValueKind kindFromName(const QString &name);

} // namespace mirstudio::sdk
