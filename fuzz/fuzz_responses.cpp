// Response matching of the PubSub client: a reply (id set to a pending request's) to every kind of request.
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
    std::string problem = xso_fuzz::responses(std::string_view(reinterpret_cast<const char*>(data), size));
    if (!problem.empty()) {
        std::fprintf(stderr, "xso property violated: %s\n", problem.c_str());
        std::abort();
    }
    return 0;
}
