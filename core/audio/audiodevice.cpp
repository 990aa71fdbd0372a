// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/audio/audiodevice.h"

#include "core/audio/audioprocessor.h"

#include <QMutexLocker>
#include <QTimer>

#include <jack/jack.h>
#include <portaudio.h>

#include <dlfcn.h>

#include <algorithm>
#include <chrono>
#include <thread>

// PortAudio 19.6's JACK host API stops a stream by waiting (up to ten minutes) for its process
// callback or for its shutdown handler to signal a condition. When the JACK server has vanished,
// the shutdown handler already ran before anyone waited, so Pa_AbortStream/Pa_CloseStream/
// Pa_Terminate would hang. We interpose jack_on_shutdown to learn PortAudio's handler while
// Pa_Initialize runs; closing a stream on a dead server then re-invokes that handler from a
// helper thread until the close returns (the handler only marks the host API down and signals).
namespace {
thread_local bool t_recordPortAudioShutdown = false;
std::atomic<JackShutdownCallback> s_paShutdownCallback{nullptr};
std::atomic<void *> s_paShutdownArg{nullptr};
// Set once a close had to be unstuck (the server is gone): PortAudio's clean-up then asserts on
// the results of jack_port_unregister/jack_client_close/jack_deactivate, which fail on a dead
// server, so those calls are skipped (the dead client's memory is leaked, once per fault).
std::atomic<bool> s_jackServerGone{false};
// Set when libjack told PortAudio's client that the server shut down.
std::atomic<bool> s_paJackShutdownSeen{false};

void shutdownTrampoline(void *arg)
{
    s_paJackShutdownSeen.store(true);
    if (const JackShutdownCallback callback = s_paShutdownCallback.load())
        callback(arg);
}

template<typename Fn>
Fn realJack(const char *name)
{
    return reinterpret_cast<Fn>(dlsym(RTLD_NEXT, name));
}
} // namespace

extern "C" int jack_port_unregister(jack_client_t *client, jack_port_t *port)
{
    using Real = int (*)(jack_client_t *, jack_port_t *);
    static const Real real = realJack<Real>("jack_port_unregister");
    if (s_jackServerGone.load() || !real)
        return 0;
    return real(client, port);
}

extern "C" int jack_client_close(jack_client_t *client)
{
    using Real = int (*)(jack_client_t *);
    static const Real real = realJack<Real>("jack_client_close");
    if (s_jackServerGone.load() || !real)
        return 0;
    return real(client);
}

extern "C" int jack_deactivate(jack_client_t *client)
{
    using Real = int (*)(jack_client_t *);
    static const Real real = realJack<Real>("jack_deactivate");
    if (s_jackServerGone.load() || !real)
        return 0;
    return real(client);
}

extern "C" void jack_on_shutdown(jack_client_t *client, JackShutdownCallback callback, void *arg)
{
    using Real = void (*)(jack_client_t *, JackShutdownCallback, void *);
    static const Real real = reinterpret_cast<Real>(dlsym(RTLD_NEXT, "jack_on_shutdown"));
    if (t_recordPortAudioShutdown) {
        s_paShutdownArg.store(arg);
        s_paShutdownCallback.store(callback);
        callback = shutdownTrampoline;
    }
    if (real)
        real(client, callback, arg);
}

namespace mirstudio {

namespace {

constexpr int kMaxChannels = 32;
constexpr int kWatchdogIntervalMs = 100;
constexpr int kStallTimeoutMs = 1000;

std::int64_t steadyNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

void silentJackMessage(const char *) {}

bool jackServerReachable()
{
    jack_status_t status{};
    jack_client_t *client = jack_client_open("mirstudio-probe", JackNoStartServer, &status);
    if (!client)
        return false;
    jack_client_close(client);
    return true;
}

QString noDeviceMessage()
{
    return QStringLiteral(
        "no audio device: no JACK server is running and ALSA has no devices");
}

QString paError(int code)
{
    return QString::fromLocal8Bit(Pa_GetErrorText(PaError(code)));
}

} // namespace

/** PortAudio C callbacks forwarding to the device (audio thread / PortAudio's thread). */
struct AudioDeviceCallbacks
{
    static int stream(const void *input, void *output, unsigned long frames,
                      const PaStreamCallbackTimeInfo *, PaStreamCallbackFlags flags, void *user)
    {
        return static_cast<AudioDevice *>(user)->process(input, output, frames, flags);
    }
    static void finished(void *user)
    {
        static_cast<AudioDevice *>(user)->m_finished.store(true, std::memory_order_release);
    }
};

AudioDevice::AudioDevice(QObject *parent)
    : QObject(parent)
    , m_watchdog(new QTimer(this))
{
    m_watchdog->setInterval(kWatchdogIntervalMs);
    connect(m_watchdog, &QTimer::timeout, this, &AudioDevice::checkStream);
}

AudioDevice::~AudioDevice()
{
    close();
    terminate();
}

bool AudioDevice::ensureInitialized(QString *error)
{
    if (m_initialized)
        return true;
    s_paShutdownCallback.store(nullptr);
    s_paShutdownArg.store(nullptr);
    s_jackServerGone.store(false);
    s_paJackShutdownSeen.store(false);
    jack_set_error_function(silentJackMessage); // "cannot connect to server" while probing
    jack_set_info_function(silentJackMessage);
    t_recordPortAudioShutdown = true;
    const PaError err = Pa_Initialize();
    t_recordPortAudioShutdown = false;
    if (err != paNoError) {
        if (error)
            *error = QStringLiteral("PortAudio failed to initialise: %1").arg(paError(err));
        return false;
    }
    // PortAudio's JACK host API installs its own handlers at init; libjack's messages
    // ("Cannot connect to server socket", ...) are noise for us: the status says what failed.
    jack_set_error_function(silentJackMessage);
    jack_set_info_function(silentJackMessage);
    m_initialized = true;
    return true;
}

void AudioDevice::terminate()
{
    if (m_initialized) {
        // A PortAudio JACK client whose server died must not be deactivated/closed (libjack
        // crashes): skip those calls when libjack reported the shutdown or the server is gone.
        if (s_paShutdownCallback.load()
            && (s_paJackShutdownSeen.load() || !jackServerReachable()))
            s_jackServerGone.store(true);
        runUnstuck([] { Pa_Terminate(); });
        m_initialized = false;
    }
}

void AudioDevice::runUnstuck(const std::function<void()> &call)
{
    // See the note on jack_on_shutdown above: if @p call is still blocked after 500 ms (the JACK
    // server is gone), PortAudio's own shutdown handler is invoked again until it returns.
    std::atomic<bool> done{false};
    std::thread kicker([&done] {
        const auto start = std::chrono::steady_clock::now();
        while (!done.load()) {
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
            if (std::chrono::steady_clock::now() - start < std::chrono::milliseconds(500))
                continue;
            const JackShutdownCallback callback = s_paShutdownCallback.load();
            s_jackServerGone.store(true);
            if (callback && !done.load())
                callback(s_paShutdownArg.load());
        }
    });
    call();
    done.store(true);
    kicker.join();
}

QStringList AudioDevice::hostApis()
{
    QStringList names;
    if (Pa_Initialize() != paNoError)
        return names;
    jack_set_error_function(silentJackMessage);
    jack_set_info_function(silentJackMessage);
    for (PaHostApiIndex i = 0; i < Pa_GetHostApiCount(); ++i) {
        if (const PaHostApiInfo *info = Pa_GetHostApiInfo(i))
            names << QString::fromUtf8(info->name);
    }
    Pa_Terminate();
    return names;
}

QList<AudioDeviceInfo> AudioDevice::devices()
{
    QList<AudioDeviceInfo> list;
    if (Pa_Initialize() != paNoError)
        return list;
    jack_set_error_function(silentJackMessage);
    jack_set_info_function(silentJackMessage);
    for (PaDeviceIndex i = 0; i < Pa_GetDeviceCount(); ++i) {
        const PaDeviceInfo *info = Pa_GetDeviceInfo(i);
        if (!info)
            continue;
        const PaHostApiInfo *api = Pa_GetHostApiInfo(info->hostApi);
        AudioDeviceInfo d;
        d.index = i;
        d.name = QString::fromUtf8(info->name);
        d.hostApi = api ? QString::fromUtf8(api->name) : QString();
        d.isJack = api && api->type == paJACK;
        d.maxInputChannels = info->maxInputChannels;
        d.maxOutputChannels = info->maxOutputChannels;
        d.defaultSampleRate = info->defaultSampleRate;
        d.defaultLowOutputLatency = info->defaultLowOutputLatency;
        d.defaultLowInputLatency = info->defaultLowInputLatency;
        d.isDefaultOutput = api && api->defaultOutputDevice == i;
        d.isDefaultInput = api && api->defaultInputDevice == i;
        list << d;
    }
    Pa_Terminate();
    return list;
}

bool AudioDevice::open(AudioProcessor *processor, const Options &options)
{
    close();
    m_processor = processor;
    m_options = options;
    return openStream();
}

bool AudioDevice::reopen()
{
    if (!m_processor) {
        setStopped(QStringLiteral("reopen() called before open()"));
        return false;
    }
    close();
    terminate(); // re-scan: the JACK host API only appears when a server ran at Pa_Initialize
    return openStream();
}

bool AudioDevice::openStream()
{
    QString error;
    if (!m_processor) {
        setStopped(QStringLiteral("no audio processor given"));
        return false;
    }
    if (m_options.outputChannels < 0 || m_options.inputChannels < 0
        || m_options.outputChannels > kMaxChannels || m_options.inputChannels > kMaxChannels
        || m_options.outputChannels + m_options.inputChannels == 0 || m_options.sampleRate <= 0
        || m_options.framesPerBuffer < 0) {
        setStopped(QStringLiteral("invalid audio options: %1 in / %2 out channels (1..%3), "
                                  "%4 Hz, %5 frames")
                       .arg(m_options.inputChannels)
                       .arg(m_options.outputChannels)
                       .arg(kMaxChannels)
                       .arg(m_options.sampleRate)
                       .arg(m_options.framesPerBuffer));
        return false;
    }
    if (!ensureInitialized(&error)) {
        setStopped(error);
        return false;
    }

    // Choose the device.
    PaDeviceIndex device = paNoDevice;
    const bool wantOutput = m_options.outputChannels > 0;
    if (!m_options.deviceName.isEmpty()) {
        for (PaDeviceIndex i = 0; i < Pa_GetDeviceCount() && device == paNoDevice; ++i) {
            const PaDeviceInfo *info = Pa_GetDeviceInfo(i);
            if (info && QString::fromUtf8(info->name) == m_options.deviceName)
                device = i;
        }
        if (device == paNoDevice) {
            setStopped(QStringLiteral("no audio device named '%1'").arg(m_options.deviceName));
            return false;
        }
    } else {
        QList<PaHostApiTypeId> order;
        if (m_options.preferJack)
            order << paJACK;
        order << paALSA;
        for (PaHostApiTypeId type : order) {
            const PaHostApiIndex api = Pa_HostApiTypeIdToHostApiIndex(type);
            if (api < 0)
                continue;
            const PaHostApiInfo *info = Pa_GetHostApiInfo(api);
            if (!info)
                continue;
            const PaDeviceIndex d = wantOutput ? info->defaultOutputDevice
                                               : info->defaultInputDevice;
            if (d != paNoDevice) {
                device = d;
                break;
            }
        }
        if (device == paNoDevice)
            device = wantOutput ? Pa_GetDefaultOutputDevice() : Pa_GetDefaultInputDevice();
        if (device == paNoDevice) {
            setStopped(noDeviceMessage());
            terminate();
            return false;
        }
    }

    const PaDeviceInfo *info = Pa_GetDeviceInfo(device);
    const PaHostApiInfo *apiInfo = info ? Pa_GetHostApiInfo(info->hostApi) : nullptr;
    if (!info || !apiInfo) {
        setStopped(noDeviceMessage());
        return false;
    }
    if (info->maxOutputChannels < m_options.outputChannels
        || info->maxInputChannels < m_options.inputChannels) {
        setStopped(QStringLiteral("audio device '%1' has %2 in / %3 out channels, %4 / %5 asked")
                       .arg(QString::fromUtf8(info->name))
                       .arg(info->maxInputChannels)
                       .arg(info->maxOutputChannels)
                       .arg(m_options.inputChannels)
                       .arg(m_options.outputChannels));
        return false;
    }

    PaStreamParameters out{};
    out.device = device;
    out.channelCount = m_options.outputChannels;
    out.sampleFormat = paFloat32 | paNonInterleaved;
    out.suggestedLatency = info->defaultLowOutputLatency;
    PaStreamParameters in{};
    in.device = device;
    in.channelCount = m_options.inputChannels;
    in.sampleFormat = paFloat32 | paNonInterleaved;
    in.suggestedLatency = info->defaultLowInputLatency;
    PaStreamParameters *outPtr = m_options.outputChannels > 0 ? &out : nullptr;
    PaStreamParameters *inPtr = m_options.inputChannels > 0 ? &in : nullptr;

    const PaError supported = Pa_IsFormatSupported(inPtr, outPtr, m_options.sampleRate);
    if (supported != paFormatIsSupported) {
        setStopped(QStringLiteral("audio device '%1' (%2) cannot run at %3 Hz (it runs at %4 Hz): "
                                  "%5")
                       .arg(QString::fromUtf8(info->name), QString::fromUtf8(apiInfo->name))
                       .arg(m_options.sampleRate)
                       .arg(info->defaultSampleRate)
                       .arg(paError(supported)));
        return false;
    }

    // The processor gets the largest block we may hand it; bigger host blocks are split.
    m_maxFrames = m_options.framesPerBuffer > 0 ? m_options.framesPerBuffer : 4096;
    m_processor->prepare(m_options.sampleRate, m_maxFrames);

    m_frames.store(0);
    m_callbacks.store(0);
    m_xruns.store(0);
    m_finished.store(false);
    m_lastCallbackNs.store(0);
    m_lastBlock.store(0);
    m_blockStartFrames.store(0);
    m_rate.store(m_options.sampleRate);

    PaStream *stream = nullptr;
    PaError err = Pa_OpenStream(&stream, inPtr, outPtr, m_options.sampleRate,
                                m_options.framesPerBuffer > 0
                                    ? static_cast<unsigned long>(m_options.framesPerBuffer)
                                    : paFramesPerBufferUnspecified,
                                paNoFlag, &AudioDeviceCallbacks::stream, this);
    if (err == paNoError)
        err = Pa_SetStreamFinishedCallback(stream, &AudioDeviceCallbacks::finished);
    if (err == paNoError)
        err = Pa_StartStream(stream);
    if (err != paNoError) {
        if (stream)
            Pa_CloseStream(stream);
        m_processor->release();
        setStopped(QStringLiteral("cannot open audio device '%1' (%2): %3")
                       .arg(QString::fromUtf8(info->name), QString::fromUtf8(apiInfo->name),
                            paError(err)));
        return false;
    }
    m_stream = stream;
    const PaStreamInfo *streamInfo = Pa_GetStreamInfo(stream);
    {
        QMutexLocker lock(&m_mutex);
        m_status = Status{};
        m_status.state = State::Running;
        m_status.hostApi = QString::fromUtf8(apiInfo->name);
        m_status.deviceName = QString::fromUtf8(info->name);
        m_status.sampleRate = streamInfo ? int(streamInfo->sampleRate) : m_options.sampleRate;
        m_status.framesPerBuffer = m_options.framesPerBuffer;
        m_status.outputLatency = streamInfo ? streamInfo->outputLatency : 0.0;
        m_status.inputLatency = streamInfo ? streamInfo->inputLatency : 0.0;
    }
    m_state.store(int(State::Running));
    m_lastSeenCallbacks = 0;
    m_lastProgressMs = steadyNs() / 1000000;
    m_watchdog->start();
    Q_EMIT statusChanged();
    return true;
}

int AudioDevice::process(const void *input, void *output, unsigned long frames,
                         unsigned long statusFlags) noexcept
{
    // Anchor of playheadNow(): where this block starts and when its callback began (seqlock).
    m_anchorSeq.fetch_add(1, std::memory_order_acq_rel);
    m_blockStartFrames.store(m_frames.load(std::memory_order_relaxed), std::memory_order_relaxed);
    m_lastCallbackNs.store(steadyNs(), std::memory_order_relaxed);
    m_lastBlock.store(int(frames), std::memory_order_relaxed);
    m_anchorSeq.fetch_add(1, std::memory_order_release);

    constexpr unsigned long xrunFlags =
        paInputUnderflow | paInputOverflow | paOutputUnderflow | paOutputOverflow;
    if (statusFlags & xrunFlags) {
        m_xruns.fetch_add(1, std::memory_order_relaxed);
        if (m_processor)
            m_processor->deviceXrun();
    }

    const int outChannels = m_options.outputChannels;
    const int inChannels = m_options.inputChannels;
    auto *const *outBase = static_cast<float *const *>(output);
    auto const *const *inBase = static_cast<const float *const *>(input);
    float *outPtrs[kMaxChannels];
    const float *inPtrs[kMaxChannels];
    unsigned long done = 0;
    while (done < frames) {
        const int block = int(std::min<unsigned long>(frames - done, unsigned(m_maxFrames)));
        for (int c = 0; c < outChannels; ++c)
            outPtrs[c] = outBase ? outBase[c] + done : nullptr;
        for (int c = 0; c < inChannels; ++c)
            inPtrs[c] = inBase && inBase[c] ? inBase[c] + done : nullptr;
        if (outBase) {
            for (int c = 0; c < outChannels; ++c)
                std::fill(outPtrs[c], outPtrs[c] + block, 0.0f);
        }
        m_processor->process(inBase ? inPtrs : nullptr, inBase ? inChannels : 0,
                             outBase ? outPtrs : nullptr, outBase ? outChannels : 0, block);
        done += unsigned(block);
    }
    m_frames.fetch_add(std::int64_t(frames), std::memory_order_release);
    m_callbacks.fetch_add(1, std::memory_order_release);
    return paContinue;
}

std::int64_t AudioDevice::playheadNow() const
{
    const int rate = m_rate.load(std::memory_order_relaxed);
    if (!isRunning() || rate <= 0)
        return framesProcessed();
    std::int64_t start = 0;
    std::int64_t last = 0;
    int block = 0;
    for (int attempt = 0; attempt < 64; ++attempt) {
        const std::uint32_t before = m_anchorSeq.load(std::memory_order_acquire);
        if (before & 1u)
            continue;
        start = m_blockStartFrames.load(std::memory_order_relaxed);
        last = m_lastCallbackNs.load(std::memory_order_relaxed);
        block = m_lastBlock.load(std::memory_order_relaxed);
        std::atomic_thread_fence(std::memory_order_acquire);
        if (m_anchorSeq.load(std::memory_order_relaxed) == before)
            break;
    }
    if (last == 0)
        return framesProcessed();
    const std::int64_t elapsed = std::max<std::int64_t>(0, steadyNs() - last);
    return start + std::min<std::int64_t>(elapsed * rate / 1000000000, block);
}

void AudioDevice::checkStream()
{
    if (!m_stream || m_state.load() != int(State::Running))
        return;
    const std::int64_t nowMs = steadyNs() / 1000000;
    const std::int64_t callbacks = m_callbacks.load(std::memory_order_acquire);
    if (callbacks != m_lastSeenCallbacks) {
        m_lastSeenCallbacks = callbacks;
        m_lastProgressMs = nowMs;
    }
    if (s_paJackShutdownSeen.load()) {
        setStopped(QStringLiteral("audio stream stopped: the JACK server shut down"));
    } else if (m_finished.load(std::memory_order_acquire)) {
        setStopped(QStringLiteral("audio stream stopped: the device or JACK server went away"));
    } else if (Pa_IsStreamActive(static_cast<PaStream *>(m_stream)) != 1) {
        setStopped(QStringLiteral("audio stream is no longer active: the device or JACK server "
                                  "went away"));
    } else if (nowMs - m_lastProgressMs > kStallTimeoutMs) {
        setStopped(QStringLiteral("audio stream stalled: no callback for %1 ms (JACK server or "
                                  "device gone?)")
                       .arg(nowMs - m_lastProgressMs));
    }
}

void AudioDevice::setStopped(const QString &message)
{
    m_watchdog->stop();
    {
        QMutexLocker lock(&m_mutex);
        m_status.state = State::Stopped;
        m_status.message = message;
    }
    m_state.store(int(State::Stopped));
    Q_EMIT statusChanged();
}

void AudioDevice::closeStream()
{
    m_watchdog->stop();
    if (m_stream) {
        auto *stream = static_cast<PaStream *>(m_stream);
        runUnstuck([stream] {
            if (Pa_IsStreamStopped(stream) == 0)
                Pa_AbortStream(stream);
            Pa_CloseStream(stream);
        });
        m_stream = nullptr;
        if (m_processor)
            m_processor->release();
    }
}

void AudioDevice::close()
{
    const bool wasOpen = m_stream != nullptr;
    closeStream();
    terminate(); // hold no PortAudio (JACK client) while closed
    if (wasOpen) {
        {
            QMutexLocker lock(&m_mutex);
            if (m_status.state == State::Running)
                m_status.message.clear();
            m_status.state = State::Closed;
        }
        m_state.store(int(State::Closed));
        Q_EMIT statusChanged();
    }
}

AudioDevice::Status AudioDevice::status() const
{
    QMutexLocker lock(&m_mutex);
    Status s = m_status;
    s.state = State(m_state.load());
    s.callbacks = callbackCount();
    s.frames = framesProcessed();
    s.xruns = xrunCount();
    return s;
}

} // namespace mirstudio
