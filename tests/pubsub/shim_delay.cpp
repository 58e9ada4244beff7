// SHIM headers (XEP-0131, as XEP-0060 §7.1.2.4, §7.2.2.2, §12.16 and §12.20 use them) and
// delayed delivery (XEP-0203, XEP-0060 §6.1.7's last published item).
#include <doctest/doctest.h>

#include <string>

#include <xso/pubsub.hpp>

#include "../support/family.hpp"

namespace {

using namespace xso_test::family_names;

std::string headers(const std::string& body) { return "<headers xmlns='http://jabber.org/protocol/shim'>" + body + "</headers>"; }

} // namespace

TEST_CASE("shim and delay: XEP-0060 examples")
{
    // Ex. 104 (§7.1.2.4): one notification for two subscriptions, named by SubID.
    st::Message ex104 = fixture_stanza<st::Message>("xep0060/104.xml");
    REQUIRE(ex104.headers);
    REQUIRE(ex104.headers->header.size() == 2);
    CHECK(ex104.headers->header[0].name == "SubID");
    CHECK(ex104.headers->header[0].value == "123-abc");
    CHECK(ex104.headers->header[1].value == "004-yyy");

    // Ex. 118 (§7.2.2.2): the same for a retraction; Ex. 225 (§12.20): a keyword match.
    CHECK(fixture_stanza<st::Message>("xep0060/118.xml").headers->header.size() == 2);
    CHECK(fixture_stanza<st::Message>("xep0060/225.xml").headers->header[0].value == "991d7fd1616fd041015064133cd097a10030819e");

    // Ex. 46 (§6.1.7): the last published item, delayed.
    st::Message ex46 = fixture_stanza<st::Message>("xep0060/046.xml");
    REQUIRE(ex46.delay);
    CHECK(ex46.delay->stamp.str() == "2003-12-13T23:58:37Z");
    CHECK(ex46.delay->stamp.unix_seconds() == 1071359917);
    CHECK_FALSE(ex46.delay->from);
    CHECK(ex46.delay->value.empty());
}

TEST_CASE("shim and delay: exact output and values built with the typed API")
{
    CHECK(serialized(*fixture_stanza<st::Message>("xep0060/104.xml").headers) ==
          "<headers xmlns='http://jabber.org/protocol/shim'><header name='SubID'>123-abc</header>"
          "<header name='SubID'>004-yyy</header></headers>");
    CHECK(serialized(*fixture_stanza<st::Message>("xep0060/046.xml").delay) ==
          "<delay xmlns='urn:xmpp:delay' stamp='2003-12-13T23:58:37Z'/>");

    // A header value with markup characters and whitespace, kept exactly.
    auto h = xso_test::round_trip<xso::shim::Headers>(headers("<header name='Collection'> a &amp; &lt;b&gt; </header>"));
    CHECK(h.header[0].name == "Collection");
    CHECK(h.header[0].value == " a & <b> ");
    CHECK(serialized(h) == "<headers xmlns='http://jabber.org/protocol/shim'><header name='Collection'> a &amp; &lt;b&gt; </header>"
                           "</headers>");
    // An empty header, and no headers.
    CHECK(serialized(xso::shim::Headers{{xso::shim::Header{"SubID", "", {}}}, {}}) ==
          "<headers xmlns='http://jabber.org/protocol/shim'><header name='SubID'/></headers>");
    CHECK(serialized(xso::shim::Headers{}) == "<headers xmlns='http://jabber.org/protocol/shim'/>");

    // A delay with its sender and reason.
    xso::delay::Delay d;
    d.from = xso::jid("pubsub.shakespeare.lit");
    d.stamp = xso::datetime("2002-09-10T23:08:25.123+02:00");
    d.value = "Offline storage";
    const std::string out = serialized(d);
    CHECK(out == "<delay xmlns='urn:xmpp:delay' from='pubsub.shakespeare.lit' stamp='2002-09-10T23:08:25.123+02:00'>"
                 "Offline storage</delay>");
    CHECK(parsed<xso::delay::Delay>(out, xso_test::strict_options()) == d);
    CHECK(d.stamp.unix_seconds() == xso::datetime("2002-09-10T21:08:25Z").unix_seconds());
}

TEST_CASE("shim and delay: negative cases name the code and the path")
{
    // Missing required attributes.
    const std::string no_name = headers("<header>x</header>");
    xso::error e = expect_parse_error_at<xso::shim::Headers>(no_name, errc::missing_attribute,
                                                             "headers/header[1]/@name", "<header>");
    expect_parse_error<st::Message>("<message><delay xmlns='urn:xmpp:delay'/></message>", errc::missing_attribute,
                                    "message/delay/@stamp");

    // Bad values: the stamp (not XEP-0082, out of range), the sender.
    const std::string bad_stamp = "<delay xmlns='urn:xmpp:delay' stamp='20021009T23:08:25Z'/>";
    expect_parse_error_at<xso::delay::Delay>(bad_stamp, errc::invalid_value, "delay/@stamp", "stamp=");
    e = parse_error<xso::delay::Delay>("<delay xmlns='urn:xmpp:delay' stamp='2002-09-31T23:08:25Z'/>");
    CHECK(e.code == errc::invalid_value);
    expect_parse_error<xso::delay::Delay>("<delay xmlns='urn:xmpp:delay' stamp='2002-09-10T23:08:25Z' from='@x'/>",
                                          errc::invalid_value, "delay/@from");
    // No enumeration and no integer in these two families; the stamp's fields are the numbers.
    expect_parse_error<xso::delay::Delay>("<delay xmlns='urn:xmpp:delay' stamp='2002-09-10T23:61:25Z'/>",
                                          errc::invalid_value, "delay/@stamp");

    // Markup inside a header value.
    expect_parse_error<xso::shim::Headers>(headers("<header name='a'>x<y/></header>"), errc::unknown_child,
                                           "headers/header[1]/y", xso_test::strict_options());

    // Wrong namespace: XEP-0091's legacy delay is not urn:xmpp:delay; a header outside SHIM.
    const std::string legacy = "<message><x xmlns='jabber:x:delay' stamp='20020910T23:08:25'/></message>";
    st::Message m = parsed<st::Message>(legacy, xso_test::strict_options());
    CHECK_FALSE(m.delay);
    CHECK(m.unknown.elements.size() == 1);
    expect_parse_error<xso::delay::Delay>("<delay xmlns='jabber:x:delay' stamp='2002-09-10T23:08:25Z'/>",
                                          errc::unexpected_element, "delay");
    // (In a message, where the stanza namespace is ours; tests/core/unknown.cpp has the
    // headers alone.)
    expect_parse_error<st::Message>(
        "<message>" + headers("<header xmlns='urn:ietf:params:xml:ns:xmpp-stanzas' name='a'/>") + "</message>",
        errc::unknown_child, "message/headers/header", xso_test::strict_options());

    // Malformed and truncated.
    const std::string malformed = headers("<header name='a'>x</headers>");
    e = parse_error<xso::shim::Headers>(malformed);
    CHECK(e.code == errc::xml_syntax);
    xso_test::check_every_prefix_fails(xso_test::fixture_trimmed("xep0060/104.xml"));
    xso_test::check_every_prefix_fails(xso_test::fixture_trimmed("xep0060/046.xml"));

    // Serialize side: a header without a name, a delay without a valid stamp.
    e = xso_test::serialize_error(xso::shim::Headers{{xso::shim::Header{}}, {}});
    CHECK(e.code == errc::missing_attribute);
    CHECK(e.path == "headers/header[1]/@name");
    xso::delay::Delay d;
    d.stamp = xso::datetime("2002-09-10");
    e = xso_test::serialize_error(d);
    CHECK(e.code == errc::invalid_value);
    CHECK(e.path == "delay/@stamp");
}
