// XEP-0059 Result Set Management: the <set/> of requests (max, after, before, index) and
// of results (first with index, last, count), in any child order, inside the payloads
// that carry it (XEP-0059's own examples use jabber:iq:search, which xso keeps opaque;
// XEP-0060 §6.5.4 puts it in <pubsub/>; disco#items may carry it too).
#include <doctest/doctest.h>

#include <string>

#include <xso/pubsub.hpp>

#include "../support/family.hpp"

namespace {

using namespace xso_test::family_names;
namespace rsm = xso::rsm;

// The <set/> inside the opaque <query xmlns='jabber:iq:search'/> of an XEP-0059 example.
rsm::Set set_of_example(const std::string& rel)
{
    st::Iq iq = xso_test::fixture_stanza<st::Iq>(rel);
    REQUIRE(iq.payload);
    const xso::element* query = std::get_if<xso::element>(&*iq.payload);
    REQUIRE(query);
    pugi::xml_node set = query->node().child("set");
    REQUIRE(set);
    auto r = xso::parse<rsm::Set>(xso::element(query->store(), set), xso_test::strict_options());
    REQUIRE_MESSAGE(r, r.error().message());
    return *r;
}

std::string in_set(const std::string& body) { return "<set xmlns='http://jabber.org/protocol/rsm'>" + body + "</set>"; }

} // namespace

TEST_CASE("rsm: XEP-0059 examples")
{
    // Ex. 1 (§2.1): a limit.
    rsm::Set limit = set_of_example("xep0059/001.xml");
    CHECK(limit.max == 10u);
    CHECK_FALSE(limit.after);
    CHECK_FALSE(limit.count);

    // Ex. 4 (§2.2): the first page described.
    rsm::Set page = set_of_example("xep0059/004.xml");
    REQUIRE(page.first);
    CHECK(page.first->index == 0u);
    CHECK(page.first->value == "stpeter@jabber.org");
    CHECK(page.last == "peterpan@neverland.lit");
    CHECK(page.count == 800u);

    // Ex. 5, 8 (§2.2, §2.3): the next and previous pages.
    CHECK(set_of_example("xep0059/005.xml").after == "peterpan@neverland.lit");
    CHECK(set_of_example("xep0059/008.xml").before == "peter@pixyland.org");

    // Ex. 7: an empty page, count only.
    rsm::Set empty_page = set_of_example("xep0059/007.xml");
    CHECK(empty_page.count == 790u);
    CHECK_FALSE(empty_page.first);

    // Ex. 11 (§2.5): the last page, an empty <before/>.
    rsm::Set last = set_of_example("xep0059/011.xml");
    REQUIRE(last.before);
    CHECK(last.before->empty());

    // Ex. 12, 13 (§2.6): by index.
    CHECK(set_of_example("xep0059/012.xml").index == 371u);
    CHECK(set_of_example("xep0059/013.xml").first->index == 371u);

    // Ex. 10 (§2.4): the request echoed with item-not-found.
    st::Iq not_found = xso_test::fixture_stanza<st::Iq>("xep0059/010.xml");
    CHECK(not_found.error->condition.condition == st::DefinedCondition::item_not_found);
    CHECK(set_of_example("xep0059/010.xml").after == "peterpan@neverland.lit");

    // Ex. 16 (§2.7): the count.
    CHECK(set_of_example("xep0059/016.xml").count == 800u);

    // XEP-0060 Ex. 76: inside <pubsub/>, after <items/>.
    st::Iq pubsub = xso_test::fixture_stanza<st::Iq>("xep0060/076.xml");
    CHECK(std::get<xso::pubsub::Pubsub>(*pubsub.payload).set->count == 19u);
}

TEST_CASE("rsm: any child order, and exact output")
{
    const rsm::Set a = parsed<rsm::Set>(in_set("<max>10</max><after>x</after><index>3</index><count>20</count>"
                                               "<first index='3'>f</first><last>l</last><before>b</before>"));
    const rsm::Set b = parsed<rsm::Set>(in_set("<last>l</last><first index='3'>f</first><before>b</before><count>20</count>"
                                               "<index>3</index><after>x</after><max>10</max>"));
    CHECK(a == b);
    // Written in the schema's order (rsm.xsd's alphabetical sequence).
    CHECK(serialized(a) == "<set xmlns='http://jabber.org/protocol/rsm'><after>x</after><before>b</before><count>20</count>"
                           "<first index='3'>f</first><index>3</index><last>l</last><max>10</max></set>");

    // XEP-0059 Ex. 11's request: the empty <before/> stays present.
    CHECK(serialized(set_of_example("xep0059/011.xml")) ==
          "<set xmlns='http://jabber.org/protocol/rsm'><before/><max>10</max></set>");
    // Ex. 4's result.
    CHECK(serialized(set_of_example("xep0059/004.xml")) ==
          "<set xmlns='http://jabber.org/protocol/rsm'><count>800</count><first index='0'>stpeter@jabber.org</first>"
          "<last>peterpan@neverland.lit</last></set>");
    // An empty set (a page request with defaults).
    CHECK(serialized(rsm::Set{}) == "<set xmlns='http://jabber.org/protocol/rsm'/>");
}

TEST_CASE("rsm: requests built with the typed API, inside pubsub and disco#items")
{
    rsm::Set next;
    next.max = 10;
    next.after = "4e30f35051b7b8b42abe083742187228";
    xso::pubsub::Pubsub pubsub;
    pubsub.items = xso::pubsub::Items{std::nullopt, "princely_musings", std::nullopt, {}, {}};
    pubsub.set = next;
    st::Iq iq;
    iq.type = st::IqType::get;
    iq.id = "items2";
    iq.payload = pubsub;
    const std::string out = serialized(iq);
    CHECK(out == "<iq xmlns='jabber:client' type='get' id='items2'><pubsub xmlns='http://jabber.org/protocol/pubsub'>"
                 "<items node='princely_musings'/><set xmlns='http://jabber.org/protocol/rsm'>"
                 "<after>4e30f35051b7b8b42abe083742187228</after><max>10</max></set></pubsub></iq>");
    CHECK(parsed<st::Iq>(out, xso_test::strict_options()) == iq);

    // The last page of the nodes of a service (before empty).
    xso::disco::ItemsQuery query;
    rsm::Set last_page;
    last_page.max = 5;
    last_page.before = "";
    query.set = last_page;
    CHECK(serialized(query) == "<query xmlns='http://jabber.org/protocol/disco#items'><set xmlns='http://jabber.org/protocol/rsm'>"
                               "<before/><max>5</max></set></query>");

    // A result page.
    rsm::Set result;
    result.first = rsm::First{std::uint64_t(20), "a", {}};
    result.last = "j";
    result.count = 800;
    CHECK(serialized(result) == "<set xmlns='http://jabber.org/protocol/rsm'><count>800</count><first index='20'>a</first>"
                                "<last>j</last></set>");
}

TEST_CASE("rsm: negative cases name the code and the path")
{
    // Bad integers: max, count, index, and first's index attribute.
    const std::string ten = in_set("<max>ten</max>");
    xso::error e = expect_parse_error_at<rsm::Set>(ten, errc::invalid_value, "set/max", "<max>");
    e = expect_parse_error<rsm::Set>(in_set("<count>-5</count>"), errc::invalid_value, "set/count");
    CHECK(e.detail.find("negative") != std::string::npos);
    expect_parse_error<rsm::Set>(in_set("<index>99999999999999999999</index>"), errc::invalid_value, "set/index");
    const std::string first = in_set("<first index='x'>a</first>");
    expect_parse_error_at<rsm::Set>(first, errc::invalid_value, "set/first/@index", "index=");
    // The same inside a stanza.
    expect_parse_error<st::Iq>("<iq type='result' id='x'><query xmlns='http://jabber.org/protocol/disco#items'>"
                               "<set xmlns='http://jabber.org/protocol/rsm'><count>1.5</count></set></query></iq>",
                               errc::invalid_value, "iq/query/set/count");

    // Duplicates and markup inside a leaf.
    expect_parse_error<rsm::Set>(in_set("<max>1</max><max>2</max>"), errc::duplicate_child, "set/max");
    expect_parse_error<rsm::Set>(in_set("<after><b/></after>"), errc::unknown_child, "set/after/b");

    // Missing required: RSM has none; an enumeration: RSM has none either. Wrong
    // namespace: another <set/>, and an unknown element of the RSM namespace.
    expect_parse_error<rsm::Set>("<set xmlns='http://jabber.org/protocol/pubsub'/>", errc::unexpected_element, "set");
    expect_parse_error<rsm::Set>(in_set("<page>2</page>"), errc::unknown_child, "set/page", xso_test::strict_options());
    rsm::Set foreign = parsed<rsm::Set>(in_set("<max xmlns='urn:example:x'>2</max>"), xso_test::strict_options());
    CHECK_FALSE(foreign.max); // not RSM's <max/>, kept aside
    CHECK(foreign.unknown.elements.size() == 1);

    // Malformed and truncated.
    const std::string malformed = in_set("<max>10</set>");
    e = parse_error<rsm::Set>(malformed);
    CHECK(e.code == errc::xml_syntax);
    xso_test::check_every_prefix_fails<rsm::Set>(in_set("<first index='0'>stpeter@jabber.org</first><count>800</count>"));
    xso_test::check_every_prefix_fails(xso_test::fixture_trimmed("xep0059/013.xml"));
}
