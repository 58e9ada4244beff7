# xsoc rewrites its output only when the content changes: a second run with the same
# schema keeps the header's timestamp; a changed schema updates it.
# Usage: cmake -DXSOC=... -DSCHEMA=... -DWORK_DIR=... -P check_incremental.cmake
file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")
get_filename_component(stem "${SCHEMA}" NAME_WE)
file(READ "${SCHEMA}" content)
file(WRITE "${WORK_DIR}/${stem}.xml" "${content}")

function(run)
  execute_process(
    COMMAND "${XSOC}" --out-dir "${WORK_DIR}/out" --namespace test::incremental --include-prefix inc
            "${WORK_DIR}/${stem}.xml"
    RESULT_VARIABLE rc ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "xsoc failed:\n${err}")
  endif()
endfunction()

run()
file(GLOB_RECURSE header "${WORK_DIR}/out/*.hpp")
list(LENGTH header count)
if(NOT count EQUAL 1)
  message(FATAL_ERROR "expected one header, got '${header}'")
endif()
file(TIMESTAMP "${header}" first "%Y%m%d%H%M%S")
execute_process(COMMAND "${CMAKE_COMMAND}" -E sleep 1.2)
run()
file(TIMESTAMP "${header}" second "%Y%m%d%H%M%S")
if(NOT first STREQUAL second)
  message(FATAL_ERROR "unchanged output was rewritten (${first} -> ${second})")
endif()
string(REPLACE "</schema>" "  <element name=\"added\" type=\"Added\"/>\n</schema>" content "${content}")
file(WRITE "${WORK_DIR}/${stem}.xml" "${content}")
run()
file(READ "${header}" text)
if(NOT text MATCHES "struct Added")
  message(FATAL_ERROR "changed schema did not update the header")
endif()
