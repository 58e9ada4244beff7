// The properties each harness checks (tests/support/fuzz_checks.hpp), declared here and
// compiled once in checks_*.cpp: the harnesses repeat most of the instantiations (parse
// and serialize of the stanza types), which were compiled six times when every harness
// included the checks itself.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace xso_fuzz {

// Each returns "" when every property holds, else what failed.
std::string parse_bytes(std::string_view in);
std::string parse_node(std::string_view in);
std::string form(std::string_view in);
std::string notifications(std::string_view in);
std::string responses(std::string_view in);
std::string round_trip(const std::uint8_t* data, std::size_t size);

} // namespace xso_fuzz
