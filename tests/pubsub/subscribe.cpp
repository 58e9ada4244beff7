// The subscriber family (XEP-0060 §5.6, §6.1-§6.4): subscribe, unsubscribe, subscription,
// subscriptions, options, default and subscribe-options, in the generic namespace.
#include <doctest/doctest.h>

#include <string>

#include <xso/pubsub.hpp>

#include "../support/family.hpp"

namespace {

using namespace xso_test::family_names;

} // namespace

TEST_CASE("subscribe: XEP-0060 examples round-trip and read as typed values")
{
    // Ex. 28 (§6.1.1): entity subscribes to a node.
    st::Iq sub = fixture_stanza<st::Iq>("xep0060/028.xml");
    CHECK(sub.type == st::IqType::set);
    REQUIRE(pubsub_of(sub).subscribe);
    CHECK(pubsub_of(sub).subscribe->node == "princely_musings");
    CHECK(pubsub_of(sub).subscribe->jid == xso::jid("francisco@denmark.lit"));

    // Ex. 29 (§6.1.2): success, with a SubID.
    st::Iq ok = fixture_stanza<st::Iq>("xep0060/029.xml");
    REQUIRE(pubsub_of(ok).subscription);
    const ps::Subscription& s = *pubsub_of(ok).subscription;
    CHECK(s.jid == xso::jid("francisco@denmark.lit"));
    CHECK(s.node == "princely_musings");
    CHECK(s.subid == "ba49252aaa4f5d320c24d3766f0bdcade78c78d3");
    CHECK(s.subscription == ps::SubscriptionState::subscribed);
    CHECK_FALSE(s.subscribe_options);

    // Ex. 42 (§6.1.4): pending approval.
    CHECK(pubsub_of(fixture_stanza<st::Iq>("xep0060/042.xml")).subscription->subscription == ps::SubscriptionState::pending);

    // Ex. 43 and 45 (§6.1.5): unconfigured, options required / supported.
    st::Iq required = fixture_stanza<st::Iq>("xep0060/043.xml");
    const ps::Subscription& r = *pubsub_of(required).subscription;
    CHECK(r.subscription == ps::SubscriptionState::unconfigured);
    REQUIRE(r.subscribe_options);
    CHECK(r.subscribe_options->required);
    st::Iq supported = fixture_stanza<st::Iq>("xep0060/045.xml");
    REQUIRE(pubsub_of(supported).subscription->subscribe_options);
    CHECK_FALSE(pubsub_of(supported).subscription->subscribe_options->required);

    // Ex. 47, 48 (§6.2): unsubscribe, and the result carrying subscription 'none'.
    st::Iq unsub = fixture_stanza<st::Iq>("xep0060/047.xml");
    REQUIRE(pubsub_of(unsub).unsubscribe);
    CHECK(pubsub_of(unsub).unsubscribe->jid == xso::jid("francisco@denmark.lit"));
    CHECK_FALSE(pubsub_of(unsub).unsubscribe->subid);
    st::Iq unsubbed = fixture_stanza<st::Iq>("xep0060/048.xml");
    CHECK(pubsub_of(unsubbed).subscription->subscription == ps::SubscriptionState::none);
    CHECK(pubsub_of(unsubbed).subscription->subid == "ba49252aaa4f5d320c24d3766f0bdcade78c78d3");

    // Ex. 16-18, 20, 21 (§5.6): subscriptions, all or per node, and none.
    REQUIRE(pubsub_of(fixture_stanza<st::Iq>("xep0060/016.xml")).subscriptions);
    st::Iq all = fixture_stanza<st::Iq>("xep0060/017.xml");
    const ps::Subscriptions& list = *pubsub_of(all).subscriptions;
    CHECK_FALSE(list.node);
    REQUIRE(list.subscription.size() == 5);
    CHECK(list.subscription[2].node == "node5");
    CHECK(list.subscription[2].subscription == ps::SubscriptionState::unconfigured);
    CHECK(list.subscription[4].subid == "004-yyy");
    CHECK(pubsub_of(fixture_stanza<st::Iq>("xep0060/018.xml")).subscriptions->subscription.empty());
    CHECK(pubsub_of(fixture_stanza<st::Iq>("xep0060/020.xml")).subscriptions->node == "princely_musings");
    CHECK(pubsub_of(fixture_stanza<st::Iq>("xep0060/021.xml")).subscriptions->subscription.size() == 2);

    // Ex. 55, 56 (§6.3.2, §6.3.3): options request and the options form.
    st::Iq options_get = fixture_stanza<st::Iq>("xep0060/055.xml");
    REQUIRE(pubsub_of(options_get).options);
    CHECK_FALSE(pubsub_of(options_get).options->form);
    st::Iq options_form = fixture_stanza<st::Iq>("xep0060/056.xml");
    const ps::Options& o = *pubsub_of(options_form).options;
    REQUIRE(o.form);
    CHECK(o.form->type == xso::xdata::FormType::form);
    REQUIRE(o.form->field.size() == 5);
    CHECK(o.form->field[4].var == "pubsub#show-values");
    CHECK(o.form->field[4].option.size() == 5);
    CHECK(o.form->field[4].value == std::vector<std::string>{"chat", "online"});

    // Ex. 64 (§6.3.5): submission; Ex. 67, 68 (§6.3.7): subscribe and configure at once.
    CHECK(pubsub_of(fixture_stanza<st::Iq>("xep0060/064.xml")).options->form->type == xso::xdata::FormType::submit);
    st::Iq both = fixture_stanza<st::Iq>("xep0060/067.xml");
    CHECK(pubsub_of(both).subscribe);
    REQUIRE(pubsub_of(both).options);
    CHECK_FALSE(pubsub_of(both).options->jid); // no jid next to <subscribe/>
    st::Iq both_result = fixture_stanza<st::Iq>("xep0060/068.xml");
    CHECK(pubsub_of(both_result).subscription);
    CHECK(pubsub_of(both_result).options->form->type == xso::xdata::FormType::result);

    // Ex. 69-71 (§6.4): default subscription options, of a node or of the service.
    CHECK(pubsub_of(fixture_stanza<st::Iq>("xep0060/069.xml")).default_->node == "princely_musings");
    st::Iq service_default = fixture_stanza<st::Iq>("xep0060/070.xml");
    REQUIRE(pubsub_of(service_default).default_);
    CHECK_FALSE(pubsub_of(service_default).default_->node);
    CHECK(pubsub_of(fixture_stanza<st::Iq>("xep0060/071.xml")).default_->form->field.size() == 5);

    // Prosody 0.12: attribute order differs, meaning does not.
    st::Iq prosody = fixture_stanza<st::Iq>("prosody/08-subscribe-result.xml");
    CHECK(pubsub_of(prosody).subscription->subscription == ps::SubscriptionState::subscribed);
    CHECK(pubsub_of(fixture_stanza<st::Iq>("prosody/27-subscriptions-get-result.xml")).subscriptions->subscription.size() == 1);
    CHECK(pubsub_of(fixture_stanza<st::Iq>("prosody/30-options-get-result.xml")).options->form->field.size() == 2);
    CHECK(pubsub_of(fixture_stanza<st::Iq>("prosody/34-unsubscribe-result.xml")).subscription->subscription ==
          ps::SubscriptionState::none);
}

TEST_CASE("subscribe: exact output for canonical examples")
{
    // Ex. 28: attributes in schema order (jid before node), compact, single quotes.
    CHECK(serialized(fixture_stanza<st::Iq>("xep0060/028.xml")) ==
          "<iq xmlns='jabber:client' type='set' id='sub1' from='francisco@denmark.lit/barracks' to='pubsub.shakespeare.lit'>"
          "<pubsub xmlns='http://jabber.org/protocol/pubsub'><subscribe jid='francisco@denmark.lit' node='princely_musings'/>"
          "</pubsub></iq>");
    // Ex. 29
    CHECK(serialized(fixture_stanza<st::Iq>("xep0060/029.xml")) ==
          "<iq xmlns='jabber:client' type='result' id='sub1' from='pubsub.shakespeare.lit' to='francisco@denmark.lit/barracks'>"
          "<pubsub xmlns='http://jabber.org/protocol/pubsub'><subscription jid='francisco@denmark.lit' node='princely_musings'"
          " subid='ba49252aaa4f5d320c24d3766f0bdcade78c78d3' subscription='subscribed'/></pubsub></iq>");
    // Ex. 43: the subscribe-options flag.
    CHECK(serialized(fixture_stanza<st::Iq>("xep0060/043.xml")) ==
          "<iq xmlns='jabber:client' type='result' id='sub1' from='pubsub.shakespeare.lit' to='francisco@denmark.lit/barracks'>"
          "<pubsub xmlns='http://jabber.org/protocol/pubsub'><subscription jid='francisco@denmark.lit' node='princely_musings'"
          " subscription='unconfigured'><subscribe-options><required/></subscribe-options></subscription></pubsub></iq>");
    // Ex. 45: empty subscribe-options.
    CHECK(serialized(*pubsub_of(fixture_stanza<st::Iq>("xep0060/045.xml")).subscription) ==
          "<subscription xmlns='http://jabber.org/protocol/pubsub' jid='francisco@denmark.lit' node='princely_musings'"
          " subscription='unconfigured'><subscribe-options/></subscription>");
    // Ex. 18: an empty list.
    CHECK(serialized(pubsub_of(fixture_stanza<st::Iq>("xep0060/018.xml"))) ==
          "<pubsub xmlns='http://jabber.org/protocol/pubsub'><subscriptions/></pubsub>");
    // Ex. 55 and 70
    CHECK(serialized(pubsub_of(fixture_stanza<st::Iq>("xep0060/055.xml"))) ==
          "<pubsub xmlns='http://jabber.org/protocol/pubsub'><options jid='francisco@denmark.lit' node='princely_musings'/></pubsub>");
    CHECK(serialized(pubsub_of(fixture_stanza<st::Iq>("xep0060/070.xml"))) ==
          "<pubsub xmlns='http://jabber.org/protocol/pubsub'><default/></pubsub>");
    // Ex. 64: the submitted form inside options.
    CHECK(serialized(*pubsub_of(fixture_stanza<st::Iq>("xep0060/064.xml")).options) ==
          "<options xmlns='http://jabber.org/protocol/pubsub' jid='francisco@denmark.lit' node='princely_musings'>"
          "<x xmlns='jabber:x:data' type='submit'>"
          "<field type='hidden' var='FORM_TYPE'><value>http://jabber.org/protocol/pubsub#subscribe_options</value></field>"
          "<field var='pubsub#deliver'><value>1</value></field>"
          "<field var='pubsub#digest'><value>0</value></field>"
          "<field var='pubsub#include_body'><value>false</value></field>"
          "<field var='pubsub#show-values'><value>chat</value><value>online</value><value>away</value></field>"
          "</x></options>");
}

TEST_CASE("subscribe: requests built with the typed API")
{
    static_assert(xso::request_traits<ps::Subscribe>::iq == xso::iq_request_type::set);
    static_assert(std::is_same_v<xso::request_traits<ps::Subscribe>::container, ps::Pubsub>);
    static_assert(std::is_same_v<xso::request_traits<ps::Subscribe>::response, ps::Subscription>);
    static_assert(xso::request_traits<ps::Subscribe>::response_optional);
    static_assert(xso::request_traits<ps::Subscriptions>::iq == xso::iq_request_type::get);
    static_assert(xso::request_traits<ps::Options>::iq == xso::iq_request_type::get);

    // Unsubscribe one of several subscriptions (§6.2.3.1), by SubID.
    ps::Unsubscribe unsub;
    unsub.node = "princely_musings";
    unsub.jid = xso::jid("francisco@denmark.lit");
    unsub.subid = "ba49252aaa4f5d320c24d3766f0bdcade78c78d3";
    ps::Pubsub pubsub;
    pubsub.unsubscribe = unsub;
    st::Iq iq;
    iq.type = st::IqType::set;
    iq.id = "unsub1";
    iq.to = xso::jid("pubsub.shakespeare.lit");
    iq.payload = pubsub;
    const std::string out = serialized(iq);
    CHECK(out == "<iq xmlns='jabber:client' type='set' id='unsub1' to='pubsub.shakespeare.lit'>"
                 "<pubsub xmlns='http://jabber.org/protocol/pubsub'><unsubscribe jid='francisco@denmark.lit'"
                 " node='princely_musings' subid='ba49252aaa4f5d320c24d3766f0bdcade78c78d3'/></pubsub></iq>");
    CHECK(parsed<st::Iq>(out, xso_test::strict_options()) == iq);

    // Subscribe and configure in one request (§6.3.7).
    xso::xdata::Field form_type{};
    form_type.var = "FORM_TYPE";
    form_type.type = xso::open_enum<xso::xdata::FieldType>(xso::xdata::FieldType::hidden);
    form_type.value = {"http://jabber.org/protocol/pubsub#subscribe_options"};
    xso::xdata::Field deliver{};
    deliver.var = "pubsub#deliver";
    deliver.value = {"1"};
    xso::xdata::Form form;
    form.type = xso::xdata::FormType::submit;
    form.field = {form_type, deliver};
    ps::Pubsub both;
    both.subscribe = ps::Subscribe{xso::jid("francisco@denmark.lit"), std::string("princely_musings"), {}};
    ps::Options options;
    options.form = form;
    both.options = options;
    CHECK(serialized(both) ==
          "<pubsub xmlns='http://jabber.org/protocol/pubsub'><subscribe jid='francisco@denmark.lit' node='princely_musings'/>"
          "<options><x xmlns='jabber:x:data' type='submit'><field type='hidden' var='FORM_TYPE'>"
          "<value>http://jabber.org/protocol/pubsub#subscribe_options</value></field>"
          "<field var='pubsub#deliver'><value>1</value></field></x></options></pubsub>");

    // A subscription with options required, as a service would answer.
    ps::Subscription subscription;
    subscription.jid = xso::jid("francisco@denmark.lit");
    subscription.subscription = ps::SubscriptionState::unconfigured;
    subscription.subscribe_options = ps::SubscribeOptions{true, {}};
    CHECK(serialized(subscription) == "<subscription xmlns='http://jabber.org/protocol/pubsub' jid='francisco@denmark.lit'"
                                      " subscription='unconfigured'><subscribe-options><required/></subscribe-options>"
                                      "</subscription>");
}

TEST_CASE("subscribe: negative cases name the code and the path")
{
    // Missing required attribute: subscription/@jid.
    const std::string no_jid = in_pubsub("result", "<subscription node='n' subscription='subscribed'/>");
    xso::error e =
        expect_parse_error_at<st::Iq>(no_jid, errc::missing_attribute, "iq/pubsub/subscription/@jid", "<subscription");

    // Bad enumeration value, in a list.
    const std::string bad_state = in_pubsub("result", "<subscriptions><subscription jid='a@b' subscription='subscribed'/>"
                                                      "<subscription jid='a@b' subscription='Subscribed'/></subscriptions>");
    e = expect_parse_error<st::Iq>(bad_state, errc::invalid_value,
                                   "iq/pubsub/subscriptions/subscription[2]/@subscription");
    CHECK(e.offset == bad_state.rfind("subscription='Subscribed'"));

    // Bad JID.
    expect_parse_error<st::Iq>(in_pubsub("set", "<subscribe node='n' jid='francisco@'/>"), errc::invalid_value,
                               "iq/pubsub/subscribe/@jid");

    // Bad integer: a paged subscriptions request (XEP-0059 inside pubsub).
    expect_parse_error<st::Iq>(
        in_pubsub("get", "<subscriptions/><set xmlns='http://jabber.org/protocol/rsm'><max>-1</max></set>"),
        errc::invalid_value, "iq/pubsub/set/max");

    // A flag with content.
    expect_parse_error<st::Iq>(in_pubsub("result", "<subscription jid='a@b'><subscribe-options><required>yes</required>"
                                                   "</subscribe-options></subscription>"),
                               errc::invalid_value, "iq/pubsub/subscription/subscribe-options/required");

    // Wrong namespace: the owner namespace's <subscriptions> inside the generic <pubsub>.
    const std::string wrong = in_pubsub("get", "<subscriptions xmlns='http://jabber.org/protocol/pubsub#owner' node='n'/>");
    expect_parse_error_at<st::Iq>(wrong, errc::unknown_child, "iq/pubsub/subscriptions", "<subscriptions",
                                  xso_test::strict_options());

    // Duplicate: two <subscribe/> in one request.
    const std::string twice = in_pubsub("set", "<subscribe node='a'/><subscribe node='b'/>");
    expect_parse_error_at<st::Iq>(twice, errc::duplicate_child, "iq/pubsub/subscribe", "<subscribe node='b'");

    // Malformed XML: an unclosed <options>.
    const std::string malformed = in_pubsub("get", "<options node='n'>");
    e = parse_error<st::Iq>(malformed);
    CHECK(e.code == errc::xml_syntax);
    CHECK(e.offset <= malformed.size());

    // Truncated input: every prefix of Ex. 43 and of Prosody's subscribe request.
    xso_test::check_every_prefix_fails(xso_test::fixture_trimmed("xep0060/043.xml"));
    xso_test::check_every_prefix_fails(xso_test::fixture_trimmed("prosody/08-subscribe-request.xml"));

    // Serialize side: an empty required JID.
    ps::Subscription empty;
    e = xso_test::serialize_error(empty);
    CHECK(e.code == errc::invalid_value);
    CHECK(e.path == "subscription/@jid");
}
