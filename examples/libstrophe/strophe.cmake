# Finds libstrophe (Debian: libstrophe-dev) and defines the imported target xso_strophe::strophe,
# or sets XSO_STROPHE_FOUND to FALSE. Used by examples/libstrophe and tests/live.
if(NOT TARGET xso_strophe::strophe)
  find_package(PkgConfig QUIET)
  if(PkgConfig_FOUND)
    pkg_check_modules(XSO_PC_STROPHE QUIET libstrophe)
  endif()
  find_path(XSO_STROPHE_INCLUDE_DIR strophe.h HINTS ${XSO_PC_STROPHE_INCLUDE_DIRS})
  find_library(XSO_STROPHE_LIBRARY NAMES strophe HINTS ${XSO_PC_STROPHE_LIBRARY_DIRS})
  if(XSO_STROPHE_INCLUDE_DIR AND XSO_STROPHE_LIBRARY)
    add_library(xso_strophe::strophe UNKNOWN IMPORTED GLOBAL)
    set_target_properties(xso_strophe::strophe PROPERTIES
      IMPORTED_LOCATION "${XSO_STROPHE_LIBRARY}"
      INTERFACE_INCLUDE_DIRECTORIES "${XSO_STROPHE_INCLUDE_DIR}")
  endif()
endif()
if(TARGET xso_strophe::strophe)
  set(XSO_STROPHE_FOUND TRUE)
else()
  set(XSO_STROPHE_FOUND FALSE)
endif()
