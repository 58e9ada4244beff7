# Generates every good schema into one directory and compiles a translation unit that
# includes all the headers against the real runtime (include/), with -fsyntax-only.
# Usage: cmake -DXSOC=... -DGOOD_DIR=... -DWORK_DIR=... -DCXX=... -DRUNTIME_INCLUDE=...
#              -DHANA_INCLUDE=... -DSOURCE=compile_good.cpp -P check_compile.cmake
file(REMOVE_RECURSE "${WORK_DIR}")
file(GLOB schemas "${GOOD_DIR}/*.xml" "${GOOD_DIR}/lib/*.xml")
list(SORT schemas)
foreach(schema IN LISTS schemas)
  set(extra_args "")
  get_filename_component(schema_dir "${schema}" DIRECTORY)
  file(STRINGS "${schema}" arg_lines REGEX "<!-- xsoc-args: .* -->")
  foreach(line IN LISTS arg_lines)
    string(REGEX REPLACE "^.*<!-- xsoc-args: (.*) -->.*$" "\\1" args "${line}")
    string(REPLACE "@SCHEMA_DIR@" "${schema_dir}" args "${args}")
    separate_arguments(args UNIX_COMMAND "${args}")
    list(APPEND extra_args ${args})
  endforeach()
  execute_process(
    COMMAND "${XSOC}" --out-dir "${WORK_DIR}/gen" ${extra_args} "${schema}"
    RESULT_VARIABLE rc ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "xsoc ${schema} failed:\n${err}")
  endif()
endforeach()
# Headers of schemas with <form> declarations include <xso/forms/generated_support.hpp>,
# which needs the data-form types generated from the library's schema/xdata.xml.
get_filename_component(xdata_schema "${RUNTIME_INCLUDE}/../schema/xdata.xml" ABSOLUTE)
if(EXISTS "${xdata_schema}")
  execute_process(
    COMMAND "${XSOC}" --out-dir "${WORK_DIR}/gen" "${xdata_schema}"
    RESULT_VARIABLE rc ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "xsoc ${xdata_schema} failed:\n${err}")
  endif()
endif()
# A system directory passed again with -isystem would disturb the compiler's own order.
set(hana_flags "")
if(HANA_INCLUDE AND NOT HANA_INCLUDE MATCHES "^/usr(/local)?/include/?$")
  set(hana_flags -isystem "${HANA_INCLUDE}")
endif()
execute_process(
  COMMAND "${CXX}" -std=c++17 -fsyntax-only -Wall -Wextra -Wpedantic -Werror
          -I "${WORK_DIR}/gen" -I "${RUNTIME_INCLUDE}" ${hana_flags} "${SOURCE}"
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "generated headers do not compile:\n${out}${err}")
endif()
