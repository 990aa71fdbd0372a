# SPDX-License-Identifier: GPL-3.0-or-later
# Every third-party dependency, found once, with the cleanest config each package ships
# (see ../shared/research/stack.md §2).

# Qt6 must come before QCustomPlotQt6: its config does not find Qt itself.
find_package(Qt6 6.4 REQUIRED COMPONENTS Core Gui Widgets PrintSupport Concurrent Test)
find_package(QCustomPlotQt6 REQUIRED)            # QCustomPlotQt6::QCustomPlotQt6
find_package(FluidSynth 2.3 CONFIG REQUIRED)     # FluidSynth::libfluidsynth
find_package(PkgConfig REQUIRED)
pkg_check_modules(PORTAUDIO  REQUIRED IMPORTED_TARGET portaudio-2.0)
pkg_check_modules(RTMIDI     REQUIRED IMPORTED_TARGET rtmidi)
pkg_check_modules(JACK       REQUIRED IMPORTED_TARGET jack)
pkg_check_modules(SNDFILE    REQUIRED IMPORTED_TARGET sndfile)
pkg_check_modules(SAMPLERATE REQUIRED IMPORTED_TARGET samplerate)
pkg_check_modules(FFTW3F     REQUIRED IMPORTED_TARGET fftw3f)
if(MIRSTUDIO_WITH_TORCH)
  find_package(Torch REQUIRED)                   # imported target `torch`
endif()
find_package(Threads REQUIRED)
