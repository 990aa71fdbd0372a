// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace mirstudio {

/**
 * One audio device as PortAudio lists it (AudioDevice::devices()): plain value, any thread.
 * `index` is PortAudio's global device index, valid until the next Pa_Terminate/Pa_Initialize.
 */
struct AudioDeviceInfo
{
    int index = -1;
    QString name;
    QString hostApi;          ///< host API name, e.g. "JACK Audio Connection Kit" or "ALSA"
    bool isJack = false;      ///< host API type is paJACK
    int maxInputChannels = 0;
    int maxOutputChannels = 0;
    double defaultSampleRate = 0.0;
    double defaultLowOutputLatency = 0.0; ///< seconds
    double defaultLowInputLatency = 0.0;  ///< seconds
    bool isDefaultOutput = false; ///< default output of its host API
    bool isDefaultInput = false;  ///< default input of its host API
};

} // namespace mirstudio
