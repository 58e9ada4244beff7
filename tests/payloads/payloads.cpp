// Typed item payloads (include/xso/payload.hpp) with user-side types generated from
// tests/payloads/schema/, which import the library's schemas for an embedded data form.
#include <doctest/doctest.h>

#include <string>
#include <variant>
#include <vector>

#include <xso/payload.hpp>
#include <xso/pubsub.hpp>
#include <xso_test/payloads/note.hpp>
#include <xso_test/payloads/sensor.hpp>

namespace ps = xso::pubsub;
namespace tp = xso_test::payloads;

namespace {

tp::Reading sample_reading()
{
    tp::Reading r{};
    r.device = xso::jid("thermo@example.org/kitchen");
    r.at = xso::datetime("2026-11-25T18:00:00Z");
    r.unit = tp::Unit::celsius;
    r.value = {21, 22};
    // Value-initialized ({}): generated structs are aggregates, and a flag member such as
    // Field::required would otherwise be left indeterminate.
    xso::xdata::Field field{};
    field.var = "room";
    field.value = {"kitchen"};
    xso::xdata::Form form{};
    form.type = xso::xdata::FormType::result;
    form.field.push_back(field);
    r.metadata = form;
    return r;
}

// A notification carrying, in this order: a reading, an Atom entry, a note, a broken
// reading (second sample is not an integer) and an item without payload.
const std::string notification =
    "<message from='pubsub.example.org' to='alice@example.org' id='n1'>"
    "<event xmlns='http://jabber.org/protocol/pubsub#event'>"
    "<items node='sensors'>"
    "<item id='r1'><reading xmlns='urn:xso:test:sensor:0' device='thermo@example.org/kitchen' unit='celsius'>"
    "<value>21</value><value>22</value></reading></item>"
    "<item id='a1'><entry xmlns='http://www.w3.org/2005/Atom'><title>Hello</title></entry></item>"
    "<item id='n1'><note xmlns='urn:xso:test:note:0' xml:lang='en'>Window open</note></item>"
    "<item id='bad'><s:reading xmlns:s='urn:xso:test:sensor:0' device='thermo@example.org'>"
    "<s:value>20</s:value><s:value>warm</s:value></s:reading></item>"
    "<item id='empty'/>"
    "</items></event></message>";

const ps::event::Items& event_items(const xso::stanza::Message& msg)
{
    REQUIRE(msg.event.has_value());
    const auto* items = std::get_if<ps::event::Items>(&msg.event->payload);
    REQUIRE(items != nullptr);
    return *items;
}

} // namespace

TEST_CASE("a generated struct is published as an item payload without hand-written XML")
{
    auto item = xso::make_item(sample_reading(), std::string("r1"));
    REQUIRE(item);
    CHECK(item->id == "r1");
    REQUIRE(item->payload.has_value());
    CHECK(item->payload->ns() == "urn:xso:test:sensor:0");
    CHECK(item->payload->local() == "reading");

    ps::Publish publish{};
    publish.node = "sensors";
    publish.item.push_back(*item);
    ps::Pubsub pubsub{};
    pubsub.publish = publish;
    xso::stanza::Iq iq{};
    iq.type = xso::stanza::IqType::set;
    iq.id = "pub1";
    iq.to = xso::jid("pubsub.example.org");
    iq.payload = pubsub;

    auto bytes = xso::serialize(iq);
    REQUIRE(bytes);
    // Written from the serializer's documented rules: xmlns only where the namespace
    // changes, attributes in schema order, single quotes, no declaration.
    CHECK(*bytes ==
          "<iq xmlns='jabber:client' type='set' id='pub1' to='pubsub.example.org'>"
          "<pubsub xmlns='http://jabber.org/protocol/pubsub'><publish node='sensors'><item id='r1'>"
          "<reading xmlns='urn:xso:test:sensor:0' device='thermo@example.org/kitchen' at='2026-11-25T18:00:00Z' unit='celsius'>"
          "<value>21</value><value>22</value>"
          "<x xmlns='jabber:x:data' type='result'><field var='room'><value>kitchen</value></field></x>"
          "</reading></item></publish></pubsub></iq>");
}

TEST_CASE("a payload made from a value binds back to an equal value")
{
    const tp::Reading original = sample_reading();
    auto payload = xso::make_payload(original);
    REQUIRE(payload);
    CHECK(xso::payload_is<tp::Reading>(*payload));
    CHECK_FALSE(xso::payload_is<tp::Note>(*payload));
    auto back = xso::payload_as<tp::Reading>(*payload);
    REQUIRE(back);
    CHECK(*back == original);
    REQUIRE(back->metadata.has_value());
    CHECK(back->metadata->field.at(0).value.at(0) == "kitchen");
}

TEST_CASE("set_payload and make_item work for notification items too")
{
    tp::Note note{};
    note.value = "Window open";
    note.lang = "en";
    auto item = xso::make_item<ps::event::Item>(note, std::string("n1"));
    REQUIRE(item);
    ps::event::Items items{};
    items.node = "notes";
    items.item.push_back(*item);
    ps::event::Event event{};
    event.payload = items;
    auto bytes = xso::serialize(event);
    REQUIRE(bytes);
    CHECK(*bytes ==
          "<event xmlns='http://jabber.org/protocol/pubsub#event'><items node='notes'><item id='n1'>"
          "<note xmlns='urn:xso:test:note:0' xml:lang='en'>Window open</note></item></items></event>");

    // Replacing a payload.
    ps::Item plain{};
    REQUIRE(xso::set_payload(plain, note));
    REQUIRE(xso::set_payload(plain, sample_reading()));
    CHECK(xso::payload_is<tp::Reading>(plain));
}

TEST_CASE("an invalid value is refused with a local error and the item is left unchanged")
{
    ps::Item item{};
    REQUIRE(xso::set_payload(item, sample_reading()));
    const xso::element before = *item.payload;

    tp::Reading no_samples = sample_reading();
    no_samples.value.clear(); // the schema wants at least one
    auto r = xso::set_payload(item, no_samples);
    REQUIRE_FALSE(r);
    CHECK(r.error().code == xso::errc::too_few_children);
    CHECK(r.error().origin == xso::origin::local);
    CHECK(r.error().path == "reading/value");
    REQUIRE(item.payload.has_value());
    CHECK(*item.payload == before);

    tp::Reading bad_jid = sample_reading();
    bad_jid.device = xso::jid("@example.org");
    auto made = xso::make_item(bad_jid);
    REQUIRE_FALSE(made);
    CHECK(made.error().code == xso::errc::invalid_value);
    CHECK(made.error().origin == xso::origin::local);
    CHECK(made.error().path == "reading/@device");
}

TEST_CASE("notification payloads read as their types, with typed errors for the others")
{
    auto msg = xso::parse<xso::stanza::Message>(notification);
    REQUIRE(msg);
    const auto& items = event_items(*msg);
    REQUIRE(items.item.size() == 5);

    auto reading = xso::payload_as<tp::Reading>(items.item[0]);
    REQUIRE(reading);
    CHECK(reading->device == xso::jid("thermo@example.org/kitchen"));
    CHECK(reading->unit == tp::Unit::celsius);
    CHECK(reading->value == std::vector<std::int32_t>{21, 22});
    CHECK_FALSE(reading->at.has_value());

    auto note = xso::payload_as<tp::Note>(items.item[2]);
    REQUIRE(note);
    CHECK(note->value == "Window open");
    CHECK(note->lang == "en");

    SUBCASE("another payload type is unexpected_element, located at the payload")
    {
        CHECK_FALSE(xso::payload_is<tp::Reading>(items.item[1]));
        auto r = xso::payload_as<tp::Reading>(items.item[1]);
        REQUIRE_FALSE(r);
        CHECK(r.error().code == xso::errc::unexpected_element);
        CHECK(r.error().origin == xso::origin::remote);
        CHECK(r.error().path == "item/entry");
        CHECK(r.error().detail.find("{urn:xso:test:sensor:0}reading") != std::string::npos);
        CHECK(r.error().detail.find("{http://www.w3.org/2005/Atom}entry") != std::string::npos);
        CHECK(r.error().offset == notification.find("<entry"));
    }
    SUBCASE("a broken payload of the right type reports where it breaks")
    {
        CHECK(xso::payload_is<tp::Reading>(items.item[3])); // prefixed: the namespace decides
        auto r = xso::payload_as<tp::Reading>(items.item[3]);
        REQUIRE_FALSE(r);
        CHECK(r.error().code == xso::errc::invalid_value);
        CHECK(r.error().path == "item/reading/value[2]");
        CHECK(r.error().offset == notification.find("<s:value>warm"));
    }
    SUBCASE("an item without payload is missing_child")
    {
        CHECK_FALSE(xso::payload_is<tp::Reading>(items.item[4]));
        auto r = xso::payload_as<tp::Reading>(items.item[4]);
        REQUIRE_FALSE(r);
        CHECK(r.error().code == xso::errc::missing_child);
        CHECK(r.error().path == "item");
        auto e = xso::payload_as<tp::Reading>(xso::element{});
        REQUIRE_FALSE(e);
        CHECK(e.error().code == xso::errc::missing_child);
    }
}

TEST_CASE("the right local name in another namespace is not the payload type")
{
    auto other = xso::element::parse("<reading xmlns='urn:someone:else' device='a@b'><value>1</value></reading>");
    REQUIRE(other);
    CHECK_FALSE(xso::payload_is<tp::Reading>(*other));
    auto r = xso::payload_as<tp::Reading>(*other);
    REQUIRE_FALSE(r);
    CHECK(r.error().code == xso::errc::unexpected_element);
    auto v = xso::payload_set<tp::Reading, tp::Note>::read(*other);
    REQUIRE(v);
    REQUIRE(std::holds_alternative<xso::element>(*v));
    CHECK(std::get<xso::element>(*v).ns() == "urn:someone:else");
}

TEST_CASE("parse options reach the payload: strict mode reports unknown content of its namespaces")
{
    auto payload = xso::element::parse(
        "<reading xmlns='urn:xso:test:sensor:0' device='a@example.org'><value>1</value><extra/></reading>");
    REQUIRE(payload);
    auto lenient = xso::payload_as<tp::Reading>(*payload);
    REQUIRE(lenient);
    REQUIRE(lenient->unknown.elements.size() == 1);
    CHECK(lenient->unknown.elements[0].local() == "extra");

    xso::parse_options strict;
    strict.strict = true;
    auto r = xso::payload_as<tp::Reading>(*payload, strict);
    REQUIRE_FALSE(r);
    CHECK(r.error().code == xso::errc::unknown_child);
    CHECK(r.error().path == "reading/extra");
}

TEST_CASE("payload_set: a visitor over the payload types an application knows")
{
    using known = xso::payload_set<tp::Reading, tp::Note>;
    CHECK(known::knows(xso::qname{"urn:xso:test:note:0", "note"}));
    CHECK_FALSE(known::knows(xso::qname{"urn:xso:test:note:0", "reading"}));

    auto msg = xso::parse<xso::stanza::Message>(notification);
    REQUIRE(msg);
    const auto& items = event_items(*msg);

    std::vector<std::string> seen;
    std::vector<xso::error> errors;
    for (const ps::event::Item& item : items.item) {
        if (!item.payload) {
            seen.push_back(*item.id + ": no payload");
            continue;
        }
        auto p = known::read(item);
        if (!p) {
            errors.push_back(p.error());
            continue;
        }
        std::visit(
            [&](const auto& v) {
                using V = std::decay_t<decltype(v)>;
                if constexpr (std::is_same_v<V, tp::Reading>) seen.push_back(*item.id + ": reading of " + v.device.str());
                else if constexpr (std::is_same_v<V, tp::Note>) seen.push_back(*item.id + ": note " + v.value);
                else seen.push_back(*item.id + ": opaque " + std::string(v.local()));
            },
            *p);
    }
    CHECK(seen == std::vector<std::string>{"r1: reading of thermo@example.org/kitchen", "a1: opaque entry",
                                           "n1: note Window open", "empty: no payload"});
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].code == xso::errc::invalid_value);
    CHECK(errors[0].path == "item/reading/value[2]");

    auto none = known::read(items.item[4]);
    REQUIRE_FALSE(none);
    CHECK(none.error().code == xso::errc::missing_child);
}

TEST_CASE("payload_registry: handlers chosen by {namespace, local}, with the item as context")
{
    auto msg = xso::parse<xso::stanza::Message>(notification);
    REQUIRE(msg);
    const auto& items = event_items(*msg);

    std::vector<std::string> calls;
    xso::payload_registry<const ps::event::Item&> registry;
    registry.on<tp::Note>([&](const tp::Note&, const ps::event::Item& item) { calls.push_back("first note handler " + *item.id); });
    registry.on<tp::Reading>([&](const tp::Reading& r, const ps::event::Item& item) {
                calls.push_back("reading " + *item.id + " " + std::to_string(r.value.size()));
            })
        .on<tp::Note>([&](const tp::Note& n, const ps::event::Item& item) { calls.push_back("note " + *item.id + " " + n.value); })
        .otherwise([&](const xso::element& e, const ps::event::Item& item) {
            calls.push_back("other " + *item.id + " " + std::string(e.local()));
        });
    CHECK(registry.knows(xso::qname{"urn:xso:test:sensor:0", "reading"}));
    CHECK_FALSE(registry.knows(xso::qname{"http://www.w3.org/2005/Atom", "entry"}));

    std::vector<std::string> failures;
    for (const ps::event::Item& item : items.item) {
        if (!item.payload) continue;
        auto r = registry.dispatch(*item.payload, item);
        if (!r) failures.push_back(*item.id + " " + r.error().path);
    }
    CHECK(calls == std::vector<std::string>{"reading r1 2", "other a1 entry", "note n1 Window open"});
    CHECK(failures == std::vector<std::string>{"bad reading/value[2]"});

    xso::payload_registry<> no_fallback;
    auto skipped = no_fallback.dispatch(*items.item[1].payload);
    CHECK(skipped);
    auto empty = no_fallback.dispatch(xso::element{});
    REQUIRE_FALSE(empty);
    CHECK(empty.error().code == xso::errc::missing_child);
}

TEST_CASE("payload_registry passes its parse options to the payload parser")
{
    auto payload = xso::element::parse("<note xmlns='urn:xso:test:note:0' bogus='1'>hi</note>");
    REQUIRE(payload);
    int called = 0;
    xso::parse_options strict;
    strict.strict = true;
    xso::payload_registry<> registry(strict);
    registry.on<tp::Note>([&](const tp::Note&) { ++called; });
    auto r = registry.dispatch(*payload);
    REQUIRE_FALSE(r);
    CHECK(r.error().code == xso::errc::unknown_attribute);
    CHECK(called == 0);

    xso::payload_registry<> lenient;
    lenient.on<tp::Note>([&](const tp::Note& n) {
        ++called;
        CHECK(n.unknown.attributes.size() == 1);
    });
    CHECK(lenient.dispatch(*payload));
    CHECK(called == 1);
}

TEST_CASE("payload_registry: a copy has its own handlers, with their own state")
{
    auto payload = xso::element::parse("<note xmlns='urn:xso:test:note:0'>hi</note>");
    REQUIRE(payload);
    std::vector<int> seen;
    xso::payload_registry<> registry;
    registry.on<tp::Note>([&seen, count = 0](const tp::Note&) mutable { seen.push_back(++count); })
        .otherwise([&seen](const xso::element&) { seen.push_back(-1); });
    CHECK(registry.dispatch(*payload));
    xso::payload_registry<> copy = registry; // the handler's count (1) is copied
    CHECK(copy.dispatch(*payload));
    CHECK(copy.dispatch(*payload));
    CHECK(registry.dispatch(*payload));
    xso::payload_registry<> moved = std::move(copy);
    CHECK(moved.dispatch(*payload));
    CHECK(moved.dispatch(*xso::element::parse("<other xmlns='urn:example:o'/>")));
    CHECK(seen == std::vector<int>{1, 2, 3, 2, 4, -1});
}
