// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/audio/audiodeviceinfo.h"

#include <QList>
#include <QMutex>
#include <QObject>
#include <QString>
#include <QStringList>

#include <atomic>
#include <cstdint>
#include <functional>

class QTimer;

namespace mirstudio {

class AudioProcessor;

/**
 * An audio stream through PortAudio that drives an AudioProcessor from its callback.
 *
 * open() prefers PortAudio's JACK host API when a JACK server runs, else ALSA's default device
 * (or a device named in the options); no device at all is a normal state: open() returns false
 * with a clear message. The callback only touches atomics (frames, callbacks, xruns counted from
 * PortAudio's status flags) and the processor; it never locks, allocates or logs. A watchdog
 * timer on the owner's thread (and checkStream(), which it calls) notices a stream that stopped
 * (JACK server vanished, device error: stream-finished callback, Pa_IsStreamActive, or no
 * callbacks for a second) and reports it through status(); reopen() closes, re-scans and opens
 * the same configuration again.
 *
 * Owns its PortAudio stream and its Pa_Initialize reference (re-initialised by reopen(), so use
 * one AudioDevice at a time); does not own the processor, which must outlive the stream.
 * All public methods except the const accessors are for the owner's (GUI) thread; status(),
 * framesProcessed(), callbackCount(), xrunCount(), playheadNow() and isRunning() may be called
 * from any thread.
 */
class AudioDevice : public QObject
{
    Q_OBJECT
public:
    enum class State { Closed, Running, Stopped };

    struct Options
    {
        QString deviceName;        ///< PortAudio device name; empty: JACK default, else ALSA default
        int sampleRate = 48000;
        int framesPerBuffer = 256; ///< 0: let the host choose (JACK: its period)
        int outputChannels = 2;
        int inputChannels = 0;     ///< > 0 opens input too (recording)
        bool preferJack = true;
    };

    struct Status
    {
        State state = State::Closed;
        QString message;           ///< what went wrong (empty while running fine)
        QString hostApi;
        QString deviceName;
        int sampleRate = 0;
        int framesPerBuffer = 0;
        double outputLatency = 0.0; ///< seconds, as PortAudio's stream info reports it
        double inputLatency = 0.0;  ///< seconds
        std::int64_t callbacks = 0;
        std::int64_t frames = 0;
        std::int64_t xruns = 0;
    };

    explicit AudioDevice(QObject *parent = nullptr);
    ~AudioDevice() override;

    /** Names of PortAudio's host APIs ("JACK Audio Connection Kit" only while a server runs). */
    static QStringList hostApis();
    /** Every device of every host API. */
    static QList<AudioDeviceInfo> devices();

    /** Opens and starts a stream driving @p processor; false with status().message on failure. */
    bool open(AudioProcessor *processor, const Options &options);
    /** Closes the stream (if any), re-initialises PortAudio and opens the last configuration. */
    bool reopen();
    /** Stops and closes the stream; releases the processor. Idempotent. */
    void close();
    /** Polls the stream (watchdog tick); called every 100 ms by an internal timer while open. */
    void checkStream();

    Status status() const;
    bool isRunning() const { return m_state.load() == int(State::Running); }
    std::int64_t framesProcessed() const { return m_frames.load(std::memory_order_acquire); }
    std::int64_t callbackCount() const { return m_callbacks.load(std::memory_order_acquire); }
    std::int64_t xrunCount() const { return m_xruns.load(std::memory_order_acquire); }
    /**
     * The playhead in frames: the start of the block being processed plus the steady-clock time
     * since its callback began (at most one block). Realtime-safe (a seqlock read); any thread.
     */
    std::int64_t playheadNow() const;

Q_SIGNALS:
    /** The state or message changed (emitted on the owner's thread). */
    void statusChanged();

private:
    friend struct AudioDeviceCallbacks; // PortAudio trampolines (audiodevice.cpp)
    int process(const void *input, void *output, unsigned long frames,
                unsigned long statusFlags) noexcept;
    bool openStream();
    void closeStream();
    void setStopped(const QString &message);
    bool ensureInitialized(QString *error);
    void terminate();
    static void runUnstuck(const std::function<void()> &call);

    AudioProcessor *m_processor = nullptr;
    Options m_options;
    void *m_stream = nullptr;
    bool m_initialized = false;
    QTimer *m_watchdog = nullptr;
    std::int64_t m_lastSeenCallbacks = 0;
    std::int64_t m_lastProgressMs = 0;
    int m_maxFrames = 0;

    std::atomic<int> m_state{int(State::Closed)};
    std::atomic<bool> m_finished{false};
    std::atomic<std::int64_t> m_frames{0};
    std::atomic<std::int64_t> m_callbacks{0};
    std::atomic<std::int64_t> m_xruns{0};
    std::atomic<std::int64_t> m_lastCallbackNs{0};
    std::atomic<int> m_lastBlock{0};
    std::atomic<std::int64_t> m_blockStartFrames{0};
    std::atomic<std::uint32_t> m_anchorSeq{0};
    std::atomic<int> m_rate{0};

    mutable QMutex m_mutex; // guards m_status strings (never taken by the callback)
    Status m_status;
};

} // namespace mirstudio
