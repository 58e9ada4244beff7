// XEP-0030 service discovery as XEP-0060 uses it (§5.1-§5.5, §9): disco#info with
// identities, features and extended information forms (pubsub#meta-data), and
// disco#items listing nodes or items.
#include <doctest/doctest.h>

#include <string>

#include <xso/pubsub.hpp>

#include "../support/family.hpp"

namespace {

using namespace xso_test::family_names;
namespace disco = xso::disco;

std::string info(const std::string& body) { return "<query xmlns='http://jabber.org/protocol/disco#info'>" + body + "</query>"; }
std::string items(const std::string& body) { return "<query xmlns='http://jabber.org/protocol/disco#items'>" + body + "</query>"; }

} // namespace

TEST_CASE("disco: XEP-0060 examples round-trip and read as typed values")
{
    // Ex. 7, 8 (§5.1): features of the service.
    CHECK(payload_of<disco::InfoQuery>(fixture_stanza<st::Iq>("xep0060/007.xml")).identity.empty());
    const disco::InfoQuery service = payload_of<disco::InfoQuery>(fixture_stanza<st::Iq>("xep0060/008.xml"));
    REQUIRE(service.identity.size() == 1);
    CHECK(service.identity[0].category == "pubsub");
    CHECK(service.identity[0].type == "service");
    REQUIRE(service.feature.size() == 1);
    CHECK(service.feature[0].var == "http://jabber.org/protocol/pubsub");

    // Ex. 9, 10 (§5.2): the nodes.
    CHECK_FALSE(payload_of<disco::ItemsQuery>(fixture_stanza<st::Iq>("xep0060/009.xml")).node);
    const disco::ItemsQuery nodes = payload_of<disco::ItemsQuery>(fixture_stanza<st::Iq>("xep0060/010.xml"));
    REQUIRE(nodes.item.size() == 2);
    CHECK(nodes.item[0].node == "Romeoance");
    CHECK(nodes.item[0].name == "Letters to my Beloved");
    CHECK(nodes.item[0].jid == xso::jid("pubsub.shakespeare.lit"));

    // Ex. 11, 13, 14 (§5.3, §5.4): node information and metadata.
    CHECK(payload_of<disco::InfoQuery>(fixture_stanza<st::Iq>("xep0060/011.xml")).node == "princely_musings");
    const disco::InfoQuery meta = payload_of<disco::InfoQuery>(fixture_stanza<st::Iq>("xep0060/014.xml"));
    CHECK(meta.identity[0].type == "leaf");
    REQUIRE(meta.forms.size() == 1);
    CHECK(meta.forms[0].field[0].value == std::vector<std::string>{"http://jabber.org/protocol/pubsub#meta-data"});
    CHECK(meta.forms[0].field.size() == 14);

    // Ex. 211 (§9): an account's features. Ex. 15 (§5.5): items of a node, in one file.
    const disco::InfoQuery account = payload_of<disco::InfoQuery>(fixture_stanza<st::Iq>("xep0060/211.xml"));
    CHECK(account.identity[0].category == "account");
    CHECK(account.feature[0].var == "http://jabber.org/protocol/pubsub#pubsub-on-a-jid");
    auto ex15 = xso_test::fixture_stanzas("xep0060/015.xml");
    REQUIRE(ex15.size() == 2);
    const disco::ItemsQuery& node_items = payload_of<disco::ItemsQuery>(std::get<st::Iq>(ex15[1]));
    CHECK(node_items.node == "princely_musings");
    CHECK(node_items.item[3].name == "ae890ac52d0df67ed7cfdf51b644e901");

    // Prosody 0.12.
    const disco::InfoQuery prosody = payload_of<disco::InfoQuery>(fixture_stanza<st::Iq>("prosody/01-disco-info-result.xml"));
    CHECK(prosody.identity[0].name == "Prosody PubSub Service");
    CHECK(prosody.feature.size() == 28);
    CHECK(payload_of<disco::ItemsQuery>(fixture_stanza<st::Iq>("prosody/06-disco-items-result.xml")).item.size() == 2);
    CHECK(payload_of<disco::InfoQuery>(fixture_stanza<st::Iq>("prosody/07-disco-info-node-result.xml")).forms[0].field.size() == 6);

    // XEP-0059 Ex. 21: RSM support advertised.
    CHECK(payload_of<disco::InfoQuery>(fixture_stanza<st::Iq>("xep0059/021.xml")).feature[0].var == "http://jabber.org/protocol/rsm");
}

TEST_CASE("disco: exact output for canonical examples")
{
    // Ex. 8
    CHECK(serialized(fixture_stanza<st::Iq>("xep0060/008.xml")) ==
          "<iq xmlns='jabber:client' type='result' id='feature1' from='pubsub.shakespeare.lit' to='francisco@denmark.lit/barracks'>"
          "<query xmlns='http://jabber.org/protocol/disco#info'><identity category='pubsub' type='service'/>"
          "<feature var='http://jabber.org/protocol/pubsub'/></query></iq>");
    // Ex. 10: item attributes in schema order (jid, node, name).
    CHECK(serialized(payload_of<disco::ItemsQuery>(fixture_stanza<st::Iq>("xep0060/010.xml"))) ==
          "<query xmlns='http://jabber.org/protocol/disco#items'>"
          "<item jid='pubsub.shakespeare.lit' node='Romeoance' name='Letters to my Beloved'/>"
          "<item jid='pubsub.shakespeare.lit' node='Julliennui' name='A Rose by Another Name'/></query>");
    // Ex. 11
    CHECK(serialized(payload_of<disco::InfoQuery>(fixture_stanza<st::Iq>("xep0060/011.xml"))) ==
          "<query xmlns='http://jabber.org/protocol/disco#info' node='princely_musings'/>");
    // Prosody's node information: identity, then the metadata form (its first two fields here).
    disco::InfoQuery node_info = payload_of<disco::InfoQuery>(fixture_stanza<st::Iq>("prosody/07-disco-info-node-result.xml"));
    node_info.forms[0].field.resize(2);
    CHECK(serialized(node_info) ==
          "<query xmlns='http://jabber.org/protocol/disco#info' node='princely_musings'><identity category='pubsub' type='leaf'/>"
          "<x xmlns='jabber:x:data' type='result'><field type='hidden' var='FORM_TYPE'>"
          "<value>http://jabber.org/protocol/pubsub#meta-data</value></field>"
          "<field type='text-single' var='pubsub#title'><value>Princely Musings (Atom)</value></field></x></query>");
}

TEST_CASE("disco: queries and answers built with the typed API")
{
    disco::InfoQuery answer;
    answer.identity.push_back(disco::Identity{"pubsub", "service", std::string("Shakespearean PubSub"), std::string("en"), {}});
    for (const char* f : {"http://jabber.org/protocol/pubsub", "http://jabber.org/protocol/pubsub#publish"})
        answer.feature.push_back(disco::Feature{f, {}});
    st::Iq iq;
    iq.type = st::IqType::result;
    iq.id = "feature1";
    iq.payload = answer;
    const std::string out = serialized(iq);
    CHECK(out == "<iq xmlns='jabber:client' type='result' id='feature1'><query xmlns='http://jabber.org/protocol/disco#info'>"
                 "<identity category='pubsub' type='service' name='Shakespearean PubSub' xml:lang='en'/>"
                 "<feature var='http://jabber.org/protocol/pubsub'/><feature var='http://jabber.org/protocol/pubsub#publish'/>"
                 "</query></iq>");
    CHECK(parsed<st::Iq>(out, xso_test::strict_options()) == iq);

    disco::ItemsQuery query;
    query.node = "princely_musings";
    query.item.push_back(disco::DiscoItem{xso::jid("pubsub.shakespeare.lit"), std::nullopt, std::string("368866411b877c30064a5f62b917cffe"), {}});
    CHECK(serialized(query) == "<query xmlns='http://jabber.org/protocol/disco#items' node='princely_musings'>"
                               "<item jid='pubsub.shakespeare.lit' name='368866411b877c30064a5f62b917cffe'/></query>");
}

TEST_CASE("disco: negative cases name the code and the path")
{
    // Missing required attributes.
    const std::string no_category = info("<identity type='leaf'/>");
    xso::error e = expect_parse_error_at<disco::InfoQuery>(no_category, errc::missing_attribute,
                                                           "query/identity[1]/@category", "<identity");
    expect_parse_error<disco::InfoQuery>(info("<feature var='a'/><feature/>"), errc::missing_attribute,
                                         "query/feature[2]/@var");
    expect_parse_error<disco::ItemsQuery>(items("<item node='n'/>"), errc::missing_attribute, "query/item[1]/@jid");

    // Bad values: a JID, a language tag, a form type.
    const std::string bad_jid = items("<item jid='pubsub shakespeare'/>");
    expect_parse_error_at<disco::ItemsQuery>(bad_jid, errc::invalid_value, "query/item[1]/@jid", "jid=");
    expect_parse_error<disco::InfoQuery>(info("<identity category='pubsub' type='leaf' xml:lang='e n'/>"),
                                         errc::invalid_value, "query/identity[1]/@xml:lang");
    expect_parse_error<disco::InfoQuery>(info("<x xmlns='jabber:x:data' type='results'/>"), errc::invalid_value,
                                         "query/x[1]/@type");
    // Bad integer: the RSM count of a paged disco#items result.
    expect_parse_error<disco::ItemsQuery>(
        items("<set xmlns='http://jabber.org/protocol/rsm'><count>lots</count></set>"), errc::invalid_value,
        "query/set/count");

    // Wrong namespace: the items namespace's <item/> in an info result (in an IQ, where
    // both namespaces are ours; see tests/core/unknown.cpp for the query alone); info in items.
    expect_parse_error<st::Iq>("<iq type='result' id='x'>" +
                                   info("<item xmlns='http://jabber.org/protocol/disco#items' jid='a'/>") + "</iq>",
                               errc::unknown_child, "iq/query/item", xso_test::strict_options());
    expect_parse_error<disco::ItemsQuery>(info(""), errc::unexpected_element, "query");

    // Malformed and truncated.
    const std::string malformed = info("<identity category='pubsub' type='leaf'>");
    e = parse_error<disco::InfoQuery>(malformed);
    CHECK(e.code == errc::xml_syntax);
    xso_test::check_every_prefix_fails(xso_test::fixture_trimmed("xep0060/014.xml"));
    xso_test::check_every_prefix_fails(xso_test::fixture_trimmed("prosody/06-disco-items-result.xml"));

    // Serialize side: an identity without category, an item without JID.
    disco::InfoQuery q;
    q.identity.emplace_back();
    e = xso_test::serialize_error(q);
    CHECK(e.code == errc::missing_attribute);
    CHECK(e.path == "query/identity[1]/@category");
    disco::ItemsQuery iq;
    iq.item.emplace_back();
    e = xso_test::serialize_error(iq);
    CHECK(e.code == errc::invalid_value);
    CHECK(e.path == "query/item[1]/@jid");
}
