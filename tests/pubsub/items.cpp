// The item retrieval family (XEP-0060 §6.5): items and item, max_items, item ids, the
// payloads, and XEP-0059 result set management inside <pubsub>.
#include <doctest/doctest.h>

#include <string>

#include <xso/pubsub.hpp>

#include "../support/family.hpp"

namespace {

using namespace xso_test::family_names;

std::string child_text(const xso::element& e, const char* local)
{
    return xso::element(e.store(), e.node().child(local)).text();
}

} // namespace

TEST_CASE("items: XEP-0060 examples round-trip and read as typed values")
{
    // Ex. 74 (§6.5.2): all items.
    st::Iq all = fixture_stanza<st::Iq>("xep0060/074.xml");
    REQUIRE(pubsub_of(all).items);
    CHECK(pubsub_of(all).items->node == "princely_musings");
    CHECK_FALSE(pubsub_of(all).items->max_items);
    CHECK(pubsub_of(all).items->item.empty());

    // Ex. 75 (§6.5.3): the items, each with an Atom payload.
    st::Iq result = fixture_stanza<st::Iq>("xep0060/075.xml");
    const ps::Items& items = *pubsub_of(result).items;
    REQUIRE(items.item.size() == 4);
    for (const ps::Item& item : items.item) {
        REQUIRE(item.payload);
        CHECK(item.payload->ns() == ns_atom);
        CHECK(item.payload->local() == "entry");
    }
    CHECK(items.item[0].id == "368866411b877c30064a5f62b917cffe");
    CHECK(child_text(*items.item[0].payload, "title") == "The Uses of This World");
    CHECK(child_text(*items.item[3].payload, "title") == "Soliloquy");

    // Ex. 76 (§6.5.4): a page, described by RSM after <items/>.
    st::Iq page = fixture_stanza<st::Iq>("xep0060/076.xml");
    REQUIRE(pubsub_of(page).set);
    const xso::rsm::Set& set = *pubsub_of(page).set;
    REQUIRE(set.first);
    CHECK(set.first->index == 0u);
    CHECK(set.first->value == "368866411b877c30064a5f62b917cffe");
    CHECK(set.last == "4e30f35051b7b8b42abe083742187228");
    CHECK(set.count == 19u);
    CHECK(pubsub_of(page).items->item.size() == 3);

    // Ex. 78, 83 (§6.5.6, §6.5.8): items requested by id, without payload.
    st::Iq by_id = fixture_stanza<st::Iq>("xep0060/078.xml");
    REQUIRE(pubsub_of(by_id).items->item.size() == 2);
    CHECK(pubsub_of(by_id).items->item[1].id == "4e30f35051b7b8b42abe083742187228");
    CHECK_FALSE(pubsub_of(by_id).items->item[1].payload);
    CHECK(pubsub_of(fixture_stanza<st::Iq>("xep0060/083.xml")).items->item.size() == 1);

    // Ex. 80, 81 (§6.5.7): the most recent items.
    CHECK(pubsub_of(fixture_stanza<st::Iq>("xep0060/080.xml")).items->max_items == 2u);
    CHECK(pubsub_of(fixture_stanza<st::Iq>("xep0060/081.xml")).items->item.size() == 2);

    // Ex. 77 (§6.5.5), 82, 95 (§6.5.9.12): the last item, and no items at all.
    CHECK(pubsub_of(fixture_stanza<st::Iq>("xep0060/077.xml")).items->item.size() == 1);
    CHECK(pubsub_of(fixture_stanza<st::Iq>("xep0060/082.xml")).items->item.empty());
    CHECK(pubsub_of(fixture_stanza<st::Iq>("xep0060/095.xml")).items->item.empty());

    // Prosody 0.12: each <item> repeats the pubsub namespace; entity references decoded.
    st::Iq prosody = fixture_stanza<st::Iq>("prosody/13-items-result.xml");
    const ps::Items& p = *pubsub_of(prosody).items;
    REQUIRE(p.item.size() == 3);
    CHECK(child_text(*p.item[0].payload, "summary") == "Tests & <escapes> 'quoted'");
    CHECK(p.item[2].id == "06dd499e-0b6f-4dd0-94e0-330c491fd649");
    CHECK(pubsub_of(fixture_stanza<st::Iq>("prosody/14-items-max-request.xml")).items->max_items == 1u);
    CHECK(pubsub_of(fixture_stanza<st::Iq>("prosody/15-items-by-id-request.xml")).items->item[0].id == "item-1");
}

TEST_CASE("items: exact output for canonical examples")
{
    // Ex. 80: max_items before node (schema order).
    CHECK(serialized(fixture_stanza<st::Iq>("xep0060/080.xml")) ==
          "<iq xmlns='jabber:client' type='get' id='items2' from='francisco@denmark.lit/barracks' to='pubsub.shakespeare.lit'>"
          "<pubsub xmlns='http://jabber.org/protocol/pubsub'><items max_items='2' node='princely_musings'/></pubsub></iq>");
    // Ex. 78
    CHECK(serialized(pubsub_of(fixture_stanza<st::Iq>("xep0060/078.xml"))) ==
          "<pubsub xmlns='http://jabber.org/protocol/pubsub'><items node='princely_musings'>"
          "<item id='368866411b877c30064a5f62b917cffe'/><item id='4e30f35051b7b8b42abe083742187228'/></items></pubsub>");
    // Ex. 76: the RSM set, its children in schema order (count, first, last).
    CHECK(serialized(*pubsub_of(fixture_stanza<st::Iq>("xep0060/076.xml")).set) ==
          "<set xmlns='http://jabber.org/protocol/rsm'><count>19</count>"
          "<first index='0'>368866411b877c30064a5f62b917cffe</first><last>4e30f35051b7b8b42abe083742187228</last></set>");
    // Prosody's items result: the redundant xmlns on <item> is dropped, the payload is
    // written back as the bytes received (docs/robustness.md), entity references included.
    CHECK(serialized(fixture_stanza<st::Iq>("prosody/14-items-max-result.xml")) ==
          "<iq xmlns='jabber:client' type='result' id='14-items-max' from='pubsub.localhost' to='user2@localhost/probe'>"
          "<pubsub xmlns='http://jabber.org/protocol/pubsub'><items node='princely_musings'>"
          "<item id='06dd499e-0b6f-4dd0-94e0-330c491fd649'><entry xmlns='http://www.w3.org/2005/Atom'><title>No id</title>"
          "<summary>Tests &amp; &lt;escapes&gt; &apos;quoted&apos;</summary><published>2003-12-13T18:30:02Z</published></entry>"
          "</item></items></pubsub></iq>");
}

TEST_CASE("items: requests built with the typed API")
{
    static_assert(xso::request_traits<ps::Items>::iq == xso::iq_request_type::get);
    static_assert(std::is_same_v<xso::request_traits<ps::Items>::response, ps::Items>);

    // The two most recent items of a subscription (§6.5.7 with §6.5.9.1's SubID).
    ps::Items items;
    items.node = "princely_musings";
    items.max_items = 2;
    items.subid = "123-abc";
    ps::Pubsub pubsub;
    pubsub.items = items;
    st::Iq iq;
    iq.type = st::IqType::get;
    iq.id = "items2";
    iq.to = xso::jid("pubsub.shakespeare.lit");
    iq.payload = pubsub;
    std::string out = serialized(iq);
    CHECK(out == "<iq xmlns='jabber:client' type='get' id='items2' to='pubsub.shakespeare.lit'>"
                 "<pubsub xmlns='http://jabber.org/protocol/pubsub'>"
                 "<items max_items='2' node='princely_musings' subid='123-abc'/></pubsub></iq>");
    CHECK(parsed<st::Iq>(out, xso_test::strict_options()) == iq);

    // A page of ten items after a known one (XEP-0059 §2.2 applied to §6.5.4).
    ps::Pubsub paged;
    paged.items = ps::Items{std::nullopt, "princely_musings", std::nullopt, {}, {}};
    xso::rsm::Set set;
    set.max = 10;
    set.after = "368866411b877c30064a5f62b917cffe";
    paged.set = set;
    CHECK(serialized(paged) == "<pubsub xmlns='http://jabber.org/protocol/pubsub'><items node='princely_musings'/>"
                               "<set xmlns='http://jabber.org/protocol/rsm'><after>368866411b877c30064a5f62b917cffe</after>"
                               "<max>10</max></set></pubsub>");

    // Specific items by id (§6.5.8).
    ps::Items wanted;
    wanted.node = "princely_musings";
    for (const char* id : {"a", "b"}) {
        ps::Item item;
        item.id = id;
        wanted.item.push_back(item);
    }
    CHECK(serialized(wanted) ==
          "<items xmlns='http://jabber.org/protocol/pubsub' node='princely_musings'><item id='a'/><item id='b'/></items>");
}

TEST_CASE("items: negative cases name the code and the path")
{
    // Missing required attribute.
    const std::string no_node = in_pubsub("get", "<items max_items='2'/>");
    xso::error e = expect_parse_error_at<st::Iq>(no_node, errc::missing_attribute, "iq/pubsub/items/@node", "<items");

    // Bad integer: max_items not a number, zero (below the schema's minimum), overflowing.
    const std::string not_number = in_pubsub("get", "<items node='n' max_items='two'/>");
    expect_parse_error_at<st::Iq>(not_number, errc::invalid_value, "iq/pubsub/items/@max_items", "max_items");
    expect_parse_error<st::Iq>(in_pubsub("get", "<items node='n' max_items='0'/>"), errc::invalid_value,
                               "iq/pubsub/items/@max_items");
    e = parse_error<st::Iq>(in_pubsub("get", "<items node='n' max_items='18446744073709551616'/>"));
    CHECK(e.code == errc::invalid_value);

    // Bad integers in RSM: the count, and first's index attribute.
    expect_parse_error<st::Iq>(
        in_pubsub("result", "<items node='n'/><set xmlns='http://jabber.org/protocol/rsm'><count>many</count></set>"),
        errc::invalid_value, "iq/pubsub/set/count");
    expect_parse_error<st::Iq>(in_pubsub("result", "<items node='n'/><set xmlns='http://jabber.org/protocol/rsm'>"
                                                   "<first index='-1'>a</first></set>"),
                               errc::invalid_value, "iq/pubsub/set/first/@index");

    // Bad value in a list: the third item's publisher.
    const std::string bad_publisher =
        in_pubsub("result", "<items node='n'><item id='1'/><item id='2'/><item id='3' publisher='a@b@c'/></items>");
    expect_parse_error_at<st::Iq>(bad_publisher, errc::invalid_value, "iq/pubsub/items/item[3]/@publisher",
                                  "publisher=");

    // Wrong namespace: an owner <items> in the generic <pubsub> (the event namespace's is
    // the may_fail case of tests/core/unknown.cpp); a payload in the pubsub namespace
    // itself is no payload (##other) and strict mode names it.
    expect_parse_error<st::Iq>(in_pubsub("result", "<items xmlns='http://jabber.org/protocol/pubsub#owner' node='n'/>"),
                               errc::unknown_child, "iq/pubsub/items", xso_test::strict_options());
    const std::string own_ns_payload = in_pubsub("result", "<items node='n'><item id='1'><entry/></item></items>");
    expect_parse_error<st::Iq>(own_ns_payload, errc::unknown_child, "iq/pubsub/items/item[1]/entry",
                               xso_test::strict_options());
    CHECK_FALSE(pubsub_of(parsed<st::Iq>(own_ns_payload)).items->item[0].payload);

    // Two payloads in one item (XEP-0060 §7.1.3.6 forbids it): refused at the second.
    const std::string two = in_pubsub("result", "<items node='n'><item id='1'><a xmlns='urn:example:a'/>"
                                                "<b xmlns='urn:example:b'/></item></items>");
    expect_parse_error_at<st::Iq>(two, errc::duplicate_child, "iq/pubsub/items/item[1]/b", "<b ");

    // Malformed payload (mismatched end tag) and truncated input.
    const std::string mismatched = in_pubsub("result", "<items node='n'><item id='1'><entry xmlns='urn:example:e'></item></items>");
    e = parse_error<st::Iq>(mismatched);
    CHECK(e.code == errc::xml_syntax);
    CHECK(e.offset >= mismatched.find("</item>"));
    xso_test::check_every_prefix_fails(xso_test::fixture_trimmed("xep0060/076.xml"));
    xso_test::check_every_prefix_fails(xso_test::fixture_trimmed("prosody/13-items-result.xml"));

    // Serialize side: an empty node, and max_items below its minimum.
    ps::Items bad;
    e = xso_test::serialize_error(bad);
    CHECK(e.code == errc::missing_attribute);
    CHECK(e.path == "items/@node");
    bad.node = "n";
    bad.max_items = 0;
    e = xso_test::serialize_error(bad);
    CHECK(e.code == errc::invalid_value);
    CHECK(e.path == "items/@max_items");
}
