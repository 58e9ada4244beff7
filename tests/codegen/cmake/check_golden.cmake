# Generates one schema and compares the header with its reviewed copy (GOLDEN), so that a
# change of the generator's output is always deliberate: the diff is printed, and
#   cmake -DXSOC=<build>/codegen/xsoc -DSCHEMA=schema/shim.xml \
#         -DGOLDEN=tests/codegen/golden/xso/generated/shim.hpp -DUPDATE=ON \
#         -P tests/codegen/cmake/check_golden.cmake
# rewrites the copy (review it, and docs/generated-code.md, before committing).
# Usage: cmake -DXSOC=... -DSCHEMA=... -DGOLDEN=... [-DWORK_DIR=...] [-DUPDATE=ON] -P check_golden.cmake
foreach(var XSOC SCHEMA GOLDEN)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "check_golden.cmake: ${var} is not set")
  endif()
endforeach()
if(NOT DEFINED WORK_DIR)
  set(WORK_DIR "${CMAKE_CURRENT_BINARY_DIR}/xsoc-golden")
endif()
get_filename_component(stem "${SCHEMA}" NAME_WE)

file(REMOVE_RECURSE "${WORK_DIR}")
execute_process(
  COMMAND "${XSOC}" --out-dir "${WORK_DIR}" "${SCHEMA}"
  RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "xsoc ${SCHEMA} failed:\n${err}")
endif()
file(GLOB_RECURSE generated "${WORK_DIR}/*.hpp")
list(LENGTH generated count)
if(NOT count EQUAL 1)
  message(FATAL_ERROR "expected one header from ${SCHEMA}, got '${generated}'")
endif()

if(UPDATE)
  get_filename_component(golden_dir "${GOLDEN}" DIRECTORY)
  file(MAKE_DIRECTORY "${golden_dir}")
  file(COPY_FILE "${generated}" "${GOLDEN}")
  message(STATUS "updated ${GOLDEN}")
  return()
endif()

if(NOT EXISTS "${GOLDEN}")
  message(FATAL_ERROR "no golden copy ${GOLDEN} (create it with -DUPDATE=ON)")
endif()
execute_process(COMMAND "${CMAKE_COMMAND}" -E compare_files "${generated}" "${GOLDEN}" RESULT_VARIABLE same)
if(NOT same EQUAL 0)
  find_program(DIFF diff)
  set(shown "")
  if(DIFF)
    execute_process(COMMAND "${DIFF}" -u "${GOLDEN}" "${generated}" OUTPUT_VARIABLE shown)
  endif()
  message(FATAL_ERROR "the generated ${stem}.hpp differs from its golden copy ${GOLDEN}:\n${shown}\n"
          "If the generator change is deliberate, rerun this script with -DUPDATE=ON (see its header).")
endif()
