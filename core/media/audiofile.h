// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/media/audiodata.h"

#include <QString>
#include <QStringList>

#include <cstdint>
#include <limits>
#include <memory>

namespace mirstudio::media {

/**
 * What the audio readers accept. Plain value type.
 *
 * Policy shared by probeAudio(), readAudio() and AudioFileReader:
 * - the sample rate must be 1..768000 Hz, otherwise MediaError "sample rate 0 Hz is not valid";
 * - the channel count must be 1..maxChannels (default 2, because session audio tracks are mono
 *   or stereo), otherwise MediaError "8 channels: at most 2 are supported (mono or stereo)";
 *   probeAudio() reports any channel count and leaves that decision to its caller.
 */
struct AudioReadOptions
{
    int maxChannels = 2;
};

/**
 * What a file holds, learnt from its header without decoding the audio (probeAudio(),
 * AudioFileReader::info()). Plain value type.
 *
 * `container` is "WAV", "FLAC", "OGG", "MP3", "AIFF", "CAF", "AU", "W64", "RF64"...; `sampleFormat`
 * is "PCM 16-bit", "PCM 24-bit", "float", "double", "Vorbis", "Opus", "MPEG Layer III"...
 * `frames` comes from the header (for MP3 it is libsndfile's estimate). `truncated` is set when the
 * header declares more audio than the file holds: the readers then decode what is there and log a
 * warning on the `mirstudio.audio` category (see `warnings`), rather than refusing the file, because
 * recordings cut short by a crash or a full disk are common and their audio is still wanted.
 */
struct AudioFileInfo
{
    QString path;
    QString container;
    QString sampleFormat;
    int sampleRate = 0;
    int channels = 0;
    std::int64_t frames = 0;
    bool truncated = false;
    /** Non-fatal problems found in the header (e.g. a data chunk longer than the file). */
    QStringList warnings;

    double durationSeconds() const
    {
        return sampleRate > 0 ? static_cast<double>(frames) / sampleRate : 0.0;
    }
};

/**
 * Reads the header of `path` (any format libsndfile 1.2 reads: WAV, FLAC, OGG/Vorbis/Opus, MP3,
 * AIFF, CAF...) without decoding the audio. Any channel count is reported; the sample rate must be
 * valid. Throws MediaError (naming the file, a byte offset where known, and what was wrong) for a
 * missing file, a directory, an empty file, an unrecognised or corrupt header. Any thread.
 */
AudioFileInfo probeAudio(const QString &path);

/**
 * Decodes all of `path` into planar float (integer formats are scaled by 1/2^(bits-1), so a
 * 16-bit sample q reads as exactly q/32768). A file without audio frames is an error here
 * ("contains no audio frames"): an empty clip is never what the caller wanted. A truncated file
 * yields the frames that are present plus a warning. Throws MediaError; any thread.
 */
AudioData readAudio(const QString &path, const AudioReadOptions &options = {});

/**
 * Streaming decoder for one audio file: open(), info(), readFrames() chunk by chunk, seek(), so
 * long files are processed with bounded memory (memory is proportional to the chunk asked for).
 *
 * Owns the libsndfile handle, closed by close() or the destructor. Move-only. One instance must be
 * used by one thread at a time; different instances are independent. All errors are MediaError.
 */
class AudioFileReader
{
public:
    AudioFileReader();
    /** Opens `path` at once (see open()). */
    explicit AudioFileReader(const QString &path, const AudioReadOptions &options = {});
    ~AudioFileReader();
    AudioFileReader(AudioFileReader &&other) noexcept;
    AudioFileReader &operator=(AudioFileReader &&other) noexcept;
    AudioFileReader(const AudioFileReader &) = delete;
    AudioFileReader &operator=(const AudioFileReader &) = delete;

    /**
     * Opens `path` (closing any previous file) and validates it against `options`; a file with
     * zero frames opens fine (info().frames == 0). Throws MediaError and stays closed on error.
     */
    void open(const QString &path, const AudioReadOptions &options = {});
    void close();
    bool isOpen() const;
    /** The header facts of the open file (a default AudioFileInfo when closed). */
    const AudioFileInfo &info() const;
    /** The next frame readFrames() will return. */
    std::int64_t position() const;
    /**
     * Decodes up to `frames` frames from position() on into planar float (fewer at the end of
     * the file, none after it) and advances position(). Throws MediaError on a decoding error or
     * when closed.
     */
    AudioData readFrames(std::int64_t frames);
    /** Moves to `frame` (0..info().frames). Throws MediaError when out of range or unseekable. */
    void seek(std::int64_t frame);

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace mirstudio::media
