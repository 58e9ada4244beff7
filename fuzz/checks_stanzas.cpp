// The checks of the harnesses that read XML (all but round_trip), in one translation unit.
#include <string_view>

#include "checks.hpp"
#include "fuzz_checks.hpp"

namespace xso_fuzz {
namespace {
std::string_view text(const std::uint8_t* data, std::size_t size)
{
    return {reinterpret_cast<const char*>(data), size};
}
} // namespace

std::string parse_bytes(const std::uint8_t* data, std::size_t size) { return xso_test::fuzz::parse_bytes(text(data, size)); }
std::string parse_node(const std::uint8_t* data, std::size_t size) { return xso_test::fuzz::parse_node(text(data, size)); }
std::string form(const std::uint8_t* data, std::size_t size) { return xso_test::fuzz::form(text(data, size)); }
std::string notifications(const std::uint8_t* data, std::size_t size) { return xso_test::fuzz::notifications(text(data, size)); }
std::string responses(const std::uint8_t* data, std::size_t size) { return xso_test::fuzz::responses(text(data, size)); }

} // namespace xso_fuzz
