// The publisher family (XEP-0060 §7.1, §7.2): publish (one or several items, with or
// without ItemID and payload), publish-options, retract with notify, and their results.
#include <doctest/doctest.h>

#include <string>

#include <xso/pubsub.hpp>

#include "../support/family.hpp"

namespace {

using namespace xso_test::family_names;

xso::element atom_entry(const std::string& title)
{
    auto e = xso::element::parse("<entry xmlns='http://www.w3.org/2005/Atom'><title>" + title + "</title></entry>");
    REQUIRE(e);
    return *e;
}

ps::Item item_with(const std::string& id, const std::string& title)
{
    ps::Item item;
    item.id = id;
    item.payload = atom_entry(title);
    return item;
}

} // namespace

TEST_CASE("publish: XEP-0060 examples round-trip and read as typed values")
{
    // Ex. 96 (§7.1.1): one item with an ItemID and an Atom payload.
    st::Iq with_id = fixture_stanza<st::Iq>("xep0060/096.xml");
    REQUIRE(pubsub_of(with_id).publish);
    const ps::Publish& p = *pubsub_of(with_id).publish;
    CHECK(p.node == "princely_musings");
    REQUIRE(p.item.size() == 1);
    CHECK(p.item[0].id == "bnd81g37d61f49fgn581");
    REQUIRE(p.item[0].payload);
    CHECK(p.item[0].payload->name() == xso::qname{"http://www.w3.org/2005/Atom", "entry"});

    // Ex. 97: without an ItemID; Ex. 98, 99 (§7.1.2): results, with the assigned id.
    st::Iq no_id = fixture_stanza<st::Iq>("xep0060/097.xml");
    CHECK_FALSE(pubsub_of(no_id).publish->item[0].id);
    CHECK(pubsub_of(no_id).publish->item[0].payload);
    CHECK(pubsub_of(fixture_stanza<st::Iq>("xep0060/098.xml")).publish->item.empty());
    st::Iq assigned = fixture_stanza<st::Iq>("xep0060/099.xml");
    CHECK(pubsub_of(assigned).publish->item[0].id == "ae890ac52d0df67ed7cfdf51b644e901");
    CHECK_FALSE(pubsub_of(assigned).publish->item[0].payload);

    // Ex. 114 (§7.1.5): publish-options next to publish.
    st::Iq with_options = fixture_stanza<st::Iq>("xep0060/114.xml");
    REQUIRE(pubsub_of(with_options).publish_options);
    const xso::xdata::Form& form = *pubsub_of(with_options).publish_options->form;
    CHECK(form.type == xso::xdata::FormType::submit);
    REQUIRE(form.field.size() == 2);
    CHECK(form.field[1].var == "pubsub#access_model");
    CHECK(form.field[1].value == std::vector<std::string>{"presence"});

    // Ex. 115, 116 (§7.2): retract an item, and the empty result.
    st::Iq retract = fixture_stanza<st::Iq>("xep0060/115.xml");
    REQUIRE(pubsub_of(retract).retract);
    CHECK(pubsub_of(retract).retract->node == "princely_musings");
    CHECK_FALSE(pubsub_of(retract).retract->notify);
    CHECK(pubsub_of(retract).retract->item[0].id == "ae890ac52d0df67ed7cfdf51b644e901");
    st::Iq empty_result = fixture_stanza<st::Iq>("xep0060/116.xml");
    CHECK(empty_result.type == st::IqType::result);
    CHECK_FALSE(empty_result.payload);

    // Ex. 226 (§12.21): a singleton node's item without payload.
    CHECK(pubsub_of(fixture_stanza<st::Iq>("xep0060/226.xml")).publish->item[0].id == "current");

    // Prosody 0.12: publish-options, retract with notify='true', the assigned id.
    st::Iq prosody = fixture_stanza<st::Iq>("prosody/10-publish-options-request.xml");
    CHECK(pubsub_of(prosody).publish_options->form->field[1].value == std::vector<std::string>{"open"});
    CHECK(pubsub_of(fixture_stanza<st::Iq>("prosody/16-retract-notify-request.xml")).retract->notify == true);
    CHECK(pubsub_of(fixture_stanza<st::Iq>("prosody/12-publish-no-id-result.xml")).publish->item[0].id ==
          "06dd499e-0b6f-4dd0-94e0-330c491fd649");
}

TEST_CASE("publish: exact output for canonical examples")
{
    // Ex. 96: the payload is written back as the bytes received (docs/robustness.md), line
    // breaks inside its tags included; what surrounds it is ours.
    const std::string source = xso_test::fixture("xep0060/096.xml");
    const std::size_t b = source.find("<entry"), e = source.find("</entry>") + 8;
    const std::string entry = source.substr(b, e - b);
    CHECK(serialized(fixture_stanza<st::Iq>("xep0060/096.xml")) ==
          "<iq xmlns='jabber:client' type='set' id='publish1' from='hamlet@denmark.lit/blogbot' to='pubsub.shakespeare.lit'>"
          "<pubsub xmlns='http://jabber.org/protocol/pubsub'><publish node='princely_musings'><item id='bnd81g37d61f49fgn581'>" +
              entry + "</item></publish></pubsub></iq>");

    // Ex. 99
    CHECK(serialized(fixture_stanza<st::Iq>("xep0060/099.xml")) ==
          "<iq xmlns='jabber:client' type='result' id='publish2' from='pubsub.shakespeare.lit' to='hamlet@denmark.lit/blogbot'>"
          "<pubsub xmlns='http://jabber.org/protocol/pubsub'><publish node='princely_musings'>"
          "<item id='ae890ac52d0df67ed7cfdf51b644e901'/></publish></pubsub></iq>");
    // Ex. 114: publish-options after publish.
    CHECK(serialized(*pubsub_of(fixture_stanza<st::Iq>("xep0060/114.xml")).publish_options) ==
          "<publish-options xmlns='http://jabber.org/protocol/pubsub'><x xmlns='jabber:x:data' type='submit'>"
          "<field type='hidden' var='FORM_TYPE'><value>http://jabber.org/protocol/pubsub#publish-options</value></field>"
          "<field var='pubsub#access_model'><value>presence</value></field></x></publish-options>");
    // Ex. 115
    CHECK(serialized(fixture_stanza<st::Iq>("xep0060/115.xml")) ==
          "<iq xmlns='jabber:client' type='set' id='retract1' from='hamlet@denmark.lit/elsinore' to='pubsub.shakespeare.lit'>"
          "<pubsub xmlns='http://jabber.org/protocol/pubsub'><retract node='princely_musings'>"
          "<item id='ae890ac52d0df67ed7cfdf51b644e901'/></retract></pubsub></iq>");
    // Ex. 116: an empty result.
    CHECK(serialized(fixture_stanza<st::Iq>("xep0060/116.xml")) ==
          "<iq xmlns='jabber:client' type='result' id='retract1' from='pubsub.shakespeare.lit' to='hamlet@denmark.lit/elsinore'/>");
    // Prosody's retract with notify: written in canonical boolean form.
    CHECK(serialized(*pubsub_of(fixture_stanza<st::Iq>("prosody/16-retract-notify-request.xml")).retract) ==
          "<retract xmlns='http://jabber.org/protocol/pubsub' node='princely_musings' notify='true'><item id='item-1'/></retract>");
}

TEST_CASE("publish: requests built with the typed API")
{
    static_assert(xso::request_traits<ps::Publish>::iq == xso::iq_request_type::set);
    static_assert(xso::request_traits<ps::Publish>::response_optional);
    static_assert(std::is_same_v<xso::request_traits<ps::Retract>::response, void>);

    // Several items in one publish, one without id, with publish-options.
    ps::Publish publish;
    publish.node = "princely_musings";
    publish.item.push_back(item_with("one", "First"));
    publish.item.push_back(item_with("two", "Second &amp; &lt;more&gt;"));
    ps::Item anonymous;
    anonymous.payload = atom_entry("Third");
    publish.item.push_back(anonymous);
    xso::xdata::Field form_type{};
    form_type.var = "FORM_TYPE";
    form_type.type = xso::open_enum<xso::xdata::FieldType>(xso::xdata::FieldType::hidden);
    form_type.value = {"http://jabber.org/protocol/pubsub#publish-options"};
    xso::xdata::Field access{};
    access.var = "pubsub#access_model";
    access.value = {"presence"};
    ps::PublishOptions options;
    options.form = xso::xdata::Form{xso::xdata::FormType::submit, {}, std::nullopt, {form_type, access}, std::nullopt, {}, {}};
    ps::Pubsub pubsub;
    pubsub.publish = publish;
    pubsub.publish_options = options;
    st::Iq iq;
    iq.type = st::IqType::set;
    iq.id = "pub1";
    iq.to = xso::jid("pubsub.shakespeare.lit");
    iq.payload = pubsub;
    const std::string out = serialized(iq);
    CHECK(out == "<iq xmlns='jabber:client' type='set' id='pub1' to='pubsub.shakespeare.lit'>"
                 "<pubsub xmlns='http://jabber.org/protocol/pubsub'><publish node='princely_musings'>"
                 "<item id='one'><entry xmlns='http://www.w3.org/2005/Atom'><title>First</title></entry></item>"
                 "<item id='two'><entry xmlns='http://www.w3.org/2005/Atom'><title>Second &amp; &lt;more&gt;</title></entry></item>"
                 "<item><entry xmlns='http://www.w3.org/2005/Atom'><title>Third</title></entry></item></publish>"
                 "<publish-options><x xmlns='jabber:x:data' type='submit'><field type='hidden' var='FORM_TYPE'>"
                 "<value>http://jabber.org/protocol/pubsub#publish-options</value></field>"
                 "<field var='pubsub#access_model'><value>presence</value></field></x></publish-options></pubsub></iq>");
    st::Iq back = parsed<st::Iq>(out, xso_test::strict_options());
    CHECK(back == iq);
    REQUIRE(pubsub_of(back).publish->item.size() == 3);
    CHECK(xso::element(pubsub_of(back).publish->item[1].payload->store(),
                       pubsub_of(back).publish->item[1].payload->node().first_child())
              .text() == "Second & <more>");

    // Retract several items and ask for notifications (§7.2.2.1).
    ps::Retract retract;
    retract.node = "princely_musings";
    retract.notify = true;
    for (const char* id : {"ae890ac52d0df67ed7cfdf51b644e901", "3300659945416e274474e469a1f0154c"}) {
        ps::Item item;
        item.id = id;
        retract.item.push_back(item);
    }
    CHECK(serialized(retract) == "<retract xmlns='http://jabber.org/protocol/pubsub' node='princely_musings' notify='true'>"
                                 "<item id='ae890ac52d0df67ed7cfdf51b644e901'/><item id='3300659945416e274474e469a1f0154c'/>"
                                 "</retract>");
    retract.notify = false;
    CHECK(serialized(retract).find(" notify='false'>") != std::string::npos);
}

TEST_CASE("publish: negative cases name the code and the path")
{
    // Missing required attribute: publish/@node (XEP-0060 §7.1.3.3's nodeid-required case).
    const std::string no_node = in_pubsub("set", "<publish><item id='a'/></publish>");
    xso::error e =
        expect_parse_error_at<st::Iq>(no_node, errc::missing_attribute, "iq/pubsub/publish/@node", "<publish");
    expect_parse_error<st::Iq>(in_pubsub("set", "<retract><item id='a'/></retract>"), errc::missing_attribute,
                               "iq/pubsub/retract/@node");

    // Retract without any item (§7.2.3.4's item-required case).
    const std::string no_item = in_pubsub("set", "<retract node='n'/>");
    expect_parse_error<st::Iq>(no_item, errc::too_few_children, "iq/pubsub/retract/item");

    // Bad boolean (notify) and a bad enumeration value (the IQ type).
    const std::string bad_notify = in_pubsub("set", "<retract node='n' notify='always'><item id='a'/></retract>");
    expect_parse_error_at<st::Iq>(bad_notify, errc::invalid_value, "iq/pubsub/retract/@notify", "notify=");
    expect_parse_error<st::Iq>(in_pubsub("publish", "<publish node='n'/>"), errc::invalid_value, "iq/@type");

    // This family has no integer member; the nearest value check is a JID part's length
    // (at most 1023 bytes).
    const std::string long_jid = in_pubsub("result", "<publish node='n'><item id='a' publisher='" + std::string(1024, 'x') +
                                                         "@denmark.lit'/></publish>");
    expect_parse_error<st::Iq>(long_jid, errc::invalid_value, "iq/pubsub/publish/item[1]/@publisher");

    // Wrong namespace: publish-options of the owner namespace; a data form in the wrong
    // namespace inside publish-options.
    expect_parse_error<st::Iq>(
        in_pubsub("set", "<publish node='n'/><publish-options xmlns='http://jabber.org/protocol/pubsub#owner'/>"),
        errc::unknown_child, "iq/pubsub/publish-options", xso_test::strict_options());
    expect_parse_error<st::Iq>(
        in_pubsub("set", "<publish node='n'/><publish-options><x type='submit'/></publish-options>"),
        errc::unknown_child, "iq/pubsub/publish-options/x", xso_test::strict_options());

    // Malformed XML and truncated input.
    const std::string malformed = in_pubsub("set", "<publish node='n'><item id='a'></publish>");
    e = parse_error<st::Iq>(malformed);
    CHECK(e.code == errc::xml_syntax);
    CHECK(e.offset >= malformed.find("</publish>"));
    xso_test::check_every_prefix_fails(xso_test::fixture_trimmed("xep0060/114.xml"));
    xso_test::check_every_prefix_fails(xso_test::fixture_trimmed("prosody/10-publish-options-request.xml"));

    // Serialize side: a retract without items, a publish without node.
    ps::Retract retract;
    retract.node = "n";
    e = xso_test::serialize_error(retract);
    CHECK(e.code == errc::too_few_children);
    CHECK(e.path == "retract/item");
    ps::Publish publish;
    e = xso_test::serialize_error(publish);
    CHECK(e.code == errc::missing_attribute);
    CHECK(e.path == "publish/@node");
}
