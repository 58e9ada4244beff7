// Compile-time probe: a user's file that parses and serializes stanzas. Built twice: as
// a header-only user compiles it, and with the definitions that linking xso::compiled
// gives (the bindings declared extern: docs/compile-time.md).
#include <string>
#include <string_view>

#include <xso/pubsub.hpp>

int use_stanzas(std::string_view in, std::string& out)
{
    auto iq = xso::parse<xso::stanza::Iq>(in);
    if (!iq) return 1;
    if (!xso::serialize(*iq, out)) return 2;
    auto message = xso::parse<xso::stanza::Message>(in);
    if (!message) return 3;
    return xso::serialize(*message, out) ? 0 : 4;
}
