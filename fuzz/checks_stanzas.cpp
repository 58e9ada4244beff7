// The checks of the harnesses that read XML (all but round_trip), in one translation unit.
#include "checks.hpp"

#include "fuzz_checks.hpp"

namespace xso_fuzz {

std::string parse_bytes(std::string_view in) { return xso_test::fuzz::parse_bytes(in); }
std::string parse_node(std::string_view in) { return xso_test::fuzz::parse_node(in); }
std::string form(std::string_view in) { return xso_test::fuzz::form(in); }
std::string notifications(std::string_view in) { return xso_test::fuzz::notifications(in); }
std::string responses(std::string_view in) { return xso_test::fuzz::responses(in); }

} // namespace xso_fuzz
