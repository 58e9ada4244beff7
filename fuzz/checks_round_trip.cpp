// The round_trip harness's check: values of every generated type built from the input, a
// translation unit of its own (the largest; it builds on the other core meanwhile).
#include "checks.hpp"
#include "fuzz_checks.hpp"

namespace xso_fuzz {

std::string round_trip(const std::uint8_t* data, std::size_t size) { return xso_test::fuzz::round_trip(data, size); }

} // namespace xso_fuzz
