// The namespace matrix: elements match on {namespace, local name} whatever the prefixes,
// declarations are honoured wherever they are (the input, the caller's DOM), a right name
// in a wrong namespace does not bind, and the serializer declares a namespace only where
// it changes.
#include <doctest/doctest.h>

#include <iterator>
#include <string>
#include <vector>

#include <pugixml.hpp>

#include <xso/pubsub.hpp>
#include <xso_test/ranges.hpp>

#include "../support/family.hpp"

namespace {

using namespace xso_test::family_names;

constexpr const char* ns_pubsub = "http://jabber.org/protocol/pubsub";
using xso_test::ns_atom;

const ps::Item& first_item(const st::Iq& iq)
{
    const ps::Pubsub& p = payload_of<ps::Pubsub>(iq);
    REQUIRE(p.publish);
    REQUIRE(p.publish->item.size() >= 1);
    return p.publish->item.front();
}

} // namespace

TEST_CASE("namespaces: default namespace and prefixes give the same typed value")
{
    auto plain = parsed<st::Iq>("<iq type='get' id='n1'><pubsub xmlns='http://jabber.org/protocol/pubsub'>"
                                "<items node='princely_musings'/></pubsub></iq>");
    REQUIRE(payload_of<ps::Pubsub>(plain).items);
    CHECK(payload_of<ps::Pubsub>(plain).items->node == "princely_musings");

    auto prefixed = parsed<st::Iq>("<iq type='get' id='n1'><ps:pubsub xmlns:ps='http://jabber.org/protocol/pubsub'>"
                                   "<ps:items node='princely_musings'/></ps:pubsub></iq>");
    CHECK(prefixed == plain);

    // The stanza itself prefixed, and the same prefix bound twice to the same namespace.
    auto all_prefixed = parsed<st::Iq>("<cl:iq xmlns:cl='jabber:client' type='get' id='n1'>"
                                       "<ps:pubsub xmlns:ps='http://jabber.org/protocol/pubsub'>"
                                       "<ps:items xmlns:ps='http://jabber.org/protocol/pubsub' node='princely_musings'/>"
                                       "</ps:pubsub></cl:iq>",
                                       xso_test::strict_options());
    CHECK(all_prefixed == plain);

    // Prefixes are not kept: the output uses default namespaces.
    CHECK(serialized(prefixed) == "<iq xmlns='jabber:client' type='get' id='n1'><pubsub xmlns='http://jabber.org/protocol/pubsub'>"
                                  "<items node='princely_musings'/></pubsub></iq>");
}

TEST_CASE("namespaces: a prefix or default namespace redeclared in a child changes what the child is")
{
    // ps: rebound to the owner namespace on <ps:items>: not the generic <items>.
    const std::string rebound = "<iq type='get' id='n2'><ps:pubsub xmlns:ps='http://jabber.org/protocol/pubsub'>"
                                "<ps:items xmlns:ps='http://jabber.org/protocol/pubsub#owner' node='n'/></ps:pubsub></iq>";
    auto lenient = parsed<st::Iq>(rebound);
    const ps::Pubsub& p = payload_of<ps::Pubsub>(lenient);
    CHECK_FALSE(p.items);
    REQUIRE(p.unknown.elements.size() == 1);
    CHECK(p.unknown.elements[0].ns() == "http://jabber.org/protocol/pubsub#owner");
    CHECK(p.unknown.elements[0].local() == "items");

    xso::error e = expect_parse_error_at<st::Iq>(rebound, errc::unknown_child, "iq/pubsub/items", "<ps:items",
                                                 xso_test::strict_options());

    // The default namespace rebound on a child, to a foreign namespace: kept even when strict.
    auto foreign = parsed<st::Iq>("<iq type='get' id='n3'><pubsub xmlns='http://jabber.org/protocol/pubsub'>"
                                  "<items xmlns='urn:example:other' node='n'/></pubsub></iq>",
                                  xso_test::strict_options());
    const ps::Pubsub& f = payload_of<ps::Pubsub>(foreign);
    CHECK_FALSE(f.items);
    REQUIRE(f.unknown.elements.size() == 1);
    CHECK(f.unknown.elements[0].ns() == "urn:example:other");

    // Inside a payload, a rebinding applies to the rebinding element and below only.
    auto iq = parsed<st::Iq>("<iq type='set' id='n4'><pubsub xmlns='http://jabber.org/protocol/pubsub'><publish node='n'>"
                             "<item><a:entry xmlns:a='http://www.w3.org/2005/Atom'><a:x xmlns:a='urn:example:x'/><a:title/>"
                             "</a:entry></item></publish></pubsub></iq>");
    const xso::element& entry = *first_item(iq).payload;
    pugi::xml_node x = entry.node().first_child();
    pugi::xml_node title = x.next_sibling();
    CHECK(xso::element(entry.store(), x).ns() == "urn:example:x");
    CHECK(xso::element(entry.store(), title).ns() == ns_atom);
}

TEST_CASE("namespaces: parsing from the caller's DOM honours declarations on ancestors")
{
    st::Iq iq;
    std::string expected_entry;
    {
        pugi::xml_document doc;
        REQUIRE(doc.load_string("<stream:stream xmlns:stream='http://etherx.jabber.org/streams' xmlns='jabber:client'"
                                " xmlns:ps='http://jabber.org/protocol/pubsub' xmlns:atom='http://www.w3.org/2005/Atom'>"
                                "<iq type='result' id='d1'><ps:pubsub><ps:items node='princely_musings'>"
                                "<ps:item id='i1'><atom:entry><atom:title>Soliloquy</atom:title></atom:entry></ps:item>"
                                "</ps:items></ps:pubsub></iq></stream:stream>"));
        pugi::xml_node stanza = doc.first_child().first_child();
        auto r = xso::parse<st::Iq>(stanza, xso_test::strict_options());
        REQUIRE_MESSAGE(r, r.error().message());
        iq = *r;
        // Offsets are relative to bytes we did not see: there are none.
        auto bad = xso::parse<st::Iq>(stanza.first_child().first_child()); // <ps:items>, not an iq
        REQUIRE_FALSE(bad);
        CHECK(bad.error().code == errc::unexpected_element);
        CHECK(bad.error().path == "items");
        CHECK(bad.error().offset == xso::npos);
    } // the caller's document is gone: the payload was copied

    const ps::Pubsub& p = payload_of<ps::Pubsub>(iq);
    REQUIRE(p.items);
    CHECK(p.items->node == "princely_musings");
    REQUIRE(p.items->item.size() == 1);
    const xso::element& entry = *p.items->item[0].payload;
    CHECK(entry.ns() == ns_atom);
    CHECK(entry.local() == "entry");
    CHECK(entry.lookup_namespace("atom") == std::string_view(ns_atom));

    // The copy carries the declarations it needs; the stanza re-serializes on its own.
    std::string out = serialized(iq);
    auto same = xso::canonical_equal(out, "<iq type='result' id='d1'><pubsub xmlns='http://jabber.org/protocol/pubsub'>"
                                          "<items node='princely_musings'><item id='i1'>"
                                          "<entry xmlns='http://www.w3.org/2005/Atom'><title>Soliloquy</title></entry>"
                                          "</item></items></pubsub></iq>");
    REQUIRE(same);
    CHECK_MESSAGE(*same, out);

    // A jabber:server stream as the ancestor: the stanza is in jabber:server.
    pugi::xml_document s2s;
    REQUIRE(s2s.load_string("<stream:stream xmlns:stream='http://etherx.jabber.org/streams' xmlns='jabber:server'>"
                            "<iq type='get' id='d2' from='a.lit' to='b.lit'/></stream:stream>"));
    auto server_iq = xso::parse<st::Iq>(s2s.first_child().first_child());
    REQUIRE_MESSAGE(server_iq, server_iq.error().message());
    CHECK(server_iq->id == "d2");
    // An ancestor that puts the stanza in a namespace we do not know.
    pugi::xml_document other;
    REQUIRE(other.load_string("<root xmlns='urn:example:other'><iq type='get' id='d3'/></root>"));
    auto wrong = xso::parse<st::Iq>(other.first_child().first_child());
    REQUIRE_FALSE(wrong);
    CHECK(wrong.error().code == errc::unexpected_element);
    CHECK(wrong.error().path == "iq");
}

TEST_CASE("namespaces: the right local name in a wrong namespace does not match")
{
    // As the root.
    const std::string owner = "<pubsub xmlns='http://jabber.org/protocol/pubsub#owner'><purge node='n'/></pubsub>";
    xso::error e = expect_parse_error<ps::Pubsub>(owner, errc::unexpected_element, "pubsub");
    CHECK(e.offset == 0);
    CHECK(e.detail.find("{http://jabber.org/protocol/pubsub}pubsub") != std::string::npos);

    expect_parse_error<st::Iq>("<iq xmlns='jabber:x:data' type='get' id='w1'/>", errc::unexpected_element, "iq");

    expect_parse_error<ps::event::Event>("<event xmlns='http://jabber.org/protocol/pubsub'><purge node='n'/></event>",
                                         errc::unexpected_element, "event");

    // As a child: <items> of the owner namespace inside the generic <pubsub>.
    const std::string child = "<iq type='get' id='w2'><pubsub xmlns='http://jabber.org/protocol/pubsub'>"
                              "<items xmlns='http://jabber.org/protocol/pubsub#owner' node='n'/></pubsub></iq>";
    expect_parse_error_at<st::Iq>(child, errc::unknown_child, "iq/pubsub/items", "<items", xso_test::strict_options());
    CHECK_FALSE(payload_of<ps::Pubsub>(parsed<st::Iq>(child)).items);

    // <event> of the generic namespace in a message.
    const std::string msg = "<message><event xmlns='http://jabber.org/protocol/pubsub'/></message>";
    expect_parse_error<st::Message>(msg, errc::unknown_child, "message/event", xso_test::strict_options());
    CHECK_FALSE(parsed<st::Message>(msg).event);

    // A pubsub-event <pubsub> in an IQ is no Pubsub: only the opaque fallback takes it.
    auto iq = parsed<st::Iq>("<iq type='get' id='w3'><pubsub xmlns='http://jabber.org/protocol/pubsub#event'/></iq>");
    REQUIRE(iq.payload);
    REQUIRE(std::holds_alternative<xso::element>(*iq.payload));
    CHECK(std::get<xso::element>(*iq.payload).ns() == "http://jabber.org/protocol/pubsub#event");

    // A stanza error condition in the pubsub#errors namespace is not the defined condition.
    const std::string cond = "<iq type='error' id='w4'><error type='cancel'>"
                             "<item-not-found xmlns='http://jabber.org/protocol/pubsub#errors'/></error></iq>";
    expect_parse_error_at<st::Iq>(cond, errc::missing_child, "iq/error/condition", "<error");

    // An attribute in a namespace is not the unqualified attribute of the same name.
    const std::string attr = "<iq type='get' id='w5'><pubsub xmlns='http://jabber.org/protocol/pubsub'>"
                             "<items xmlns:x='urn:example:x' x:node='n'/></pubsub></iq>";
    expect_parse_error_at<st::Iq>(attr, errc::missing_attribute, "iq/pubsub/items/@node", "<items");
}

TEST_CASE("namespaces: an undeclared prefix is an error where it is used")
{
    const std::string root = "<x:iq type='get' id='u1'/>";
    xso::error e = expect_parse_error<st::Iq>(root, errc::xml_syntax, "iq");
    CHECK(e.offset == 0);
    CHECK(e.detail.find("undeclared") != std::string::npos);

    // The element cannot be resolved, so the path names it as written.
    const std::string child = "<iq type='get' id='u2'><ps:pubsub><ps:items node='n'/></ps:pubsub></iq>";
    expect_parse_error_at<st::Iq>(child, errc::xml_syntax, "iq/ps:pubsub", "<ps:pubsub");

    const std::string attr = "<iq type='get' id='u3' foo:bar='x'/>";
    expect_parse_error_at<st::Iq>(attr, errc::xml_syntax, "iq/@foo:bar", "foo:bar");

    // Deep inside an opaque payload: found before the payload is accepted.
    const std::string deep = "<iq type='set' id='u4'><pubsub xmlns='http://jabber.org/protocol/pubsub'><publish node='n'>"
                             "<item id='a'/><item id='b'><entry xmlns='http://www.w3.org/2005/Atom'><title><g:point/></title>"
                             "</entry></item></publish></pubsub></iq>";
    expect_parse_error_at<st::Iq>(deep, errc::xml_syntax, "iq/pubsub/publish/item[2]/entry/title/point", "<g:point");

    // Binding a reserved prefix or the empty namespace to a prefix.
    e = parse_error<st::Iq>("<iq type='get' id='u5' xmlns:xml='urn:example:not-xml'/>");
    CHECK(e.code == errc::xml_syntax);
    expect_parse_error<st::Iq>(
        "<iq type='get' id='u6'><pubsub xmlns='http://jabber.org/protocol/pubsub' xmlns:p=''/></iq>", errc::xml_syntax,
        "iq/pubsub");
    // The xml prefix bound to its own namespace is allowed.
    CHECK(parsed<st::Iq>("<iq type='get' id='u7' xmlns:xml='http://www.w3.org/XML/1998/namespace' xml:lang='en'/>").lang == "en");
}

TEST_CASE("namespaces: xml:lang is kept wherever it appears")
{
    const std::string xml =
        "<iq type='error' id='l1' xml:lang='en'><pubsub xmlns='http://jabber.org/protocol/pubsub' xml:lang='en-GB'>"
        "<publish node='n'><item id='a'><entry xmlns='http://www.w3.org/2005/Atom' xml:lang='fr'/></item></publish></pubsub>"
        "<error type='cancel'><item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>"
        "<text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas' xml:lang='de'>Knoten nicht gefunden</text></error></iq>";
    auto iq = xso_test::round_trip<st::Iq>(xml);
    CHECK(iq.lang == "en");
    REQUIRE(iq.error);
    REQUIRE(iq.error->text);
    CHECK(iq.error->text->lang == "de");
    // On an element whose schema has no xml:lang: kept as unknown content (never an error).
    const ps::Pubsub& p = payload_of<ps::Pubsub>(iq);
    REQUIRE(p.unknown.attributes.size() == 1);
    CHECK(p.unknown.attributes[0].ns == xso::ns::xml);
    CHECK(p.unknown.attributes[0].local == "lang");
    CHECK(p.unknown.attributes[0].value == "en-GB");
    CHECK(first_item(iq).payload->attribute("lang", xso::ns::xml) == std::string_view("fr"));

    CHECK(serialized(iq) ==
          "<iq xmlns='jabber:client' type='error' id='l1' xml:lang='en'>"
          "<pubsub xmlns='http://jabber.org/protocol/pubsub' xml:lang='en-GB'><publish node='n'><item id='a'>"
          "<entry xmlns='http://www.w3.org/2005/Atom' xml:lang='fr'/></item></publish></pubsub>"
          "<error type='cancel'><item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>"
          "<text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas' xml:lang='de'>Knoten nicht gefunden</text></error></iq>");

    // Not a language tag.
    xso::error e =
        expect_parse_error<st::Iq>("<iq type='get' id='l2' xml:lang='en GB'/>", errc::invalid_value, "iq/@xml:lang");
}

TEST_CASE("namespaces: jabber:server and jabber:component:accept stanzas are accepted")
{
    const std::string s2s =
        "<iq xmlns='jabber:server' type='error' id='s1' from='pubsub.shakespeare.lit' to='francisco@denmark.lit'>"
        "<pubsub xmlns='http://jabber.org/protocol/pubsub'><items node='n'/></pubsub>"
        "<error type='cancel'><item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>";
    auto iq = parsed<st::Iq>(s2s, xso_test::strict_options());
    CHECK(iq.type == st::IqType::error);
    REQUIRE(iq.error);
    CHECK(iq.error->condition.condition == st::DefinedCondition::item_not_found);
    CHECK(payload_of<ps::Pubsub>(iq).items->node == "n");

    // The stream's default namespace given by the caller instead of an xmlns attribute.
    xso::parse_options server;
    server.default_ns = xso::ns::jabber_server;
    server.strict = true;
    auto msg = parsed<st::Message>("<message from='a.lit' to='b.lit'><subject>s</subject><body>b</body><thread>t</thread>"
                                   "<event xmlns='http://jabber.org/protocol/pubsub#event'><purge node='n'/></event></message>",
                                   server);
    REQUIRE(msg.body.size() == 1);
    CHECK(msg.body[0].value == "b");
    REQUIRE(msg.subject.size() == 1);
    CHECK(msg.thread == "t");
    REQUIRE(msg.event);

    auto pres = parsed<st::Presence>("<presence xmlns='jabber:component:accept' from='a.lit'><show>away</show>"
                                     "<status>x</status><priority>5</priority></presence>",
                                     xso_test::strict_options());
    CHECK(pres.show == st::Show::away);
    CHECK(pres.priority == 5);
    REQUIRE(pres.status.size() == 1);

    // Written back in jabber:client by default...
    CHECK(serialized(iq).rfind("<iq xmlns='jabber:client' type='error'", 0) == 0);
    // ...and, with the stream's namespace as context, without any stanza xmlns (README,
    // Limitations): the stanza and its jabber:client children stay in jabber:server.
    xso::serialize_options in_server;
    in_server.context_ns = xso::ns::jabber_server;
    CHECK(serialized(iq, in_server) ==
          "<iq type='error' id='s1' from='pubsub.shakespeare.lit' to='francisco@denmark.lit'>"
          "<pubsub xmlns='http://jabber.org/protocol/pubsub'><items node='n'/></pubsub>"
          "<error type='cancel'><item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>");
    CHECK(serialized(msg, in_server) ==
          "<message from='a.lit' to='b.lit'><subject>s</subject><body>b</body><thread>t</thread>"
          "<event xmlns='http://jabber.org/protocol/pubsub#event'><purge node='n'/></event></message>");
    // A client stream: no xmlns either.
    xso::serialize_options in_client;
    in_client.context_ns = xso::ns::jabber_client;
    CHECK(serialized(pres, in_client) == "<presence from='a.lit'><show>away</show><status>x</status><priority>5</priority></presence>");
}

TEST_CASE("namespaces: the serializer declares xmlns only where the namespace changes")
{
    // XEP-0060 §7.1.2.4 (Ex. 104) and §6.1.7 (Ex. 46) combined, built with the typed API.
    st::Message m;
    m.id = "foo";
    m.from = xso::jid("pubsub.shakespeare.lit");
    m.to = xso::jid("francisco@denmark.lit");
    st::Body body;
    body.value = "A new entry";
    m.body.push_back(body);
    m.thread = "t1";
    ps::event::Items items;
    items.node = "princely_musings";
    ps::event::Item item;
    item.id = "ae890ac52d0df67ed7cfdf51b644e901";
    items.item.push_back(item);
    ps::event::Event event;
    event.payload = items;
    m.event = event;
    xso::shim::Headers headers;
    xso::shim::Header h;
    h.name = "SubID";
    h.value = "123-abc";
    headers.header.push_back(h);
    h.value = "004-yyy";
    headers.header.push_back(h);
    m.headers = headers;
    xso::delay::Delay delay;
    delay.stamp = xso::datetime("2003-12-13T23:58:37Z");
    m.delay = delay;
    CHECK(serialized(m) ==
          "<message xmlns='jabber:client' id='foo' from='pubsub.shakespeare.lit' to='francisco@denmark.lit'>"
          "<body>A new entry</body><thread>t1</thread>"
          "<event xmlns='http://jabber.org/protocol/pubsub#event'><items node='princely_musings'>"
          "<item id='ae890ac52d0df67ed7cfdf51b644e901'/></items></event>"
          "<headers xmlns='http://jabber.org/protocol/shim'><header name='SubID'>123-abc</header>"
          "<header name='SubID'>004-yyy</header></headers>"
          "<delay xmlns='urn:xmpp:delay' stamp='2003-12-13T23:58:37Z'/></message>");

    // XEP-0060 Ex. 30 with the request echoed: after <pubsub/>, <error/> is back in jabber:client.
    st::Iq iq;
    iq.type = st::IqType::error;
    iq.id = "sub1";
    iq.from = xso::jid("pubsub.shakespeare.lit");
    iq.to = xso::jid("francisco@denmark.lit/barracks");
    ps::Pubsub pubsub;
    ps::Subscribe sub;
    sub.node = "princely_musings";
    sub.jid = xso::jid("francisco@denmark.lit");
    pubsub.subscribe = sub;
    iq.payload = pubsub;
    st::Error error;
    error.type = st::ErrorType::modify;
    error.condition.condition = st::DefinedCondition::bad_request;
    ps::errors::PubsubError app;
    app.condition = ps::errors::Condition::invalid_jid;
    error.app_condition = app;
    iq.error = error;
    CHECK(serialized(iq) ==
          "<iq xmlns='jabber:client' type='error' id='sub1' from='pubsub.shakespeare.lit' to='francisco@denmark.lit/barracks'>"
          "<pubsub xmlns='http://jabber.org/protocol/pubsub'><subscribe jid='francisco@denmark.lit' node='princely_musings'/>"
          "</pubsub><error type='modify'><bad-request xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>"
          "<invalid-jid xmlns='http://jabber.org/protocol/pubsub#errors'/></error></iq>");
}

// Schema namespaces are written without escaping when they need none (decided when the
// type's table is made); one that does need it must still be escaped.
static_assert(xso::detail::is_plain_attribute_text("http://jabber.org/protocol/pubsub#event"));
static_assert(!xso::detail::is_plain_attribute_text("urn:a&b"));
static_assert(!xso::detail::is_plain_attribute_text("urn:a'b"));
static_assert(!xso::detail::is_plain_attribute_text("urn:a<b"));
static_assert(!xso::detail::is_plain_attribute_text("urn:caf\xc3\xa9"));

TEST_CASE("namespaces: a schema namespace that needs escaping is escaped where it is declared")
{
    xso_test::ranges::OddNamespace odd;
    odd.name = "n";
    odd.note = "x";
    const std::string out = serialized(odd);
    CHECK(out == "<query xmlns='urn:xso:test:odd?a=1&amp;b=&apos;&lt;2>&apos;' name='n'><note>x</note></query>");
    auto back = xso::parse<xso_test::ranges::OddNamespace>(out);
    REQUIRE(back);
    CHECK(*back == odd);
    CHECK(xso::parse<xso_test::ranges::OddNamespace>(std::string("<query xmlns='urn:xso:test:odd' name='n'/>")).error().code ==
          errc::unexpected_element);
}

TEST_CASE("namespaces: payloads keep their own prefixes and get the declarations they inherited")
{
    // Prefixes declared on the payload itself: written back byte for byte.
    const std::string own =
        "<iq type='set' id='p1'><pubsub xmlns='http://jabber.org/protocol/pubsub'><publish node='n'><item id='a'>"
        "<a:entry xmlns:a='http://www.w3.org/2005/Atom' xmlns:g='http://www.georss.org/georss'>"
        "<a:title>Soliloquy</a:title><g:point>45.256 -71.92</g:point></a:entry></item></publish></pubsub></iq>";
    auto iq = xso_test::round_trip<st::Iq>(own);
    CHECK(serialized(iq) == "<iq xmlns='jabber:client' type='set' id='p1'><pubsub xmlns='http://jabber.org/protocol/pubsub'>"
                            "<publish node='n'><item id='a'>"
                            "<a:entry xmlns:a='http://www.w3.org/2005/Atom' xmlns:g='http://www.georss.org/georss'>"
                            "<a:title>Soliloquy</a:title><g:point>45.256 -71.92</g:point></a:entry></item></publish>"
                            "</pubsub></iq>");

    // A prefix declared on the stanza and used only in the payload: declared on the payload.
    const std::string inherited =
        "<iq type='set' id='p2' xmlns:atom='http://www.w3.org/2005/Atom'><pubsub xmlns='http://jabber.org/protocol/pubsub'>"
        "<publish node='n'><item id='a'><atom:entry><atom:title>T</atom:title></atom:entry></item></publish></pubsub></iq>";
    auto iq2 = xso_test::round_trip<st::Iq>(inherited);
    CHECK(serialized(iq2) == "<iq xmlns='jabber:client' type='set' id='p2'><pubsub xmlns='http://jabber.org/protocol/pubsub'>"
                             "<publish node='n'><item id='a'><atom:entry xmlns:atom='http://www.w3.org/2005/Atom'>"
                             "<atom:title>T</atom:title></atom:entry></item></publish></pubsub></iq>");

    // An unprefixed payload in a default namespace declared on an ancestor.
    const std::string default_inherited =
        "<iq type='set' id='p3'><x:pubsub xmlns:x='http://jabber.org/protocol/pubsub' xmlns='urn:example:payload'>"
        "<x:publish node='n'><x:item><entry><title/></entry></x:item></x:publish></x:pubsub></iq>";
    auto iq3 = xso_test::round_trip<st::Iq>(default_inherited);
    CHECK(first_item(iq3).payload->ns() == "urn:example:payload");
    CHECK(serialized(iq3) == "<iq xmlns='jabber:client' type='set' id='p3'><pubsub xmlns='http://jabber.org/protocol/pubsub'>"
                             "<publish node='n'><item><entry xmlns='urn:example:payload'><title/></entry></item></publish>"
                             "</pubsub></iq>");

    // The payload moved into another stanza (an event notification): still complete.
    st::Message m;
    ps::event::Items items;
    items.node = "n";
    ps::event::Item item;
    item.id = "a";
    item.payload = first_item(iq2).payload;
    items.item.push_back(item);
    ps::event::Event event;
    event.payload = items;
    m.event = event;
    CHECK(serialized(m) == "<message xmlns='jabber:client'><event xmlns='http://jabber.org/protocol/pubsub#event'>"
                           "<items node='n'><item id='a'><atom:entry xmlns:atom='http://www.w3.org/2005/Atom'>"
                           "<atom:title>T</atom:title></atom:entry></item></items></event></message>");
    CHECK(std::string(ns_pubsub) == ps::ns_pubsub);
}

TEST_CASE("namespaces: a namespace list matches whole URIs only")
{
    using xso::ns_filter;
    constexpr std::string_view list = "jabber:client jabber:server  urn:x";
    static_assert(ns_filter::contains(list, "jabber:server"));
    CHECK(ns_filter::contains(list, "jabber:client"));
    CHECK(ns_filter::contains(list, "jabber:server"));
    CHECK(ns_filter::contains(list, "urn:x"));
    CHECK(ns_filter::contains("urn:x", "urn:x"));
    CHECK_FALSE(ns_filter::contains(list, ""));          // no empty token, even between two spaces
    CHECK_FALSE(ns_filter::contains(list, "jabber"));    // a prefix of a token
    CHECK_FALSE(ns_filter::contains(list, "client"));    // a suffix of a token
    CHECK_FALSE(ns_filter::contains(list, "urn:"));
    CHECK_FALSE(ns_filter::contains(list, "urn:xy"));    // longer than the last token
    CHECK_FALSE(ns_filter::contains(list, "jabber:client jabber:server")); // two tokens are not one URI
    CHECK_FALSE(ns_filter::contains("", "urn:x"));
    CHECK_FALSE(ns_filter::contains("urn:xurn:x", "urn:x")); // found twice, never as a whole token
    CHECK(ns_filter::contains("urn:x:a urn:x", "urn:x"));    // first found inside a token, then whole
}

TEST_CASE("namespaces: the name a parse gives an opaque element is the one its DOM resolves")
{
    // name() answers from what the parse resolved: it must be what resolving the element
    // in its DOM gives (an element made from the same node does that), and stay valid
    // when the parse's result is gone.
    auto resolved_again = [](const xso::element& e) { return xso::element(e.store(), e.node()).name(); };
    std::vector<xso::element> kept;
    {
        const std::string in =
            "<iq type='set' id='n1' xmlns:atom='http://www.w3.org/2005/Atom'>"
            "<x:pubsub xmlns:x='http://jabber.org/protocol/pubsub' xmlns='urn:example:payload'>"
            "<x:publish node='n'><x:item id='a'><entry/></x:item><x:item id='b'><atom:entry/></x:item>"
            "<x:item id='c'><geoloc xmlns='http://jabber.org/protocol/geoloc'/></x:item>"
            "<extra xml:lang='en'/></x:publish></x:pubsub></iq>";
        auto iq = parsed<st::Iq>(in);
        const ps::Pubsub& p = payload_of<ps::Pubsub>(iq);
        REQUIRE(p.publish);
        REQUIRE(p.publish->item.size() == 3);
        for (const ps::Item& item : p.publish->item) {
            REQUIRE(item.payload);
            kept.push_back(*item.payload);
        }
        REQUIRE(p.publish->unknown.elements.size() == 1); // not strict: kept, as an element
        kept.push_back(p.publish->unknown.elements.front());
        auto root = xso::parse<xso::element>(std::string_view("<q:query xmlns:q='jabber:iq:version'/>"));
        REQUIRE(root);
        kept.push_back(*root);
    }
    const xso::qname expected[] = {{"urn:example:payload", "entry"},
                                   {ns_atom, "entry"},
                                   {"http://jabber.org/protocol/geoloc", "geoloc"},
                                   {"urn:example:payload", "extra"},
                                   {"jabber:iq:version", "query"}};
    REQUIRE(kept.size() == std::size(expected));
    for (std::size_t i = 0; i < kept.size(); ++i) {
        CAPTURE(i);
        CHECK(kept[i].name() == expected[i]);
        CHECK(kept[i].name() == resolved_again(kept[i]));
        CHECK(kept[i].ns() == expected[i].ns);
        CHECK(kept[i].local() == expected[i].local);
    }
}
