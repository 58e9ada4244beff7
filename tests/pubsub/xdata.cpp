// The generic data form (XEP-0004, jabber:x:data) as the PubSub schemas use it: every
// field type, options, desc and required, multi-item results (reported and item), and
// children in any order on input.
#include <doctest/doctest.h>

#include <string>

#include <xso/pubsub.hpp>

#include "../support/family.hpp"

namespace {

using namespace xso_test::family_names;
namespace xd = xso::xdata;

// The data form inside the ad-hoc command of an XEP-0004 example (the command itself is
// opaque to xso): round-trips the stanza, then binds the form.
xd::Form form_of_example(const std::string& rel)
{
    st::Iq iq = xso_test::fixture_stanza<st::Iq>(rel);
    REQUIRE(iq.payload);
    const xso::element* command = std::get_if<xso::element>(&*iq.payload);
    REQUIRE(command);
    pugi::xml_node x = command->node().child("x");
    REQUIRE(x);
    auto form = xso::parse<xd::Form>(xso::element(command->store(), x), xso_test::strict_options());
    REQUIRE_MESSAGE(form, form.error().message());
    return *form;
}

const xd::Field& field_named(const xd::Form& form, const std::string& var)
{
    for (const xd::Field& f : form.field)
        if (f.var == var) return f;
    FAIL("no field " << var);
    return form.field.front();
}

std::string in_form(const std::string& body, const std::string& type = "form")
{
    return "<x xmlns='jabber:x:data' type='" + type + "'>" + body + "</x>";
}

} // namespace

TEST_CASE("xdata: XEP-0004 examples, every field type")
{
    // XEP-0004 Ex. 2 (§5.1): the bot creation form; title before instructions, options
    // before values and after them, as the example writes them.
    xd::Form form = form_of_example("xep0004/002.xml");
    CHECK(form.type == xd::FormType::form);
    CHECK(form.title == "Bot Configuration");
    REQUIRE(form.instructions.size() == 1);
    CHECK(form.field.size() == 12);

    CHECK(field_named(form, "FORM_TYPE").type == xso::open_enum<xd::FieldType>(xd::FieldType::hidden));
    CHECK(field_named(form, "FORM_TYPE").value == std::vector<std::string>{"jabber:bot"});
    CHECK(form.field[1].type == xd::FieldType::fixed);
    CHECK_FALSE(form.field[1].var);
    CHECK(field_named(form, "botname").type == xd::FieldType::text_single);
    CHECK(field_named(form, "description").type == xd::FieldType::text_multi);
    const xd::Field& pub = field_named(form, "public");
    CHECK(pub.type == xd::FieldType::boolean);
    CHECK(pub.required);
    CHECK(field_named(form, "password").type == xd::FieldType::text_private);
    const xd::Field& features = field_named(form, "features");
    CHECK(features.type == xd::FieldType::list_multi);
    REQUIRE(features.option.size() == 5);
    CHECK(features.option[0].label == "Contests");
    CHECK(features.option[0].value == "contests");
    CHECK(features.value == std::vector<std::string>{"news", "search"});
    const xd::Field& maxsubs = field_named(form, "maxsubs");
    CHECK(maxsubs.type == xd::FieldType::list_single);
    CHECK(maxsubs.value == std::vector<std::string>{"20"});
    CHECK(maxsubs.option.size() == 6);
    const xd::Field& invite = field_named(form, "invitelist");
    CHECK(invite.type == xd::FieldType::jid_multi);
    CHECK(invite.desc == "Tell all your friends about your new bot!");

    // Ex. 3, 4: the submission and the result.
    xd::Form submit = form_of_example("xep0004/003.xml");
    CHECK(submit.type == xd::FormType::submit);
    CHECK(field_named(submit, "invitelist").value.size() == 2);
    CHECK(form_of_example("xep0004/004.xml").type == xd::FormType::result);

    // Ex. 8 (§5.2): a multi-item result.
    xd::Form results = form_of_example("xep0004/008.xml");
    REQUIRE(results.reported);
    REQUIRE(results.reported->field.size() == 2);
    CHECK(results.reported->field[1].var == "url");
    CHECK(results.reported->field[1].value.empty());
    REQUIRE(results.item.size() == 5);
    CHECK(results.item[2].field[1].value == std::vector<std::string>{"http://www.univr.it/"});

    // jid-single, and a type the schema does not know (kept, XEP-0004 §3.3: treat as text-single).
    auto more = xso_test::round_trip<xd::Form>(
        in_form("<field type='jid-single' var='owner'><value>hamlet@denmark.lit</value></field>"
                "<field type='x-rating' var='stars'><value>4</value></field><field var='untyped'/>"));
    CHECK(more.field[0].type == xd::FieldType::jid_single);
    REQUIRE(more.field[1].type);
    CHECK_FALSE(more.field[1].type->is_known());
    CHECK(more.field[1].type->token() == "x-rating");
    CHECK_FALSE(more.field[2].type);

    // Every field type and form type token.
    CHECK(xso::enum_traits<xd::FieldType>::tokens.size() == 10);
    for (auto token : xso::enum_traits<xd::FieldType>::tokens) {
        auto f = parsed<xd::Form>(in_form("<field type='" + std::string(token) + "' var='v'/>"));
        CHECK(f.field[0].type->is_known());
    }
    for (const char* type : {"cancel", "form", "result", "submit"}) CHECK(xso::to_token(parsed<xd::Form>(in_form("", type)).type) == type);
}

TEST_CASE("xdata: children in any order parse to the same form")
{
    const xd::Form schema_order = parsed<xd::Form>(
        in_form("<instructions>Fill it</instructions><title>T</title>"
                "<field label='L' type='list-single' var='v'><desc>D</desc><required/><value>a</value>"
                "<option label='A'><value>a</value></option></field>"
                "<reported><field var='v'/></reported><item><field var='v'><value>a</value></field></item>"));
    const xd::Form shuffled = parsed<xd::Form>(
        in_form("<item><field var='v'><value>a</value></field></item><reported><field var='v'/></reported>"
                "<field var='v' type='list-single' label='L'><option label='A'><value>a</value></option><value>a</value>"
                "<required/><desc>D</desc></field><title>T</title><instructions>Fill it</instructions>"));
    CHECK(shuffled == schema_order);
    // Output is in schema order, whatever the input order.
    CHECK(serialized(shuffled) ==
          "<x xmlns='jabber:x:data' type='form'><instructions>Fill it</instructions><title>T</title>"
          "<field label='L' type='list-single' var='v'><desc>D</desc><required/><value>a</value>"
          "<option label='A'><value>a</value></option></field>"
          "<reported><field var='v'/></reported><item><field var='v'><value>a</value></field></item></x>");
    // Several instructions keep their order; the value of an option can come after its label.
    auto lines = parsed<xd::Form>(in_form("<instructions>one</instructions><field var='x'/><instructions>two</instructions>"));
    CHECK(lines.instructions == std::vector<std::string>{"one", "two"});
}

TEST_CASE("xdata: exact output and forms built with the typed API")
{
    // XEP-0060 §16.4's subscribe_options FORM_TYPE, as a subscriber submits it (Ex. 64's form).
    xd::Form form;
    form.type = xd::FormType::submit;
    xd::Field form_type{};
    form_type.var = "FORM_TYPE";
    form_type.type = xso::open_enum<xd::FieldType>(xd::FieldType::hidden);
    form_type.value = {"http://jabber.org/protocol/pubsub#subscribe_options"};
    xd::Field show{};
    show.var = "pubsub#show-values";
    show.value = {"chat", "online", "away"};
    form.field = {form_type, show};
    CHECK(serialized(form) == "<x xmlns='jabber:x:data' type='submit'><field type='hidden' var='FORM_TYPE'>"
                              "<value>http://jabber.org/protocol/pubsub#subscribe_options</value></field>"
                              "<field var='pubsub#show-values'><value>chat</value><value>online</value><value>away</value>"
                              "</field></x>");

    // A form with a required boolean, an option list and a description; an empty value.
    xd::Field allow{};
    allow.var = "pubsub#allow";
    allow.type = xso::open_enum<xd::FieldType>(xd::FieldType::boolean);
    allow.label = "Allow this JID to subscribe to this pubsub node?";
    allow.required = true;
    allow.desc = "Say <yes> & mean it";
    allow.value = {""};
    xd::Field access{};
    access.var = "pubsub#access_model";
    access.type = xso::open_enum<xd::FieldType>(xd::FieldType::list_single);
    access.option.push_back(xd::Option{std::string("Open"), "open", {}});
    access.option.push_back(xd::Option{std::nullopt, "whitelist", {}});
    xd::Form approval;
    approval.type = xd::FormType::form;
    approval.title = "PubSub subscriber request";
    approval.field = {allow, access};
    const std::string out = serialized(approval);
    CHECK(out == "<x xmlns='jabber:x:data' type='form'><title>PubSub subscriber request</title>"
                 "<field label='Allow this JID to subscribe to this pubsub node?' type='boolean' var='pubsub#allow'>"
                 "<desc>Say &lt;yes&gt; &amp; mean it</desc><required/><value/></field>"
                 "<field type='list-single' var='pubsub#access_model'><option label='Open'><value>open</value></option>"
                 "<option><value>whitelist</value></option></field></x>");
    CHECK(parsed<xd::Form>(out, xso_test::strict_options()) == approval);

    // A cancel is just the type (XEP-0060 Ex. 147).
    CHECK(serialized(xd::Form{xd::FormType::cancel, {}, std::nullopt, {}, std::nullopt, {}, {}}) ==
          "<x xmlns='jabber:x:data' type='cancel'/>");
    // Ex. 8's result, exactly: reported then items.
    xd::Form results = form_of_example("xep0004/008.xml");
    results.item.resize(1);
    CHECK(serialized(results) == "<x xmlns='jabber:x:data' type='result'><title>Joogle Search: verona</title>"
                                 "<reported><field var='name'/><field var='url'/></reported>"
                                 "<item><field var='name'><value>Comune di Verona - Benvenuti nel sito ufficiale</value></field>"
                                 "<field var='url'><value>http://www.comune.verona.it/</value></field></item></x>");
}

TEST_CASE("xdata: negative cases name the code and the path")
{
    // Missing required attribute and child.
    xso::error e = expect_parse_error<xd::Form>("<x xmlns='jabber:x:data'/>", errc::missing_attribute, "x/@type");
    CHECK(e.offset == 0);
    const std::string no_value = in_form("<field var='a' type='list-single'><option label='A'/></field>");
    expect_parse_error_at<xd::Form>(no_value, errc::missing_child, "x/field[1]/option[1]/value", "<option");
    expect_parse_error<xd::Form>(in_form("<reported/>", "result"), errc::too_few_children, "x/reported/field");
    expect_parse_error<xd::Form>(
        in_form("<reported><field var='a'/></reported><item><field var='a'/></item><item/>", "result"),
        errc::too_few_children, "x/item[2]/field");

    // Bad enumeration value (the form type is closed; the field type is open).
    const std::string bad_type = in_form("", "draft");
    e = expect_parse_error_at<xd::Form>(bad_type, errc::invalid_value, "x/@type", "type=");
    CHECK(e.detail.find("cancel form result submit") != std::string::npos);

    // Duplicates of single children, a flag with content, a leaf with markup.
    expect_parse_error<xd::Form>(in_form("<title>a</title><title>b</title>"), errc::duplicate_child, "x/title");
    expect_parse_error<xd::Form>(in_form("<field var='a'><desc>1</desc><desc>2</desc></field>"), errc::duplicate_child,
                                 "x/field[1]/desc");
    expect_parse_error<xd::Form>(in_form("<field var='a'><required>true</required></field>"), errc::invalid_value,
                                 "x/field[1]/required");
    expect_parse_error<xd::Form>(in_form("<field var='a'/><field var='b'><value>a<b/>c</value></field>"),
                                 errc::unknown_child, "x/field[2]/value[1]/b");
    // This family has no integer member: numbers in forms are strings until the typed
    // forms give them a type.

    // Wrong namespace: a form in another namespace; a field of another namespace.
    expect_parse_error<xd::Form>("<x xmlns='jabber:x:oob' type='form'/>", errc::unexpected_element, "x");
    expect_parse_error<st::Message>(
        "<message><x xmlns='jabber:x:data' type='form'><field xmlns='http://jabber.org/protocol/pubsub' var='a'/>"
        "</x></message>",
        errc::unknown_child, "message/x[1]/field", xso_test::strict_options());

    // Malformed and truncated.
    const std::string malformed = in_form("<field var='a'><value>v</field>");
    e = parse_error<xd::Form>(malformed);
    CHECK(e.code == errc::xml_syntax);
    CHECK(e.offset >= malformed.find("</field>"));
    xso_test::check_every_prefix_fails(xso_test::fixture_trimmed("xep0060/064.xml"));
    xso_test::check_every_prefix_fails<xd::Form>(in_form("<title>T</title><field type='list-single' var='v'><value>a</value>"
                                                         "<option label='A'><value>a</value></option></field>"));

    // Serialize side: an option without a value is fine (empty value), a reported without fields is not.
    xd::Form form;
    form.type = xd::FormType::result;
    form.reported = xd::Reported{};
    e = xso_test::serialize_error(form);
    CHECK(e.code == errc::too_few_children);
    CHECK(e.path == "x/reported/field");
    form.reported.reset();
    form.item.push_back(xd::FormItem{});
    e = xso_test::serialize_error(form);
    CHECK(e.code == errc::too_few_children);
    CHECK(e.path == "x/item[1]/field");
}
