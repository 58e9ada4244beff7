// Qualified XML names: a namespace URI and a local name. Namespaces are identity in XMPP,
// so every match in xso compares both parts; prefixes never leave the parser.
#pragma once

#include <string_view>

namespace xso {

struct qname {
    std::string_view ns;
    std::string_view local;

    friend constexpr bool operator==(const qname& a, const qname& b) noexcept
    {
        return a.local == b.local && a.ns == b.ns;
    }
    friend constexpr bool operator!=(const qname& a, const qname& b) noexcept { return !(a == b); }
};

namespace ns {
// Predefined by the XML Namespaces recommendation; the prefix `xml` is always bound to it.
inline constexpr std::string_view xml = "http://www.w3.org/XML/1998/namespace";
inline constexpr std::string_view xmlns = "http://www.w3.org/2000/xmlns/";
inline constexpr std::string_view jabber_client = "jabber:client";
inline constexpr std::string_view jabber_server = "jabber:server";
inline constexpr std::string_view jabber_component_accept = "jabber:component:accept";
} // namespace ns

} // namespace xso
