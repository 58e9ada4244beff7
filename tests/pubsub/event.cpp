// The notification family (pubsub#event, carried in <message/>): every kind of event,
// items with payloads, without payloads and retracted, collection (dis)association,
// configuration, delete with redirect, purge, and subscription changes with expiry.
#include <doctest/doctest.h>

#include <string>

#include <xso/pubsub.hpp>

#include "../support/family.hpp"

namespace {

using namespace xso_test::family_names;
namespace ev = xso::pubsub::event;

// The event of every stanza of a fixture (notifications come several to an example).
std::vector<st::Message> notifications(const std::string& rel)
{
    std::vector<st::Message> out;
    for (const auto& s : xso_test::fixture_stanzas(rel)) {
        const st::Message* m = std::get_if<st::Message>(&s);
        REQUIRE_MESSAGE(m, rel << ": not a message");
        REQUIRE_MESSAGE(m->event, rel << ": no event");
        out.push_back(*m);
    }
    return out;
}

template <class Kind>
const Kind& kind_of(const st::Message& m)
{
    REQUIRE(m.event);
    const Kind* k = std::get_if<Kind>(&m.event->payload);
    REQUIRE_MESSAGE(k, "the event is of another kind");
    return *k;
}

std::string in_event(const std::string& body)
{
    return "<message from='pubsub.shakespeare.lit' to='francisco@denmark.lit'>"
           "<event xmlns='http://jabber.org/protocol/pubsub#event'>" +
           body + "</event></message>";
}

st::Message message_with(ev::Event event)
{
    st::Message m;
    m.from = xso::jid("pubsub.shakespeare.lit");
    m.to = xso::jid("francisco@denmark.lit");
    m.event = std::move(event);
    return m;
}

} // namespace

TEST_CASE("event: XEP-0060 examples round-trip and read as typed values")
{
    // Ex. 100 (§7.1.2.1): four notifications with the Atom payload.
    auto with_payload = notifications("xep0060/100.xml");
    REQUIRE(with_payload.size() == 4);
    for (const st::Message& m : with_payload) {
        const ev::Items& items = kind_of<ev::Items>(m);
        CHECK(items.node == "princely_musings");
        REQUIRE(items.item.size() == 1);
        CHECK(items.item[0].id == "ae890ac52d0df67ed7cfdf51b644e901");
        REQUIRE(items.item[0].payload);
        CHECK(items.item[0].payload->local() == "entry");
        CHECK(items.retract.empty());
    }
    CHECK(with_payload[3].to == xso::jid("bard@shakespeare.lit"));

    // Ex. 101 (§7.1.2.2): without payload.
    for (const st::Message& m : notifications("xep0060/101.xml")) CHECK_FALSE(kind_of<ev::Items>(m).item[0].payload);

    // Ex. 46 (§6.1.7): the last published item, delayed.
    st::Message last = xso_test::fixture_stanza<st::Message>("xep0060/046.xml");
    REQUIRE(last.delay);
    CHECK(last.delay->stamp == xso::datetime("2003-12-13T23:58:37Z"));
    CHECK(kind_of<ev::Items>(last).item[0].payload);

    // Ex. 104 (§7.1.2.4): SHIM headers with the SubIDs.
    st::Message notated = xso_test::fixture_stanza<st::Message>("xep0060/104.xml");
    REQUIRE(notated.headers);
    REQUIRE(notated.headers->header.size() == 2);
    CHECK(notated.headers->header[1].name == "SubID");
    CHECK(notated.headers->header[1].value == "004-yyy");

    // Ex. 117 (§7.2.2.1): retraction.
    for (const st::Message& m : notifications("xep0060/117.xml")) {
        const ev::Items& items = kind_of<ev::Items>(m);
        CHECK(items.item.empty());
        REQUIRE(items.retract.size() == 1);
        CHECK(items.retract[0].id == "ae890ac52d0df67ed7cfdf51b644e901");
    }

    // Ex. 150, 151 (§8.2.5.3): configuration, without and with the form.
    CHECK_FALSE(kind_of<ev::Configuration>(notifications("xep0060/150.xml")[0]).form);
    const ev::Configuration config = kind_of<ev::Configuration>(notifications("xep0060/151.xml")[0]);
    CHECK(config.node == "princely_musings");
    REQUIRE(config.form);
    CHECK(config.form->type == xso::xdata::FormType::result);

    // Ex. 160 (§8.4.2): delete with redirect; Ex. 165 (§8.5.2): purge.
    for (const st::Message& m : notifications("xep0060/160.xml"))
        CHECK(kind_of<ev::Delete>(m).redirect->uri == "xmpp:hamlet@denmark.lit?;node=blog");
    CHECK(notifications("xep0060/165.xml").size() == 2);
    CHECK(kind_of<ev::Purge>(notifications("xep0060/165.xml")[1]).node == "princely_musings");

    // Ex. 172, 174, 196, 218, 219 (§8.6, §8.8.4, §12.14): subscription state changes.
    CHECK(kind_of<ev::Subscription>(notifications("xep0060/172.xml")[0]).subscription == ps::SubscriptionState::subscribed);
    CHECK(kind_of<ev::Subscription>(notifications("xep0060/174.xml")[0]).subscription == ps::SubscriptionState::none);
    CHECK(kind_of<ev::Subscription>(notifications("xep0060/196.xml")[0]).jid == xso::jid("polonius@denmark.lit"));
    CHECK(kind_of<ev::Subscription>(notifications("xep0060/218.xml")[0]).subscription == ps::SubscriptionState::subscribed);
    CHECK(kind_of<ev::Subscription>(notifications("xep0060/219.xml")[0]).subscription == ps::SubscriptionState::none);

    // Ex. 222 (§12.19): lease end, with expiry.
    const ev::Subscription lease = kind_of<ev::Subscription>(notifications("xep0060/222.xml")[0]);
    REQUIRE(lease.expiry);
    CHECK(lease.expiry->unix_seconds() == 1141171199);
    CHECK(lease.subid == "ba49252aaa4f5d320c24d3766f0bdcade78c78d3");

    // Ex. 220 (§12.17): the publisher of an item.
    const ev::Items geo = kind_of<ev::Items>(notifications("xep0060/220.xml")[0]);
    CHECK(geo.item[0].publisher == xso::jid("portia@merchantofvenice.lit"));
    CHECK(geo.item[0].payload->ns() == "http://jabber.org/protocol/geoloc");

    // Ex. 225 (§12.20): keyword match notated with SHIM.
    CHECK(xso_test::fixture_stanza<st::Message>("xep0060/225.xml").headers);

    // Prosody 0.12: headline notifications.
    st::Message purge = xso_test::fixture_stanza<st::Message>("prosody/32-purge-event-user2.xml");
    CHECK(purge.type == st::MessageType::headline);
    CHECK(kind_of<ev::Purge>(purge).node == "princely_musings");
    CHECK(kind_of<ev::Items>(xso_test::fixture_stanza<st::Message>("prosody/16-retract-notify-event-user2.xml")).retract.size() == 1);
    CHECK(kind_of<ev::Items>(xso_test::fixture_stanza<st::Message>("prosody/25-publish-by-publisher-event-user2.xml")).item.size() == 1);
}

TEST_CASE("event: collection (dis)association and mixed items round-trip")
{
    // pubsub-event.xsd's <collection/> (XEP-0248), built from the schema's shape.
    auto associate = xso_test::round_trip<st::Message>(
        in_event("<collection node='blogs'><associate node='princely_musings'/></collection>"));
    const ev::Collection& c = kind_of<ev::Collection>(associate);
    CHECK(c.node == "blogs");
    REQUIRE(std::holds_alternative<ev::Associate>(c.association));
    CHECK(std::get<ev::Associate>(c.association).node == "princely_musings");

    auto disassociate = xso_test::round_trip<st::Message>(in_event("<collection><disassociate node='old'/></collection>"));
    const ev::Collection& d = kind_of<ev::Collection>(disassociate);
    CHECK_FALSE(d.node);
    CHECK(std::get<ev::Disassociate>(d.association).node == "old");

    // Published and retracted items in one notification (the XSD forbids it, xso keeps both).
    auto mixed = xso_test::round_trip<st::Message>(in_event("<items node='n'><item id='new'/><retract id='old'/></items>"));
    CHECK(kind_of<ev::Items>(mixed).item.size() == 1);
    CHECK(kind_of<ev::Items>(mixed).retract.size() == 1);
}

TEST_CASE("event: exact output for canonical examples")
{
    // Ex. 222: attributes in schema order (expiry, jid, node, subid, subscription).
    CHECK(serialized(notifications("xep0060/222.xml")[0]) ==
          "<message xmlns='jabber:client' from='pubsub.shakespeare.lit' to='francisco@denmark.lit/barracks'>"
          "<event xmlns='http://jabber.org/protocol/pubsub#event'><subscription expiry='2006-02-28T23:59:59Z'"
          " jid='francisco@denmark.lit' node='princely_musings' subid='ba49252aaa4f5d320c24d3766f0bdcade78c78d3'"
          " subscription='subscribed'/></event></message>");
    // Ex. 117 (first stanza): retract.
    CHECK(serialized(notifications("xep0060/117.xml")[0]) ==
          "<message xmlns='jabber:client' id='foo' from='pubsub.shakespeare.lit' to='francisco@denmark.lit'>"
          "<event xmlns='http://jabber.org/protocol/pubsub#event'><items node='princely_musings'>"
          "<retract id='ae890ac52d0df67ed7cfdf51b644e901'/></items></event></message>");
    // Ex. 160 (first stanza): delete with redirect.
    CHECK(serialized(*notifications("xep0060/160.xml")[0].event) ==
          "<event xmlns='http://jabber.org/protocol/pubsub#event'><delete node='princely_musings'>"
          "<redirect uri='xmpp:hamlet@denmark.lit?;node=blog'/></delete></event>");
    // Ex. 150 and 165
    CHECK(serialized(*notifications("xep0060/150.xml")[0].event) ==
          "<event xmlns='http://jabber.org/protocol/pubsub#event'><configuration node='princely_musings'/></event>");
    CHECK(serialized(*notifications("xep0060/165.xml")[0].event) ==
          "<event xmlns='http://jabber.org/protocol/pubsub#event'><purge node='princely_musings'/></event>");
    // Ex. 220: the publisher attribute and a payload in a third namespace.
    CHECK(serialized(kind_of<ev::Items>(notifications("xep0060/220.xml")[0])) ==
          "<items xmlns='http://jabber.org/protocol/pubsub#event' node='n48ad4fj78zn38st734'>"
          "<item id='i1s2d3f4g5h6bjeh936' publisher='portia@merchantofvenice.lit'>"
          "<geoloc xmlns='http://jabber.org/protocol/geoloc'>\n          <description>Venice</description>\n"
          "          <lat>45.44</lat>\n          <lon>12.33</lon>\n        </geoloc></item></items>");
    // Prosody's purge notification, with type='headline'.
    CHECK(serialized(xso_test::fixture_stanza<st::Message>("prosody/32-purge-event-user2.xml")) ==
          "<message xmlns='jabber:client' type='headline' id='CxIcDg9YYnCpG2CQk0Gq8RBa' from='pubsub.localhost'"
          " to='user2@localhost'><event xmlns='http://jabber.org/protocol/pubsub#event'><purge node='princely_musings'/>"
          "</event></message>");
}

TEST_CASE("event: notifications built with the typed API")
{
    // Every kind of event, each in a message.
    ev::Items items;
    items.node = "princely_musings";
    items.item.push_back(ev::Item{std::string("a"), xso::jid("hamlet@denmark.lit"), std::nullopt, {}});
    items.retract.push_back(ev::Retract{"b", {}});
    CHECK(serialized(message_with(ev::Event{items, {}})) ==
          "<message xmlns='jabber:client' from='pubsub.shakespeare.lit' to='francisco@denmark.lit'>"
          "<event xmlns='http://jabber.org/protocol/pubsub#event'><items node='princely_musings'>"
          "<item id='a' publisher='hamlet@denmark.lit'/><retract id='b'/></items></event></message>");

    CHECK(serialized(ev::Event{ev::Collection{std::string("blogs"), ev::Associate{"n", {}}, {}}, {}}) ==
          "<event xmlns='http://jabber.org/protocol/pubsub#event'><collection node='blogs'><associate node='n'/></collection></event>");
    CHECK(serialized(ev::Event{ev::Collection{std::nullopt, ev::Disassociate{"n", {}}, {}}, {}}) ==
          "<event xmlns='http://jabber.org/protocol/pubsub#event'><collection><disassociate node='n'/></collection></event>");
    CHECK(serialized(ev::Event{ev::Delete{"n", ev::Redirect{"xmpp:a@b?;node=c", {}}, {}}, {}}) ==
          "<event xmlns='http://jabber.org/protocol/pubsub#event'><delete node='n'><redirect uri='xmpp:a@b?;node=c'/></delete></event>");
    CHECK(serialized(ev::Event{ev::Purge{"n", {}}, {}}) ==
          "<event xmlns='http://jabber.org/protocol/pubsub#event'><purge node='n'/></event>");
    CHECK(serialized(ev::Event{ev::Configuration{std::string("n"), std::nullopt, {}}, {}}) ==
          "<event xmlns='http://jabber.org/protocol/pubsub#event'><configuration node='n'/></event>");

    ev::Subscription lease;
    lease.expiry = xso::datetime("2006-02-28T23:59:59.5-05:00");
    lease.jid = xso::jid("francisco@denmark.lit");
    lease.subscription = ps::SubscriptionState::subscribed;
    st::Message m = message_with(ev::Event{lease, {}});
    m.type = st::MessageType::headline;
    const std::string out = serialized(m);
    CHECK(out == "<message xmlns='jabber:client' type='headline' from='pubsub.shakespeare.lit' to='francisco@denmark.lit'>"
                 "<event xmlns='http://jabber.org/protocol/pubsub#event'><subscription expiry='2006-02-28T23:59:59.5-05:00'"
                 " jid='francisco@denmark.lit' subscription='subscribed'/></event></message>");
    CHECK(parsed<st::Message>(out, xso_test::strict_options()) == m);
}

TEST_CASE("event: negative cases name the code and the path")
{
    // Missing required attributes.
    const std::string no_node = in_event("<items><item id='a'/></items>");
    xso::error e =
        expect_parse_error_at<st::Message>(no_node, errc::missing_attribute, "message/event/items/@node", "<items");
    expect_parse_error<st::Message>(in_event("<items node='n'><retract id='a'/><retract/></items>"),
                                    errc::missing_attribute, "message/event/items/retract[2]/@id");
    expect_parse_error<st::Message>(in_event("<subscription node='n' subscription='none'/>"), errc::missing_attribute,
                                    "message/event/subscription/@jid");
    expect_parse_error<st::Message>(in_event("<collection><associate/></collection>"), errc::missing_attribute,
                                    "message/event/collection/associate/@node");

    // Bad values: the subscription state, the expiry date, the message type.
    const std::string bad_state = in_event("<subscription jid='a@b' subscription='cancelled'/>");
    expect_parse_error_at<st::Message>(bad_state, errc::invalid_value, "message/event/subscription/@subscription",
                                       "subscription='cancelled'");
    expect_parse_error<st::Message>(in_event("<subscription jid='a@b' expiry='2006-02-30T23:59:59Z'/>"),
                                    errc::invalid_value, "message/event/subscription/@expiry");
    expect_parse_error<st::Message>("<message type='notification'/>", errc::invalid_value, "message/@type");
    // This family has no integer member; the delay's stamp is the nearest number-bearing value.
    expect_parse_error<st::Message>("<message><delay xmlns='urn:xmpp:delay' stamp='2003-12-13T25:00:00Z'/></message>",
                                    errc::invalid_value, "message/delay/@stamp");

    // Exactly one kind of event, and exactly one association in a collection.
    expect_parse_error<st::Message>(in_event(""), errc::missing_child, "message/event/payload");
    const std::string two = in_event("<purge node='a'/><delete node='b'/>");
    expect_parse_error_at<st::Message>(two, errc::duplicate_child, "message/event/delete", "<delete");
    expect_parse_error<st::Message>(in_event("<collection node='c'/>"), errc::missing_child,
                                    "message/event/collection/association");

    // Wrong namespace: generic items inside the event; an event in the generic namespace.
    const std::string generic = in_event("<items xmlns='http://jabber.org/protocol/pubsub' node='n'/>");
    expect_parse_error<st::Message>(generic, errc::unknown_child, "message/event/items", xso_test::strict_options());
    e = parse_error<st::Message>(generic); // then nothing of the event's own is there
    CHECK(e.code == errc::missing_child);
    expect_parse_error<st::Message>(
        "<message><event xmlns='http://jabber.org/protocol/pubsub'><purge node='n'/></event></message>",
        errc::unknown_child, "message/event", xso_test::strict_options());

    // Malformed and truncated.
    const std::string malformed = in_event("<items node='n'><item id='a'></items>");
    e = parse_error<st::Message>(malformed);
    CHECK(e.code == errc::xml_syntax);
    CHECK(e.offset >= malformed.find("</items>"));
    xso_test::check_every_prefix_fails(xso_test::fixture_trimmed("xep0060/222.xml"));
    xso_test::check_every_prefix_fails(xso_test::fixture_trimmed("xep0060/220.xml"));

    // Serialize side: a retraction without id, an invalid expiry.
    ev::Items items;
    items.node = "n";
    items.retract.emplace_back();
    e = xso_test::serialize_error(ev::Event{items, {}});
    CHECK(e.code == errc::missing_attribute);
    CHECK(e.path == "event/items/retract[1]/@id");
    ev::Subscription sub;
    sub.jid = xso::jid("a@b");
    sub.expiry = xso::datetime("tomorrow");
    e = xso_test::serialize_error(sub);
    CHECK(e.code == errc::invalid_value);
    CHECK(e.path == "subscription/@expiry");
}
