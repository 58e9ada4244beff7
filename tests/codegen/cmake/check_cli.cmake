# Runs xsoc with ARGS ('|'-separated) and checks the exit code (EXPECT_RC) and, optionally,
# that stdout+stderr match the regular expression EXPECT_OUTPUT.
# Usage: cmake -DXSOC=... "-DARGS=a|b" -DEXPECT_RC=2 [-DEXPECT_OUTPUT=regex] -P check_cli.cmake
string(REPLACE "|" ";" args "${ARGS}")
execute_process(
  COMMAND "${XSOC}" ${args}
  RESULT_VARIABLE rc
  OUTPUT_VARIABLE out
  ERROR_VARIABLE err)
if(NOT rc EQUAL EXPECT_RC)
  message(FATAL_ERROR "xsoc ${args}: expected exit code ${EXPECT_RC}, got '${rc}'\n${out}${err}")
endif()
if(DEFINED EXPECT_OUTPUT AND NOT "${out}${err}" MATCHES "${EXPECT_OUTPUT}")
  message(FATAL_ERROR "xsoc ${args}: output does not match '${EXPECT_OUTPUT}':\n${out}${err}")
endif()
