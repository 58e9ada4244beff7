// What the live Prosody test (tests/live/) cannot exercise because Prosody 0.12 lacks it,
// against XEP-0060 examples instead: the requests the client builds must be the examples'
// requests (same typed payload), and the examples' replies must decode. The notification
// kinds Prosody never sends (configuration, subscription, affiliation, delete with redirect,
// collections, authorization) are in client.cpp.
#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <vector>

#include <xso/pubsub/client.hpp>

#include "../support/files.hpp"

namespace {

namespace ps = xso::pubsub;
using xso::jid;

const jid example_service("pubsub.shakespeare.lit");

ps::client make_example_client()
{
    return ps::client(jid("francisco@denmark.lit/barracks"), ps::client::options{"b-", "jabber:client"});
}

xso::stanza::Iq example_iq(const std::string& file)
{
    auto iq = xso::parse<xso::stanza::Iq>(xso_test::fixture("xep0060/" + file));
    REQUIRE_MESSAGE(iq, file << ": " << iq.error().message());
    return *iq;
}

// The example's reply, addressed to our request.
std::string example_reply(const std::string& file, const std::string& id)
{
    auto iq = example_iq(file);
    iq.id = id;
    auto bytes = xso::serialize(iq);
    REQUIRE(bytes);
    return *bytes;
}

// Our request carries the same payload as the example's request.
void same_request(const ps::outgoing& out, const std::string& example)
{
    REQUIRE_FALSE(out.bytes.empty());
    auto ours = xso::parse<xso::stanza::Iq>(out.bytes);
    REQUIRE(ours);
    auto theirs = example_iq(example);
    CHECK(ours->type == theirs.type);
    CHECK(ours->to == theirs.to);
    REQUIRE(ours->payload);
    REQUIRE(theirs.payload);
    CHECK_MESSAGE(*ours->payload == *theirs.payload, out.bytes);
}

} // namespace

TEST_CASE("client beyond Prosody: own affiliations (XEP-0060 §5.7; Prosody: service-unavailable)")
{
    auto c = make_example_client();
    std::optional<ps::reply<std::vector<ps::AffiliationEntry>>> got;
    auto out = c.get_affiliations(example_service, [&](auto r) { got = std::move(r); });
    same_request(out, "022.xml");
    c.receive(example_reply("023.xml", out.id));
    REQUIRE(got);
    REQUIRE_MESSAGE(*got, got->describe());
    REQUIRE(got->value().size() == 4);
    CHECK(got->value()[0].node == std::optional<std::string>("node1"));
    CHECK(got->value()[0].affiliation == ps::Affiliation::owner);
    CHECK(got->value()[2].affiliation == ps::Affiliation::outcast);

    got.reset();
    auto none = c.get_affiliations(example_service, [&](auto r) { got = std::move(r); });
    c.receive(example_reply("024.xml", none.id));
    REQUIRE(got);
    REQUIRE(*got);
    CHECK(got->value().empty());

    // A service without the feature, as Prosody answers.
    got.reset();
    auto refused = c.get_affiliations(example_service, [&](auto r) { got = std::move(r); });
    c.receive("<iq type='error' id='" + refused.id +
              "' from='pubsub.shakespeare.lit'><error type='cancel'>"
              "<service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>");
    REQUIRE(got);
    CHECK(got->condition() == xso::stanza::DefinedCondition::service_unavailable);
}

TEST_CASE("client beyond Prosody: default subscription options (XEP-0060 §6.4; Prosody: service-unavailable)")
{
    auto c = make_example_client();
    std::optional<ps::reply<ps::SubscribeOptionsForm>> got;
    auto out = c.get_default_subscription_config(
        example_service, [&](auto r) { got = std::move(r); }, "princely_musings");
    same_request(out, "069.xml");
    same_request(c.get_default_subscription_config(example_service), "070.xml");
    c.receive(example_reply("071.xml", out.id));
    REQUIRE(got);
    REQUIRE_MESSAGE(*got, got->describe());
    CHECK(got->value().deliver == std::optional<bool>(true));
    CHECK(got->value().digest == std::optional<bool>(false));
    CHECK(got->value().include_body == std::optional<bool>(false));
    REQUIRE(got->value().show_values);
    CHECK(got->value().show_values->size() == 3);
}

TEST_CASE("client beyond Prosody: several items in one publish and one retract (Prosody uses the first)")
{
    auto c = make_example_client();
    auto a = xso::element::parse("<entry xmlns='http://www.w3.org/2005/Atom'><title>a</title></entry>");
    auto b = xso::element::parse("<entry xmlns='http://www.w3.org/2005/Atom'><title>b</title></entry>");
    REQUIRE(a);
    REQUIRE(b);
    std::vector<ps::Item> items(2);
    items[0].id = "one";
    items[0].payload = *a;
    items[1].id = "two";
    items[1].payload = *b;
    std::optional<ps::reply<std::vector<std::string>>> got;
    auto out = c.publish(example_service, "princely_musings", items, [&](auto r) { got = std::move(r); });
    auto request = xso::parse<xso::stanza::Iq>(out.bytes);
    REQUIRE(request);
    const auto* p = std::get_if<ps::Pubsub>(&*request->payload);
    REQUIRE(p);
    REQUIRE(p->publish);
    CHECK(p->publish->item.size() == 2);

    // A service that publishes both answers with both ids (XEP-0060 §7.1.2, multi-items).
    c.receive("<iq type='result' id='" + out.id +
              "' from='pubsub.shakespeare.lit'>"
              "<pubsub xmlns='http://jabber.org/protocol/pubsub'><publish node='princely_musings'>"
              "<item id='one'/><item id='two'/></publish></pubsub></iq>");
    REQUIRE(got);
    REQUIRE(*got);
    CHECK(got->value() == std::vector<std::string>{"one", "two"});

    // An empty result (no <publish/> echoed): the ids of the request.
    got.reset();
    auto again = c.publish(example_service, "princely_musings", items, [&](auto r) { got = std::move(r); });
    c.receive("<iq type='result' id='" + again.id + "' from='pubsub.shakespeare.lit'/>");
    REQUIRE(got);
    REQUIRE(*got);
    CHECK(got->value() == std::vector<std::string>{"one", "two"});

    auto retract = c.retract(example_service, "princely_musings", {"one", "two"}, {}, true);
    auto r = xso::parse<xso::stanza::Iq>(retract.bytes);
    REQUIRE(r);
    const auto* rp = std::get_if<ps::Pubsub>(&*r->payload);
    REQUIRE(rp);
    REQUIRE(rp->retract);
    CHECK(rp->retract->item.size() == 2);
    CHECK(rp->retract->notify == std::optional<bool>(true));
}

TEST_CASE("client beyond Prosody: notify publishes no item (Prosody answers bad-request 'invalid item')")
{
    auto c = make_example_client();
    std::optional<ps::reply<ps::done>> got;
    auto out = c.notify(example_service, "princely_musings", [&](auto r) { got = std::move(r); });
    CHECK(out.bytes == "<iq type='set' id='" + out.id +
                           "' to='pubsub.shakespeare.lit'><pubsub xmlns='http://jabber.org/protocol/pubsub'>"
                           "<publish node='princely_musings'/></pubsub></iq>");
    // Prosody 0.12.3's answer, as the live test receives it.
    c.receive("<iq type='error' id='" + out.id +
              "' from='pubsub.shakespeare.lit'><error type='modify'>"
              "<bad-request xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>"
              "<text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>invalid item</text></error></iq>");
    REQUIRE(got);
    CHECK(got->describe() == "bad-request: invalid item");
}
