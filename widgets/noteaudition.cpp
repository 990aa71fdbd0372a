// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/noteaudition.h"

#include <algorithm>

namespace mirstudio::widgets {

void NoteAudition::send(std::uint8_t status, int data1, int data2)
{
    if (m_sink)
        m_sink(std::uint8_t(status | m_channel), std::uint8_t(std::clamp(data1, 0, 127)),
               std::uint8_t(std::clamp(data2, 0, 127)));
}

void NoteAudition::play(int pitch, int velocity)
{
    stop();
    send(0x90, pitch, std::max(1, velocity));
    m_sounding = pitch;
}

void NoteAudition::follow(int pitch, int velocity)
{
    if (pitch != m_sounding)
        play(pitch, velocity);
}

void NoteAudition::stop()
{
    if (m_sounding >= 0)
        send(0x80, m_sounding, 0);
    m_sounding = -1;
}

} // namespace mirstudio::widgets
