// The serializer cannot be abused (issue 6, §4): hostile strings in every string position
// of every generated type are either written so that they read back unchanged, or refused
// with a local error; and content that declares our namespaces (payloads, unknown
// attributes named like ours) cannot change how the enclosing stanza reads back.
#include <doctest/doctest.h>

#include <iostream>
#include <string>
#include <variant>

#include <xso/pubsub.hpp>

#include "../support/arbitrary.hpp"

namespace {

// Strings that try to break out of an attribute or a text node, or are not XML at all.
const std::string hostile_strings[] = {
    "<",
    "&",
    "\"",
    "'",
    ">",
    "]]>",
    "' injected='1",
    "\" injected=\"1",
    "</iq><iq type='set' id='evil'>",
    "<![CDATA[x]]>",
    "<!-- c -->",
    "<?pi x?>",
    "&amp;&lt;&#0;&#x1;",
    "&lol;",
    "a\tb\nc\rd\r\ne",
    "  padded  ",
    " ",
    "",
    "xmlns='http://jabber.org/protocol/pubsub'",
    "\xF0\x9F\x98\x80\xEF\xBF\xBD\xF4\x8F\xBF\xBF",
    "del\x7f",
    std::string("nul\0byte", 8),
    "bell\x07",
    "esc\x1b[0m",
    "\x0b\x0c",
    "\x80",
    "\xC0\xAF",
    "\xED\xA0\x80",
    "\xEF\xBF\xBE",
    "\xF4\x90\x80\x80",
    "trail\xC3",
};

} // namespace

TEST_CASE("hostile strings in every string position of every generated type")
{
    auto types = xso_test::reachable_types<xso::stanza::Iq, xso::stanza::Message, xso::stanza::Presence>();
    std::size_t positions = 0, written = 0, refused = 0;
    for (const auto& t : types) {
        CAPTURE(t.name);
        const std::size_t n = t.string_positions();
        positions += n;
        for (std::size_t pos = 0; pos < n; ++pos) {
            for (std::size_t k = 0; k < std::size(hostile_strings); ++k) {
                xso_test::entropy e(pos * 1000 + k);
                auto o = t.abuse(e, pos, hostile_strings[k]);
                CHECK_MESSAGE(o.problem.empty(), t.name << " member " << o.member << ", hostile string " << k << ": " << o.problem);
                (o.refused ? refused : written)++;
            }
        }
    }
    std::cout << "serializer abuse: " << types.size() << " types, " << positions << " string positions, "
              << std::size(hostile_strings) << " hostile strings each: " << written << " written and read back, " << refused
              << " refused locally\n";
    CHECK(positions > 150);
    CHECK(refused > 0);
    CHECK(written > refused);
}

namespace {

xso::stanza::Iq items_result_with(const xso::element& payload)
{
    xso::pubsub::Item item;
    item.id = "1";
    item.payload = payload;
    xso::pubsub::Items items;
    items.node = "safe";
    items.item.push_back(item);
    xso::pubsub::Pubsub ps;
    ps.items = items;
    xso::stanza::Iq iq;
    iq.type = xso::stanza::IqType::result;
    iq.id = "r1";
    iq.payload = ps;
    return iq;
}

} // namespace

TEST_CASE("a payload declaring our namespaces stays inside its item")
{
    // Payloads that look like pubsub content, with default and prefixed declarations of our
    // namespaces, and a prefix the stanza itself might use.
    const char* payloads[] = {
        "<pubsub xmlns='http://jabber.org/protocol/pubsub'><items node='evil'/></pubsub>",
        "<items xmlns='http://jabber.org/protocol/pubsub' node='evil'><item id='2'/></items>",
        "<ps:items xmlns:ps='http://jabber.org/protocol/pubsub' node='evil'/>",
        "<x xmlns='urn:a' xmlns:cl='jabber:client'><cl:iq type='set' id='evil'/></x>",
        "<error xmlns='jabber:client' type='cancel'><item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error>",
        "<entry xmlns='http://www.w3.org/2005/Atom' xmlns:xml='http://www.w3.org/XML/1998/namespace' xml:lang='en'/>",
    };
    for (const char* p : payloads) {
        CAPTURE(p);
        auto payload = xso::element::parse(p);
        REQUIRE_MESSAGE(payload, payload.error().message());
        const auto iq = items_result_with(*payload);
        auto out = xso::serialize(iq);
        if (payload->ns() == "http://jabber.org/protocol/pubsub") {
            // An item's payload is any element outside the pubsub namespace (the XSD's
            // ##other): one inside it would read back as item content, so it is refused.
            REQUIRE_FALSE(out);
            CHECK(out.error().code == xso::errc::unexpected_element);
            CHECK(out.error().origin == xso::origin::local);
            CHECK(out.error().path == "iq/pubsub/items/item[1]/" + std::string(payload->local()));
            continue;
        }
        REQUIRE_MESSAGE(out, out.error().message());
        for (bool strict : {false, true}) {
            xso::parse_options o;
            o.strict = strict; // strict mode does not look inside payloads: they are opaque
            auto back = xso::parse<xso::stanza::Iq>(*out, o);
            REQUIRE_MESSAGE(back, back.error().message() << "\n  output: " << *out);
            CHECK(*back == iq);
            const auto& items = *std::get<xso::pubsub::Pubsub>(*back->payload).items;
            CHECK(items.node == "safe");
            REQUIRE(items.item.size() == 1);
            CHECK(*items.item[0].payload == *payload);
            CHECK(!back->error);
        }
    }
}

TEST_CASE("unknown attributes named like ours cannot replace a member")
{
    xso::stanza::Iq iq;
    iq.type = xso::stanza::IqType::get;
    iq.id = "1";
    xso::pubsub::Items items;
    items.node = "safe";
    // Same local name, another namespace: written with a prefix, read back as unknown.
    items.unknown.attributes.push_back({"urn:evil", "node", "evil"});
    items.unknown.attributes.push_back({"http://jabber.org/protocol/pubsub", "node", "evil2"});
    xso::pubsub::Pubsub ps;
    ps.items = items;
    iq.payload = ps;
    auto out = xso::serialize(iq);
    REQUIRE_MESSAGE(out, out.error().message());
    auto back = xso::parse<xso::stanza::Iq>(*out);
    REQUIRE_MESSAGE(back, back.error().message() << "\n  output: " << *out);
    CHECK(*back == iq);
    CHECK(std::get<xso::pubsub::Pubsub>(*back->payload).items->node == "safe");

    // Same qualified name as a member: refused, the member cannot be shadowed.
    auto clash = iq;
    std::get<xso::pubsub::Pubsub>(*clash.payload).items->unknown.attributes.push_back({"", "node", "evil"});
    auto refused = xso::serialize(clash);
    REQUIRE(!refused);
    CHECK(refused.error().origin == xso::origin::local);
    CHECK(refused.error().code == xso::errc::duplicate_attribute);
    CHECK(refused.error().path == "iq/pubsub/items/@node");

    // A namespace declaration disguised as an unknown attribute: refused.
    auto decl = iq;
    std::get<xso::pubsub::Pubsub>(*decl.payload).items->unknown.attributes.push_back({"", "xmlns", "urn:evil"});
    auto refused2 = xso::serialize(decl);
    REQUIRE(!refused2);
    CHECK(refused2.error().origin == xso::origin::local);
    auto decl2 = iq;
    std::get<xso::pubsub::Pubsub>(*decl2.payload).items->unknown.attributes.push_back({"", "xmlns:ps", "urn:evil"});
    auto refused3 = xso::serialize(decl2);
    REQUIRE(!refused3);
    CHECK(refused3.error().origin == xso::origin::local);
}

TEST_CASE("the stanza envelope cannot be changed through a member value")
{
    xso::stanza::Message m;
    m.id = "'/><iq type='set' id='x";
    m.to = xso::jid("juliet@capulet.lit/</message><message type='chat'>");
    m.thread = "</thread><body>injected</body><thread>";
    m.body.emplace_back().value = "]]></body><subject>x</subject>";
    auto out = xso::serialize(m);
    REQUIRE_MESSAGE(out, out.error().message());
    auto seq = xso::parse_sequence<xso::stanza::any_stanza>(*out);
    REQUIRE_MESSAGE(seq, seq.error().message());
    REQUIRE(seq->size() == 1);
    const auto& back = std::get<xso::stanza::Message>(seq->front());
    CHECK(back == m);
    CHECK(back.body.size() == 1);
    CHECK(back.subject.empty());
    CHECK(!back.type);
}
