// The error family: RFC 6120 stanza errors (every defined condition, the legacy
// payment-required, error types, 'by', <text/> with xml:lang, the URI of gone and
// redirect) and XEP-0060's application-specific conditions (every pubsub#errors condition,
// unsupported with known and unknown features), plus conditions of other namespaces.
#include <doctest/doctest.h>

#include <string>

#include <xso/pubsub.hpp>

#include "../support/family.hpp"

namespace {

using namespace xso_test::family_names;
namespace pe = xso::pubsub::errors;

const std::string stanzas_ns = "urn:ietf:params:xml:ns:xmpp-stanzas";
const std::string errors_ns = "http://jabber.org/protocol/pubsub#errors";

std::string error_iq(const std::string& error_body, const std::string& error_type = "cancel")
{
    return "<iq type='error' id='e1' from='pubsub.shakespeare.lit'><error type='" + error_type + "'>" + error_body + "</error></iq>";
}

const pe::PubsubError& pubsub_condition(const st::Iq& iq)
{
    REQUIRE(iq.error);
    REQUIRE(iq.error->app_condition);
    const pe::PubsubError* p = std::get_if<pe::PubsubError>(&*iq.error->app_condition);
    REQUIRE_MESSAGE(p, "the application condition is not a pubsub#errors one");
    return *p;
}

} // namespace

TEST_CASE("stanza errors: every RFC 6120 defined condition, and payment-required")
{
    const auto& tokens = xso::enum_traits<st::DefinedCondition>::tokens;
    CHECK(tokens.size() == 23); // RFC 6120 §8.3.3's 22, plus RFC 3920's payment-required
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        const std::string token(tokens[i]);
        CAPTURE(token);
        const std::string xml = error_iq("<" + token + " xmlns='" + stanzas_ns + "'/>");
        st::Iq iq = xso_test::round_trip<st::Iq>(xml);
        REQUIRE(iq.error);
        CHECK(iq.error->condition.condition == static_cast<st::DefinedCondition>(i));
        CHECK(xso::to_token(iq.error->condition.condition) == token);
        CHECK_FALSE(iq.error->condition.text);
        CHECK_FALSE(iq.error->app_condition);
        CHECK(serialized(*iq.error) == "<error xmlns='jabber:client' type='cancel'><" + token + " xmlns='" + stanzas_ns + "'/></error>");
    }
    for (const char* token : {"bad-request", "conflict", "feature-not-implemented", "forbidden", "gone", "internal-server-error",
                              "item-not-found", "jid-malformed", "not-acceptable", "not-allowed", "not-authorized",
                              "policy-violation", "recipient-unavailable", "redirect", "registration-required",
                              "remote-server-not-found", "remote-server-timeout", "resource-constraint", "service-unavailable",
                              "subscription-required", "undefined-condition", "unexpected-request", "payment-required"}) {
        CAPTURE(token);
        CHECK(xso::from_token<st::DefinedCondition>(token));
    }
}

TEST_CASE("stanza errors: types, by, text with xml:lang, and the URI of gone and redirect")
{
    for (const char* type : {"auth", "cancel", "continue", "modify", "wait"}) {
        CAPTURE(type);
        st::Iq iq = xso_test::round_trip<st::Iq>(error_iq("<bad-request xmlns='" + stanzas_ns + "'/>", type));
        CHECK(xso::to_token(iq.error->type) == type);
    }

    st::Iq full = xso_test::round_trip<st::Iq>(
        "<iq type='error' id='e2'><error type='modify' by='pubsub.shakespeare.lit'>"
        "<not-acceptable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>"
        "<text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas' xml:lang='en'>The node is full, sir.</text></error></iq>");
    CHECK(full.error->by == xso::jid("pubsub.shakespeare.lit"));
    REQUIRE(full.error->text);
    CHECK(full.error->text->lang == "en");
    CHECK(full.error->text->value == "The node is full, sir.");
    CHECK(serialized(*full.error) == "<error xmlns='jabber:client' type='modify' by='pubsub.shakespeare.lit'>"
                                     "<not-acceptable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>"
                                     "<text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas' xml:lang='en'>The node is full, sir.</text>"
                                     "</error>");

    // Ex. 40 (§6.1.3.11): gone with the new address, whitespace kept as sent.
    st::Iq gone = fixture_stanza<st::Iq>("xep0060/040.xml");
    CHECK(gone.error->condition.condition == st::DefinedCondition::gone);
    REQUIRE(gone.error->condition.text);
    CHECK(gone.error->condition.text->find("xmpp:pubsub.shakespeare.lit?;node=some-other-node") != std::string::npos);
    CHECK(serialized(*gone.error) == "<error xmlns='jabber:client' type='modify'><gone xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>\n"
                                     "      xmpp:pubsub.shakespeare.lit?;node=some-other-node\n    </gone></error>");

    // redirect (RFC 6120 §8.3.3.14) carries an address the same way.
    st::Iq redirect = xso_test::round_trip<st::Iq>(
        error_iq("<redirect xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>xmpp:pubsub.example.net?;node=n</redirect>", "modify"));
    CHECK(redirect.error->condition.text == "xmpp:pubsub.example.net?;node=n");

    // Built with the typed API.
    st::Error error;
    error.type = st::ErrorType::continue_;
    error.condition.condition = st::DefinedCondition::redirect;
    error.condition.text = "xmpp:other.example";
    st::Text text;
    text.lang = "de";
    text.value = "Umgezogen";
    error.text = text;
    CHECK(serialized(error) == "<error xmlns='jabber:client' type='continue'><redirect xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>"
                               "xmpp:other.example</redirect><text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas' xml:lang='de'>"
                               "Umgezogen</text></error>");
}

TEST_CASE("stanza errors: every pubsub#errors condition, including node-full")
{
    const auto& tokens = xso::enum_traits<pe::Condition>::tokens;
    CHECK(tokens.size() == 24); // pubsub-errors.xsd's 23 plus node-full
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        const std::string token(tokens[i]);
        CAPTURE(token);
        const std::string attr = token == "unsupported" ? " feature='publish'" : "";
        const std::string app = "<" + token + " xmlns='" + errors_ns + "'" + attr + "/>";
        st::Iq iq = xso_test::round_trip<st::Iq>(error_iq("<bad-request xmlns='" + stanzas_ns + "'/>" + app, "modify"));
        const pe::PubsubError& p = pubsub_condition(iq);
        CHECK(p.condition == static_cast<pe::Condition>(i));
        CHECK(serialized(p) == app);
    }
    CHECK(xso::from_token<pe::Condition>("node-full") == pe::Condition::node_full);
    CHECK(xso::from_token<pe::Condition>("max-nodes-exceeded") == pe::Condition::max_nodes_exceeded);
}

TEST_CASE("stanza errors: unsupported names a feature, known or not")
{
    // Ex. 19 (§5.6), Ex. 39 (§6.1.3.10): registered features.
    st::Iq ex19 = fixture_stanza<st::Iq>("xep0060/019.xml");
    const pe::PubsubError& p19 = pubsub_condition(ex19);
    CHECK(p19.condition == pe::Condition::unsupported);
    REQUIRE(p19.feature);
    CHECK(*p19.feature == pe::Feature::retrieve_subscriptions);
    CHECK(pubsub_condition(fixture_stanza<st::Iq>("xep0060/039.xml")).feature == xso::open_enum<pe::Feature>(pe::Feature::subscribe));

    // All of the registered features the schema lists (the XSD's 44 and two more).
    CHECK(xso::enum_traits<pe::Feature>::tokens.size() == 46);
    for (auto token : xso::enum_traits<pe::Feature>::tokens) {
        auto p = parsed<pe::PubsubError>("<unsupported xmlns='" + errors_ns + "' feature='" + std::string(token) + "'/>",
                                         xso_test::strict_options());
        REQUIRE(p.feature);
        CHECK(p.feature->is_known());
        CHECK(p.feature->token() == token);
    }

    // A feature the schema does not know: kept, not fatal, written back unchanged.
    const std::string unknown = error_iq("<feature-not-implemented xmlns='" + stanzas_ns + "'/><unsupported xmlns='" + errors_ns +
                                         "' feature='urn:xmpp:pubsub:0#vanish'/>");
    st::Iq iq = xso_test::round_trip<st::Iq>(unknown);
    const pe::PubsubError& p = pubsub_condition(iq);
    REQUIRE(p.feature);
    CHECK_FALSE(p.feature->is_known());
    CHECK(p.feature->token() == "urn:xmpp:pubsub:0#vanish");
    CHECK(serialized(p) == "<unsupported xmlns='http://jabber.org/protocol/pubsub#errors' feature='urn:xmpp:pubsub:0#vanish'/>");

    // Exact output of Ex. 19.
    CHECK(serialized(ex19) == "<iq xmlns='jabber:client' type='error' id='subscriptions1' from='pubsub.shakespeare.lit'"
                              " to='francisco@denmark.lit/barracks'><error type='cancel'>"
                              "<feature-not-implemented xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>"
                              "<unsupported xmlns='http://jabber.org/protocol/pubsub#errors' feature='retrieve-subscriptions'/>"
                              "</error></iq>");
}

TEST_CASE("stanza errors: XEP-0060 and Prosody examples")
{
    // Ex. 30 (§6.1.3.1), 34 (§6.1.3.5), 38 (§6.1.3.9), 108 (§7.1.3.4).
    st::Iq ex30 = fixture_stanza<st::Iq>("xep0060/030.xml");
    CHECK(ex30.error->type == st::ErrorType::modify);
    CHECK(ex30.error->condition.condition == st::DefinedCondition::bad_request);
    CHECK(pubsub_condition(ex30).condition == pe::Condition::invalid_jid);
    st::Iq ex34 = fixture_stanza<st::Iq>("xep0060/034.xml");
    CHECK(ex34.error->type == st::ErrorType::auth);
    CHECK(ex34.error->condition.condition == st::DefinedCondition::payment_required);
    st::Iq ex38 = fixture_stanza<st::Iq>("xep0060/038.xml");
    CHECK(ex38.error->type == st::ErrorType::wait);
    CHECK(pubsub_condition(ex38).condition == pe::Condition::too_many_subscriptions);
    st::Iq ex108 = fixture_stanza<st::Iq>("xep0060/108.xml");
    CHECK(pubsub_condition(ex108).condition == pe::Condition::node_full);
    CHECK(serialized(*ex108.error) == "<error xmlns='jabber:client' type='cancel'><conflict xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>"
                                      "<node-full xmlns='http://jabber.org/protocol/pubsub#errors'/></error>");

    // Prosody: text between the two conditions, and plain errors.
    st::Iq mismatch = fixture_stanza<st::Iq>("prosody/11-publish-options-mismatch-error.xml");
    CHECK(mismatch.error->text->value == "Field does not match: access_model");
    CHECK(pubsub_condition(mismatch).condition == pe::Condition::precondition_not_met);
    CHECK(fixture_stanza<st::Iq>("prosody/17-retract-missing-error.xml").error->condition.condition ==
          st::DefinedCondition::item_not_found);
    CHECK(fixture_stanza<st::Iq>("prosody/36-subscribe-jid-mismatch-error.xml").error->type == st::ErrorType::auth);

    // An application condition of another namespace: kept as an opaque element.
    st::Iq other = xso_test::round_trip<st::Iq>(
        error_iq("<bad-request xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/><too-fast xmlns='urn:example:errors' limit='3'/>",
                 "wait"));
    REQUIRE(other.error->app_condition);
    const xso::element* opaque = std::get_if<xso::element>(&*other.error->app_condition);
    REQUIRE(opaque);
    CHECK(opaque->name() == xso::qname{"urn:example:errors", "too-fast"});
    CHECK(opaque->attribute("limit") == std::string_view("3"));

    // An error in a message (RFC 6120 §8.3: any stanza kind).
    st::Message bounced = xso_test::round_trip<st::Message>(
        "<message type='error' from='pubsub.shakespeare.lit'><error type='cancel'>"
        "<service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></message>");
    CHECK(bounced.error->condition.condition == st::DefinedCondition::service_unavailable);
}

TEST_CASE("stanza errors: negative cases name the code and the path")
{
    // Missing required attribute: the error type, unsupported's feature.
    const std::string no_type = "<iq type='error' id='n1'><error><conflict xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>";
    xso::error e = expect_parse_error_at<st::Iq>(no_type, errc::missing_attribute, "iq/error/@type", "<error");
    const std::string no_feature = error_iq("<feature-not-implemented xmlns='" + stanzas_ns + "'/><unsupported xmlns='" +
                                            errors_ns + "'/>");
    expect_parse_error_at<st::Iq>(no_feature, errc::missing_attribute, "iq/error/unsupported/@feature", "<unsupported");

    // Bad enumeration value: the error type; a bad JID in 'by'.
    const std::string bad_type = error_iq("<conflict xmlns='" + stanzas_ns + "'/>", "fatal");
    e = expect_parse_error_at<st::Iq>(bad_type, errc::invalid_value, "iq/error/@type", "type='fatal'");
    CHECK(e.detail.find("auth cancel continue modify wait") != std::string::npos);
    expect_parse_error<st::Iq>("<iq type='error' id='n2'><error type='cancel' by='@x'><conflict xmlns='" + stanzas_ns +
                                   "'/></error></iq>",
                               errc::invalid_value, "iq/error/@by");
    // This family has no integer member; the language tag is its other checked value.
    expect_parse_error<st::Iq>(
        error_iq("<conflict xmlns='" + stanzas_ns + "'/><text xmlns='" + stanzas_ns + "' xml:lang='en_GB'>x</text>"),
        errc::invalid_value, "iq/error/text/@xml:lang");

    // No defined condition, an unknown one, two of them.
    expect_parse_error<st::Iq>(error_iq(""), errc::missing_child, "iq/error/condition");
    const std::string unknown = error_iq("<teapot xmlns='" + stanzas_ns + "'/>");
    expect_parse_error_at<st::Iq>(unknown, errc::unknown_child, "iq/error/teapot", "<teapot",
                                  xso_test::strict_options());
    expect_parse_error<st::Iq>(unknown, errc::missing_child, "iq/error/condition");
    const std::string two = error_iq("<conflict xmlns='" + stanzas_ns + "'/><forbidden xmlns='" + stanzas_ns + "'/>");
    expect_parse_error_at<st::Iq>(two, errc::duplicate_child, "iq/error/forbidden", "<forbidden");

    // Wrong namespace: a defined condition in the pubsub#errors namespace is no defined
    // condition; a pubsub#errors condition name in another namespace is opaque.
    expect_parse_error<st::Iq>(error_iq("<conflict xmlns='" + errors_ns + "'/>"), errc::missing_child,
                               "iq/error/condition");
    st::Iq opaque = parsed<st::Iq>(error_iq("<conflict xmlns='" + stanzas_ns + "'/><node-full xmlns='urn:example:x'/>"));
    CHECK(std::holds_alternative<xso::element>(*opaque.error->app_condition));
    expect_parse_error<st::Iq>(
        "<iq type='error' id='n3'><error xmlns='urn:ietf:params:xml:ns:xmpp-stanzas' type='cancel'/></iq>",
        errc::unknown_child, "iq/error", xso_test::strict_options());

    // Malformed and truncated.
    const std::string malformed = error_iq("<conflict xmlns='" + stanzas_ns + "'>");
    e = parse_error<st::Iq>(malformed);
    CHECK(e.code == errc::xml_syntax);
    CHECK(e.offset >= malformed.find("</error>"));
    xso_test::check_every_prefix_fails(xso_test::fixture_trimmed("xep0060/019.xml"));
    xso_test::check_every_prefix_fails(xso_test::fixture_trimmed("prosody/11-publish-options-mismatch-error.xml"));

    // Serialize side: unsupported without feature, a text with a bad language tag.
    st::Error error;
    error.type = st::ErrorType::cancel;
    error.condition.condition = st::DefinedCondition::feature_not_implemented;
    error.app_condition = pe::PubsubError{pe::Condition::unsupported, std::nullopt, {}};
    e = xso_test::serialize_error(error);
    CHECK(e.code == errc::missing_attribute);
    CHECK(e.path == "error/unsupported/@feature");
    error.app_condition.reset();
    error.text = st::Text{std::string("en GB"), "x", {}};
    e = xso_test::serialize_error(error);
    CHECK(e.code == errc::invalid_value);
    CHECK(e.path == "error/text/@xml:lang");
}
