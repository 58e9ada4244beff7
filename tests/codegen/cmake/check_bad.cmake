# Runs xsoc on one invalid schema and checks that
#  - it exits with 1,
#  - every `<!-- expect: LINE: message -->` comment of the schema shows up in stderr as
#    `<schema file>:LINE: message` (or, for `<!-- expect: other.xml:LINE: message -->`, as
#    `other.xml:LINE: message`: an error reported in an imported file),
#  - no header was written.
# Usage: cmake -DXSOC=... -DSCHEMA=... -DWORK_DIR=... -P check_bad.cmake
foreach(var XSOC SCHEMA WORK_DIR)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "check_bad.cmake: ${var} is not set")
  endif()
endforeach()

file(REMOVE_RECURSE "${WORK_DIR}")
file(STRINGS "${SCHEMA}" expectations REGEX "<!-- expect: .* -->")
if(NOT expectations)
  message(FATAL_ERROR "${SCHEMA}: no <!-- expect: LINE: message --> comment")
endif()
get_filename_component(file_name "${SCHEMA}" NAME)

execute_process(
  COMMAND "${XSOC}" --out-dir "${WORK_DIR}/out" "${SCHEMA}"
  RESULT_VARIABLE rc
  OUTPUT_VARIABLE out
  ERROR_VARIABLE err)

set(failed FALSE)
if(NOT rc EQUAL 1)
  message(SEND_ERROR "expected exit code 1, got '${rc}'")
  set(failed TRUE)
endif()
foreach(line IN LISTS expectations)
  string(REGEX REPLACE "^.*<!-- expect: (.*) -->.*$" "\\1" expect "${line}")
  if(expect MATCHES "^[^ :/]+\\.xml:[0-9]+: ")
    set(needle "${expect}")
  else()
    set(needle "${file_name}:${expect}")
  endif()
  string(FIND "${err}" "${needle}" pos)
  if(pos EQUAL -1)
    message(SEND_ERROR "missing in stderr: ${needle}")
    set(failed TRUE)
  endif()
endforeach()
file(GLOB_RECURSE written "${WORK_DIR}/out/*")
if(written)
  message(SEND_ERROR "xsoc wrote files despite errors: ${written}")
  set(failed TRUE)
endif()
if(failed)
  message(FATAL_ERROR "stderr was:\n${err}")
endif()
