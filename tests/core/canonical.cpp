// Tests for xso::canonical_form / xso::canonical_equal (include/xso/core/canonical.hpp).
#include <xso/core/canonical.hpp>

#include <doctest/doctest.h>

#include <ostream>
#include <string>
#include <string_view>

namespace {

// The outcome of a comparison; doctest prints the difference when a check fails.
struct verdict {
    bool equal = false;
    std::string diff;
    explicit operator bool() const { return equal; }
    friend std::ostream& operator<<(std::ostream& os, const verdict& v)
    {
        return os << (v.equal ? "equal" : "different: " + v.diff);
    }
};

verdict same(std::string_view a, std::string_view b, const xso::canonical_options& o = {})
{
    verdict v;
    auto r = xso::canonical_equal(a, b, o, &v.diff);
    REQUIRE_MESSAGE(r.has_value(), (r ? std::string() : r.error().message()));
    v.equal = *r;
    CHECK(v.equal == v.diff.empty());
    return v;
}

std::string canon(std::string_view xml, const xso::canonical_options& o = {})
{
    auto r = xso::canonical_form(xml, o);
    REQUIRE_MESSAGE(r.has_value(), (r ? std::string() : r.error().message()));
    return *r;
}

} // namespace

TEST_CASE("canonical: prefixed and default namespace declarations are equivalent")
{
    CHECK(same("<iq type='set' id='1'><ps:pubsub xmlns:ps='http://jabber.org/protocol/pubsub'>"
               "<ps:publish node='n'/></ps:pubsub></iq>",
               "<iq type='set' id='1'><pubsub xmlns='http://jabber.org/protocol/pubsub'>"
               "<publish node='n'/></pubsub></iq>"));
    // The prefix can be declared anywhere up the tree, and the default namespace of the
    // top level is jabber:client.
    CHECK(same("<c:iq xmlns:c='jabber:client' xmlns:ps='http://jabber.org/protocol/pubsub' type='get'>"
               "<ps:pubsub><ps:items node='n'/></ps:pubsub></c:iq>",
               "<iq type='get'><pubsub xmlns='http://jabber.org/protocol/pubsub'><items node='n'/></pubsub></iq>"));
    CHECK(same("<iq xmlns='jabber:client' type='get'/>", "<iq type='get'/>"));

    auto c = canon("<iq type='get'><pubsub xmlns='http://jabber.org/protocol/pubsub'/></iq>");
    CHECK(c.find("{jabber:client}iq") != std::string::npos);
    CHECK(c.find("{http://jabber.org/protocol/pubsub}pubsub") != std::string::npos);
    CHECK(c.find("xmlns") == std::string::npos);
}

TEST_CASE("canonical: a different namespace is a difference")
{
    CHECK_FALSE(same("<iq><pubsub xmlns='http://jabber.org/protocol/pubsub'/></iq>",
                     "<iq><pubsub xmlns='http://jabber.org/protocol/pubsub#owner'/></iq>"));
    CHECK_FALSE(same("<iq/>", "<iq xmlns='jabber:server'/>"));
    // xmlns='' takes a child out of any namespace.
    CHECK_FALSE(same("<iq><query xmlns=''/></iq>", "<iq><query/></iq>"));

    std::string diff;
    auto r = xso::canonical_equal("<iq><pubsub xmlns='http://jabber.org/protocol/pubsub'/></iq>",
                                  "<iq><pubsub xmlns='http://jabber.org/protocol/pubsub#event'/></iq>", {},
                                  &diff);
    REQUIRE(r);
    CHECK_FALSE(*r);
    CHECK(diff.find("iq/pubsub") != std::string::npos);
    CHECK(diff.find("pubsub#event") != std::string::npos);

    // The configured default namespace applies to unprefixed top-level elements only.
    xso::canonical_options server;
    server.default_ns = "jabber:server";
    CHECK(same("<iq/>", "<iq xmlns='jabber:server'/>", server));
}

TEST_CASE("canonical: attribute order and quoting are irrelevant, values are not")
{
    CHECK(same("<iq type='result' from='pubsub.localhost' to='user1@localhost/r' id='a1'/>",
               "<iq id=\"a1\" to=\"user1@localhost/r\" type=\"result\" from=\"pubsub.localhost\"/>"));
    // Prosody puts xmlns after the other attributes.
    CHECK(same("<iq><query node='n' xmlns='http://jabber.org/protocol/disco#info'/></iq>",
               "<iq><query xmlns='http://jabber.org/protocol/disco#info' node='n'/></iq>"));
    CHECK_FALSE(same("<iq type='result' id='a1'/>", "<iq type='result' id='a2'/>"));
    CHECK_FALSE(same("<iq type='result' id='a1'/>", "<iq type='result'/>"));

    std::string diff;
    auto r = xso::canonical_equal("<iq type='result' id='a1'/>", "<iq type='result' id='a2'/>", {}, &diff);
    REQUIRE(r);
    CHECK(diff.find("iq/@id") != std::string::npos);
    CHECK(diff.find("a1") != std::string::npos);
    CHECK(diff.find("a2") != std::string::npos);

    // A prefixed attribute is namespaced, an unprefixed one is not (even under a default namespace).
    CHECK_FALSE(same("<iq xmlns:p='urn:x' p:a='1'/>", "<iq a='1'/>"));
    CHECK(same("<iq xmlns:p='urn:x' p:a='1'/>", "<iq xmlns:q='urn:x' q:a='1'/>"));
}

TEST_CASE("canonical: whitespace-only text is ignored, other text is compared verbatim")
{
    CHECK(same("<iq type='set'>\n  <pubsub xmlns='http://jabber.org/protocol/pubsub'>\n"
               "    <publish node='n'/>\n  </pubsub>\n</iq>\n",
               "<iq type='set'><pubsub xmlns='http://jabber.org/protocol/pubsub'><publish node='n'/></pubsub></iq>"));
    CHECK(same("<message><body>hello</body></message>", "<message><body>hello</body></message>"));
    CHECK_FALSE(same("<message><body>hello</body></message>", "<message><body>hello </body></message>"));
    CHECK_FALSE(same("<message><body>hello</body></message>", "<message><body>Hello</body></message>"));
    CHECK_FALSE(same("<message><body> </body></message>", "<message><body>x</body></message>"));
    // An element holding only whitespace is the same as an empty one.
    CHECK(same("<message><body>  \n\t</body></message>", "<message><body/></message>"));

    std::string diff;
    auto r = xso::canonical_equal("<message><body>hello</body></message>",
                                  "<message><body>hullo</body></message>", {}, &diff);
    REQUIRE(r);
    CHECK_FALSE(*r);
    CHECK(diff.find("message/body/text()") != std::string::npos);
    CHECK(diff.find("text differs") != std::string::npos);
}

TEST_CASE("canonical: CDATA, comments and adjacent text")
{
    CHECK(same("<message><body><![CDATA[a<b & c]]></body></message>",
               "<message><body>a&lt;b &amp; c</body></message>"));
    CHECK(same("<message><body>ab<!-- note -->cd<?pi x?></body></message>",
               "<message><body>abcd</body></message>"));
    CHECK(same("<message><!-- c --><body>x</body></message>", "<message><body>x</body></message>"));
    // Text is not moved across elements.
    CHECK_FALSE(same("<message><x xmlns='urn:x'>a<y/>b</x></message>",
                     "<message><x xmlns='urn:x'>ab<y/></x></message>"));
}

TEST_CASE("canonical: entities and character references are resolved")
{
    CHECK(same("<message><body>it&apos;s &quot;&#x41;&#66;&quot; &amp; &lt;x&gt;</body></message>",
               "<message><body>it's \"AB\" &amp; &lt;x></body></message>"));
    CHECK(same("<iq id='a&apos;b'/>", "<iq id=\"a'b\"/>"));
    CHECK(same("<iq id='&#x263A;'/>", "<iq id='\xE2\x98\xBA'/>"));
}

TEST_CASE("canonical: child order is ignored in XMPP and pubsub namespaces")
{
    // RFC 6120 order vs. text first (what aioxmpp writes).
    CHECK(same("<iq type='error'><error type='cancel'>"
               "<feature-not-implemented xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>"
               "<text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas' xml:lang='en'>no</text>"
               "<unsupported xmlns='http://jabber.org/protocol/pubsub#errors' feature='publish-options'/>"
               "</error></iq>",
               "<iq type='error'><error type='cancel'>"
               "<unsupported xmlns='http://jabber.org/protocol/pubsub#errors' feature='publish-options'/>"
               "<text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas' xml:lang='en'>no</text>"
               "<feature-not-implemented xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>"
               "</error></iq>"));
    // Data form: title/instructions after the fields.
    CHECK(same("<x xmlns='jabber:x:data' type='form'><title>T</title><instructions>I</instructions>"
               "<field var='a'><value>1</value></field><field var='b'/></x>",
               "<x xmlns='jabber:x:data' type='form'><field var='a'><value>1</value></field>"
               "<field var='b'/><instructions>I</instructions><title>T</title></x>"));
    CHECK(same("<iq><pubsub xmlns='http://jabber.org/protocol/pubsub'><subscribe node='n' jid='a@b'/>"
               "<options/></pubsub></iq>",
               "<iq><pubsub xmlns='http://jabber.org/protocol/pubsub'><options/>"
               "<subscribe node='n' jid='a@b'/></pubsub></iq>"));
}

TEST_CASE("canonical: child order is kept for payloads (Atom)")
{
    std::string a = "<iq><pubsub xmlns='http://jabber.org/protocol/pubsub'><publish node='n'><item id='1'>"
                    "<entry xmlns='http://www.w3.org/2005/Atom'><title>T</title><summary>S</summary></entry>"
                    "</item></publish></pubsub></iq>";
    std::string b = "<iq><pubsub xmlns='http://jabber.org/protocol/pubsub'><publish node='n'><item id='1'>"
                    "<entry xmlns='http://www.w3.org/2005/Atom'><summary>S</summary><title>T</title></entry>"
                    "</item></publish></pubsub></iq>";
    CHECK_FALSE(same(a, b));
    std::string diff;
    auto r = xso::canonical_equal(a, b, {}, &diff);
    REQUIRE(r);
    CHECK(diff.find("iq/pubsub/publish/item/entry/title") != std::string::npos);

    // With the Atom namespace declared unordered, the same two are equal.
    xso::canonical_options o;
    o.unordered_ns = "http://jabber.org/protocol/pubsub http://www.w3.org/2005/Atom";
    CHECK(same(a, b, o));
}

TEST_CASE("canonical: order among siblings of the same name is kept")
{
    CHECK_FALSE(same("<iq><pubsub xmlns='http://jabber.org/protocol/pubsub'><items node='n'>"
                     "<item id='1'/><item id='2'/></items></pubsub></iq>",
                     "<iq><pubsub xmlns='http://jabber.org/protocol/pubsub'><items node='n'>"
                     "<item id='2'/><item id='1'/></items></pubsub></iq>"));
    // ... also when other children are interleaved.
    CHECK(same("<x xmlns='jabber:x:data'><field var='a'/><title>T</title><field var='b'/></x>",
               "<x xmlns='jabber:x:data'><title>T</title><field var='a'/><field var='b'/></x>"));
    CHECK_FALSE(same("<x xmlns='jabber:x:data'><field var='a'/><title>T</title><field var='b'/></x>",
                     "<x xmlns='jabber:x:data'><field var='b'/><title>T</title><field var='a'/></x>"));
    // Same local name in a different namespace is a different name.
    CHECK(same("<iq><a xmlns='urn:1'/><a xmlns='urn:2'/></iq>", "<iq><a xmlns='urn:2'/><a xmlns='urn:1'/></iq>"));

    std::string diff;
    auto r = xso::canonical_equal("<iq><pubsub xmlns='http://jabber.org/protocol/pubsub'><items node='n'>"
                                  "<item id='1'/><item id='2'/><item id='3'/></items></pubsub></iq>",
                                  "<iq><pubsub xmlns='http://jabber.org/protocol/pubsub'><items node='n'>"
                                  "<item id='1'/><item id='3'/></items></pubsub></iq>",
                                  {}, &diff);
    REQUIRE(r);
    CHECK_FALSE(*r);
    CHECK(diff.find("iq/pubsub/items/item[2]/@id") != std::string::npos);
}

TEST_CASE("canonical: xml:lang is an attribute in the XML namespace")
{
    std::string with = "<iq type='error'><error type='cancel'><text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas' "
                       "xml:lang='en'>x</text></error></iq>";
    std::string without = "<iq type='error'><error type='cancel'><text "
                          "xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>x</text></error></iq>";
    CHECK(same(with, with));
    CHECK_FALSE(same(with, without));
    CHECK_FALSE(same("<message xml:lang='en'/>", "<message lang='en'/>"));
    CHECK_FALSE(same("<message xml:lang='en'/>", "<message xml:lang='de'/>"));
    CHECK(canon(with).find("{http://www.w3.org/XML/1998/namespace}lang=\"en\"") != std::string::npos);
    std::string diff;
    auto r = xso::canonical_equal(with, without, {}, &diff);
    REQUIRE(r);
    CHECK(diff.find("iq/error/text/@xml:lang: attribute only in a") == 0);
    // Declaring the xml prefix with its own namespace is allowed, with another one it is not.
    CHECK(same("<message xmlns:xml='http://www.w3.org/XML/1998/namespace' xml:lang='en'/>",
               "<message xml:lang='en'/>"));
    auto bad = xso::canonical_form("<message xmlns:xml='urn:x'/>");
    REQUIRE_FALSE(bad);
    CHECK(bad.error().code == xso::errc::xml_syntax);
}

TEST_CASE("canonical: an undeclared prefix is an error")
{
    auto r = xso::canonical_form("<iq type='get'><ps:pubsub/></iq>");
    REQUIRE_FALSE(r);
    CHECK(r.error().code == xso::errc::xml_syntax);
    CHECK(r.error().detail == "undeclared prefix");
    CHECK(r.error().path == "iq/pubsub");
    CHECK(r.error().offset == 15);

    // Out of scope: the declaration is on a sibling.
    auto s = xso::canonical_form("<iq><a xmlns:p='urn:x'/><p:b/></iq>");
    REQUIRE_FALSE(s);
    CHECK(s.error().detail == "undeclared prefix");

    // Attribute prefixes too.
    auto t = xso::canonical_form("<iq p:a='1'/>");
    REQUIRE_FALSE(t);
    CHECK(t.error().code == xso::errc::xml_syntax);
    CHECK(t.error().detail == "undeclared prefix");

    auto e = xso::canonical_equal("<iq/>", "<x:iq/>");
    REQUIRE_FALSE(e);
    CHECK(e.error().code == xso::errc::xml_syntax);
    CHECK(e.error().detail.find("b: ") == 0);
}

TEST_CASE("canonical: malformed input is an xml_syntax error with an offset")
{
    auto r = xso::canonical_form("<iq type='get'><pubsub></iq>");
    REQUIRE_FALSE(r);
    CHECK(r.error().code == xso::errc::xml_syntax);
    CHECK_FALSE(r.error().detail.empty());
    CHECK(r.error().offset != xso::npos);

    auto e = xso::canonical_equal("<iq", "<iq/>");
    REQUIRE_FALSE(e);
    CHECK(e.error().detail.find("a: ") == 0);

    CHECK_FALSE(xso::canonical_form(""));
    CHECK_FALSE(xso::canonical_form("xmpp:pubsub.example.org?pubsub;action=subscribe"));
    // Duplicate attributes, also after prefix resolution.
    CHECK_FALSE(xso::canonical_form("<iq xmlns:a='urn:x' xmlns:b='urn:x' a:x='1' b:x='2'/>"));
}

TEST_CASE("canonical: several top-level stanzas")
{
    std::string two = "<message to='a@x' id='1'><body>1</body></message>\n"
                      "<message to='b@x' id='2'><body>2</body></message>\n";
    CHECK(same(two, "<message id='1' to='a@x'><body>1</body></message>"
                    "<message id='2' to='b@x'><body>2</body></message>"));
    // Top-level order is kept.
    CHECK_FALSE(same(two, "<message to='b@x' id='2'><body>2</body></message>"
                          "<message to='a@x' id='1'><body>1</body></message>"));
    std::string diff;
    auto r = xso::canonical_equal(two, "<message to='a@x' id='1'><body>1</body></message>", {}, &diff);
    REQUIRE(r);
    CHECK_FALSE(*r);
    CHECK(diff.find("message[2]") != std::string::npos);
    CHECK(diff.find("only in a") != std::string::npos);

    auto c = canon(two);
    CHECK(c == "<{jabber:client}message id=\"1\" to=\"a@x\">\n"
               "  <{jabber:client}body>1</{jabber:client}body>\n"
               "</{jabber:client}message>\n"
               "<{jabber:client}message id=\"2\" to=\"b@x\">\n"
               "  <{jabber:client}body>2</{jabber:client}body>\n"
               "</{jabber:client}message>\n");
}

TEST_CASE("canonical: placeholder text in element-only content can be ignored")
{
    std::string spec = "<message><event xmlns='http://jabber.org/protocol/pubsub#event'><items node='n'>"
                       "<item id='1'>[ ... ENTRY ... ]</item></items></event></message>";
    std::string empty = "<message><event xmlns='http://jabber.org/protocol/pubsub#event'><items node='n'>"
                        "<item id='1'/></items></event></message>";
    CHECK_FALSE(same(spec, empty));
    xso::canonical_options o;
    o.ignore_text_in_element_only = true;
    // Only elements with element children lose their text; <item> has none here.
    CHECK_FALSE(same(spec, empty, o));
    CHECK(same("<iq><x xmlns='urn:x'>...<y>v</y>...</x></iq>", "<iq><x xmlns='urn:x'><y>v</y></x></iq>", o));
    CHECK_FALSE(same("<iq><x xmlns='urn:x'><y>v</y></x></iq>", "<iq><x xmlns='urn:x'><y>w</y></x></iq>", o));
}

TEST_CASE("canonical: very deep nesting does not overflow the stack")
{
    constexpr std::size_t depth = 100000;
    std::string deep;
    deep.reserve(depth * 8);
    for (std::size_t i = 0; i < depth; ++i) deep += "<a>";
    deep += "x";
    for (std::size_t i = 0; i < depth; ++i) deep += "</a>";

    auto c = xso::canonical_form(deep);
    REQUIRE(c);
    CHECK(c->size() > depth * 2);

    auto same_deep = xso::canonical_equal(deep, deep);
    REQUIRE(same_deep);
    CHECK(*same_deep);

    std::string other = deep;
    other[depth * 3] = 'y';
    std::string diff;
    auto r = xso::canonical_equal(deep, other, {}, &diff);
    REQUIRE(r);
    CHECK_FALSE(*r);
    CHECK(diff.find("text differs") != std::string::npos);
}

TEST_CASE("canonical: the diff names the first difference in document order")
{
    std::string diff;
    auto r = xso::canonical_equal(
        "<iq type='set'><pubsub xmlns='http://jabber.org/protocol/pubsub'><publish node='a'/></pubsub></iq>",
        "<iq type='set'><pubsub xmlns='http://jabber.org/protocol/pubsub'><retract node='a'/></pubsub></iq>", {},
        &diff);
    REQUIRE(r);
    CHECK_FALSE(*r);
    CHECK(diff.find("iq/pubsub/publish") == 0);
    CHECK(diff.find("publish node=\"a\"") != std::string::npos);
    CHECK(diff.find("retract node=\"a\"") != std::string::npos);

    // Equal inputs clear the diff.
    diff = "stale";
    auto e = xso::canonical_equal("<iq/>", "<iq/>", {}, &diff);
    REQUIRE(e);
    CHECK(*e);
    CHECK(diff.empty());

}
