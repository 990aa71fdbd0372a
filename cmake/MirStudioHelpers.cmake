# SPDX-License-Identifier: GPL-3.0-or-later
# Helpers that keep every CMakeLists.txt a few lines long.

# Includes are rooted at the repository: #include "core/media/audiofile.h".
set(MIRSTUDIO_SOURCE_ROOT "${CMAKE_SOURCE_DIR}")

function(_mirstudio_common_options target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wno-unused-parameter)
  # Qt's `slots`/`signals`/`emit` macros break torch headers; use Q_SLOTS/Q_SIGNALS/Q_EMIT.
  target_compile_definitions(${target} PRIVATE QT_NO_KEYWORDS)
endfunction()

# mirstudio_add_module(NAME name ALIAS ns::name [SOURCES ...] [GLOB_DIRS dir...]
#                      [PUBLIC_LIBS ...] [PRIVATE_LIBS ...] [AUTOMOC])
# A static library whose sources are listed or globbed (*.cpp, *.h) from GLOB_DIRS.
function(mirstudio_add_module)
  cmake_parse_arguments(M "AUTOMOC" "NAME;ALIAS" "SOURCES;GLOB_DIRS;PUBLIC_LIBS;PRIVATE_LIBS" ${ARGN})
  set(srcs ${M_SOURCES})
  foreach(d IN LISTS M_GLOB_DIRS)
    file(GLOB found CONFIGURE_DEPENDS "${d}/*.cpp" "${d}/*.h")
    list(APPEND srcs ${found})
  endforeach()
  add_library(${M_NAME} STATIC ${srcs})
  add_library(${M_ALIAS} ALIAS ${M_NAME})
  target_include_directories(${M_NAME} PUBLIC "${MIRSTUDIO_SOURCE_ROOT}")
  target_link_libraries(${M_NAME} PUBLIC ${M_PUBLIC_LIBS} PRIVATE ${M_PRIVATE_LIBS})
  if(M_AUTOMOC)
    set_target_properties(${M_NAME} PROPERTIES AUTOMOC ON)
  endif()
  _mirstudio_common_options(${M_NAME})
endfunction()

# mirstudio_add_plugin(NAME name SOURCES ... [LIBS ...])
# A Qt plugin (MODULE library) placed in <build>/plugins where the host discovers it.
function(mirstudio_add_plugin)
  cmake_parse_arguments(P "" "NAME" "SOURCES;LIBS" ${ARGN})
  add_library(${P_NAME} MODULE ${P_SOURCES})
  set_target_properties(${P_NAME} PROPERTIES AUTOMOC ON
    LIBRARY_OUTPUT_DIRECTORY "${CMAKE_BINARY_DIR}/plugins")
  target_include_directories(${P_NAME} PRIVATE "${MIRSTUDIO_SOURCE_ROOT}")
  target_link_libraries(${P_NAME} PRIVATE mirstudio::sdk ${P_LIBS})
  _mirstudio_common_options(${P_NAME})
  # A plugin built on the toolkit or a torch model library compiles with the torch PCH.
  if(TARGET mirstudio_toolkit AND P_LIBS MATCHES "toolkit|_model")
    mirstudio_use_torch_pch(${P_NAME})
  endif()
endfunction()

# mirstudio_add_qtest(SOURCE tst_x.cpp [LIBS ...] [LABELS ...] [TIMEOUT s] [GUI] [ENV k=v...]
#                     [EXTRA_SOURCES ...])
# One Qt Test executable per tst_*.cpp, registered with CTest under its file name.
function(mirstudio_add_qtest)
  cmake_parse_arguments(T "GUI" "SOURCE;TIMEOUT" "LIBS;LABELS;ENV;EXTRA_SOURCES" ${ARGN})
  get_filename_component(name "${T_SOURCE}" NAME_WE)
  add_executable(${name} ${T_SOURCE} ${T_EXTRA_SOURCES})
  set_target_properties(${name} PROPERTIES AUTOMOC ON)
  target_include_directories(${name} PRIVATE "${MIRSTUDIO_SOURCE_ROOT}")
  target_link_libraries(${name} PRIVATE Qt6::Test ${T_LIBS})
  target_compile_definitions(${name} PRIVATE
    MIRSTUDIO_TEST_DATA_DIR="${MIRSTUDIO_SOURCE_ROOT}/tests/data"
    MIRSTUDIO_SOURCE_DIR="${MIRSTUDIO_SOURCE_ROOT}"
    MIRSTUDIO_BINARY_DIR="${CMAKE_BINARY_DIR}"
    MIRSTUDIO_SHARED_DIR="${MIRSTUDIO_SHARED_DIR}")
  _mirstudio_common_options(${name})
  # Tests of torch code (plugin folders, tests/toolkit) reuse the toolkit's torch PCH:
  # ~5 s per TU instead of ~12 s, about 30 test executables.
  if(TARGET mirstudio_toolkit AND (CMAKE_CURRENT_SOURCE_DIR MATCHES "/plugins/[^/]+/tests$"
                                   OR T_SOURCE MATCHES "/tests/toolkit/"))
    mirstudio_use_torch_pch(${name})
  endif()
  add_test(NAME ${name} COMMAND ${name})
  if(NOT T_TIMEOUT)
    set(T_TIMEOUT 300)
  endif()
  set(env ${T_ENV})
  if(T_GUI)
    list(APPEND env QT_QPA_PLATFORM=offscreen)
  endif()
  set_tests_properties(${name} PROPERTIES TIMEOUT ${T_TIMEOUT} LABELS "${T_LABELS}"
    ENVIRONMENT "${env}")
endfunction()

# mirstudio_add_qtests_in(DIR dir LIBS ... LABELS ... [GUI])
# Registers every tst_*.cpp in a folder with mirstudio_add_qtest.
function(mirstudio_add_qtests_in)
  cmake_parse_arguments(A "GUI" "DIR" "LIBS;LABELS" ${ARGN})
  file(GLOB tests CONFIGURE_DEPENDS "${A_DIR}/tst_*.cpp")
  foreach(t IN LISTS tests)
    if(A_GUI)
      mirstudio_add_qtest(SOURCE ${t} LIBS ${A_LIBS} LABELS ${A_LABELS} GUI)
    else()
      mirstudio_add_qtest(SOURCE ${t} LIBS ${A_LIBS} LABELS ${A_LABELS})
    endif()
  endforeach()
endfunction()

# mirstudio_use_torch_pch(target)
# Reuses the toolkit's precompiled <torch/torch.h> (about 25 s and 2 GiB to build once) so a
# torch TU compiles in ~5 s instead of ~12 s. Only for targets under plugins/ (the layer rule).
# Torch targets also get line-table debug info (-g1) in RelWithDebInfo: backtraces keep file
# and line, and a torch TU compiles about 20 % faster than with full -g (15.0 s -> 12.3 s for
# plugins/tfctdf/unet.cpp); the PCH and every target reusing it must agree on the flag.
function(mirstudio_torch_debug_info target)
  target_compile_options(${target} PRIVATE $<$<CONFIG:RelWithDebInfo>:-g1>)
endfunction()

function(mirstudio_use_torch_pch target)
  target_precompile_headers(${target} REUSE_FROM mirstudio_toolkit)
  mirstudio_torch_debug_info(${target})
endfunction()
