# xso_generate refuses two headers whose include paths map to one XSO_COMPILED_<id> (the
# macro that declares a COMPILED target's bindings extern): "my/x/y.hpp" and "my/x_y.hpp",
# "p/A.hpp" and "p/a.hpp", or a header of yours and one of an installed xso::compiled.
# Each case configures a small project (a stand-in xsoc: nothing is generated at configure
# time); a project with distinct ids must configure.
# Usage: cmake -DXSO_CMAKE_DIR=<repo>/cmake -DWORK_DIR=... -P check_compiled_ids.cmake
foreach(var XSO_CMAKE_DIR WORK_DIR)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "check_compiled_ids.cmake: ${var} is not set")
  endif()
endforeach()
file(REMOVE_RECURSE "${WORK_DIR}")

# configure(<name> <expect: ok|fail> <regex the error must match, for fail> <body line>...)
function(configure name expect regex)
  string(JOIN "" body ${ARGN})
  set(dir "${WORK_DIR}/${name}")
  file(MAKE_DIRECTORY "${dir}/src/s")
  foreach(schema y x_y A a pubsub z)
    file(WRITE "${dir}/src/s/${schema}.xml" "")
  endforeach()
  file(WRITE "${dir}/src/CMakeLists.txt"
    "cmake_minimum_required(VERSION 3.16)\n"
    "project(ids LANGUAGES NONE)\n"
    "add_executable(xsoc IMPORTED GLOBAL)\n"
    "set_target_properties(xsoc PROPERTIES IMPORTED_LOCATION /bin/true)\n"
    "add_library(xso::xso INTERFACE IMPORTED)\n"
    "include(\"${XSO_CMAKE_DIR}/XsoGenerate.cmake\")\n"
    "${body}\n")
  execute_process(COMMAND "${CMAKE_COMMAND}" -S "${dir}/src" -B "${dir}/build"
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(expect STREQUAL "ok" AND NOT rc EQUAL 0)
    message(FATAL_ERROR "${name}: expected to configure, failed:\n${err}")
  endif()
  if(expect STREQUAL "fail")
    if(rc EQUAL 0)
      message(FATAL_ERROR "${name}: expected a configure error, configured")
    endif()
    string(REGEX REPLACE "[ \t\r\n]+" " " flat "${err}") # CMake wraps long messages
    if(NOT flat MATCHES "${regex}")
      message(FATAL_ERROR "${name}: the error does not match '${regex}':\n${err}")
    endif()
  endif()
  message(STATUS "${name}: ${expect}")
endfunction()

configure(distinct ok ""
  "xso_generate(TARGET one SCHEMAS s/y.xml INCLUDE_PREFIX my/x)\n"
  "xso_generate(TARGET two SCHEMAS s/z.xml INCLUDE_PREFIX my/x)")
configure(slash_underscore fail
  "xso_generate\\(two\\): the header my/x_y.hpp and my/x/y.hpp \\(xso_generate\\(one\\)\\) have the same macro id, XSO_COMPILED_MY_X_Y"
  "xso_generate(TARGET one SCHEMAS s/y.xml INCLUDE_PREFIX my/x)\n"
  "xso_generate(TARGET two SCHEMAS s/x_y.xml INCLUDE_PREFIX my)")
configure(letter_case fail
  "the header p/a.hpp and p/A.hpp \\(xso_generate\\(upper\\)\\) have the same macro id, XSO_COMPILED_P_A"
  "xso_generate(TARGET upper SCHEMAS s/A.xml INCLUDE_PREFIX p)\n"
  "xso_generate(TARGET lower SCHEMAS s/a.xml INCLUDE_PREFIX p)")
configure(installed fail
  "the header xso_generated/pubsub.hpp and <a header of xso::compiled> \\(installed\\) have the same macro id, XSO_COMPILED_XSO_GENERATED_PUBSUB"
  "add_library(xso::compiled INTERFACE IMPORTED)\n"
  "set_property(TARGET xso::compiled APPEND PROPERTY INTERFACE_COMPILE_DEFINITIONS XSO_COMPILED_XSO_GENERATED_STANZA)\n"
  "set_property(TARGET xso::compiled APPEND PROPERTY INTERFACE_COMPILE_DEFINITIONS XSO_COMPILED_XSO_GENERATED_PUBSUB)\n"
  "_xso_claim_compiled_ids_of(xso::compiled)\n"
  "xso_generate(TARGET mine SCHEMAS s/pubsub.xml INCLUDE_PREFIX xso_generated)")
