// The libFuzzer entry point of every harness: fuzz/CMakeLists.txt builds it once per
// harness with XSO_FUZZ_CHECK set to the check it runs (checks.hpp).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "checks.hpp"

#ifndef XSO_FUZZ_CHECK
#error "XSO_FUZZ_CHECK names the check of checks.hpp this harness runs"
#endif

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    std::string problem = xso_fuzz::XSO_FUZZ_CHECK(data, size);
    if (!problem.empty()) {
        std::fprintf(stderr, "xso property violated: %s\n", problem.c_str());
        std::abort();
    }
    return 0;
}
