// The error model: every failure is an xso::error with a code, a path and (for input) the
// byte offset of the culprit; format_error turns it into line:column and a caret. Bad
// input of every kind (malformed, truncated, forbidden markup, invalid characters, over
// the limits) fails cleanly; invalid objects are refused on serialize with local errors.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include <xso/pubsub.hpp>

#include "../support/family.hpp"

namespace {

using namespace xso_test::family_names;

const std::string pubsub_open = "<pubsub xmlns='http://jabber.org/protocol/pubsub'>";

std::vector<std::string> lines_of(const std::string& s)
{
    std::vector<std::string> v;
    std::size_t b = 0;
    while (true) {
        std::size_t e = s.find('\n', b);
        v.push_back(s.substr(b, e == std::string::npos ? std::string::npos : e - b));
        if (e == std::string::npos) return v;
        b = e + 1;
    }
}

std::string trimmed_fixture(const std::string& rel)
{
    std::string s = xso_test::fixture(rel);
    while (!s.empty() && (s.back() == '\n' || s.back() == ' ' || s.back() == '\r')) s.pop_back();
    return s;
}

// A valid publish request built with the typed API, to break one piece at a time.
st::Iq publish_iq()
{
    ps::Item item;
    item.id = "a";
    ps::Publish publish;
    publish.node = "princely_musings";
    publish.item.push_back(item);
    ps::Pubsub pubsub;
    pubsub.publish = publish;
    st::Iq iq;
    iq.type = st::IqType::set;
    iq.id = "pub1";
    iq.payload = pubsub;
    return iq;
}

ps::Pubsub& pubsub_of(st::Iq& iq) { return std::get<ps::Pubsub>(*iq.payload); }

} // namespace

// ---------------------------------------------------------------------------------------
TEST_CASE("errors: codes, paths with list indexes, and offsets of parse errors")
{
    // The second item's publisher is not a JID: the path counts items from 1.
    const std::string items = "<iq type='result' id='e1'>" + pubsub_open +
                              "<items node='n'><item id='a'/><item id='b' publisher='@denmark.lit'/></items></pubsub></iq>";
    xso::error e =
        expect_parse_error_at<st::Iq>(items, errc::invalid_value, "iq/pubsub/items/item[2]/@publisher", "publisher=");
    CHECK(e.origin == xso::origin::remote);
    CHECK(e.message() == "iq/pubsub/items/item[2]/@publisher: invalid_value: " + e.detail);

    // Missing attribute: located at the element that lacks it.
    const std::string missing = "<iq type='set' id='e2'>" + pubsub_open + "<publish><item/></publish></pubsub></iq>";
    expect_parse_error_at<st::Iq>(missing, errc::missing_attribute, "iq/pubsub/publish/@node", "<publish");

    // Missing child: a stanza error without its defined condition.
    const std::string no_condition = "<iq type='error' id='e3'><error type='cancel'/></iq>";
    expect_parse_error_at<st::Iq>(no_condition, errc::missing_child, "iq/error/condition", "<error");

    // Too few children: retract needs an item.
    const std::string no_item = "<iq type='set' id='e4'>" + pubsub_open + "<retract node='n'/></pubsub></iq>";
    expect_parse_error_at<st::Iq>(no_item, errc::too_few_children, "iq/pubsub/retract/item", "<retract");

    // A single child twice: the second one is the culprit.
    const std::string twice = "<iq type='get' id='e5'>" + pubsub_open + "<items node='a'/><items node='b'/></pubsub></iq>";
    expect_parse_error_at<st::Iq>(twice, errc::duplicate_child, "iq/pubsub/items", "<items node='b'");

    // An attribute twice (pugixml does not check this; xso does), also through two
    // prefixes bound to the same namespace.
    const std::string dup = "<iq type='get' id='e6' type='set'/>";
    e = expect_parse_error<st::Iq>(dup, errc::duplicate_attribute, "iq/@type");
    CHECK(e.offset == dup.rfind("type="));
    const std::string dup_ns = "<iq type='get' id='e7' xmlns:a='urn:example:a' xmlns:b='urn:example:a' a:x='1' b:x='2'/>";
    expect_parse_error_at<st::Iq>(dup_ns, errc::duplicate_attribute, "iq/@b:x", "b:x=");

    // Not the element asked for.
    e = expect_parse_error<st::Iq>("<message/>", errc::unexpected_element, "message");
    CHECK(e.offset == 0);
    e = expect_parse_error<st::any_stanza>("  <stream/>", errc::unexpected_element, "stream");
    CHECK(e.offset == 2);

    // A namespace declared twice on one element is not well-formed either (as in payloads).
    const std::string dup_decl = "<iq type='get' id='e8'><pubsub xmlns='http://jabber.org/protocol/pubsub' "
                                 "xmlns='http://jabber.org/protocol/pubsub'/></iq>";
    e = expect_parse_error<st::Iq>(dup_decl, errc::duplicate_attribute, "iq/pubsub/@xmlns");
    CHECK(e.offset == dup_decl.rfind("xmlns="));
    const std::string dup_payload = "<iq type='set' id='e9'>" + pubsub_open + "<publish node='n'><item>"
                                    "<e xmlns='urn:example:e' xmlns:p='urn:a' xmlns:p='urn:b'/></item></publish></pubsub></iq>";
    e = expect_parse_error<st::Iq>(dup_payload, errc::duplicate_attribute, "iq/pubsub/publish/item[1]/e/@xmlns:p");
    CHECK(e.offset == dup_payload.rfind("xmlns:p="));
}

TEST_CASE("errors: strict mode codes")
{
    const auto strict = xso_test::strict_options();
    const std::string attr = "<iq type='get' id='s1'>" + pubsub_open + "<items node='n' color='red'/></pubsub></iq>";
    xso::error e =
        expect_parse_error_at<st::Iq>(attr, errc::unknown_attribute, "iq/pubsub/items/@color", "color=", strict);

    const std::string child = "<iq type='get' id='s2'>" + pubsub_open + "<items node='n'/><bogus/></pubsub></iq>";
    expect_parse_error_at<st::Iq>(child, errc::unknown_child, "iq/pubsub/bogus", "<bogus", strict);

    const std::string text = "<iq type='get' id='s3'>" + pubsub_open + "<items node='n'/> stray words </pubsub></iq>";
    expect_parse_error_at<st::Iq>(text, errc::unexpected_text, "iq/pubsub/text()", " stray", strict);

    // The same three inputs are accepted by default (see tests/core/unknown.cpp).
    CHECK(xso::parse<st::Iq>(attr));
    CHECK(xso::parse<st::Iq>(child));
    CHECK(xso::parse<st::Iq>(text));
}

// ---------------------------------------------------------------------------------------
TEST_CASE("errors: locate and format_error give line, column and a caret")
{
    CHECK(xso::locate("ab\ncd", 0).line == 1);
    CHECK(xso::locate("ab\ncd", 0).column == 1);
    CHECK(xso::locate("ab\ncd", 2).line == 1); // the newline itself
    CHECK(xso::locate("ab\ncd", 2).column == 3);
    CHECK(xso::locate("ab\ncd", 3).line == 2);
    CHECK(xso::locate("ab\ncd", 3).column == 1);
    CHECK(xso::locate("ab\ncd", 4).column == 2);
    CHECK(xso::locate("ab\ncd", xso::npos).line == 0);

    const std::string input = "<iq id='f1'\n    type='fetch'/>";
    xso::error e = parse_error<st::Iq>(input);
    REQUIRE(e.offset == input.find("type="));
    CHECK(xso::format_error(e, input, "stanza.xml") ==
          "stanza.xml:2:5: error: iq/@type: invalid_value: " + e.detail + "\n      type='fetch'/>\n      ^");
    CHECK(xso::format_error(e, input) == "2:5: error: iq/@type: invalid_value: " + e.detail + "\n      type='fetch'/>\n      ^");
    // Without the input there is nothing to point into.
    CHECK(xso::format_error(e) == "error: iq/@type: invalid_value: " + e.detail);

    // An error at the very first byte.
    xso::error root = parse_error<st::Iq>("<query xmlns='http://jabber.org/protocol/disco#info'/>");
    CHECK(xso::format_error(root, "<query xmlns='http://jabber.org/protocol/disco#info'/>").rfind("1:1: error: query: unexpected_element", 0) == 0);

    // A long one-line stanza: the excerpt is cut around the offset, the caret still sits
    // under the offending byte.
    const std::string long_line = "<iq type='result' id='f2'>" + pubsub_open + "<items node='" + std::string(150, 'n') +
                                  "'><item id='a'/><item id='b' publisher='not a jid'/></items></pubsub></iq>";
    e = parse_error<st::Iq>(long_line);
    std::string text = xso::format_error(e, long_line, "wire");
    auto lines = lines_of(text);
    REQUIRE(lines.size() == 3);
    CHECK(lines[0].rfind("wire:1:" + std::to_string(e.offset + 1) + ": error: iq/pubsub/items/item[2]/@publisher", 0) == 0);
    CHECK(lines[1].find("...") == 2);
    CHECK(lines[1].size() < long_line.size());
    std::size_t caret = lines[2].find('^');
    REQUIRE(caret != std::string::npos);
    CHECK(lines[1].substr(caret, 10) == "publisher=");

    // Local errors have no position.
    st::Iq iq = publish_iq();
    iq.id.clear();
    xso::error local = serialize_error(iq);
    CHECK(xso::format_error(local, "whatever") == "error (local): iq/@id: missing_attribute: " + local.detail);
}

// ---------------------------------------------------------------------------------------
TEST_CASE("errors: malformed XML")
{
    struct bad_case {
        std::string xml;
        std::string near; // the offset is at or after this, within the input
    };
    const bad_case cases[] = {
        {"<iq type='get' id='m1'></message>", "</message>"},
        {"<iq type='get' id='m1'><pubsub xmlns='http://jabber.org/protocol/pubsub'></iq>", "</iq>"},
        {"<iq type=get id='m1'/>", "type="},
        {"<iq type='get' id='m1'", "<iq"},
        {"<iq type='get' id='m1'/", "/"},
        {"<iq type='get' id='m1'><", "<"},
        {"<iq type='get' id='m1'></", "</"},
        {"<iq type='get' id='m1'>< pubsub/></iq>", "< "},
        {"<iq type='get' id=\"m1'/>", "id="},
        {"<1q/>", "<"},
        {"<iq type='get' id='m1'><![CDATA[ never closed </iq>", "<![CDATA["},
    };
    for (const auto& c : cases) {
        CAPTURE(c.xml);
        xso::error e = parse_error<st::Iq>(c.xml);
        CHECK(e.code == errc::xml_syntax);
        REQUIRE(e.offset != xso::npos);
        CHECK(e.offset >= c.xml.find(c.near));
        CHECK(e.offset <= c.xml.size());
        CHECK_FALSE(e.detail.empty());
    }

    // No element at all.
    for (const char* empty : {"", "   \n"}) {
        xso::error e = parse_error<st::Iq>(empty);
        CHECK(e.code == errc::xml_syntax);
        CHECK(e.offset == 0);
    }
    // Two stanzas where one is expected (parse_sequence takes both).
    const std::string two = "<iq type='get' id='a'/><iq type='get' id='b'/>";
    xso::error e = parse_error<st::Iq>(two);
    CHECK(e.code == errc::unexpected_element);
    CHECK(e.offset == two.find("<iq type='get' id='b'"));
    auto both = xso::parse_sequence<st::Iq>(two);
    REQUIRE(both);
    CHECK(both->size() == 2);

    // Whitespace around and between stanzas is fine.
    CHECK(xso::parse<st::Iq>("\n  <iq type='get' id='t5'/>\n"));
}

TEST_CASE("errors: '<' inside a tag, ']]>' in text")
{
    // pugixml reads both as data; XML 1.0 does not allow them (§2.3 AttValue, §2.4 CharData).
    struct bad_case {
        std::string xml;
        std::string at; // the error's offset is where this first occurs
    };
    const bad_case cases[] = {
        {"<iq type='get' id='a<b'/>", "<b'"},
        {"<iq type='get' id=\"it's <\"/>", "<\""},
        {"<iq type='get' id='x<!--y-->'/>", "<!--"},
        {"<iq type='get' id='m1'><pubsub xmlns='http://jabber.org/protocol/pubsub' x='>' y='<'/></iq>", "<'/>"},
        {"<iq type='get' <x/>", "<x/>"},
        {"<message><body>a ]]> b</body></message>", "]]>"},
        {"<message><body>a ]]]> b</body></message>", "]]>"},
        {"<message><body>]]></body></message>", "]]>"},
    };
    for (const auto& c : cases) expect_parse_error_at<st::any_stanza>(c.xml, errc::xml_syntax, "", c.at); // no path: the byte scan

    // What XML allows: '>' in text and in attribute values, "]]>" in attribute values and
    // as the end of a CDATA section, quotes in text, '<' escaped.
    auto iq = parsed<st::Iq>("<iq type='get' id='a>b ]]> \"c\"'/>");
    CHECK(iq.id == "a>b ]]> \"c\"");
    iq = parsed<st::Iq>("<iq type='get' id=\"it's &lt;\"/>");
    CHECK(iq.id == "it's <");
    auto m = parsed<st::Message>("<message><body>a > b, it's \"x\" ]] > <![CDATA[<]]]]><![CDATA[>]]></body></message>");
    REQUIRE(m.body.size() == 1);
    CHECK(m.body[0].value == "a > b, it's \"x\" ]] > <]]>");
}

TEST_CASE("errors: text outside the stanza")
{
    // Before, after and between stanzas: each must be refused where the text starts.
    const std::string before = "hello <iq type='get' id='t1'/>";
    const std::string after = "<iq type='get' id='t2'/> trailing";
    const std::string between = "<iq type='get' id='t3'/> between <iq type='get' id='t4'/>";
    struct text_case {
        std::string xml;
        std::size_t at;
        bool sequence;
    };
    for (const text_case& c : {text_case{before, 0, false}, text_case{after, after.find(" trailing"), false},
                               text_case{between, between.find(" between"), true}}) {
        CAPTURE(c.xml);
        xso::error e;
        if (c.sequence) {
            auto r = xso::parse_sequence<st::Iq>(c.xml);
            CHECK_FALSE(r);
            if (!r) e = r.error();
        } else {
            auto r = xso::parse<st::Iq>(c.xml);
            CHECK_FALSE(r);
            if (!r) e = r.error();
        }
        CHECK(e.code == errc::xml_syntax);
        CHECK(e.offset == c.at);
    }
}

TEST_CASE("errors: every prefix of a real stanza fails cleanly")
{
    // One stanza each: XEP-0060 Ex. 46 (Atom payload, delay), Ex. 64 (data form), Ex. 185
    // (owner subscriptions), Ex. 30 (stanza error); Prosody 0.12's publish request (entity
    // references); and a stanza with multi-byte UTF-8.
    std::vector<std::string> stanzas = {
        trimmed_fixture("xep0060/046.xml"),
        trimmed_fixture("xep0060/064.xml"),
        trimmed_fixture("xep0060/185.xml"),
        trimmed_fixture("xep0060/030.xml"),
        trimmed_fixture("prosody/09-publish-request.xml"),
        "<message to='juliet@capulet.lit'><body xml:lang='de'>M\xc3\xa4" "dchen \xe2\x82\xac \xf0\x9f\x8e\xad</body></message>",
    };
    std::size_t prefixes = 0;
    for (const std::string& whole : stanzas) {
        CAPTURE(whole);
        REQUIRE_MESSAGE(xso::parse<st::any_stanza>(whole), "the whole stanza must parse");
        for (std::size_t n = 0; n < whole.size(); ++n) {
            const std::string prefix = whole.substr(0, n);
            auto r = xso::parse<st::any_stanza>(prefix);
            ++prefixes;
            if (r) {
                FAIL_CHECK("a truncated stanza parsed: " << prefix);
                continue;
            }
            const xso::error& e = r.error();
            bool located = e.offset != xso::npos && e.offset <= prefix.size();
            bool known_code = e.code == errc::xml_syntax || e.code == errc::invalid_char || e.code == errc::forbidden_markup;
            if (!located || !known_code) FAIL_CHECK("prefix of " << n << " bytes: " << e.message() << " at " << e.offset);
        }
    }
    CHECK(prefixes > 3000);

    // Cut inside a UTF-8 sequence: the partial character is the culprit.
    const std::string& utf8 = stanzas.back();
    std::size_t euro = utf8.find("\xe2\x82\xac");
    xso::error e = parse_error<st::Message>(utf8.substr(0, euro + 2));
    CHECK(e.code == errc::invalid_char);
    CHECK(e.offset == euro);
}

// ---------------------------------------------------------------------------------------
TEST_CASE("errors: markup XMPP forbids")
{
    struct forbidden {
        std::string xml;
        std::string at;
    };
    const forbidden cases[] = {
        {"<!DOCTYPE iq><iq type='get' id='x1'/>", "<!DOCTYPE"},
        {"<!DOCTYPE iq [<!ENTITY boom 'x'>]><iq type='get' id='x1'>&boom;</iq>", "<!DOCTYPE"},
        {"<iq type='get' id='x1'><!-- a comment --></iq>", "<!--"},
        {"<!-- before --><iq type='get' id='x1'/>", "<!--"},
        {"<?xml-stylesheet href='a.xsl'?><iq type='get' id='x1'/>", "<?xml-stylesheet"},
        {"<iq type='get' id='x1'><?pi data?></iq>", "<?pi"},
        {"<iq type='get' id='x1'/><?xml version='1.0'?>", "<?xml"}, // a declaration, but not first
        {"<iq type='get' id='x1'><!ELEMENT iq ANY></iq>", "<!ELEMENT"},
        {"<message><body>&nbsp;</body></message>", "&nbsp;"},
        {"<message><body>&eacute;t&eacute;</body></message>", "&eacute;"},
        {"<iq type='get' id='&foo;'/>", "&foo;"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.xml);
        auto r = xso::parse<st::any_stanza>(c.xml);
        REQUIRE_FALSE(r);
        CHECK(r.error().code == errc::forbidden_markup);
        CHECK(r.error().offset == c.xml.find(c.at));
    }

    // What XMPP allows: a leading XML declaration, the five predefined entities, character
    // references and CDATA sections.
    auto ok = parsed<st::Message>("<?xml version='1.0' encoding='UTF-8'?><message><body>&lt;&gt;&amp;&quot;&apos;"
                                  "&#65;&#x42;<![CDATA[<c>]]></body></message>");
    REQUIRE(ok.body.size() == 1);
    CHECK(ok.body[0].value == "<>&\"'AB<c>");

    // Text-only children (leaves) made of one text node, and of pieces around CDATA
    // sections, which are joined; a required flag element may hold only whitespace.
    auto form = parsed<xso::xdata::Form>("<x xmlns='jabber:x:data' type='form'><title>t<![CDATA[<i>]]>&amp;"
                                         "<![CDATA[]]]]>!</title><field var='v'><value>one</value>"
                                         "<value><![CDATA[two]]></value><value></value><required> </required>"
                                         "</field></x>");
    CHECK(form.title == "t<i>&]]!");
    REQUIRE(form.field.size() == 1);
    CHECK(form.field[0].value == std::vector<std::string>{"one", "two", ""});
    CHECK(form.field[0].required);
    expect_parse_error<xso::xdata::Form>("<x xmlns='jabber:x:data' type='form'><field var='v'><required>a<![CDATA[ ]]>"
                                         "</required></field></x>",
                                         errc::invalid_value, "x/field[1]/required");

    // A bare ampersand is no entity reference at all: still refused where it stands.
    const std::string bare = "<message><body>Rosencrantz & Guildenstern</body></message>";
    xso::error e = parse_error<st::Message>(bare);
    CHECK((e.code == errc::xml_syntax || e.code == errc::forbidden_markup));
    CHECK(e.offset == bare.find('&'));
}

TEST_CASE("errors: invalid UTF-8 and characters XML 1.0 forbids")
{
    struct bad_bytes {
        const char* what;
        std::string bytes;
    };
    const bad_bytes cases[] = {
        {"lone continuation byte", "\x80"},
        {"bad continuation", "\xc3\x28"},
        {"overlong '/'", "\xc0\xaf"},
        {"overlong 3-byte", "\xe0\x80\xaf"},
        {"UTF-16 surrogate", "\xed\xa0\x80"},
        {"beyond U+10FFFF", "\xf4\x90\x80\x80"},
        {"invalid lead byte", "\xff"},
        {"U+FFFE", "\xef\xbf\xbe"},
        {"U+FFFF", "\xef\xbf\xbf"},
        {"truncated sequence", "\xe2\x82"},
        {"NUL", std::string(1, '\0')},
        {"C0 control", "\x01"},
        {"escape", "\x1b"},
        {"form feed", "\x0c"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.what);
        const std::string in_text = "<message><body>ab" + c.bytes + "cd</body></message>";
        xso::error e = parse_error<st::Message>(in_text);
        CHECK(e.code == errc::invalid_char);
        CHECK(e.offset == in_text.find("ab") + 2);
        const std::string in_attr = "<message id='ab" + c.bytes + "cd'/>";
        e = parse_error<st::Message>(in_attr);
        CHECK(e.code == errc::invalid_char);
        CHECK(e.offset == in_attr.find("ab") + 2);
    }
    // Character references to forbidden characters.
    for (const char* ref : {"&#0;", "&#x1;", "&#xD800;", "&#xFFFE;", "&#x110000;"}) {
        CAPTURE(ref);
        const std::string xml = std::string("<message><body>x") + ref + "</body></message>";
        xso::error e = parse_error<st::Message>(xml);
        CHECK(e.code == errc::invalid_char);
        CHECK(e.offset == xml.find('&'));
    }
    // Allowed: tab, newline, carriage return, DEL and characters up to U+10FFFF.
    auto ok = parsed<st::Message>("<message><body>\t\n\x7f\xf4\x8f\xbf\xbd\xef\xbf\xbd</body></message>");
    CHECK(ok.body[0].value == "\t\n\x7f\xf4\x8f\xbf\xbd\xef\xbf\xbd");
}

// ---------------------------------------------------------------------------------------
TEST_CASE("errors: resource limits")
{
    const std::string items = "<iq type='get' id='l1'>" + pubsub_open + "<items node='n'><item id='a'/></items></pubsub></iq>";

    xso::parse_options depth;
    depth.limits.max_depth = 3;
    xso::error e =
        expect_parse_error_at<st::Iq>(items, errc::limit_exceeded, "iq/pubsub/items/item[1]", "<item ", depth);
    depth.limits.max_depth = 4;
    CHECK(xso::parse<st::Iq>(items, depth));

    xso::parse_options elements;
    elements.limits.max_elements = 3;
    e = parse_error<st::Iq>(items, elements);
    CHECK(e.code == errc::limit_exceeded);
    CHECK(e.offset == items.find("<item "));
    elements.limits.max_elements = 4;
    CHECK(xso::parse<st::Iq>(items, elements));

    xso::parse_options attributes;
    attributes.limits.max_attributes = 2;
    const std::string three = "<iq type='get' id='l2' to='pubsub.shakespeare.lit'/>";
    expect_parse_error_at<st::Iq>(three, errc::limit_exceeded, "iq", "to=", attributes);
    // Inside an opaque payload too.
    const std::string payload = "<iq type='set' id='l3'>" + pubsub_open +
                                "<publish node='n'><item><entry xmlns='urn:example:e' a='1' b='2'/></item></publish></pubsub></iq>";
    expect_parse_error<st::Iq>(payload, errc::limit_exceeded, "iq/pubsub/publish/item[1]/entry", attributes);

    xso::parse_options bytes;
    bytes.limits.max_bytes = 16;
    e = parse_error<st::Iq>("<iq type='get' />", bytes); // 17 bytes
    CHECK(e.code == errc::limit_exceeded);
    CHECK(e.offset == 0);
    e = parse_error<st::Iq>("<iq type='get'/>", bytes); // 16 bytes: within the limit, but no id
    CHECK(e.code == errc::missing_attribute);
}

// A payload of input we loaded is judged from its bytes when its names are plain, and by
// walking its DOM otherwise; both must refuse the same things, with the DOM walk's path.
TEST_CASE("errors: payloads are checked whole, whichever way")
{
    auto in_item = [](const std::string& payload) {
        return "<iq type='set' id='p1'>" + pubsub_open + "<publish node='n'><item>" + payload +
               "</item></publish></pubsub></iq>";
    };
    const std::string item_path = "iq/pubsub/publish/item[1]/";

    // Plain payloads parse, xml:lang included, and attribute values may hold anything quoted.
    const std::string plain = "<e xmlns='urn:example:e' xml:lang='en' a=\"x'>y\" b = 'z'><f xml:lang='de'/>"
                              "<![CDATA[<g a='1' a='1'>]]>text &amp; more<h/></e>";
    CHECK(xso::parse<st::Iq>(in_item(plain)));
    std::string seventeen = "<e xmlns='urn:example:e'";
    for (int i = 0; i < 16; ++i) seventeen += " a" + std::to_string(i) + "='v'";
    CHECK(xso::parse<st::Iq>(in_item(seventeen + "/>")));

    // What the bytes cannot vouch for is refused with the DOM walk's path and offset.
    std::string xml = in_item("<e xmlns='urn:example:e' a='1' a='2'/>");
    expect_parse_error_at<st::Iq>(xml, errc::duplicate_attribute, item_path + "e/@a", "a='2'");
    xml = in_item("<e xmlns='urn:example:e'><f b = '1' b='1'/></e>");
    expect_parse_error_at<st::Iq>(xml, errc::duplicate_attribute, item_path + "e/f/@b", "b='1'/>");
    xml = in_item("<e xmlns='urn:example:e' xmlns='urn:example:e'/>");
    expect_parse_error_at<st::Iq>(xml, errc::duplicate_attribute, item_path + "e/@xmlns", "xmlns='urn:example:e'/>");
    xml = in_item("<e xmlns='urn:example:e' xml:lang='en' xml:lang='de'/>");
    expect_parse_error_at<st::Iq>(xml, errc::duplicate_attribute, item_path + "e/@xml:lang", "xml:lang='de'");
    xml = in_item(seventeen + " a3='w'/>");
    expect_parse_error_at<st::Iq>(xml, errc::duplicate_attribute, item_path + "e/@a3", "a3='w'");
    expect_parse_error<st::Iq>(in_item("<e xmlns='urn:example:e'><p:f/></e>"), errc::xml_syntax, item_path + "e/f");
    expect_parse_error<st::Iq>(in_item("<e xmlns='urn:example:e' p:a='1'/>"), errc::xml_syntax, item_path + "e/@p:a");
    expect_parse_error<st::Iq>(in_item("<e xmlns='urn:example:e' xml:2a='1'/>"), errc::xml_syntax, item_path + "e/@xml:2a");

    // The limits, counted inside the payload as in the rest of the stanza.
    xso::parse_options depth;
    depth.limits.max_depth = 7; // iq pubsub publish item e f: 6 levels
    CHECK(xso::parse<st::Iq>(in_item("<e xmlns='urn:example:e'><f><g/></f></e>"), depth));
    expect_parse_error<st::Iq>(in_item("<e xmlns='urn:example:e'><f><g><h/></g></f></e>"), errc::limit_exceeded,
                               item_path + "e/f/g/h", depth);
    xso::parse_options attributes;
    attributes.limits.max_attributes = 3;
    CHECK(xso::parse<st::Iq>(in_item("<e xmlns='urn:example:e' a='1' b='2'/>"), attributes));
    expect_parse_error<st::Iq>(in_item("<e xmlns='urn:example:e'><f a='1' b='2' c='3' d='4'/></e>"), errc::limit_exceeded,
                               item_path + "e/f", attributes);

    // The byte check itself: it vouches for plain payloads (the fast path is taken) and
    // for nothing it should not.
    auto plain_at = [](const std::string& doc, std::size_t levels = 256, std::size_t attrs = 256) {
        return xso::detail::plain_subtree(doc, doc.find("<e"), levels, attrs);
    };
    CHECK(plain_at("<r><e xmlns='urn:e' xml:lang='en'><f a='1' b=\"2\"/>t<g/></e></r>"));
    CHECK(plain_at(plain));
    CHECK_FALSE(plain_at("<e a='1' a='1'/>"));
    CHECK_FALSE(plain_at("<e><f a='1' a='1'/></e>"));
    CHECK_FALSE(plain_at("<e xmlns:p='urn:p'/>"));
    CHECK_FALSE(plain_at("<e><p:f/></e>"));
    CHECK_FALSE(plain_at("<e p:a='1'/>"));
    CHECK_FALSE(plain_at("<e xml:a:b='1'/>"));
    CHECK_FALSE(plain_at("<e><f><g/></f></e>", 2));
    CHECK(plain_at("<e><f><g/></f></e>", 3));
    CHECK_FALSE(plain_at("<e a='1' b='2'/>", 256, 1));
    CHECK_FALSE(plain_at(seventeen + "/>"));
    CHECK_FALSE(plain_at("<e><f>")); // truncated: not vouched for
}

TEST_CASE("errors: hostile nesting is refused at the limit and never exhausts the stack")
{
    // iq, pubsub, publish and item are levels 1 to 4; the payload's root is level 5.
    const std::string head = "<iq type='set' id='deep'>" + pubsub_open + "<publish node='n'><item><x xmlns='urn:example:deep'>";
    const std::string tail = "</x></item></publish></pubsub></iq>";
    auto nested = [&](int levels) {
        std::string s = head;
        for (int i = 1; i < levels; ++i) s += "<x>";
        for (int i = 1; i < levels; ++i) s += "</x>";
        return s + tail;
    };
    // The default limit is 256 levels: the 253rd <x> (level 257) is the culprit.
    const std::string deep = nested(300);
    xso::error e = parse_error<st::Iq>(deep);
    CHECK(e.code == errc::limit_exceeded);
    CHECK(e.offset == head.size() + 251 * 3);
    CHECK(xso::parse<st::Iq>(nested(252))); // level 256 exactly

    // 100000 levels, allowed by the caller: parsed, written and compared without recursion.
    const std::string huge = nested(100000);
    xso::parse_options lenient;
    lenient.limits.max_depth = 200000;
    auto iq = parsed<st::Iq>(huge, lenient);
    auto out = xso::serialize(iq);
    REQUIRE(out);
    // The same bytes, with the stanza's namespace declared (the payload is written back as
    // received, docs/robustness.md).
    CHECK(*out == "<iq xmlns='jabber:client'" + huge.substr(3));
    auto again = xso::parse<st::Iq>(*out, lenient);
    REQUIRE(again);
    CHECK(*again == iq);
    // With the default limits the same input is refused.
    CHECK(parse_error<st::Iq>(huge).code == errc::limit_exceeded);
}

// ---------------------------------------------------------------------------------------
TEST_CASE("errors: invalid objects are refused on serialize with local errors")
{
    REQUIRE(xso::serialize(publish_iq()));

    // Missing required attribute (empty required string).
    st::Iq iq = publish_iq();
    iq.id.clear();
    xso::error e = serialize_error(iq);
    CHECK(e.code == errc::missing_attribute);
    CHECK(e.path == "iq/@id");

    iq = publish_iq();
    pubsub_of(iq).publish->node.clear();
    e = serialize_error(iq);
    CHECK(e.code == errc::missing_attribute);
    CHECK(e.path == "iq/pubsub/publish/@node");

    // A required attribute held in std::optional (unsupported/@feature).
    iq = publish_iq();
    iq.type = st::IqType::error;
    st::Error error;
    error.type = st::ErrorType::cancel;
    error.condition.condition = st::DefinedCondition::feature_not_implemented;
    ps::errors::PubsubError unsupported;
    unsupported.condition = ps::errors::Condition::unsupported;
    error.app_condition = unsupported;
    iq.error = error;
    e = serialize_error(iq);
    CHECK(e.code == errc::missing_attribute);
    CHECK(e.path == "iq/error/unsupported/@feature");

    // Forbidden characters and invalid UTF-8 in strings, attribute and text.
    iq = publish_iq();
    pubsub_of(iq).publish->item[0].id = std::string("a\x01" "b");
    e = serialize_error(iq);
    CHECK(e.code == errc::invalid_char);
    CHECK(e.path == "iq/pubsub/publish/item[1]/@id");

    iq = publish_iq();
    ps::Item second;
    second.id = "caf\xc3"; // truncated UTF-8
    pubsub_of(iq).publish->item.push_back(second);
    e = serialize_error(iq);
    CHECK(e.code == errc::invalid_char);
    CHECK(e.path == "iq/pubsub/publish/item[2]/@id");

    st::Message m;
    st::Body ok_body, bad_body;
    ok_body.value = "fine";
    bad_body.value = "bell \x07";
    m.body = {ok_body, bad_body};
    e = serialize_error(m);
    CHECK(e.code == errc::invalid_char);
    CHECK(e.path == "message/body[2]/text()");
    m.body = {ok_body};
    m.thread = "\xef\xbf\xbf"; // U+FFFF
    e = serialize_error(m);
    CHECK(e.code == errc::invalid_char);
    CHECK(e.path == "message/thread");

    // Fewer list items than the schema's minimum.
    iq = publish_iq();
    ps::Retract retract;
    retract.node = "n";
    pubsub_of(iq).publish.reset();
    pubsub_of(iq).retract = retract;
    e = serialize_error(iq);
    CHECK(e.code == errc::too_few_children);
    CHECK(e.path == "iq/pubsub/retract/item");

    xso::xdata::Form form;
    form.type = xso::xdata::FormType::result;
    form.reported = xso::xdata::Reported{};
    m = st::Message{};
    m.forms.push_back(form);
    e = serialize_error(m);
    CHECK(e.code == errc::too_few_children);
    CHECK(e.path == "message/x[1]/reported/field");

    // A required JID left empty, and an enumerator outside its enumeration.
    xso::pubsub::owner::Subscription sub;
    sub.subscription = ps::SubscriptionState::subscribed;
    e = serialize_error(sub);
    CHECK(e.code == errc::invalid_value);
    CHECK(e.path == "subscription/@jid");

    iq = publish_iq();
    iq.type = st::IqType::error;
    error = st::Error{};
    error.type = st::ErrorType::cancel;
    error.condition.condition = static_cast<st::DefinedCondition>(250);
    iq.error = error;
    e = serialize_error(iq);
    CHECK(e.code == errc::invalid_value);
    CHECK(e.path == "iq/error/condition");

    // Unknown content that cannot be written: a name that is no XML name, and an attribute
    // that duplicates a member.
    iq = publish_iq();
    iq.unknown.attributes.push_back(xso::attribute{"", "two words", "x"});
    e = serialize_error(iq);
    CHECK(e.code == errc::invalid_value);
    CHECK(e.path == "iq/@two words");
    iq = publish_iq();
    iq.unknown.attributes.push_back(xso::attribute{"", "id", "again"});
    e = serialize_error(iq);
    CHECK(e.code == errc::duplicate_attribute);
    CHECK(e.path == "iq/@id");

    // An empty opaque element where a payload is required.
    st::Iq with_empty = publish_iq();
    pubsub_of(with_empty).publish->item[0].payload = xso::element();
    e = serialize_error(with_empty);
    CHECK(e.path.rfind("iq/pubsub/publish/item[1]", 0) == 0);
}
