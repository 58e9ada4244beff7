# Install rules, included from the top-level CMakeLists.txt when XSO_INSTALL is on.
#
#   include/xso/...                 hand-written headers, and the generated ones in xso/generated/
#   share/xso/schema/*.xml          our schemas: xso_SCHEMA_DIR, for users' IMPORT_DIRS
#   bin/xsoc, bin/xso-inspect       the generator (imported as xso::xsoc) and the tool
#   lib/cmake/xso/                  package config, version file, exported targets, xso_generate()
#
# Every path in the installed package config is relative to the install prefix, so the
# tree can be moved. tests/install/installed-files.txt is the exact list of files;
# scripts/test.d/30-consumers.sh installs into a temporary prefix and compares.
set(XSO_CMAKE_DIR "${CMAKE_INSTALL_LIBDIR}/cmake/xso")
set(XSO_SCHEMA_INSTALL_DIR "${CMAKE_INSTALL_DATADIR}/xso/schema")

install(DIRECTORY "${PROJECT_SOURCE_DIR}/include/" DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}")
install(DIRECTORY "${XSO_GENERATED_DIR}/xso/generated" DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}/xso"
  FILES_MATCHING PATTERN "*.hpp")
install(FILES ${XSO_SCHEMA_FILES} DESTINATION "${XSO_SCHEMA_INSTALL_DIR}")
set(_xso_install_targets xso_runtime xso xsoc)
if(TARGET xso_compiled)
  list(APPEND _xso_install_targets xso_compiled)
endif()
install(TARGETS ${_xso_install_targets} EXPORT xso-targets
  RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}"
  ARCHIVE DESTINATION "${CMAKE_INSTALL_LIBDIR}")
install(EXPORT xso-targets NAMESPACE xso:: DESTINATION "${XSO_CMAKE_DIR}")

configure_package_config_file("${PROJECT_SOURCE_DIR}/cmake/xso-config.cmake.in"
  "${PROJECT_BINARY_DIR}/xso-config.cmake"
  INSTALL_DESTINATION "${XSO_CMAKE_DIR}"
  PATH_VARS XSO_SCHEMA_INSTALL_DIR)
# 0.x: a minor version may change the generated-code contract (generated headers also
# static_assert MAJOR.MINOR). Not ARCH_INDEPENDENT: the package holds the xsoc binary.
write_basic_package_version_file("${PROJECT_BINARY_DIR}/xso-config-version.cmake"
  COMPATIBILITY SameMinorVersion)
install(FILES
  "${PROJECT_BINARY_DIR}/xso-config.cmake"
  "${PROJECT_BINARY_DIR}/xso-config-version.cmake"
  "${PROJECT_SOURCE_DIR}/cmake/XsoGenerate.cmake"
  DESTINATION "${XSO_CMAKE_DIR}")
