// The owner family (XEP-0060 §8): node creation in the generic namespace (create,
// configure), and pubsub#owner, whose <pubsub> holds exactly one operation (a variant):
// configure, default, delete (with redirect), purge, subscriptions, affiliations.
#include <doctest/doctest.h>

#include <string>

#include <xso/pubsub.hpp>

#include "../support/family.hpp"

namespace {

using namespace xso_test::family_names;
namespace ow = xso::pubsub::owner;

// The operation an owner IQ carries, as alternative Op.
template <class Op>
const Op& owner_op(const st::Iq& iq)
{
    const ow::Pubsub& p = payload_of<ow::Pubsub>(iq);
    const Op* op = std::get_if<Op>(&p.payload);
    REQUIRE_MESSAGE(op, "the owner pubsub holds another operation");
    return *op;
}

std::string in_owner(const std::string& type, const std::string& body)
{
    return "<iq type='" + type + "' id='x'><pubsub xmlns='http://jabber.org/protocol/pubsub#owner'>" + body + "</pubsub></iq>";
}

st::Iq owner_iq(st::IqType type, const std::string& id, ow::Pubsub payload)
{
    st::Iq iq;
    iq.type = type;
    iq.id = id;
    iq.to = xso::jid("pubsub.shakespeare.lit");
    iq.payload = std::move(payload);
    return iq;
}

} // namespace

TEST_CASE("owner: XEP-0060 examples round-trip and read as typed values")
{
    // §8.1 in the generic namespace: Ex. 125 create, Ex. 131/132 instant node and its id,
    // Ex. 134 create with configuration.
    CHECK(payload_of<ps::Pubsub>(fixture_stanza<st::Iq>("xep0060/125.xml")).create->node == "princely_musings");
    st::Iq instant = fixture_stanza<st::Iq>("xep0060/131.xml");
    REQUIRE(payload_of<ps::Pubsub>(instant).create);
    CHECK_FALSE(payload_of<ps::Pubsub>(instant).create->node);
    CHECK(payload_of<ps::Pubsub>(fixture_stanza<st::Iq>("xep0060/132.xml")).create->node ==
          "25e3d37dabbab9541f7523321421edc5bfeb2dae");
    st::Iq configured = fixture_stanza<st::Iq>("xep0060/134.xml");
    const ps::Pubsub& c = payload_of<ps::Pubsub>(configured);
    REQUIRE(c.configure);
    CHECK_FALSE(c.configure->node);
    CHECK(c.configure->form->field[1].value == std::vector<std::string>{"whitelist"});

    // Ex. 139-140 (§8.2.1, §8.2.2): the configuration form; Ex. 146, 147: submit, cancel.
    CHECK(owner_op<ow::Configure>(fixture_stanza<st::Iq>("xep0060/139.xml")).node == "princely_musings");
    const ow::Configure form = owner_op<ow::Configure>(fixture_stanza<st::Iq>("xep0060/140.xml"));
    REQUIRE(form.form);
    CHECK(form.form->type == xso::xdata::FormType::form);
    CHECK(form.form->field.size() > 20);
    CHECK(owner_op<ow::Configure>(fixture_stanza<st::Iq>("xep0060/146.xml")).form->type == xso::xdata::FormType::submit);
    st::Iq cancel = fixture_stanza<st::Iq>("xep0060/147.xml");
    CHECK(owner_op<ow::Configure>(cancel).form->type == xso::xdata::FormType::cancel);
    CHECK(owner_op<ow::Configure>(cancel).form->field.empty());

    // Ex. 152-154 (§8.3): default configuration, of a leaf or of a collection.
    CHECK_FALSE(owner_op<ow::Default>(fixture_stanza<st::Iq>("xep0060/152.xml")).type);
    CHECK(owner_op<ow::Default>(fixture_stanza<st::Iq>("xep0060/153.xml")).type == ow::NodeType::collection);
    CHECK(owner_op<ow::Default>(fixture_stanza<st::Iq>("xep0060/154.xml")).form);

    // Ex. 157, 158 (§8.4.1): delete, with a redirect.
    CHECK_FALSE(owner_op<ow::Delete>(fixture_stanza<st::Iq>("xep0060/157.xml")).redirect);
    const ow::Delete del = owner_op<ow::Delete>(fixture_stanza<st::Iq>("xep0060/158.xml"));
    CHECK(del.node == "princely_musings");
    REQUIRE(del.redirect);
    CHECK(del.redirect->uri == "xmpp:hamlet@denmark.lit?;node=blog");

    // Ex. 163 (§8.5.1): purge.
    CHECK(owner_op<ow::Purge>(fixture_stanza<st::Iq>("xep0060/163.xml")).node == "princely_musings");

    // Ex. 184, 185, 189, 194, 195 (§8.8): subscriptions of a node.
    CHECK(owner_op<ow::Subscriptions>(fixture_stanza<st::Iq>("xep0060/184.xml")).subscription.empty());
    const ow::Subscriptions subs = owner_op<ow::Subscriptions>(fixture_stanza<st::Iq>("xep0060/185.xml"));
    REQUIRE(subs.subscription.size() == 4);
    CHECK(subs.subscription[1].jid == xso::jid("polonius@denmark.lit"));
    CHECK(subs.subscription[1].subscription == ps::SubscriptionState::unconfigured);
    CHECK(subs.subscription[3].subid == "004-yyy");
    CHECK(owner_op<ow::Subscriptions>(fixture_stanza<st::Iq>("xep0060/189.xml")).subscription.size() == 1);
    CHECK(owner_op<ow::Subscriptions>(fixture_stanza<st::Iq>("xep0060/194.xml")).subscription.size() == 2);
    st::Iq refused = fixture_stanza<st::Iq>("xep0060/195.xml");
    CHECK(refused.type == st::IqType::error);
    REQUIRE(refused.error);
    CHECK(refused.error->condition.condition == st::DefinedCondition::not_acceptable);
    CHECK(owner_op<ow::Subscriptions>(refused).subscription[0].jid == xso::jid("polonius@denmark.lit"));

    // Ex. 197, 198, 202, 208, 209 (§8.9): affiliations of a node.
    const ow::Affiliations affs = owner_op<ow::Affiliations>(fixture_stanza<st::Iq>("xep0060/198.xml"));
    REQUIRE(affs.affiliation.size() == 2);
    CHECK(affs.affiliation[0].affiliation == ps::Affiliation::owner);
    CHECK(affs.affiliation[1].affiliation == ps::Affiliation::outcast);
    CHECK(owner_op<ow::Affiliations>(fixture_stanza<st::Iq>("xep0060/202.xml")).affiliation[0].affiliation ==
          ps::Affiliation::publisher);
    const ow::Affiliations multi = owner_op<ow::Affiliations>(fixture_stanza<st::Iq>("xep0060/208.xml"));
    REQUIRE(multi.affiliation.size() == 3);
    CHECK(multi.affiliation[1].affiliation == ps::Affiliation::none);
    CHECK(multi.affiliation[2].jid == xso::jid("bard@shakespeare.lit"));
    CHECK(fixture_stanza<st::Iq>("xep0060/209.xml").error);

    // Prosody 0.12: subscriptions without node on the list, but on each subscription.
    const ow::Subscriptions prosody = owner_op<ow::Subscriptions>(fixture_stanza<st::Iq>("prosody/26-subscriptions-owner-get-result.xml"));
    CHECK_FALSE(prosody.node);
    CHECK(prosody.subscription[0].node == "princely_musings");
    CHECK(owner_op<ow::Affiliations>(fixture_stanza<st::Iq>("prosody/23-affiliations-owner-set-request.xml")).affiliation[0].jid ==
          xso::jid("user2@localhost"));
    CHECK(payload_of<ps::Pubsub>(fixture_stanza<st::Iq>("prosody/05-create-instant-result.xml")).create->node ==
          "6298b556-3881-418e-9c56-7ddd3972a423");
}

TEST_CASE("owner: exact output for canonical examples")
{
    // Ex. 158: delete with redirect.
    CHECK(serialized(fixture_stanza<st::Iq>("xep0060/158.xml")) ==
          "<iq xmlns='jabber:client' type='set' id='delete1' from='hamlet@denmark.lit/elsinore' to='pubsub.shakespeare.lit'>"
          "<pubsub xmlns='http://jabber.org/protocol/pubsub#owner'><delete node='princely_musings'>"
          "<redirect uri='xmpp:hamlet@denmark.lit?;node=blog'/></delete></pubsub></iq>");
    // Ex. 198: affiliation before jid (schema order).
    CHECK(serialized(payload_of<ow::Pubsub>(fixture_stanza<st::Iq>("xep0060/198.xml"))) ==
          "<pubsub xmlns='http://jabber.org/protocol/pubsub#owner'><affiliations node='princely_musings'>"
          "<affiliation affiliation='owner' jid='hamlet@denmark.lit'/>"
          "<affiliation affiliation='outcast' jid='polonius@denmark.lit'/></affiliations></pubsub>");
    // Ex. 185: subscription, jid, then subid.
    CHECK(serialized(payload_of<ow::Pubsub>(fixture_stanza<st::Iq>("xep0060/185.xml"))) ==
          "<pubsub xmlns='http://jabber.org/protocol/pubsub#owner'><subscriptions node='princely_musings'>"
          "<subscription subscription='subscribed' jid='hamlet@denmark.lit'/>"
          "<subscription subscription='unconfigured' jid='polonius@denmark.lit'/>"
          "<subscription subscription='subscribed' jid='bernardo@denmark.lit' subid='123-abc'/>"
          "<subscription subscription='subscribed' jid='bernardo@denmark.lit' subid='004-yyy'/></subscriptions></pubsub>");
    // Ex. 195: the echoed request, then the error back in jabber:client.
    CHECK(serialized(fixture_stanza<st::Iq>("xep0060/195.xml")) ==
          "<iq xmlns='jabber:client' type='error' id='subman3' from='pubsub.shakespeare.lit' to='hamlet@denmark.lit/elsinore'>"
          "<pubsub xmlns='http://jabber.org/protocol/pubsub#owner'><subscriptions node='princely_musings'>"
          "<subscription subscription='subscribed' jid='polonius@denmark.lit'/></subscriptions></pubsub>"
          "<error type='modify'><not-acceptable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>");
    // Ex. 147, 153, 163
    CHECK(serialized(payload_of<ow::Pubsub>(fixture_stanza<st::Iq>("xep0060/147.xml"))) ==
          "<pubsub xmlns='http://jabber.org/protocol/pubsub#owner'><configure node='princely_musings'>"
          "<x xmlns='jabber:x:data' type='cancel'/></configure></pubsub>");
    CHECK(serialized(payload_of<ow::Pubsub>(fixture_stanza<st::Iq>("xep0060/153.xml"))) ==
          "<pubsub xmlns='http://jabber.org/protocol/pubsub#owner'><default type='collection'/></pubsub>");
    CHECK(serialized(payload_of<ow::Pubsub>(fixture_stanza<st::Iq>("xep0060/163.xml"))) ==
          "<pubsub xmlns='http://jabber.org/protocol/pubsub#owner'><purge node='princely_musings'/></pubsub>");
    // Ex. 131: an instant node.
    CHECK(serialized(payload_of<ps::Pubsub>(fixture_stanza<st::Iq>("xep0060/131.xml"))) ==
          "<pubsub xmlns='http://jabber.org/protocol/pubsub'><create/></pubsub>");
}

TEST_CASE("owner: requests built with the typed API")
{
    static_assert(xso::request_traits<ow::Delete>::iq == xso::iq_request_type::set);
    static_assert(std::is_same_v<xso::request_traits<ow::Delete>::response, void>);
    static_assert(std::is_same_v<xso::request_traits<ow::Affiliations>::container, ow::Pubsub>);
    static_assert(xso::request_traits<ps::Create>::response_optional);

    // Modify several affiliations at once (§8.9.2.4), removing one with 'none'.
    ow::Affiliations affs;
    affs.node = "princely_musings";
    affs.affiliation.push_back(ow::AffiliationEntry{ps::Affiliation::publisher, xso::jid("bard@shakespeare.lit"), {}});
    affs.affiliation.push_back(ow::AffiliationEntry{ps::Affiliation::none, xso::jid("polonius@denmark.lit"), {}});
    st::Iq iq = owner_iq(st::IqType::set, "ent3", ow::Pubsub{affs, {}});
    std::string out = serialized(iq);
    CHECK(out == "<iq xmlns='jabber:client' type='set' id='ent3' to='pubsub.shakespeare.lit'>"
                 "<pubsub xmlns='http://jabber.org/protocol/pubsub#owner'><affiliations node='princely_musings'>"
                 "<affiliation affiliation='publisher' jid='bard@shakespeare.lit'/>"
                 "<affiliation affiliation='none' jid='polonius@denmark.lit'/></affiliations></pubsub></iq>");
    CHECK(parsed<st::Iq>(out, xso_test::strict_options()) == iq);

    // Delete with redirect, then purge: the same IQ, another alternative.
    ow::Delete del;
    del.node = "princely_musings";
    del.redirect = ow::Redirect{"xmpp:hamlet@denmark.lit?;node=blog", {}};
    iq.payload = ow::Pubsub{del, {}};
    CHECK(serialized(iq).find("<delete node='princely_musings'><redirect uri='xmpp:hamlet@denmark.lit?;node=blog'/></delete>") !=
          std::string::npos);
    iq.payload = ow::Pubsub{ow::Purge{"princely_musings", {}}, {}};
    CHECK(serialized(payload_of<ow::Pubsub>(iq)) ==
          "<pubsub xmlns='http://jabber.org/protocol/pubsub#owner'><purge node='princely_musings'/></pubsub>");

    // Approve a subscription (§8.8.2).
    ow::Subscriptions subs;
    subs.node = "princely_musings";
    subs.subscription.push_back(ow::Subscription{ps::SubscriptionState::subscribed, xso::jid("bard@shakespeare.lit"),
                                                 std::string("123-abc"), std::nullopt, {}});
    CHECK(serialized(ow::Pubsub{subs, {}}) ==
          "<pubsub xmlns='http://jabber.org/protocol/pubsub#owner'><subscriptions node='princely_musings'>"
          "<subscription subscription='subscribed' jid='bard@shakespeare.lit' subid='123-abc'/></subscriptions></pubsub>");

    // Create and configure (generic namespace, §8.1.3).
    ps::Pubsub create;
    create.create = ps::Create{std::string("princely_musings"), {}};
    create.configure = ps::Configure{};
    CHECK(serialized(create) == "<pubsub xmlns='http://jabber.org/protocol/pubsub'><create node='princely_musings'/>"
                                "<configure/></pubsub>");
}

TEST_CASE("owner: negative cases name the code and the path")
{
    // Missing required attributes.
    const std::string no_node = in_owner("set", "<purge/>");
    xso::error e = expect_parse_error_at<st::Iq>(no_node, errc::missing_attribute, "iq/pubsub/purge/@node", "<purge");
    expect_parse_error<st::Iq>(in_owner("result", "<affiliations node='n'><affiliation jid='a@b'/></affiliations>"),
                               errc::missing_attribute, "iq/pubsub/affiliations/affiliation[1]/@affiliation");
    expect_parse_error<st::Iq>(in_owner("result",
                                        "<subscriptions node='n'><subscription jid='a@b' subscription='none'/>"
                                        "<subscription jid='c@d'/></subscriptions>"),
                               errc::missing_attribute, "iq/pubsub/subscriptions/subscription[2]/@subscription");
    expect_parse_error<st::Iq>(in_owner("set", "<delete node='n'><redirect/></delete>"), errc::missing_attribute,
                               "iq/pubsub/delete/redirect/@uri");

    // Bad enumeration values.
    const std::string bad_affiliation = in_owner("set", "<affiliations node='n'><affiliation jid='a@b' affiliation='admin'/></affiliations>");
    e = expect_parse_error_at<st::Iq>(bad_affiliation, errc::invalid_value,
                                      "iq/pubsub/affiliations/affiliation[1]/@affiliation", "affiliation='admin'");
    CHECK(e.detail.find("publish-only") != std::string::npos);
    expect_parse_error<st::Iq>(in_owner("get", "<default type='branch'/>"), errc::invalid_value,
                               "iq/pubsub/default/@type");

    // A bad URI, and a bad JID.
    expect_parse_error<st::Iq>(
        in_owner("set", "<delete node='n'><redirect uri='xmpp:hamlet@denmark.lit ?;node=blog'/></delete>"),
        errc::invalid_value, "iq/pubsub/delete/redirect/@uri");
    expect_parse_error<st::Iq>(
        in_owner("set", "<affiliations node='n'><affiliation jid='' affiliation='none'/></affiliations>"),
        errc::invalid_value, "iq/pubsub/affiliations/affiliation[1]/@jid");

    // Exactly one operation: none, or two.
    const std::string empty = in_owner("get", "");
    expect_parse_error_at<st::Iq>(empty, errc::missing_child, "iq/pubsub/payload", "<pubsub");
    const std::string two = in_owner("set", "<purge node='a'/><delete node='b'/>");
    expect_parse_error_at<st::Iq>(two, errc::duplicate_child, "iq/pubsub/delete", "<delete");

    // Wrong namespace: a generic-namespace operation in the owner <pubsub>, and an owner
    // operation in the generic one.
    const std::string generic_in_owner = in_owner("get", "<items node='n'/>");
    expect_parse_error<st::Iq>(generic_in_owner, errc::unknown_child, "iq/pubsub/items", xso_test::strict_options());
    e = parse_error<st::Iq>(generic_in_owner); // and nothing else there
    CHECK(e.code == errc::missing_child);
    expect_parse_error<st::Iq>(
        "<iq type='set' id='x'><pubsub xmlns='http://jabber.org/protocol/pubsub'><purge node='n'/>"
        "</pubsub></iq>",
        errc::unknown_child, "iq/pubsub/purge", xso_test::strict_options());

    // Malformed and truncated.
    const std::string malformed = in_owner("set", "<delete node='n'><redirect uri='x'></delete>");
    e = parse_error<st::Iq>(malformed);
    CHECK(e.code == errc::xml_syntax);
    CHECK(e.offset >= malformed.find("</delete>"));
    xso_test::check_every_prefix_fails(xso_test::fixture_trimmed("xep0060/185.xml"));
    xso_test::check_every_prefix_fails(xso_test::fixture_trimmed("xep0060/158.xml"));

    // Serialize side: empty node in the variant's alternative, empty redirect URI.
    st::Iq iq = owner_iq(st::IqType::get, "a", ow::Pubsub{ow::Affiliations{}, {}});
    e = xso_test::serialize_error(iq);
    CHECK(e.code == errc::missing_attribute);
    CHECK(e.path == "iq/pubsub/affiliations/@node");
    iq.payload = ow::Pubsub{ow::Delete{"n", ow::Redirect{}, {}}, {}};
    e = xso_test::serialize_error(iq);
    CHECK(e.code == errc::invalid_value);
    CHECK(e.path == "iq/pubsub/delete/redirect/@uri");
}
