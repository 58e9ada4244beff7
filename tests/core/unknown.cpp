// Content no schema describes: kept by default and written back (lossless), reported by
// strict mode only in our own namespaces. The opaque xso::element that holds it (and item
// payloads), to_element, binding an element to a generated type, and serializing into
// the caller's DOM.
#include <doctest/doctest.h>

#include <sstream>
#include <string>

#include <pugixml.hpp>

#include <xso/pubsub.hpp>
#include <xso_test/ranges.hpp>

#include "../support/family.hpp"

namespace {

using namespace xso_test::family_names;

xso::element element_of(std::string_view xml)
{
    auto e = xso::element::parse(xml);
    REQUIRE_MESSAGE(e, e.error().message());
    return *e;
}

std::string dom_text(pugi::xml_node n)
{
    std::ostringstream out;
    n.print(out, "", pugi::format_raw);
    return out.str();
}

} // namespace

// ---------------------------------------------------------------------------------------
TEST_CASE("unknown content: attributes, elements and text are kept and written back")
{
    const std::string xml = "<iq type='result' id='u1' xmlns:x='urn:example:x'>"
                            "<pubsub xmlns='http://jabber.org/protocol/pubsub'>"
                            "<items node='n' x:flavour='vanilla' color='red'>"
                            "<x:hint level='2'>keep me</x:hint><item id='a'/></items></pubsub></iq>";
    auto iq = xso_test::round_trip<st::Iq>(xml, xso::parse_options{});
    const ps::Items& items = *payload_of<ps::Pubsub>(iq).items;
    REQUIRE(items.item.size() == 1);
    REQUIRE(items.unknown.attributes.size() == 2);
    CHECK(items.unknown.attributes[0] == xso::attribute{"urn:example:x", "flavour", "vanilla"});
    CHECK(items.unknown.attributes[1] == xso::attribute{"", "color", "red"});
    REQUIRE(items.unknown.elements.size() == 1);
    CHECK(items.unknown.elements[0].ns() == "urn:example:x");
    CHECK(items.unknown.elements[0].local() == "hint");
    CHECK(items.unknown.elements[0].text() == "keep me");
    CHECK(items.unknown.text.empty());

    // Known attributes first (schema order), then unknown ones with generated prefixes;
    // known children first, then unknown ones in the order they came.
    CHECK(serialized(iq) == "<iq xmlns='jabber:client' type='result' id='u1'>"
                            "<pubsub xmlns='http://jabber.org/protocol/pubsub'>"
                            "<items node='n' xmlns:ns1='urn:example:x' ns1:flavour='vanilla' color='red'><item id='a'/>"
                            "<x:hint xmlns:x='urn:example:x' level='2'>keep me</x:hint></items></pubsub></iq>");

    // Non-whitespace text in element-only content.
    auto text = xso_test::round_trip<st::Iq>("<iq type='get' id='u2'><pubsub xmlns='http://jabber.org/protocol/pubsub'>"
                                             "[ ... ]<items node='n'/></pubsub></iq>",
                                             xso::parse_options{});
    CHECK(payload_of<ps::Pubsub>(text).unknown.text == "[ ... ]");
    CHECK(serialized(text) == "<iq xmlns='jabber:client' type='get' id='u2'><pubsub xmlns='http://jabber.org/protocol/pubsub'>"
                              "<items node='n'/>[ ... ]</pubsub></iq>");

    // An unknown child of a message (XEP-0115 caps, say) and one of our own namespaces
    // that binds to nothing here (XEP-0060 Ex. 210's misspelled <affilation/>).
    auto msg = xso_test::round_trip<st::Message>(
        "<message from='pubsub.shakespeare.lit' to='polonius@denmark.lit'>"
        "<c xmlns='http://jabber.org/protocol/caps' hash='sha-1' node='http://example.com' ver='x'/>"
        "<pubsub xmlns='http://jabber.org/protocol/pubsub'><affiliations node='princely_musings'>"
        "<affilation jid='polonius@denmark.lit' affiliation='none'/></affiliations></pubsub></message>",
        xso::parse_options{});
    REQUIRE(msg.unknown.elements.size() == 1);
    CHECK(msg.unknown.elements[0].local() == "c");
    REQUIRE(msg.pubsub);
    REQUIRE(msg.pubsub->affiliations);
    CHECK(msg.pubsub->affiliations->affiliation.empty());
    REQUIRE(msg.pubsub->affiliations->unknown.elements.size() == 1);
    CHECK(msg.pubsub->affiliations->unknown.elements[0].local() == "affilation");
    CHECK(msg.pubsub->affiliations->unknown.elements[0].attribute("jid") == std::string_view("polonius@denmark.lit"));
}

TEST_CASE("payloads and unknown elements are written back as the bytes received")
{
    // The parse notes where each payload's bytes end, and serialize copies up to there.
    // Endings that a search for the end tag could get wrong: '>' in attribute values and
    // text, a CDATA section holding the end tag, a descendant of the payload's own name,
    // whitespace and another item after it, the payload closing the input's last levels.
    const std::string entry1 = "<entry xmlns=\"http://www.w3.org/2005/Atom\" note=\"a>b\">"
                               "<title>1 &gt; 0</title><content><![CDATA[</entry> ]]></content>"
                               "<entry><entry/></entry></entry>";
    const std::string entry2 = "<entry xmlns='http://www.w3.org/2005/Atom'/>";
    const std::string hint = "<x:hint xmlns:x='urn:example:x'  level = '2'>a &lt; b</x:hint>";
    const std::string xml = "<message from='pubsub.example.org' id='m1'>"
                            "<event xmlns='http://jabber.org/protocol/pubsub#event'><items node='n'>"
                            "<item id='1'>" + entry1 + "\n  </item>" + hint + "<item id='2'>" + entry2 +
                            "</item></items></event></message>";
    auto msg = parsed<st::Message>(xml);
    const std::string out = serialized(msg);
    CHECK_MESSAGE(out.find(entry1) != std::string::npos, out);
    CHECK_MESSAGE(out.find(entry2) != std::string::npos, out);
    // The unknown child keeps its bytes, prefix declaration included.
    CHECK_MESSAGE(out.find(hint) != std::string::npos, out);
    std::string diff;
    auto same = xso::canonical_equal(xml, out, {}, &diff);
    REQUIRE(same);
    CHECK_MESSAGE(*same, diff);
}

TEST_CASE("unknown content: unknown values round-trip through the typed API")
{
    // Unknown content set by the caller is written like parsed unknown content.
    ps::Items items;
    items.node = "n";
    items.unknown.attributes.push_back(xso::attribute{"urn:example:x", "a", "1"});
    items.unknown.attributes.push_back(xso::attribute{"urn:example:y", "b", "2"});
    items.unknown.attributes.push_back(xso::attribute{"urn:example:x", "c", "3"});
    items.unknown.attributes.push_back(xso::attribute{std::string(xso::ns::xml), "lang", "en"});
    items.unknown.elements.push_back(element_of("<z xmlns='urn:example:z'/>"));
    CHECK(serialized(items) == "<items xmlns='http://jabber.org/protocol/pubsub' node='n' xmlns:ns1='urn:example:x' ns1:a='1'"
                               " xmlns:ns2='urn:example:y' ns2:b='2' ns1:c='3' xml:lang='en'><z xmlns='urn:example:z'/></items>");
    auto back = parsed<ps::Items>(serialized(items));
    CHECK(back == items);
}

TEST_CASE("unknown content: strict mode reports our namespaces and keeps foreign ones")
{
    const auto strict = xso_test::strict_options();
    const std::string head = "<iq type='result' id='s1'><pubsub xmlns='http://jabber.org/protocol/pubsub'>";
    const std::string tail = "</pubsub></iq>";

    // Foreign namespaces: kept, strict or not.
    auto foreign = parsed<st::Iq>(head + "<items node='n' xmlns:x='urn:example:x' x:a='1'><x:b/></items>" + tail, strict);
    const ps::Items& items = *payload_of<ps::Pubsub>(foreign).items;
    CHECK(items.unknown.attributes.size() == 1);
    CHECK(items.unknown.elements.size() == 1);
    // xml:lang on an element that does not declare it is foreign too (servers add it).
    CHECK(parsed<st::Iq>(head + "<items node='n' xml:lang='en'/>" + tail, strict).payload);

    // Our namespaces: an error naming the culprit.
    const std::string attr = head + "<items node='n' max-items='2'/>" + tail;
    xso::error e =
        expect_parse_error_at<st::Iq>(attr, errc::unknown_attribute, "iq/pubsub/items/@max-items", "max-items", strict);

    const std::string ours_prefixed = head + "<items node='n' xmlns:o='http://jabber.org/protocol/pubsub#owner' o:x='1'/>" + tail;
    expect_parse_error<st::Iq>(ours_prefixed, errc::unknown_attribute, "iq/pubsub/items/@o:x", strict);

    const std::string child = head + "<items node='n'><retract/></items>" + tail;
    expect_parse_error_at<st::Iq>(child, errc::unknown_child, "iq/pubsub/items/retract", "<retract", strict);

    // Another of our namespaces (RSM) where the schema does not put it.
    const std::string rsm = head + "<items node='n'><set xmlns='http://jabber.org/protocol/rsm'/></items>" + tail;
    expect_parse_error<st::Iq>(rsm, errc::unknown_child, "iq/pubsub/items/set", strict);

    const std::string text = head + "<items node='n'>...</items>" + tail;
    expect_parse_error_at<st::Iq>(text, errc::unexpected_text, "iq/pubsub/items/text()", "...", strict);

    // All of them are accepted without strict mode.
    for (const std::string* xml : {&attr, &ours_prefixed, &child, &rsm, &text}) CHECK(xso::parse<st::Iq>(*xml));
}

// Strict mode's "our namespaces" are those the parsed type can bind: its own and every
// namespace reachable from it through its members (the generated xso_known_ns). Parsing an
// IQ does not reach pubsub#event (only messages carry events), so an event <items> inside
// an IQ's <pubsub> is foreign content there, kept; parsed as any stanza, whose alternatives
// reach pubsub#event, it is reported.
TEST_CASE("unknown content: strict mode reports the namespaces the parsed type can bind")
{
    const auto strict = xso_test::strict_options();
    const std::string event_items = "<iq type='result' id='k1'><pubsub xmlns='http://jabber.org/protocol/pubsub'>"
                                    "<items xmlns='http://jabber.org/protocol/pubsub#event' node='n'/></pubsub></iq>";
    auto as_iq = xso::parse<st::Iq>(event_items, strict);
    REQUIRE_MESSAGE(as_iq, as_iq.error().message());
    const auto& ps_kept = std::get<ps::Pubsub>(*as_iq->payload);
    REQUIRE(ps_kept.unknown.elements.size() == 1);
    CHECK(ps_kept.unknown.elements[0].ns() == "http://jabber.org/protocol/pubsub#event");
    CHECK(serialized(*as_iq).find("<items xmlns='http://jabber.org/protocol/pubsub#event' node='n'/>") != std::string::npos);

    auto as_any = xso::parse<st::any_stanza>(event_items, strict);
    REQUIRE_FALSE(as_any);
    CHECK(as_any.error().code == errc::unknown_child);
    CHECK(as_any.error().path == "iq/pubsub/items");
    CHECK(as_any.error().offset == event_items.find("<items"));

    // A disco#items <item> in a disco#info query parsed alone: disco#items is not reachable
    // from the query, so it is kept.
    auto info = xso::parse<xso::disco::InfoQuery>(
        "<query xmlns='http://jabber.org/protocol/disco#info'><item xmlns='http://jabber.org/protocol/disco#items' jid='a'/></query>",
        strict);
    REQUIRE_MESSAGE(info, info.error().message());
    CHECK(info->unknown.elements.size() == 1);
}

// ---------------------------------------------------------------------------------------
TEST_CASE("element: name, namespace, attributes, text and namespace lookup")
{
    xso::element e = element_of("<a:entry xmlns:a='http://www.w3.org/2005/Atom' xmlns:g='urn:example:geo' xml:lang='en'"
                                " a:rel='self' g:rel='near' rel='plain'>Hello <a:title>T</a:title>world</a:entry>");
    CHECK(e);
    CHECK_FALSE(e.empty());
    CHECK(e.name() == xso::qname{ns_atom, "entry"});
    CHECK(e.ns() == ns_atom);
    CHECK(e.local() == "entry");
    CHECK(e.attribute("rel") == std::string_view("plain"));
    CHECK(e.attribute("rel", ns_atom) == std::string_view("self"));
    CHECK(e.attribute("rel", "urn:example:geo") == std::string_view("near"));
    CHECK(e.attribute("lang", xso::ns::xml) == std::string_view("en"));
    CHECK_FALSE(e.attribute("lang"));
    CHECK_FALSE(e.attribute("missing"));
    CHECK_FALSE(e.attribute("a")); // a namespace declaration is not an attribute
    CHECK(e.text() == "Hello world");
    CHECK(e.lookup_namespace("a") == ns_atom);
    CHECK(e.lookup_namespace("g") == std::string_view("urn:example:geo"));
    CHECK(e.lookup_namespace("xml") == xso::ns::xml);
    CHECK(e.lookup_namespace("") == std::string_view(""));
    CHECK_FALSE(e.lookup_namespace("nope"));

    // A child's view resolves through its ancestors.
    xso::element title(e.store(), e.node().child("a:title"));
    CHECK(title.name() == xso::qname{ns_atom, "title"});
    CHECK(title.lookup_namespace("g") == std::string_view("urn:example:geo"));

    xso::element none;
    CHECK(none.empty());
    CHECK_FALSE(none);
    CHECK(none.local().empty());

    // element::parse refuses what parse refuses.
    auto two = xso::element::parse("<a/><b/>");
    REQUIRE_FALSE(two);
    CHECK(two.error().code == errc::unexpected_element);
    auto undeclared = xso::element::parse("<p:a/>");
    REQUIRE_FALSE(undeclared);
    CHECK(undeclared.error().code == errc::xml_syntax);
    auto comment = xso::element::parse("<a><!-- no --></a>");
    REQUIRE_FALSE(comment);
    CHECK(comment.error().code == errc::forbidden_markup);
}

TEST_CASE("element: equality ignores prefixes and attribute order, not content")
{
    xso::element a = element_of("<p:e xmlns:p='urn:example:e' xmlns:q='urn:example:q' q:k='1' k='2'><p:c>x</p:c></p:e>");
    CHECK(a == element_of("<e xmlns='urn:example:e' k='2' xmlns:z='urn:example:q' z:k='1'><c>x</c></e>"));
    CHECK(a == a);
    CHECK(a != element_of("<e xmlns='urn:example:other' xmlns:q='urn:example:q' q:k='1' k='2'><c>x</c></e>"));
    CHECK(a != element_of("<e xmlns='urn:example:e' xmlns:q='urn:example:q' q:k='1' k='3'><c>x</c></e>"));
    CHECK(a != element_of("<e xmlns='urn:example:e' xmlns:q='urn:example:q' k='1' q:k='2'><c>x</c></e>"));
    CHECK(a != element_of("<e xmlns='urn:example:e' xmlns:q='urn:example:q' q:k='1' k='2'><c>y</c></e>"));
    CHECK(a != element_of("<e xmlns='urn:example:e' xmlns:q='urn:example:q' q:k='1' k='2'><c>x</c><c/></e>"));
    CHECK(element_of("<e xmlns='urn:x'><a/><b/></e>") != element_of("<e xmlns='urn:x'><b/><a/></e>"));
    CHECK(xso::element() == xso::element());
    CHECK(xso::element() != a);
}

TEST_CASE("element: copy_of takes a namespace-complete copy out of the caller's DOM")
{
    xso::element copy;
    {
        pugi::xml_document doc;
        REQUIRE(doc.load_string("<root xmlns='urn:example:default' xmlns:p='urn:example:p' xmlns:unused='urn:example:unused'>"
                                "<p:child a='1' p:b='2'><inner/><p:leaf>text</p:leaf></p:child></root>"));
        copy = xso::element::copy_of(doc.first_child().first_child());
    } // the caller's document is gone
    CHECK(copy.name() == xso::qname{"urn:example:p", "child"});
    CHECK(copy.attribute("b", "urn:example:p") == std::string_view("2"));
    xso::element inner(copy.store(), copy.node().first_child());
    CHECK(inner.name() == xso::qname{"urn:example:default", "inner"});

    // Written on its own, it carries the two declarations it uses and not the unused one.
    std::string out = serialized(copy);
    CHECK(out.find("xmlns:unused") == std::string::npos);
    auto same = xso::canonical_equal(out, "<c:child xmlns:c='urn:example:p' a='1' c:b='2'><inner xmlns='urn:example:default'/>"
                                          "<c:leaf>text</c:leaf></c:child>");
    REQUIRE(same);
    CHECK_MESSAGE(*same, out);
    CHECK(element_of(out) == copy);
}

// ---------------------------------------------------------------------------------------
TEST_CASE("to_element and parse<T>(element): typed payloads inside items")
{
    // A data form as the payload of a published item (XEP-0060 §7.1 allows any payload).
    xso::xdata::Form form;
    form.type = xso::xdata::FormType::result;
    xso::xdata::Field field{};
    field.var = "FORM_TYPE";
    field.type = xso::open_enum<xso::xdata::FieldType>(xso::xdata::FieldType::hidden);
    field.value.push_back("urn:example:status");
    form.field.push_back(field);

    auto element = xso::to_element(form);
    REQUIRE_MESSAGE(element, element.error().message());
    CHECK(element->name() == xso::qname{"jabber:x:data", "x"});

    ps::Item item;
    item.id = "status";
    item.payload = *element;
    ps::Publish publish;
    publish.node = "n";
    publish.item.push_back(item);
    ps::Pubsub pubsub;
    pubsub.publish = publish;
    st::Iq iq;
    iq.type = st::IqType::set;
    iq.id = "t1";
    iq.payload = pubsub;
    const std::string out = serialized(iq);
    CHECK(out == "<iq xmlns='jabber:client' type='set' id='t1'><pubsub xmlns='http://jabber.org/protocol/pubsub'>"
                 "<publish node='n'><item id='status'><x xmlns='jabber:x:data' type='result'>"
                 "<field type='hidden' var='FORM_TYPE'><value>urn:example:status</value></field></x></item></publish>"
                 "</pubsub></iq>");

    // The receiving side binds the opaque payload back to the type.
    auto received = parsed<st::Iq>(out);
    const xso::element& payload = *payload_of<ps::Pubsub>(received).publish->item[0].payload;
    auto bound = xso::parse<xso::xdata::Form>(payload);
    REQUIRE_MESSAGE(bound, bound.error().message());
    CHECK(*bound == form);

    // An invalid object gives the local serialize error, not an element.
    xso::xdata::Form bad = form;
    bad.field[0].value[0] = "\x01";
    auto refused = xso::to_element(bad);
    REQUIRE_FALSE(refused);
    CHECK(refused.error().origin == xso::origin::local);
    CHECK(refused.error().path == "x/field[1]/value[1]");
}

TEST_CASE("parse<T>(element): a user payload type, with errors located in the original input")
{
    // Payload in the test-only schema, its prefix declared on the stanza.
    const std::string xml = "<iq type='result' id='b1' xmlns:r='urn:xso:test:ranges'>"
                            "<pubsub xmlns='http://jabber.org/protocol/pubsub'><items node='n'>"
                            "<item id='good'><r:limits count='3' color='blue'><r:percent>50</r:percent></r:limits></item>"
                            "<item id='bad'><r:limits count='30'/></item>"
                            "<item id='other'><entry xmlns='http://www.w3.org/2005/Atom'/></item>"
                            "</items></pubsub></iq>";
    auto iq = parsed<st::Iq>(xml);
    const auto& items = payload_of<ps::Pubsub>(iq).items->item;
    REQUIRE(items.size() == 3);

    auto good = xso::parse<xso_test::ranges::Limits>(*items[0].payload);
    REQUIRE_MESSAGE(good, good.error().message());
    CHECK(good->count == 3u);
    CHECK(good->color == xso_test::ranges::Color::blue);
    CHECK(good->percent == 50);

    // The path starts at the payload; the offset is in the stanza's bytes.
    auto bad = xso::parse<xso_test::ranges::Limits>(*items[1].payload);
    REQUIRE_FALSE(bad);
    CHECK(bad.error().code == errc::invalid_value);
    CHECK(bad.error().path == "limits/@count");
    CHECK(bad.error().offset == xml.find("count='30'"));

    auto other = xso::parse<xso_test::ranges::Limits>(*items[2].payload);
    REQUIRE_FALSE(other);
    CHECK(other.error().code == errc::unexpected_element);
    CHECK(other.error().path == "entry");

    auto empty = xso::parse<xso_test::ranges::Limits>(xso::element());
    REQUIRE_FALSE(empty);
    CHECK(empty.error().code == errc::missing_child);

    // Strict binding: unknown content in the payload's own namespace.
    xso::element extra = element_of("<limits xmlns='urn:xso:test:ranges' count='1' shade='dark'/>");
    CHECK(xso::parse<xso_test::ranges::Limits>(extra));
    auto strict = xso::parse<xso_test::ranges::Limits>(extra, xso_test::strict_options());
    REQUIRE_FALSE(strict);
    CHECK(strict.error().code == errc::unknown_attribute);
    CHECK(strict.error().path == "limits/@shade");
}

// ---------------------------------------------------------------------------------------
TEST_CASE("serialize into a pugi::xml_node of the caller's DOM")
{
    st::Iq iq;
    iq.type = st::IqType::get;
    iq.id = "d1";
    iq.to = xso::jid("pubsub.shakespeare.lit");
    ps::Pubsub pubsub;
    ps::Items items;
    items.node = "princely_musings";
    pubsub.items = items;
    iq.payload = pubsub;

    // Inside a client stream: the stanza inherits jabber:client and declares nothing.
    pugi::xml_document doc;
    REQUIRE(doc.load_string("<stream:stream xmlns:stream='http://etherx.jabber.org/streams' xmlns='jabber:client'/>"));
    pugi::xml_node stream = doc.first_child();
    auto r = xso::serialize(iq, stream);
    REQUIRE_MESSAGE(r, r.error().message());
    pugi::xml_node written = stream.first_child();
    REQUIRE(written);
    CHECK_FALSE(written.attribute("xmlns"));
    auto same = xso::canonical_equal(dom_text(written), "<iq type='get' id='d1' to='pubsub.shakespeare.lit'>"
                                                        "<pubsub xmlns='http://jabber.org/protocol/pubsub'>"
                                                        "<items node='princely_musings'/></pubsub></iq>");
    REQUIRE(same);
    CHECK_MESSAGE(*same, dom_text(written));
    auto back = xso::parse<st::Iq>(written);
    REQUIRE_MESSAGE(back, back.error().message());
    CHECK(*back == iq);

    // Appended after existing children, under a parent in another namespace.
    pugi::xml_document other;
    REQUIRE(other.load_string("<log xmlns='urn:example:log'><entry/></log>"));
    REQUIRE(xso::serialize(iq, other.first_child()));
    pugi::xml_node last = other.first_child().last_child();
    CHECK(std::string(last.name()) == "iq");
    CHECK(std::string(last.attribute("xmlns").value()) == "jabber:client");
    CHECK(xso::parse<st::Iq>(last));

    // A refused object leaves the caller's DOM untouched; a null parent is refused.
    st::Iq bad = iq;
    bad.id.clear();
    std::size_t before = 0;
    for (pugi::xml_node c = stream.first_child(); c; c = c.next_sibling()) ++before;
    auto refused = xso::serialize(bad, stream);
    REQUIRE_FALSE(refused);
    CHECK(refused.error().origin == xso::origin::local);
    CHECK(refused.error().path == "iq/@id");
    std::size_t after = 0;
    for (pugi::xml_node c = stream.first_child(); c; c = c.next_sibling()) ++after;
    CHECK(after == before);
    auto null_parent = xso::serialize(iq, pugi::xml_node());
    REQUIRE_FALSE(null_parent);
    CHECK(null_parent.error().origin == xso::origin::local);
}

// ---------------------------------------------------------------------------------------
TEST_CASE("serialize appends to a reused string, whatever its size and capacity")
{
    // A small stanza and a large one (over 4 kB, so that the writer grows several times).
    auto small = xso::parse<st::Iq>(xso_test::fixture_trimmed("prosody/11-publish-options-mismatch-error.xml"));
    REQUIRE_MESSAGE(small, small.error().message());
    auto large = xso::parse<st::Iq>(xso_test::fixture_trimmed("prosody/13-items-result.xml"));
    REQUIRE_MESSAGE(large, large.error().message());
    const std::string small_text = serialized(*small);
    std::string large_text = serialized(*large);
    while (large_text.size() < 20000) { // more items: the fixture has a few
        auto& items = *std::get<ps::Pubsub>(*large->payload).items;
        items.item.insert(items.item.end(), items.item.begin(), items.item.end());
        large_text = serialized(*large);
    }
    CAPTURE(small_text.size());
    CAPTURE(large_text.size());

    // A string that once held a much larger output, cleared and reused: same text, same buffer.
    std::string out;
    out.reserve(1 << 20);
    REQUIRE(xso::serialize(*large, out));
    CHECK(out == large_text);
    const char* buffer = out.data();
    out.clear();
    REQUIRE(xso::serialize(*small, out));
    CHECK(out == small_text);
    CHECK(out.data() == buffer);

    // Appended after what the string holds, several outputs in a row, small and large.
    out = "head:";
    REQUIRE(xso::serialize(*small, out));
    REQUIRE(xso::serialize(*large, out));
    REQUIRE(xso::serialize(*small, out));
    CHECK(out == "head:" + small_text + large_text + small_text);

    // From an empty string without capacity, and from one with a few spare bytes.
    std::string fresh;
    REQUIRE(xso::serialize(*large, fresh));
    CHECK(fresh == large_text);
    std::string tight = "x";
    tight.reserve(small_text.size() / 2);
    REQUIRE(xso::serialize(*large, tight));
    CHECK(tight == "x" + large_text);

    // A refused object leaves the string as it was, content and size.
    st::Iq bad = *large;
    bad.id.clear();
    std::string kept = "kept";
    kept.reserve(1 << 20);
    REQUIRE_FALSE(xso::serialize(bad, kept));
    CHECK(kept == "kept");
}
