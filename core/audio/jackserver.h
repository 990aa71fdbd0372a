// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QProcess>
#include <QProcessEnvironment>
#include <QString>

namespace mirstudio {

/**
 * A private JACK server with the dummy driver, run as a child process: `jackd -n <name>
 * --no-realtime -d dummy -r <rate> -p <period>` (or `-R -P 70`, see setRealtime()) with
 * JACK_NO_AUDIO_RESERVATION=1. start() waits
 * with `jack_wait -w` until clients can connect; stop() terminates it and waits for it to exit.
 * Used by tests and benchmarks where no sound card exists. Clients find it through the
 * JACK_DEFAULT_SERVER environment variable (exportToEnvironment(), which also sets
 * JACK_NO_START_SERVER so that libjack never auto-starts a server of its own).
 *
 * Owns its QProcess; the destructor stops the server, and the child gets PR_SET_PDEATHSIG so
 * it dies with this process even after a crash. Not thread-safe: use it from one thread.
 */
class JackServer
{
public:
    /** A server called @p name (a unique one when empty), at @p sampleRate with @p period frames. */
    explicit JackServer(QString name = {}, int sampleRate = 48000, int period = 256);
    ~JackServer();
    JackServer(const JackServer &) = delete;
    JackServer &operator=(const JackServer &) = delete;

    /**
     * Realtime scheduling (`-R -P 70` instead of `--no-realtime`): the server and its clients'
     * process threads get SCHED_FIFO, so a loaded machine causes no xruns. Needs the privilege
     * (root or rtprio limits); start() falls back to --no-realtime when it fails. Default off.
     */
    void setRealtime(bool realtime) { m_realtime = realtime; }
    /** True when the running server was started with realtime scheduling. */
    bool isRealtime() const { return m_runningRealtime; }

    /** Starts jackd and waits up to @p timeoutSeconds for it; false with @p error set on failure. */
    bool start(QString *error = nullptr, int timeoutSeconds = 10);
    /** Terminates the server (SIGTERM, then SIGKILL after 3 s) and waits for it. Idempotent. */
    void stop();
    /** Kills the server abruptly (SIGKILL), as a crash would; used to test fault handling. */
    void kill();
    bool isRunning() const;

    QString name() const { return m_name; }
    int sampleRate() const { return m_sampleRate; }
    int period() const { return m_period; }
    /** What jackd printed so far (stdout and stderr merged), for diagnostics. */
    QString log() const;

    /** Sets JACK_DEFAULT_SERVER=<name> in this process (call before Pa_Initialize / RtMidi). */
    void exportToEnvironment() const;
    /** Runs `jack_connect -s <name> a b`; true when it exits with 0. */
    bool connectPorts(const QString &source, const QString &destination) const;

    /** A server name unique to this process and call ("mirstudio-<pid>-<n>"). */
    static QString uniqueName();
    /** True when the jackd and jack_wait programs are on PATH. */
    static bool isAvailable();

private:
    bool startOnce(bool realtime, QString *error, int timeoutSeconds);

    QString m_name;
    int m_sampleRate;
    int m_period;
    bool m_realtime = false;
    bool m_runningRealtime = false;
    QProcess *m_process = nullptr;
    mutable QString m_log;
};

} // namespace mirstudio
