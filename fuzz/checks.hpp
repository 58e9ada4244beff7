// What each harness checks on its input. The properties live in
// tests/support/fuzz_checks.hpp, shared with the regression tests; these wrappers are
// compiled once, in checks_*.cpp, for all harnesses (compiled into each harness, the same
// parse and serialize instantiations were built six times). Each returns "" when every
// property holds, else what failed; harness.cpp aborts on a non-empty answer.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace xso_fuzz {

// Stanza parse from bytes: xso::parse<any_stanza>, parse_sequence, element::parse; what
// parses must round-trip.
std::string parse_bytes(const std::uint8_t* data, std::size_t size);
// Parse from a pugixml node of the caller's DOM, as every top-level type (pugixml flags
// from the first byte).
std::string parse_node(const std::uint8_t* data, std::size_t size);
// Data forms: every jabber:x:data form of the input, as xdata::Form and as each typed
// XEP-0060 form (include/xso/forms/).
std::string form(const std::uint8_t* data, std::size_t size);
// Notification dispatch of the PubSub client: receive() with a handler for every kind.
std::string notifications(const std::uint8_t* data, std::size_t size);
// Response matching of the PubSub client: a reply (id set to a pending request's) to
// every kind of request.
std::string responses(const std::uint8_t* data, std::size_t size);
// Structure-aware: the bytes build a value of a generated type; serialize -> parse ->
// equal.
std::string round_trip(const std::uint8_t* data, std::size_t size);

} // namespace xso_fuzz
