# Reads symbols with nm: the user's object file (USER) must define no instantiation of the
# binding machinery (the per-type parse and write tables and operations), and each library
# of LIBRARIES must define them, so that the check can fail.
#   cmake -DNM=<nm> -DUSER=<file.o> -DLIBRARIES=<a;b> -P check_extern.cmake
set(_machinery "xso::detail::parse_ops<" "xso::detail::write_ops<" "xso::detail::parse_table<" "xso::detail::write_table<")

function(defined_symbols file out)
  execute_process(COMMAND "${NM}" -C --defined-only "${file}"
    OUTPUT_VARIABLE _symbols RESULT_VARIABLE _rc ERROR_VARIABLE _err)
  if(NOT _rc EQUAL 0)
    message(FATAL_ERROR "nm ${file} failed: ${_err}")
  endif()
  set(${out} "${_symbols}" PARENT_SCOPE)
endfunction()

# The first line of `symbols` naming the machinery, or "".
function(first_machinery symbols out)
  set(${out} "" PARENT_SCOPE)
  foreach(_pattern IN LISTS _machinery)
    string(FIND "${symbols}" "${_pattern}" _at)
    if(NOT _at EQUAL -1)
      string(SUBSTRING "${symbols}" ${_at} 200 _line)
      string(REGEX REPLACE "\n.*" "" _line "${_line}")
      set(${out} "${_line}" PARENT_SCOPE)
      return()
    endif()
  endforeach()
endfunction()

foreach(_lib IN LISTS LIBRARIES)
  defined_symbols("${_lib}" _symbols)
  first_machinery("${_symbols}" _hit)
  if(_hit STREQUAL "")
    message(FATAL_ERROR "${_lib} defines no binding: it should instantiate them")
  endif()
  message(STATUS "${_lib} instantiates bindings, e.g. ${_hit}")
endforeach()

defined_symbols("${USER}" _symbols)
first_machinery("${_symbols}" _hit)
if(NOT _hit STREQUAL "")
  message(FATAL_ERROR "${USER} instantiates bindings itself, e.g. ${_hit}")
endif()
message(STATUS "${USER}: no binding instantiated")
