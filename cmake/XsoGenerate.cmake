# xso_generate(): compile xso schema files into C++ headers at build time.
#
#   xso_generate(TARGET <name>
#                SCHEMAS <file.xml>...
#                [NAMESPACE <c++::namespace>]     # for schemas that do not set cpp-namespace
#                [INCLUDE_PREFIX <dir>]           # headers are <dir>/<schema stem>.hpp
#                [IMPORT_DIRS <dir>...]           # where <import schema="..."/> files are found
#                [LINK <target>...])              # default: xso::xso
#
# Creates the INTERFACE library <name>: link it and include "<INCLUDE_PREFIX>/<stem>.hpp".
# One xsoc run per schema; it reruns when the schema, a schema it imports (through a
# depfile) or the generator changes. Errors in a schema stop the build with
# "file:line: message". Generation also runs through the custom target
# xso_generate_<name>, for targets in other directories that need the headers without
# linking <name> (custom command outputs are directory-scoped in CMake).
#
# A schema whose root sets include-prefix must agree with INCLUDE_PREFIX (the output path
# is decided here, before xsoc reads the schema).

function(xso_generate)
  cmake_parse_arguments(PARSE_ARGV 0 ARG "" "TARGET;NAMESPACE;INCLUDE_PREFIX" "SCHEMAS;IMPORT_DIRS;LINK")
  if(ARG_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "xso_generate: unknown arguments: ${ARG_UNPARSED_ARGUMENTS}")
  endif()
  if(NOT ARG_TARGET)
    message(FATAL_ERROR "xso_generate: TARGET is required")
  endif()
  if(NOT ARG_SCHEMAS)
    message(FATAL_ERROR "xso_generate(${ARG_TARGET}): SCHEMAS is required")
  endif()
  if(NOT DEFINED ARG_LINK)
    set(ARG_LINK xso::xso)
  endif()

  if(TARGET xso::xsoc)
    set(_xsoc xso::xsoc)
  elseif(TARGET xsoc)
    set(_xsoc xsoc)
  else()
    message(FATAL_ERROR "xso_generate: the generator xsoc is not available (find_package(xso) or add_subdirectory(xso) first)")
  endif()

  set(_out "${CMAKE_CURRENT_BINARY_DIR}/xso_gen/${ARG_TARGET}")
  set(_args --out-dir "${_out}")
  if(ARG_NAMESPACE)
    list(APPEND _args --namespace "${ARG_NAMESPACE}")
  endif()
  set(_prefix_dir "${_out}")
  if(ARG_INCLUDE_PREFIX)
    list(APPEND _args --include-prefix "${ARG_INCLUDE_PREFIX}")
    set(_prefix_dir "${_out}/${ARG_INCLUDE_PREFIX}")
  endif()
  foreach(_dir IN LISTS ARG_IMPORT_DIRS)
    get_filename_component(_dir "${_dir}" ABSOLUTE)
    list(APPEND _args --import-dir "${_dir}")
  endforeach()

  set(_headers)
  foreach(_schema IN LISTS ARG_SCHEMAS)
    get_filename_component(_schema "${_schema}" ABSOLUTE)
    if(NOT EXISTS "${_schema}")
      message(FATAL_ERROR "xso_generate(${ARG_TARGET}): schema not found: ${_schema}")
    endif()
    get_filename_component(_stem "${_schema}" NAME_WE)
    set(_header "${_prefix_dir}/${_stem}.hpp")
    set(_depfile "${_out}/deps/${_stem}.d")
    add_custom_command(
      OUTPUT "${_header}"
      COMMAND ${_xsoc} ${_args} --depfile "${_depfile}" "${_schema}"
      DEPENDS "${_schema}" ${_xsoc}
      DEPFILE "${_depfile}"
      COMMENT "xsoc: generating ${_stem}.hpp"
      VERBATIM)
    list(APPEND _headers "${_header}")
  endforeach()

  add_custom_target(xso_generate_${ARG_TARGET} DEPENDS ${_headers})
  add_library(${ARG_TARGET} INTERFACE)
  target_include_directories(${ARG_TARGET} INTERFACE "$<BUILD_INTERFACE:${_out}>")
  target_link_libraries(${ARG_TARGET} INTERFACE ${ARG_LINK})
  add_dependencies(${ARG_TARGET} xso_generate_${ARG_TARGET})
  set_target_properties(${ARG_TARGET} PROPERTIES
    XSO_GENERATED_DIR "${_out}"
    XSO_GENERATED_HEADERS "${_headers}")
endfunction()
