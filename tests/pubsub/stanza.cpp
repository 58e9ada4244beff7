// The stanza envelopes (RFC 6120 §8, RFC 6121): iq, message and presence with their
// attributes, the payloads PubSub puts in them, unknown extensions, and sequences of
// stanzas as the XEP examples and captures hold them.
#include <doctest/doctest.h>

#include <string>

#include <xso/pubsub.hpp>

#include "../support/family.hpp"

namespace {

using namespace xso_test::family_names;

} // namespace

TEST_CASE("stanza: iq attributes and each payload alternative")
{
    st::Iq iq = xso_test::round_trip<st::Iq>("<iq type='get' id='a1' from='francisco@denmark.lit/barracks'"
                                             " to='pubsub.shakespeare.lit' xml:lang='en'/>");
    CHECK(iq.type == st::IqType::get);
    CHECK(iq.id == "a1");
    CHECK(iq.from == xso::jid("francisco@denmark.lit/barracks"));
    CHECK(iq.to == xso::jid("pubsub.shakespeare.lit"));
    CHECK(iq.lang == "en");
    CHECK_FALSE(iq.payload);
    CHECK_FALSE(iq.error);
    for (const char* type : {"get", "set", "result", "error"}) CHECK(parsed<st::Iq>("<iq id='t' type='" + std::string(type) + "'/>").id == "t");

    // Every typed alternative, chosen by {namespace, name}, and the opaque fallback.
    auto payload = [](const std::string& inner) {
        st::Iq i = xso_test::round_trip<st::Iq>("<iq type='get' id='p'>" + inner + "</iq>");
        REQUIRE(i.payload);
        return i.payload->index();
    };
    CHECK(payload("<pubsub xmlns='http://jabber.org/protocol/pubsub'><items node='n'/></pubsub>") == 0);
    CHECK(payload("<pubsub xmlns='http://jabber.org/protocol/pubsub#owner'><purge node='n'/></pubsub>") == 1);
    CHECK(payload("<query xmlns='http://jabber.org/protocol/disco#info'/>") == 2);
    CHECK(payload("<query xmlns='http://jabber.org/protocol/disco#items'/>") == 3);
    CHECK(payload("<query xmlns='jabber:iq:version'/>") == 4);
    CHECK(payload("<command xmlns='http://jabber.org/protocol/commands' node='x'/>") == 4);

    // Ex. 195 shape: a payload and an error (servers echo the request).
    st::Iq echo = xso_test::round_trip<st::Iq>(
        "<iq type='error' id='e'><pubsub xmlns='http://jabber.org/protocol/pubsub'><items node='n'/></pubsub>"
        "<error type='cancel'><item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>");
    CHECK(echo.payload);
    CHECK(echo.error);

    // Golden: attributes in schema order whatever the input order (XEP-0060 Ex. 95 has from, id, to, type).
    CHECK(serialized(fixture_stanza<st::Iq>("xep0060/095.xml")) ==
          "<iq xmlns='jabber:client' type='result' id='items1' from='pubsub.shakespeare.lit' to='francisco@denmark.lit/barracks'>"
          "<pubsub xmlns='http://jabber.org/protocol/pubsub'><items node='princely_musings'/></pubsub></iq>");
}

TEST_CASE("stanza: message children PubSub uses")
{
    // Ex. 170 (§8.6): a subscription authorization form in a message.
    st::Message auth = fixture_stanza<st::Message>("xep0060/170.xml");
    CHECK(auth.id == "approve1");
    REQUIRE(auth.forms.size() == 1);
    CHECK(auth.forms[0].type == xso::xdata::FormType::form);
    CHECK(auth.forms[0].title == "PubSub subscriber request");
    REQUIRE(auth.forms[0].instructions.size() == 1);
    CHECK(auth.forms[0].instructions[0].find("entity's subscription request") != std::string::npos);

    // Subjects and bodies in several languages, thread, and an event with a body (§12.8).
    st::Message m = xso_test::round_trip<st::Message>(
        "<message type='headline' id='m1' from='pubsub.shakespeare.lit' to='francisco@denmark.lit' xml:lang='en'>"
        "<subject>New entry</subject><subject xml:lang='de'>Neuer Eintrag</subject>"
        "<body>Soliloquy</body><body xml:lang='fr'>Soliloque</body><thread>t-1</thread>"
        "<event xmlns='http://jabber.org/protocol/pubsub#event'><items node='princely_musings'><item id='a'/></items></event>"
        "</message>");
    CHECK(m.type == st::MessageType::headline);
    REQUIRE(m.subject.size() == 2);
    CHECK(m.subject[1].lang == "de");
    REQUIRE(m.body.size() == 2);
    CHECK_FALSE(m.body[0].lang);
    CHECK(m.body[1].value == "Soliloque");
    CHECK(m.thread == "t-1");
    CHECK(m.event);
    CHECK(serialized(m) == "<message xmlns='jabber:client' type='headline' id='m1' from='pubsub.shakespeare.lit'"
                           " to='francisco@denmark.lit' xml:lang='en'><subject>New entry</subject>"
                           "<subject xml:lang='de'>Neuer Eintrag</subject><body>Soliloquy</body>"
                           "<body xml:lang='fr'>Soliloque</body><thread>t-1</thread>"
                           "<event xmlns='http://jabber.org/protocol/pubsub#event'><items node='princely_musings'>"
                           "<item id='a'/></items></event></message>");
    for (const char* type : {"chat", "error", "groupchat", "headline", "normal"})
        CHECK(xso::to_token(*parsed<st::Message>("<message type='" + std::string(type) + "'/>").type) == type);
    CHECK_FALSE(parsed<st::Message>("<message/>").type); // absent means normal, and stays absent

    // The affiliation change notification of §8.9.4, in the generic namespace, spelled right.
    st::Message aff = xso_test::round_trip<st::Message>(
        "<message from='pubsub.shakespeare.lit' to='polonius@denmark.lit'><pubsub xmlns='http://jabber.org/protocol/pubsub'>"
        "<affiliations node='princely_musings'><affiliation jid='polonius@denmark.lit' affiliation='none'/></affiliations>"
        "</pubsub></message>");
    REQUIRE(aff.pubsub);
    CHECK(aff.pubsub->affiliations->affiliation[0].jid == xso::jid("polonius@denmark.lit"));
    CHECK(aff.pubsub->affiliations->affiliation[0].affiliation == ps::Affiliation::none);
}

TEST_CASE("stanza: presence")
{
    st::Presence p = xso_test::round_trip<st::Presence>(
        "<presence from='romeo@montague.lit/orchard' id='p1'><show>dnd</show><status>Wooing</status>"
        "<status xml:lang='it'>Corteggiando</status><priority>-1</priority></presence>");
    CHECK_FALSE(p.type);
    CHECK(p.show == st::Show::dnd);
    REQUIRE(p.status.size() == 2);
    CHECK(p.status[1].lang == "it");
    CHECK(p.priority == -1);
    CHECK(serialized(p) == "<presence xmlns='jabber:client' id='p1' from='romeo@montague.lit/orchard'><show>dnd</show>"
                           "<status>Wooing</status><status xml:lang='it'>Corteggiando</status><priority>-1</priority></presence>");
    for (const char* type : {"error", "probe", "subscribe", "subscribed", "unavailable", "unsubscribe", "unsubscribed"})
        CHECK(xso::to_token(*parsed<st::Presence>("<presence type='" + std::string(type) + "'/>").type) == type);
    CHECK(parsed<st::Presence>("<presence><priority>127</priority></presence>").priority == 127);
    CHECK(parsed<st::Presence>("<presence><priority>-128</priority></presence>").priority == -128);

    // Ex. 212 (§9.2): entity capabilities, which no schema describes, kept.
    st::Presence caps = fixture_stanza<st::Presence>("xep0060/212.xml");
    REQUIRE(caps.unknown.elements.size() == 1);
    CHECK(caps.unknown.elements[0].ns() == "http://jabber.org/protocol/caps");
    CHECK(caps.unknown.elements[0].attribute("ver") == std::string_view("AFBT0mPr29zQE5aGtCJp97CIS6E="));
    // Kept content is written back as received (docs/robustness.md).
    CHECK(serialized(caps) == "<presence xmlns='jabber:client' from='romeo@montague.lit/orchard'>"
                              "<c xmlns='http://jabber.org/protocol/caps'\n     node='http://www.chatopus.com/#2.2'\n"
                              "     ver='AFBT0mPr29zQE5aGtCJp97CIS6E='/></presence>");
}

TEST_CASE("stanza: sequences of stanzas")
{
    // Ex. 15 (§5.5): a request and its result; Ex. 213 (§9.2): two presences; Ex. 100: four messages.
    auto ex15 = xso::parse_sequence<st::any_stanza>(xso_test::fixture("xep0060/015.xml"), xso_test::strict_options());
    REQUIRE(ex15);
    REQUIRE(ex15->size() == 2);
    const st::Iq& request = std::get<st::Iq>((*ex15)[0]);
    const st::Iq& result = std::get<st::Iq>((*ex15)[1]);
    CHECK(request.type == st::IqType::get);
    CHECK(result.id == request.id);
    CHECK(std::get<xso::disco::ItemsQuery>(*result.payload).item.size() == 4);

    auto ex213 = xso::parse_sequence<st::Presence>(xso_test::fixture("xep0060/213.xml"));
    REQUIRE(ex213);
    CHECK(ex213->size() == 2);
    CHECK((*ex213)[1].from == xso::jid("romeo@montague.lit/orchard"));

    auto ex100 = xso::parse_sequence<st::any_stanza>(xso_test::fixture("xep0060/100.xml"));
    REQUIRE(ex100);
    CHECK(ex100->size() == 4);
    for (const auto& s : *ex100) CHECK(std::holds_alternative<st::Message>(s));

    // Mixed kinds, chosen by the root's name.
    const std::string mixed = "<presence/><message/><iq type='get' id='q'/>";
    auto kinds = xso::parse_sequence<st::any_stanza>(mixed);
    REQUIRE(kinds);
    REQUIRE(kinds->size() == 3);
    CHECK((*kinds)[0].index() == 2);
    CHECK((*kinds)[1].index() == 1);
    CHECK((*kinds)[2].index() == 0);
    auto none = xso::parse_sequence<st::any_stanza>("");
    REQUIRE(none);
    CHECK(none->empty());

    // One bad stanza fails the sequence, located in the whole input.
    const std::string bad = "<message/><message/><presence><priority>high</priority></presence>";
    auto r = xso::parse_sequence<st::any_stanza>(bad);
    REQUIRE_FALSE(r);
    CHECK(r.error().code == errc::invalid_value);
    CHECK(r.error().path == "presence/priority");
    CHECK(r.error().offset == bad.find("<priority>"));
    // An element that is no stanza.
    auto not_stanza = xso::parse_sequence<st::any_stanza>("<message/><stream:features xmlns:stream='http://etherx.jabber.org/streams'/>");
    REQUIRE_FALSE(not_stanza);
    CHECK(not_stanza.error().code == errc::unexpected_element);
    CHECK(not_stanza.error().path == "features");
}

TEST_CASE("stanza: negative cases name the code and the path")
{
    // Missing required attributes.
    xso::error e = expect_parse_error<st::Iq>("<iq id='x'/>", errc::missing_attribute, "iq/@type");
    CHECK(e.offset == 0);
    expect_parse_error<st::Iq>("<iq type='get'/>", errc::missing_attribute, "iq/@id");

    // Bad enumeration values, per stanza kind.
    expect_parse_error<st::any_stanza>("<presence type='away'/>", errc::invalid_value, "presence/@type");
    e = expect_parse_error<st::any_stanza>("<presence><show>busy</show></presence>", errc::invalid_value,
                                           "presence/show");
    CHECK(e.detail.find("away chat dnd xa") != std::string::npos);
    expect_parse_error<st::any_stanza>("<message type='alert'/>", errc::invalid_value, "message/@type");

    // Bad integers: priority is an int8.
    const std::string overflow = "<presence><priority>128</priority></presence>";
    expect_parse_error_at<st::Presence>(overflow, errc::invalid_value, "presence/priority", "<priority>");
    e = parse_error<st::Presence>("<presence><priority>-129</priority></presence>");
    CHECK(e.code == errc::invalid_value);
    e = parse_error<st::Presence>("<presence><priority>1.5</priority></presence>");
    CHECK(e.code == errc::invalid_value);
    expect_parse_error<st::Presence>("<presence><priority/></presence>", errc::invalid_value, "presence/priority");

    // A leaf with children or attributes.
    expect_parse_error<st::Message>("<message><thread><b/></thread></message>", errc::unknown_child,
                                    "message/thread/b");
    expect_parse_error<st::Message>("<message><thread parent='p'>t</thread></message>", errc::unknown_attribute,
                                    "message/thread/@parent");

    // Two payloads in one IQ.
    const std::string two = "<iq type='get' id='x'><pubsub xmlns='http://jabber.org/protocol/pubsub'><items node='n'/></pubsub>"
                            "<query xmlns='http://jabber.org/protocol/disco#info'/></iq>";
    expect_parse_error_at<st::Iq>(two, errc::duplicate_child, "iq/query", "<query");

    // Wrong namespace: a stanza outside the stream namespaces; an unqualified IQ child
    // (in jabber:client, so no payload); a body in another namespace.
    expect_parse_error<st::any_stanza>("<message xmlns='urn:example:not-a-stream'/>", errc::unexpected_element,
                                       "message");
    const std::string unqualified = "<iq type='get' id='x'><query/></iq>";
    expect_parse_error<st::Iq>(unqualified, errc::unknown_child, "iq/query", xso_test::strict_options());
    CHECK_FALSE(parsed<st::Iq>(unqualified).payload);
    st::Message foreign_body = parsed<st::Message>("<message><body xmlns='urn:example:x'>hi</body></message>",
                                                   xso_test::strict_options());
    CHECK(foreign_body.body.empty());
    CHECK(foreign_body.unknown.elements.size() == 1);

    // Malformed and truncated.
    const std::string malformed = "<message><body>unclosed</message>";
    e = parse_error<st::Message>(malformed);
    CHECK(e.code == errc::xml_syntax);
    CHECK(e.offset >= malformed.find("</message>"));
    xso_test::check_every_prefix_fails(xso_test::fixture_trimmed("xep0060/170.xml"));
    xso_test::check_every_prefix_fails("<presence from='romeo@montague.lit/orchard'><show>dnd</show><priority>-1</priority></presence>");

    // Serialize side.
    st::Iq iq;
    iq.type = st::IqType::get;
    e = xso_test::serialize_error(iq);
    CHECK(e.code == errc::missing_attribute);
    CHECK(e.path == "iq/@id");
    st::Presence pres;
    st::Status status;
    status.value = "\x0b";
    pres.status.push_back(status);
    e = xso_test::serialize_error(pres);
    CHECK(e.code == errc::invalid_char);
    CHECK(e.path == "presence/status[1]/text()");
}
