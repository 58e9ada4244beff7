// The sans-I/O client against recorded stanzas: requests it builds, replies it matches
// (by id and by sender), typed results and typed errors, and notifications it dispatches.
// The replies are Prosody 0.12's, from tests/fixtures/prosody/, with their ids rewritten
// to the ids our client chose.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include <xso/pubsub/client.hpp>

#include "../support/files.hpp"

namespace {

namespace ps = xso::pubsub;
using xso::jid;

const jid service("pubsub.localhost");

// A recorded reply, with the id the client gave its request instead of the recorded one.
std::string reply_to(const std::string& fixture, const std::string& id)
{
    std::string bytes = xso_test::fixture("prosody/" + fixture);
    auto iq = xso::parse<xso::stanza::Iq>(bytes);
    REQUIRE_MESSAGE(iq, fixture << ": " << iq.error().message());
    iq->id = id;
    auto out = xso::serialize(*iq);
    REQUIRE(out);
    return *out;
}

ps::client make_client() { return ps::client(jid("user1@localhost/probe"), ps::client::options{"t-", "jabber:client"}); }

} // namespace

TEST_CASE("client: ids are fresh and requests are what XEP-0060 says")
{
    auto c = make_client();
    auto a = c.subscribe(service, "princely_musings");
    auto b = c.subscribe(service, "princely_musings");
    CHECK(a.id == "t-1");
    CHECK(b.id == "t-2");
    CHECK(a.bytes == "<iq type='set' id='t-1' to='pubsub.localhost'><pubsub xmlns='http://jabber.org/protocol/pubsub'>"
                     "<subscribe jid='user1@localhost' node='princely_musings'/></pubsub></iq>");
    CHECK(c.pending() == 2);

    // PEP: no `to`.
    auto pep = c.get_items(std::nullopt, "urn:xmpp:microblog:0", {}, 5);
    CHECK(pep.bytes == "<iq type='get' id='t-3'><pubsub xmlns='http://jabber.org/protocol/pubsub'>"
                       "<items max_items='5' node='urn:xmpp:microblog:0'/></pubsub></iq>");

    // Random prefixes by default: two clients do not collide.
    ps::client x(jid("a@b/c")), y(jid("a@b/c"));
    CHECK(x.subscribe(service, "n").id != y.subscribe(service, "n").id);
}

TEST_CASE("client: a subscribe result completes the request with the typed subscription")
{
    auto c = make_client();
    std::optional<ps::reply<std::optional<ps::Subscription>>> got;
    auto out = c.subscribe(service, "princely_musings", [&](auto r) { got = std::move(r); });
    auto rec = c.receive(reply_to("08-subscribe-result.xml", out.id));
    CHECK(rec.status == ps::client::receive_status::response);
    CHECK(rec.id == out.id);
    REQUIRE(got);
    REQUIRE(*got);
    REQUIRE(got->value());
    CHECK(got->value()->subscription == ps::SubscriptionState::subscribed);
    CHECK(c.pending() == 0);
}

TEST_CASE("client: replies are matched by id and by sender")
{
    auto c = make_client();
    int calls = 0;
    auto out = c.purge(service, "princely_musings", [&](ps::reply<ps::done> r) {
        ++calls;
        CHECK(r);
    });
    // Unknown id: not ours.
    auto unknown = c.receive("<iq type='result' id='other' from='pubsub.localhost'/>");
    CHECK(unknown.status == ps::client::receive_status::unmatched);
    // Right id, wrong sender: rejected, the request stays pending.
    auto spoofed = c.receive("<iq type='result' id='" + out.id + "' from='evil.example'/>");
    CHECK(spoofed.status == ps::client::receive_status::wrong_sender);
    CHECK(c.is_pending(out.id));
    CHECK(calls == 0);
    // The real reply.
    auto ok = c.receive("<iq type='result' id='" + out.id + "' from='pubsub.localhost' to='user1@localhost/probe'/>");
    CHECK(ok.status == ps::client::receive_status::response);
    CHECK(calls == 1);
    // A second reply with the same id is no longer ours.
    CHECK(c.receive("<iq type='result' id='" + out.id + "' from='pubsub.localhost'/>").status ==
          ps::client::receive_status::unmatched);
}

TEST_CASE("client: PEP replies without from come from the account's bare JID")
{
    auto c = make_client();
    bool ok = false;
    auto out = c.delete_node(std::nullopt, "urn:xmpp:microblog:0", [&](ps::reply<ps::done> r) { ok = bool(r); });
    CHECK(c.receive("<iq type='result' id='" + out.id + "'/>").status == ps::client::receive_status::response);
    CHECK(ok);
    auto out2 = c.purge(std::nullopt, "n");
    CHECK(c.receive("<iq type='result' id='" + out2.id + "' from='user1@localhost'/>").status ==
          ps::client::receive_status::response);
    auto out3 = c.purge(std::nullopt, "n");
    CHECK(c.receive("<iq type='result' id='" + out3.id + "' from='user2@localhost'/>").status ==
          ps::client::receive_status::wrong_sender);
}

TEST_CASE("client: errors come back typed, with the PubSub application condition")
{
    auto c = make_client();
    std::optional<ps::reply<std::vector<std::string>>> got;
    auto entry = xso::element::parse("<entry xmlns='http://www.w3.org/2005/Atom'><title>x</title></entry>");
    REQUIRE(entry);
    auto out = c.publish(service, "princely_musings", *entry, std::string("item1"), [&](auto r) { got = std::move(r); });
    c.receive(reply_to("11-publish-options-mismatch-error.xml", out.id));
    REQUIRE(got);
    CHECK_FALSE(*got);
    REQUIRE(got->stanza_error());
    CHECK(got->condition() == xso::stanza::DefinedCondition::conflict);
    CHECK(got->pubsub_condition() == ps::errors::Condition::precondition_not_met);
    CHECK(got->describe() == "conflict/precondition-not-met: Field does not match: access_model");
}

TEST_CASE("client: cancel ends a pending request with a local error")
{
    auto c = make_client();
    std::optional<ps::reply<ps::items_page>> got;
    auto out = c.get_items(service, "n", [&](auto r) { got = std::move(r); });
    CHECK(c.cancel(out.id));
    REQUIRE(got);
    REQUIRE(got->local_error());
    CHECK(got->local_error()->code == xso::errc::no_match);
    CHECK_FALSE(c.cancel(out.id));
    CHECK(c.receive("<iq type='result' id='" + out.id + "' from='pubsub.localhost'/>").status ==
          ps::client::receive_status::unmatched);
}

TEST_CASE("client: an invalid request is never sent")
{
    auto c = make_client();
    std::optional<ps::reply<ps::done>> got;
    auto out = c.purge(service, "", [&](auto r) { got = std::move(r); }); // empty required node
    CHECK(out.bytes.empty());
    CHECK(out.id.empty());
    REQUIRE(got);
    REQUIRE(got->local_error());
    CHECK(got->local_error()->origin == xso::origin::local);
    CHECK(c.pending() == 0);
}

TEST_CASE("client: notifications are dispatched, one call per item")
{
    auto c = make_client();
    std::vector<std::string> published;
    c.handlers.on_item_published = [&](const ps::item_published& e) {
        CHECK(e.context.service == jid("pubsub.localhost"));
        published.push_back(e.node + "/" + e.item.id.value_or(""));
    };
    auto rec = c.receive(xso_test::fixture("prosody/09-publish-event-user2.xml"));
    CHECK(rec.status == ps::client::receive_status::notification);
    CHECK(rec.events == 1);
    REQUIRE(published.size() == 1);

    std::vector<std::string> retracted;
    c.handlers.on_item_retracted = [&](const ps::item_retracted& e) { retracted.push_back(e.id); };
    CHECK(c.receive(xso_test::fixture("prosody/16-retract-notify-event-user2.xml")).events == 1);
    CHECK(retracted.size() == 1);

    int purged = 0;
    c.handlers.on_node_purged = [&](const ps::node_purged& e) {
        ++purged;
        CHECK(e.node == "princely_musings");
    };
    CHECK(c.receive(xso_test::fixture("prosody/32-purge-event-user2.xml")).status == ps::client::receive_status::notification);
    CHECK(purged == 1);

    // A chat message is not a notification and is left alone.
    auto chat = c.receive("<message type='chat' from='romeo@montague.lit/orchard' to='user1@localhost'><body>hi</body></message>");
    CHECK(chat.status == ps::client::receive_status::not_pubsub);
}

TEST_CASE("client: get_all_items walks the RSM pages")
{
    auto c = make_client();
    std::vector<ps::outgoing> sent;
    std::optional<ps::reply<std::vector<ps::Item>>> all;
    auto first = c.get_all_items(service, "n", 2, [&](const ps::outgoing& o) { sent.push_back(o); },
                                 [&](auto r) { all = std::move(r); });
    CHECK(first.bytes.find("<set xmlns='http://jabber.org/protocol/rsm'><max>2</max></set>") != std::string::npos);
    auto page = [&](const std::string& id, const std::string& items, const std::string& set) {
        return "<iq type='result' id='" + id + "' from='pubsub.localhost'><pubsub xmlns='http://jabber.org/protocol/pubsub'>"
               "<items node='n'>" + items + "</items><set xmlns='http://jabber.org/protocol/rsm'>" + set + "</set></pubsub></iq>";
    };
    c.receive(page(first.id, "<item id='1'/><item id='2'/>", "<first index='0'>1</first><last>2</last><count>3</count>"));
    REQUIRE(sent.size() == 1);
    CHECK(sent[0].bytes.find("<after>2</after>") != std::string::npos);
    CHECK_FALSE(all);
    c.receive(page(sent[0].id, "<item id='3'/>", "<first index='2'>3</first><last>3</last><count>3</count>"));
    REQUIRE(all);
    REQUIRE(*all);
    REQUIRE(all->value().size() == 3);
    CHECK(all->value()[2].id == std::optional<std::string>("3"));
    CHECK(sent.size() == 1);
}

TEST_CASE("client: get_all_items ends at once when the service does not page")
{
    auto c = make_client();
    std::optional<ps::reply<std::vector<ps::Item>>> all;
    auto first = c.get_all_items(service, "princely_musings", 10, {}, [&](auto r) { all = std::move(r); });
    c.receive(reply_to("13-items-result.xml", first.id));
    REQUIRE(all);
    REQUIRE(*all);
    CHECK_FALSE(all->value().empty());
}

namespace {
// The first stanza of a multi-stanza XEP example.
std::string first_stanza(const std::string& fixture)
{
    auto all = xso::parse_sequence<xso::element>(xso_test::fixture(fixture));
    REQUIRE(all);
    auto bytes = xso::serialize(all->front());
    REQUIRE(bytes);
    return *bytes;
}
} // namespace

TEST_CASE("client: the other notification kinds (XEP-0060 examples)")
{
    auto c = make_client();
    std::optional<std::string> redirect;
    c.handlers.on_node_deleted = [&](const ps::node_deleted& e) {
        CHECK(e.node == "princely_musings");
        redirect = e.redirect_uri;
    };
    CHECK(c.receive(first_stanza("xep0060/160.xml")).events == 1); // §8.4.2
    CHECK(redirect == std::optional<std::string>("xmpp:hamlet@denmark.lit?;node=blog"));

    std::optional<ps::SubscriptionState> state;
    c.handlers.on_subscription_changed = [&](const ps::subscription_changed& e) {
        CHECK(e.subscriber == jid("horatio@denmark.lit"));
        state = e.state;
    };
    CHECK(c.receive(first_stanza("xep0060/172.xml")).events == 1); // §8.6 approval
    CHECK(state == ps::SubscriptionState::subscribed);

    std::optional<ps::SubscribeAuthorizationForm> request;
    c.handlers.on_authorization_requested = [&](const ps::authorization_requested& e) { request = e.request; };
    CHECK(c.receive(first_stanza("xep0060/170.xml")).status == ps::client::receive_status::notification);
    REQUIRE(request);
    CHECK(request->subid == std::optional<std::string>("123-abc"));
    CHECK(request->node == std::optional<std::string>("princely_musings"));
    CHECK(request->subscriber_jid == std::optional<jid>(jid("horatio@denmark.lit")));

    bool configured = false;
    c.handlers.on_node_configured = [&](const ps::node_configured& e) {
        configured = true;
        CHECK(e.form != nullptr); // §8.2.5.3 sends the new configuration
        REQUIRE(e.config);
        CHECK(e.config->title == std::optional<std::string>("Princely Musings (Atom)"));
    };
    CHECK(c.receive(first_stanza("xep0060/151.xml")).events == 1);
    CHECK(configured);

    // SHIM SubID header next to the event (§12.16).
    std::vector<std::string> header_subids;
    c.handlers.on_item_published = [&](const ps::item_published& e) { header_subids = e.context.subids; };
    CHECK(c.receive(first_stanza("xep0060/104.xml")).events == 1);
    CHECK(header_subids == std::vector<std::string>{"123-abc", "004-yyy"});

    // Affiliation change in the generic namespace (§8.9.4, with the element name spelled right).
    std::optional<ps::Affiliation> affiliation;
    c.handlers.on_affiliation_changed = [&](const ps::affiliation_changed& e) {
        CHECK(e.node == std::optional<std::string>("princely_musings"));
        CHECK(e.entity == std::optional<jid>(jid("polonius@denmark.lit")));
        affiliation = e.affiliation;
    };
    CHECK(c.receive("<message from='pubsub.shakespeare.lit' to='polonius@denmark.lit'>"
                    "<pubsub xmlns='http://jabber.org/protocol/pubsub'><affiliations node='princely_musings'>"
                    "<affiliation jid='polonius@denmark.lit' affiliation='none'/></affiliations></pubsub></message>")
              .events == 1);
    CHECK(affiliation == ps::Affiliation::none);

    // Collections (XEP-0248 events kept by XEP-0060's schema).
    bool associated = false;
    c.handlers.on_collection_changed = [&](const ps::collection_changed& e) {
        CHECK(e.node == "blogs/new");
        associated = e.associated;
    };
    CHECK(c.receive("<message from='pubsub.shakespeare.lit' to='polonius@denmark.lit'>"
                    "<event xmlns='http://jabber.org/protocol/pubsub#event'><collection node='blogs'>"
                    "<associate node='blogs/new'/></collection></event></message>")
              .events == 1);
    CHECK(associated);
}

TEST_CASE("client: answering an authorization request")
{
    auto c = make_client();
    ps::SubscribeAuthorizationForm answer;
    answer.node = "princely_musings";
    answer.subscriber_jid = jid("horatio@denmark.lit");
    answer.allow = true;
    auto m = c.answer_authorization(jid("pubsub.shakespeare.lit"), answer);
    REQUIRE(m);
    CHECK(m->bytes.rfind("<message to='pubsub.shakespeare.lit'><x xmlns='jabber:x:data' type='submit'>", 0) == 0);
    CHECK(m->bytes.find("<field var='pubsub#allow'><value>1</value></field>") != std::string::npos); // forms write booleans as 1/0
}

TEST_CASE("client: configuration methods are typed")
{
    auto c = make_client();
    std::optional<ps::reply<ps::NodeConfigForm>> got;
    auto out = c.get_node_config(service, "princely_musings", [&](auto r) { got = std::move(r); });
    c.receive(reply_to("18-configure-get-result.xml", out.id));
    REQUIRE(got);
    REQUIRE_MESSAGE(*got, got->describe());
    CHECK(got->value().access_model.has_value());

    // Change two fields and submit: FORM_TYPE plus what is set.
    ps::NodeConfigForm change;
    change.max_items = xso::forms::or_keyword<std::uint64_t>(std::uint64_t(10));
    change.access_model = ps::AccessModel::whitelist;
    auto set = c.set_node_config(service, "princely_musings", change);
    CHECK(set.bytes.find("<field var='pubsub#access_model'><value>whitelist</value></field>") != std::string::npos);
    CHECK(set.bytes.find("<field var='pubsub#max_items'><value>10</value></field>") != std::string::npos);
    CHECK(set.bytes.find("pubsub#title") == std::string::npos);

    // Publish with publish-options, refused with precondition-not-met.
    ps::PublishOptionsForm po;
    po.access_model = ps::AccessModel::presence;
    auto entry = xso::element::parse("<entry xmlns='http://www.w3.org/2005/Atom'/>");
    REQUIRE(entry);
    std::optional<ps::reply<std::vector<std::string>>> published;
    auto pub = c.publish(service, "princely_musings", *entry, std::nullopt, [&](auto r) { published = std::move(r); }, po);
    CHECK(pub.bytes.find("<publish-options><x xmlns='jabber:x:data' type='submit'>") != std::string::npos);
    c.receive(reply_to("11-publish-options-mismatch-error.xml", pub.id));
    REQUIRE(published);
    CHECK(published->pubsub_condition() == ps::errors::Condition::precondition_not_met);
}
