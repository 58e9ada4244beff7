// Data forms: every jabber:x:data form of the input, as xdata::Form and as each typed XEP-0060 form (include/xso/forms/).
// The checks live in tests/support/fuzz_checks.hpp, shared with the regression tests, and
// are compiled once for all harnesses (checks.hpp).
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "checks.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    std::string problem = xso_fuzz::form(std::string_view(reinterpret_cast<const char*>(data), size));
    if (!problem.empty()) {
        std::fprintf(stderr, "xso property violated: %s\n", problem.c_str());
        std::abort();
    }
    return 0;
}
