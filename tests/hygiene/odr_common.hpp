// Shared by the two translation units of xso_odr_check: every public header, and a
// function each unit defines to report what it sees.
#pragma once

#include <all_headers.hpp>

#include <string>
#include <vector>

namespace xso_odr {

// Addresses of variables defined in headers: `inline` (or static constexpr data members,
// implicitly inline) have one address in the program; a namespace-scope `static` or a
// non-inline `constexpr` variable would get one per translation unit.
struct view {
    std::vector<const void*> addresses;
    std::string serialized; // the same value, serialized by this unit's instantiations
    bool parsed = false;    // this unit's parse of that text succeeded
};

view unit_a();
view unit_b();

// Internal linkage on purpose: each unit takes the addresses itself (an inline function
// would be merged by the linker, and both units would report one unit's view).
namespace {

// The control: a header variable with internal linkage, which must show two addresses, or
// the check could not see the mistake it looks for.
const int per_unit_control = 0;

std::vector<const void*> addresses()
{
    return {
        &xso::ns::jabber_client,
        &xso::unbounded,
        &xso::pubsub::ns_pubsub,
        &xso::stanza::Iq::xso_members,
        &xso::stanza::Iq::xso_qname,
        &xso::pubsub::Item::xso_known_ns,
        &xso::enum_traits<xso::stanza::IqType>::tokens,
        &xso::detail::desc_of<xso::stanza::Iq>(),
        &xso::detail::parse_type_of<xso::pubsub::Pubsub>(),
        &xso::detail::write_type_of<xso::pubsub::Pubsub>(),
        &per_unit_control, // last: expected to differ
    };
}

view make_view()
{
    view v;
    v.addresses = addresses();
    xso::pubsub::Items items{};
    items.node = "odr";
    xso::pubsub::Pubsub pubsub{};
    pubsub.items = items;
    xso::stanza::Iq iq{};
    iq.type = xso::stanza::IqType::get;
    iq.id = "1";
    iq.payload = pubsub;
    auto text = xso::serialize(iq);
    if (text) {
        v.serialized = *text;
        auto back = xso::parse<xso::stanza::Iq>(*text);
        v.parsed = back && *back == iq;
    }
    return v;
}

} // namespace
} // namespace xso_odr
