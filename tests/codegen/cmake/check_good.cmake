# Generates one valid schema twice, into two directories, and checks that
#  - xsoc exits with 0 and prints nothing,
#  - the header <out>/<include-prefix>/<stem>.hpp exists and both runs are byte-identical
#    (determinism),
#  - the depfile names the header and the schema.
# Extra command-line arguments come from an optional `<!-- xsoc-args: ... -->` comment in
# the schema; @SCHEMA_DIR@ in it is replaced by the schema's directory.
# Usage: cmake -DXSOC=... -DSCHEMA=... -DWORK_DIR=... -P check_good.cmake
foreach(var XSOC SCHEMA WORK_DIR)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "check_good.cmake: ${var} is not set")
  endif()
endforeach()

get_filename_component(schema_dir "${SCHEMA}" DIRECTORY)
get_filename_component(file_name "${SCHEMA}" NAME)
get_filename_component(stem "${SCHEMA}" NAME_WE)
set(extra_args "")
file(STRINGS "${SCHEMA}" arg_lines REGEX "<!-- xsoc-args: .* -->")
foreach(line IN LISTS arg_lines)
  string(REGEX REPLACE "^.*<!-- xsoc-args: (.*) -->.*$" "\\1" args "${line}")
  string(REPLACE "@SCHEMA_DIR@" "${schema_dir}" args "${args}")
  separate_arguments(args UNIX_COMMAND "${args}")
  list(APPEND extra_args ${args})
endforeach()

file(REMOVE_RECURSE "${WORK_DIR}")
foreach(run a b)
  execute_process(
    COMMAND "${XSOC}" --out-dir "${WORK_DIR}/${run}" --depfile "${WORK_DIR}/${run}.d" ${extra_args} "${SCHEMA}"
    RESULT_VARIABLE rc
    OUTPUT_VARIABLE out
    ERROR_VARIABLE err)
  if(NOT rc EQUAL 0 OR NOT err STREQUAL "" OR NOT out STREQUAL "")
    message(FATAL_ERROR "xsoc ${extra_args} ${file_name} failed (exit ${rc}):\n${out}${err}")
  endif()
endforeach()

file(GLOB_RECURSE files_a RELATIVE "${WORK_DIR}/a" "${WORK_DIR}/a/*")
file(GLOB_RECURSE files_b RELATIVE "${WORK_DIR}/b" "${WORK_DIR}/b/*")
list(SORT files_a)
list(SORT files_b)
if(NOT files_a STREQUAL files_b)
  message(FATAL_ERROR "the two runs wrote different files: '${files_a}' vs '${files_b}'")
endif()
list(LENGTH files_a count)
if(NOT count EQUAL 1 OR NOT files_a MATCHES "(^|/)${stem}\\.hpp$")
  message(FATAL_ERROR "expected exactly one header ${stem}.hpp, got '${files_a}'")
endif()
execute_process(
  COMMAND "${CMAKE_COMMAND}" -E compare_files "${WORK_DIR}/a/${files_a}" "${WORK_DIR}/b/${files_a}"
  RESULT_VARIABLE same)
if(NOT same EQUAL 0)
  message(FATAL_ERROR "non-deterministic output: ${files_a} differs between two runs")
endif()

file(READ "${WORK_DIR}/a.d" depfile)
string(FIND "${depfile}" "${files_a}:" has_target)
string(FIND "${depfile}" "${file_name}" has_schema)
if(has_target EQUAL -1 OR has_schema EQUAL -1)
  message(FATAL_ERROR "depfile does not name the header and the schema:\n${depfile}")
endif()

file(READ "${WORK_DIR}/a/${files_a}" header)
string(FIND "${header}" "${schema_dir}" has_dir)
if(header MATCHES "\r" OR NOT has_dir EQUAL -1)
  message(FATAL_ERROR "header contains CR line endings or the absolute schema directory")
endif()
