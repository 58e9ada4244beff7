// The three flows of examples/libstrophe/flows.hpp (quoted by README.md), run against
// recorded Prosody 0.12 replies instead of a server: the requests they send, the replies
// and notifications they handle, what they report. Also checks that README.md quotes them
// as they are. scripts/test.d/60-prosody-live.sh runs the same flows against a live Prosody.
#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "../../examples/libstrophe/flows.hpp"
#include "../support/files.hpp"

namespace {

namespace ps = xso::pubsub;
using xso::jid;

const jid localhost_service("pubsub.localhost");

// A recorded reply, with the id the client gave its request.
std::string recorded_reply(const std::string& fixture, const std::string& id)
{
    auto iq = xso::parse<xso::stanza::Iq>(xso_test::fixture("prosody/" + fixture));
    REQUIRE_MESSAGE(iq, fixture);
    iq->id = id;
    auto bytes = xso::serialize(*iq);
    REQUIRE(bytes);
    return *bytes;
}

// What a flow sent and logged.
struct harness {
    std::vector<xso::stanza::Iq> sent;
    std::vector<std::string> log;
    std::optional<bool> done;

    flows::send_fn send()
    {
        return [this](const std::string& bytes) {
            auto iq = xso::parse<xso::stanza::Iq>(bytes);
            REQUIRE_MESSAGE(iq, bytes);
            sent.push_back(*iq);
        };
    }
    flows::log_fn logger()
    {
        return [this](const std::string& line) { log.push_back(line); };
    }
    flows::done_fn finished()
    {
        return [this](bool ok) { done = ok; };
    }
};

const xso::xdata::Form* form_in(const xso::stanza::Iq& iq)
{
    if (const auto* p = std::get_if<ps::Pubsub>(&*iq.payload)) {
        if (p->publish_options && p->publish_options->form) return &*p->publish_options->form;
        return nullptr;
    }
    if (const auto* o = std::get_if<ps::owner::Pubsub>(&*iq.payload))
        if (const auto* c = std::get_if<ps::owner::Configure>(&o->payload))
            if (c->form) return &*c->form;
    return nullptr;
}

std::optional<std::string> value_of(const xso::xdata::Form* f, const std::string& var)
{
    if (!f) return std::nullopt;
    for (const auto& field : f->field)
        if (field.var == var && !field.value.empty()) return field.value.front();
    return std::nullopt;
}

ps::Item entry_item(const std::string& id)
{
    auto e = xso::element::parse("<entry xmlns='http://www.w3.org/2005/Atom'><title>Second</title></entry>");
    REQUIRE(e);
    ps::Item i;
    i.id = id;
    i.payload = *e;
    return i;
}

} // namespace

TEST_CASE("flows: follow a node (subscribe, then notifications)")
{
    ps::client c(jid("user2@localhost/probe"), ps::client::options{"f-", "jabber:client"});
    harness h;
    flows::follow(c, h.send(), localhost_service, "princely_musings", h.logger(), h.finished());
    REQUIRE(h.sent.size() == 1);
    const auto* p = std::get_if<ps::Pubsub>(&*h.sent[0].payload);
    REQUIRE(p);
    REQUIRE(p->subscribe);
    CHECK(p->subscribe->jid == jid("user2@localhost"));
    CHECK_FALSE(h.done);

    c.receive(recorded_reply("08-subscribe-result.xml", h.sent[0].id));
    CHECK(h.done == std::optional<bool>(true));
    for (const char* event : {"09-publish-event-user2.xml", "16-retract-notify-event-user2.xml",
                              "32-purge-event-user2.xml", "43-delete-event-user2.xml"})
        CHECK(c.receive(xso_test::fixture(std::string("prosody/") + event)).status ==
              ps::client::receive_status::notification);
    CHECK(h.log == std::vector<std::string>{
                       "subscribed to princely_musings", "published princely_musings/item-1 (entry)",
                       "retracted princely_musings/item-1", "purged princely_musings", "deleted princely_musings"});

    // Refused: the flow reports it and ends.
    ps::client other(jid("user2@localhost/probe"), ps::client::options{"g-", "jabber:client"});
    harness refused;
    flows::follow(other, refused.send(), localhost_service, "princely_musings", refused.logger(), refused.finished());
    other.receive("<iq type='error' id='" + refused.sent[0].id +
                  "' from='pubsub.localhost'><error type='auth'>"
                  "<forbidden xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>");
    CHECK(refused.done == std::optional<bool>(false));
    CHECK(refused.log == std::vector<std::string>{"subscribing to princely_musings failed: forbidden"});
}

TEST_CASE("flows: publish with publish-options, precondition-not-met, reconfigure, publish again")
{
    ps::client c(jid("user1@localhost/probe"), ps::client::options{"p-", "jabber:client"});
    harness h;
    flows::publish_open(c, h.send(), localhost_service, "princely_musings", entry_item("item-2"), h.logger(), h.finished());
    REQUIRE(h.sent.size() == 1);
    CHECK(value_of(form_in(h.sent[0]), "FORM_TYPE") ==
          std::optional<std::string>("http://jabber.org/protocol/pubsub#publish-options"));
    CHECK(value_of(form_in(h.sent[0]), "pubsub#access_model") == std::optional<std::string>("open"));

    // Prosody: conflict / precondition-not-met. The flow opens the node ...
    c.receive(recorded_reply("11-publish-options-mismatch-error.xml", h.sent[0].id));
    REQUIRE(h.sent.size() == 2);
    CHECK(value_of(form_in(h.sent[1]), "FORM_TYPE") ==
          std::optional<std::string>("http://jabber.org/protocol/pubsub#node_config"));
    CHECK(value_of(form_in(h.sent[1]), "pubsub#access_model") == std::optional<std::string>("open"));
    CHECK_FALSE(h.done);
    // ... and publishes again once that succeeded.
    c.receive(recorded_reply("19-configure-set-result.xml", h.sent[1].id));
    REQUIRE(h.sent.size() == 3);
    CHECK(value_of(form_in(h.sent[2]), "pubsub#access_model") == std::optional<std::string>("open"));
    c.receive(recorded_reply("10-publish-options-result.xml", h.sent[2].id));
    CHECK(h.done == std::optional<bool>(true));
    CHECK(h.log == std::vector<std::string>{
                       "precondition not met (conflict/precondition-not-met: Field does not match: access_model): "
                       "opening princely_musings",
                       "published item-2 to princely_musings"});

    // The precondition fails again after the change: no endless loop.
    harness twice;
    flows::publish_open(c, twice.send(), localhost_service, "princely_musings", entry_item("item-2"), twice.logger(),
                        twice.finished());
    c.receive(recorded_reply("11-publish-options-mismatch-error.xml", twice.sent[0].id));
    c.receive(recorded_reply("19-configure-set-result.xml", twice.sent[1].id));
    c.receive(recorded_reply("11-publish-options-mismatch-error.xml", twice.sent[2].id));
    CHECK(twice.sent.size() == 3);
    CHECK(twice.done == std::optional<bool>(false));

    // Any other error ends the flow at once.
    harness missing;
    flows::publish_open(c, missing.send(), localhost_service, "princely_musings", entry_item("x"), missing.logger(),
                        missing.finished());
    c.receive("<iq type='error' id='" + missing.sent[0].id +
              "' from='pubsub.localhost'><error type='cancel'>"
              "<item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>");
    CHECK(missing.sent.size() == 1);
    CHECK(missing.done == std::optional<bool>(false));
    CHECK(missing.log == std::vector<std::string>{"publish failed: item-not-found"});
}

TEST_CASE("flows: configure a node with the typed NodeConfigForm")
{
    ps::client c(jid("user1@localhost/probe"), ps::client::options{"c-", "jabber:client"});
    harness h;
    flows::configure(c, h.send(), localhost_service, "princely_musings", "Renamed", 25, h.logger(), h.finished());
    REQUIRE(h.sent.size() == 1);
    CHECK(h.sent[0].type == xso::stanza::IqType::get);

    c.receive(recorded_reply("18-configure-get-result.xml", h.sent[0].id));
    REQUIRE(h.sent.size() == 2);
    const auto* form = form_in(h.sent[1]);
    REQUIRE(form);
    CHECK(form->type == xso::xdata::FormType::submit);
    CHECK(value_of(form, "pubsub#title") == std::optional<std::string>("Renamed"));
    CHECK(value_of(form, "pubsub#max_items") == std::optional<std::string>("25"));
    CHECK((value_of(form, "pubsub#notify_retract") == std::optional<std::string>("1") ||
           value_of(form, "pubsub#notify_retract") == std::optional<std::string>("true")));
    // What the service sent and the flow did not change goes back as it was.
    CHECK(value_of(form, "pubsub#access_model") == std::optional<std::string>("open"));

    c.receive(recorded_reply("19-configure-set-result.xml", h.sent[1].id));
    CHECK(h.done == std::optional<bool>(true));
    REQUIRE(h.log.size() == 2);
    CHECK(h.log[0] == "title was 'Princely Musings (Atom)', access model open");
    CHECK(h.log[1] == "configured princely_musings");
}

TEST_CASE("flows: README.md quotes flows.hpp as it is")
{
    std::string readme = xso_test::read_file(std::filesystem::path(XSO_SOURCE_DIR) / "README.md");
    std::string code = xso_test::read_file(std::filesystem::path(XSO_SOURCE_DIR) / "examples/libstrophe/flows.hpp");
    for (std::string name : {"subscribe", "publish", "configure"}) {
        CAPTURE(name);
        auto b = code.find("// README: " + name + " begin\n");
        REQUIRE(b != std::string::npos);
        b = code.find('\n', b) + 1;
        auto e = code.find("// README: end", b);
        REQUIRE(e != std::string::npos);
        std::string region = code.substr(b, e - b);

        std::string marker = "<!-- code: examples/libstrophe/flows.hpp (" + name + ") -->\n```cpp\n";
        auto rb = readme.find(marker);
        REQUIRE_MESSAGE(rb != std::string::npos, "README.md has no block for " << name);
        rb += marker.size();
        auto re = readme.find("```\n<!-- end code -->", rb);
        REQUIRE(re != std::string::npos);
        CHECK(readme.substr(rb, re - rb) == region);
    }
}
