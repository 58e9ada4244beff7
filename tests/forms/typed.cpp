// Typed forms: reading (FORM_TYPE, value conversions, located errors, what servers vary),
// writing back (lossless, submit, form, result), and the elements that carry forms.
#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <utility>

#include <xso/pubsub.hpp>

namespace {

namespace ps = xso::pubsub;
using xso::errc;

xso::xdata::Form form(std::string_view xml)
{
    auto f = xso::parse<xso::xdata::Form>(xml);
    REQUIRE_MESSAGE(f, f.error().message());
    return *f;
}

std::string xml(const xso::xdata::Form& f)
{
    auto s = xso::serialize(f);
    REQUIRE_MESSAGE(s, s.error().message());
    return *s;
}

bool canonically_equal(const std::string& a, const std::string& b)
{
    std::string diff;
    auto same = xso::canonical_equal(a, b, {}, &diff);
    REQUIRE(same);
    if (!*same) MESSAGE(diff);
    return *same;
}

constexpr std::string_view node_config_head =
    "<x xmlns='jabber:x:data' type='form'>"
    "<field var='FORM_TYPE' type='hidden'><value>http://jabber.org/protocol/pubsub#node_config</value></field>";

std::string node_config(std::string_view fields)
{
    return std::string(node_config_head) + std::string(fields) + "</x>";
}

} // namespace

TEST_CASE("forms: typed values of a node configuration form")
{
    auto config = xso::forms::read<ps::NodeConfigForm>(form(node_config(
        "<field var='pubsub#title' type='text-single'><value>Princely Musings (Atom)</value></field>"
        "<field var='pubsub#deliver_notifications' type='boolean'><value>1</value></field>"
        "<field var='pubsub#deliver_payloads' type='boolean'><value>false</value></field>"
        "<field var='pubsub#max_items' type='text-single'><value>10</value></field>"
        "<field var='pubsub#item_expire' type='text-single'><value>max</value></field>"
        "<field var='pubsub#access_model' type='list-single'><value>whitelist</value></field>"
        "<field var='pubsub#contact' type='jid-multi'><value>hamlet@denmark.lit</value><value>bard@shakespeare.lit</value></field>"
        "<field var='pubsub#roster_groups_allowed' type='list-multi'/>"
        "<field var='pubsub#children' type='text-multi'><value>a</value><value></value><value>b</value></field>"
        "<field var='pubsub#children_association_policy' type='list-single'><value>owners</value></field>")));
    REQUIRE_MESSAGE(config, config.error().message());
    CHECK(config->title == "Princely Musings (Atom)");
    CHECK(config->deliver_notifications == true);
    CHECK(config->deliver_payloads == false);
    REQUIRE(config->max_items);
    CHECK(*config->max_items == std::uint64_t{10});
    REQUIRE(config->item_expire);
    CHECK(config->item_expire->is_keyword());
    CHECK(*config->item_expire == xso::forms::max);
    CHECK(config->access_model == ps::AccessModel::whitelist);
    REQUIRE(config->contact);
    CHECK(config->contact->size() == 2);
    CHECK((*config->contact)[1] == xso::jid("bard@shakespeare.lit"));
    // A list field present without values: an empty list, not "absent".
    REQUIRE(config->roster_groups_allowed);
    CHECK(config->roster_groups_allowed->empty());
    // Lines of a text-multi field keep their empty lines.
    CHECK(config->children == std::vector<std::string>{"a", "", "b"});
    // XEP-0248's options (the field left XEP-0060's registry): an enum, not a string.
    CHECK(config->children_association_policy == ps::ChildrenAssociationPolicy::owners);
    // Fields the form does not carry stay empty.
    CHECK_FALSE(config->publish_model);
    CHECK_FALSE(config->notify_sub);
    CHECK(config->rest.received->type == xso::xdata::FormType::form);
}

TEST_CASE("forms: FORM_TYPE is checked")
{
    SUBCASE("another FORM_TYPE")
    {
        auto r = xso::forms::read<ps::NodeConfigForm>(form(
            "<x xmlns='jabber:x:data' type='form'><field var='FORM_TYPE' type='hidden'>"
            "<value>http://jabber.org/protocol/pubsub#subscribe_options</value></field></x>"));
        REQUIRE_FALSE(r);
        CHECK(r.error().code == errc::form_type_mismatch);
        CHECK(r.error().path == "x/field[@var='FORM_TYPE']");
        CHECK(r.error().detail.find("pubsub#subscribe_options") != std::string::npos);
        CHECK(r.error().origin == xso::origin::remote);
    }
    SUBCASE("no FORM_TYPE field")
    {
        const auto x = form("<x xmlns='jabber:x:data' type='submit'><field var='pubsub#max_items'><value>5</value></field></x>");
        auto r = xso::forms::read<ps::NodeConfigForm>(x);
        REQUIRE_FALSE(r);
        CHECK(r.error().code == errc::form_type_mismatch);
        CHECK(r.error().path == "x");
        CHECK(r.error().detail.find("no FORM_TYPE") != std::string::npos);
        // Allowed when the caller knows the form from its context; nothing is added on the way back.
        xso::forms::read_options lenient;
        lenient.allow_missing_form_type = true;
        auto ok = xso::forms::read<ps::NodeConfigForm>(x, lenient);
        REQUIRE(ok);
        CHECK(*ok->max_items == std::uint64_t{5});
        CHECK(canonically_equal(xml(x), xml(*xso::forms::to_xdata(*ok))));
    }
    SUBCASE("a FORM_TYPE field without one value")
    {
        auto r = xso::forms::read<ps::NodeConfigForm>(
            form("<x xmlns='jabber:x:data' type='form'><field var='FORM_TYPE' type='hidden'/></x>"));
        REQUIRE_FALSE(r);
        CHECK(r.error().code == errc::form_type_mismatch);
        CHECK(r.error().path == "x/field[@var='FORM_TYPE']");
    }
    SUBCASE("whitespace around the FORM_TYPE value")
    {
        auto r = xso::forms::read<ps::NodeConfigForm>(form(
            "<x xmlns='jabber:x:data' type='form'><field var='FORM_TYPE' type='hidden'><value>\n"
            "  http://jabber.org/protocol/pubsub#node_config\n</value></field></x>"));
        CHECK(r);
    }
}

TEST_CASE("forms: bad values are errors that name the field")
{
    auto bad = [](std::string_view field) {
        auto r = xso::forms::read<ps::NodeConfigForm>(form(node_config(field)));
        REQUIRE_FALSE(r);
        CHECK(r.error().origin == xso::origin::remote);
        return r.error();
    };
    SUBCASE("boolean")
    {
        auto e = bad("<field var='pubsub#deliver_payloads' type='boolean'><value>yes</value></field>");
        CHECK(e.code == errc::invalid_value);
        CHECK(e.path == "x/field[@var='pubsub#deliver_payloads']");
        CHECK(e.detail.find("not a boolean") != std::string::npos);
    }
    SUBCASE("integer")
    {
        auto e = bad("<field var='pubsub#max_items'><value>ten</value></field>");
        CHECK(e.code == errc::invalid_value);
        CHECK(e.path == "x/field[@var='pubsub#max_items']");
        CHECK(e.detail.find("not an integer") != std::string::npos);
        CHECK(e.detail.find("keyword 'max'") != std::string::npos);
        CHECK(bad("<field var='pubsub#max_payload_size'><value>-5</value></field>").path ==
              "x/field[@var='pubsub#max_payload_size']");
        CHECK(bad("<field var='pubsub#max_payload_size'><value>99999999999999999999999</value></field>").detail.find(
                  "out of range") != std::string::npos);
    }
    SUBCASE("a keyword where the field has none")
    {
        auto e = bad("<field var='pubsub#max_payload_size'><value>max</value></field>");
        CHECK(e.code == errc::invalid_value);
    }
    SUBCASE("JID")
    {
        auto e = bad("<field var='pubsub#contact' type='jid-multi'><value>a@b</value><value>@nodomain</value></field>");
        CHECK(e.path == "x/field[@var='pubsub#contact']");
    }
    SUBCASE("several values in a single-valued field")
    {
        auto e = bad("<field var='pubsub#title'><value>a</value><value>b</value></field>");
        CHECK(e.code == errc::invalid_value);
        CHECK(e.detail == "2 values in a single-valued field");
    }
    SUBCASE("a declared field twice")
    {
        auto e = bad("<field var='pubsub#title'><value>a</value></field><field var='pubsub#title'><value>b</value></field>");
        CHECK(e.code == errc::duplicate_child);
        CHECK(e.path == "x/field[@var='pubsub#title']");
    }
    SUBCASE("date-time")
    {
        auto r = xso::forms::read<ps::SubscribeOptionsForm>(form(
            "<x xmlns='jabber:x:data' type='submit'><field var='FORM_TYPE' type='hidden'>"
            "<value>http://jabber.org/protocol/pubsub#subscribe_options</value></field>"
            "<field var='pubsub#expire'><value>tomorrow</value></field></x>"));
        REQUIRE_FALSE(r);
        CHECK(r.error().path == "x/field[@var='pubsub#expire']");
        CHECK(r.error().detail.find("keyword 'presence'") != std::string::npos);
    }
}

TEST_CASE("forms: unknown list values, varied field types and option order are accepted")
{
    const std::string input = node_config(
        // A value the registry does not list: kept.
        "<field var='pubsub#access_model' type='list-single'>"
        "<option label='Friends'><value>friends</value></option><option><value>open</value></option>"
        "<value>friends</value></field>"
        // Options in another order than the registry's, and list-single where it says text-single.
        "<field var='pubsub#publish_model' type='list-single'><option><value>open</value></option>"
        "<option><value>publishers</value></option><value>open</value></field>"
        "<field var='pubsub#max_items' type='list-single'><option><value>max</value></option><value>max</value></field>"
        // A field the schema does not declare.
        "<field var='x-example#flavour' type='text-single' label='Flavour'><value>vanilla</value></field>");
    auto config = xso::forms::read<ps::NodeConfigForm>(form(input));
    REQUIRE_MESSAGE(config, config.error().message());
    REQUIRE(config->access_model);
    CHECK_FALSE(config->access_model->is_known());
    CHECK(config->access_model->token() == "friends");
    CHECK(config->publish_model == ps::PublishModel::open);
    CHECK(*config->max_items == xso::forms::max);
    REQUIRE(config->rest.other_fields.size() == 1);
    CHECK(xso::forms::other_field(*config, "x-example#flavour")->value == std::vector<std::string>{"vanilla"});
    // Written back unchanged.
    CHECK(canonically_equal(input, xml(*xso::forms::to_xdata(*config))));
    // The debug rendering says which values are not declared options.
    auto text = xso::forms::to_debug_string(*config);
    CHECK(text.find("access_model = friends (not a declared option)") != std::string::npos);
    CHECK(text.find("max_items = max") != std::string::npos);
    CHECK(text.find("(other field) x-example#flavour = [\"vanilla\"]") != std::string::npos);
}

TEST_CASE("forms: subscription authorization as services send it (hidden subid, list-single node)")
{
    const std::string input =
        "<x xmlns='jabber:x:data' type='form'><title>PubSub subscriber request</title>"
        "<field var='FORM_TYPE' type='hidden'><value>http://jabber.org/protocol/pubsub#subscribe_authorization</value></field>"
        "<field var='pubsub#subid' type='hidden'><value>123-abc</value></field>"
        "<field var='pubsub#node' type='list-single'><option><value>princely_musings</value></option>"
        "<value>princely_musings</value></field>"
        "<field var='pubsub#subscriber_jid' type='jid-single' label='Subscriber Address'><value>horatio@denmark.lit</value></field>"
        "<field var='pubsub#allow' type='boolean' label='Allow this JID to subscribe to this pubsub node?'><value>false</value></field>"
        "</x>";
    auto request = xso::forms::read<ps::SubscribeAuthorizationForm>(form(input));
    REQUIRE_MESSAGE(request, request.error().message());
    CHECK(request->subid == "123-abc");
    CHECK(request->node == "princely_musings");
    CHECK(request->subscriber_jid == xso::jid("horatio@denmark.lit"));
    CHECK(request->allow == false);
    CHECK(canonically_equal(input, xml(*xso::forms::to_xdata(*request))));

    // The owner approves: a submit form with every field, allow set to true.
    ps::SubscribeAuthorizationForm answer = *request;
    answer.allow = true;
    auto submit = xso::forms::to_submit(answer);
    REQUIRE(submit);
    CHECK(canonically_equal(
        xml(*submit),
        "<x xmlns='jabber:x:data' type='submit'>"
        "<field var='FORM_TYPE' type='hidden'><value>http://jabber.org/protocol/pubsub#subscribe_authorization</value></field>"
        "<field var='pubsub#allow'><value>1</value></field>"
        "<field var='pubsub#node'><value>princely_musings</value></field>"
        "<field var='pubsub#subscriber_jid'><value>horatio@denmark.lit</value></field>"
        "<field var='pubsub#subid'><value>123-abc</value></field></x>"));
}

TEST_CASE("forms: writing back over the received form")
{
    const std::string input = node_config(
        "<field var='pubsub#title' type='text-single' label='Title'><value>Old</value></field>"
        "<field var='pubsub#persist_items' type='boolean' label='Persist'><value>true</value></field>"
        "<field var='pubsub#notify_sub' type='boolean'><value>0</value></field>"
        "<field var='x-example#a'><value>1</value></field>"
        "<field var='pubsub#description' type='text-single'/>"
        "<field var='x-example#b'><value>2</value></field>");
    auto config = xso::forms::read<ps::NodeConfigForm>(form(input));
    REQUIRE(config);

    SUBCASE("unchanged: the received lexical forms stay (true, not 1)")
    {
        CHECK(canonically_equal(input, xml(*xso::forms::to_xdata(*config))));
    }
    SUBCASE("changed, cleared, added")
    {
        config->title = "New";
        config->notify_sub.reset();                       // cleared: the field goes
        config->max_items = 20;                           // not received: appended
        config->rest.other_fields.erase(config->rest.other_fields.begin()); // x-example#a removed
        xso::xdata::Field extra{};
        extra.var = "x-example#c";
        extra.value = {"3"};
        config->rest.other_fields.push_back(extra); // added: after the declared fields
        CHECK(canonically_equal(
            xml(*xso::forms::to_xdata(*config)),
            node_config("<field var='pubsub#title' type='text-single' label='Title'><value>New</value></field>"
                        "<field var='pubsub#persist_items' type='boolean' label='Persist'><value>true</value></field>"
                        "<field var='pubsub#description' type='text-single'/>"
                        "<field var='x-example#b'><value>2</value></field>"
                        // a form written back as a form: the added field with its type, label and desc
                        "<field var='pubsub#max_items' type='text-single' label='The maximum number of items to persist'>"
                        "<desc>`max` for no specific limit other than a server imposed maximum.</desc><value>20</value></field>"
                        "<field var='x-example#c'><value>3</value></field>")));
    }
    SUBCASE("a value that no longer holds is refused at write time, naming the field")
    {
        config->contact = std::vector<xso::jid>{xso::jid("ok@example.org"), xso::jid("")};
        auto r = xso::forms::to_xdata(*config);
        REQUIRE_FALSE(r);
        CHECK(r.error().code == errc::invalid_value);
        CHECK(r.error().origin == xso::origin::local);
        CHECK(r.error().path == "x/field[@var='pubsub#contact']");
    }
}

TEST_CASE("forms: a submit form has FORM_TYPE and only what is set")
{
    ps::NodeConfigForm config;
    config.max_items = xso::forms::max;
    config.access_model = ps::AccessModel::roster;
    config.roster_groups_allowed = std::vector<std::string>{"friends", "servants"};
    config.deliver_payloads = false;
    auto x = xso::forms::to_submit(config);
    REQUIRE(x);
    CHECK(canonically_equal(
        xml(*x), "<x xmlns='jabber:x:data' type='submit'>"
                 "<field var='FORM_TYPE' type='hidden'><value>http://jabber.org/protocol/pubsub#node_config</value></field>"
                 "<field var='pubsub#access_model'><value>roster</value></field>"
                 "<field var='pubsub#deliver_payloads'><value>0</value></field>"
                 "<field var='pubsub#max_items'><value>max</value></field>"
                 "<field var='pubsub#roster_groups_allowed'><value>friends</value><value>servants</value></field></x>"));
    // A form the program built has nothing received: to_xdata gives the same submit form.
    CHECK(xml(*xso::forms::to_xdata(config)) == xml(*x));

    SUBCASE("other fields: those with values and hidden ones, without their presentation")
    {
        auto read = xso::forms::read<ps::NodeConfigForm>(form(node_config(
            "<field var='x-example#a' type='text-single' label='A'><value>1</value></field>"
            "<field var='x-example#empty' type='text-single'/>"
            "<field var='x-example#state' type='hidden'/>"
            "<field type='fixed'><value>Some text</value></field>")));
        REQUIRE(read);
        CHECK(canonically_equal(
            xml(*xso::forms::to_submit(*read)),
            "<x xmlns='jabber:x:data' type='submit'>"
            "<field var='FORM_TYPE' type='hidden'><value>http://jabber.org/protocol/pubsub#node_config</value></field>"
            "<field var='x-example#a'><value>1</value></field><field var='x-example#state' type='hidden'/></x>"));
    }
    SUBCASE("a keyword of another field is refused")
    {
        ps::SubscribeOptionsForm options;
        options.expire = xso::forms::max;
        auto r = xso::forms::to_submit(options);
        REQUIRE_FALSE(r);
        CHECK(r.error().code == errc::invalid_value);
        CHECK(r.error().origin == xso::origin::local);
        CHECK(r.error().path == "x/field[@var='pubsub#expire']");
        options.expire = xso::forms::presence;
        CHECK(xso::forms::to_submit(options));
        options.expire = xso::datetime("2006-02-28T11:59:59Z");
        CHECK(xso::forms::to_submit(options));
    }
}

TEST_CASE("forms: the form and result renderings come from the schema's metadata")
{
    ps::NodeConfigForm config;
    config.notification_type = ps::NotificationType::headline;
    auto x = xso::forms::to_form(config);
    REQUIRE(x);
    CHECK(canonically_equal(
        xml(*x), "<x xmlns='jabber:x:data' type='form'>"
                 "<field var='FORM_TYPE' type='hidden'><value>http://jabber.org/protocol/pubsub#node_config</value></field>"
                 "<field var='pubsub#notification_type' type='list-single' label='Specify the delivery style for notifications'>"
                 "<value>headline</value>"
                 "<option label='Messages of type normal'><value>normal</value></option>"
                 "<option label='Messages of type headline'><value>headline</value></option></field></x>"));

    ps::MetadataForm meta;
    meta.num_subscribers = 1066;
    meta.creator = xso::jid("hamlet@denmark.lit");
    meta.creation_date = xso::datetime("2003-07-29T22:56:10Z");
    auto r = xso::forms::to_result(meta);
    REQUIRE(r);
    CHECK(canonically_equal(
        xml(*r), "<x xmlns='jabber:x:data' type='result'>"
                 "<field var='FORM_TYPE' type='hidden'><value>http://jabber.org/protocol/pubsub#meta-data</value></field>"
                 "<field var='pubsub#creation_date' type='text-single' label='The datetime when the node was created'>"
                 "<value>2003-07-29T22:56:10Z</value></field>"
                 "<field var='pubsub#creator' type='jid-single' label='The JID of the node creator'><value>hamlet@denmark.lit</value></field>"
                 "<field var='pubsub#num_subscribers' type='text-single' label='The number of subscribers to the node'>"
                 "<value>1066</value></field></x>"));
    // Read back, the typed values are the same.
    auto again = xso::forms::read<ps::MetadataForm>(*r);
    REQUIRE(again);
    CHECK(again->num_subscribers == std::uint64_t{1066});
    CHECK(again->creation_date->unix_seconds() == meta.creation_date->unix_seconds());

    auto cancel = xso::forms::render(meta, xso::xdata::FormType::cancel);
    REQUIRE(cancel);
    CHECK(cancel->field.size() == 1);
    CHECK(cancel->type == xso::xdata::FormType::cancel);
}

TEST_CASE("forms: in the elements that carry them")
{
    ps::NodeConfigForm config;
    config.title = "Princely Musings (Atom)";
    config.max_items = 10;

    SUBCASE("owner configure: set a submit form, read it back with paths from the element")
    {
        ps::owner::Configure configure;
        configure.node = "princely_musings";
        REQUIRE(xso::forms::set(configure, config));
        REQUIRE(configure.form);
        CHECK(configure.form->type == xso::xdata::FormType::submit);
        auto back = xso::forms::read<ps::NodeConfigForm>(configure);
        REQUIRE(back);
        CHECK(back->title == config.title);
        CHECK(back->max_items == config.max_items);

        configure.form->field[1].value = {"ten"};
        auto bad = xso::forms::read<ps::NodeConfigForm>(configure);
        REQUIRE_FALSE(bad);
        CHECK(bad.error().path.find("configure/x/field[@var='pubsub#") == 0);

        configure.form.reset();
        auto none = xso::forms::read<ps::NodeConfigForm>(configure);
        REQUIRE_FALSE(none);
        CHECK(none.error().code == errc::missing_child);
        CHECK(none.error().path == "configure/x");
    }
    SUBCASE("every element with a form member")
    {
        ps::Configure create_configure;
        ps::PublishOptions publish_options;
        ps::Options options;
        ps::Default default_options;
        ps::owner::Default owner_default;
        ps::event::Configuration event_configuration;
        ps::PublishOptionsForm preconditions;
        preconditions.access_model = ps::AccessModel::presence;
        ps::SubscribeOptionsForm subscribe_options;
        subscribe_options.deliver = true;
        REQUIRE(xso::forms::set(create_configure, config));
        REQUIRE(xso::forms::set(publish_options, preconditions));
        REQUIRE(xso::forms::set(options, subscribe_options));
        REQUIRE(xso::forms::set(default_options, subscribe_options, xso::xdata::FormType::form));
        REQUIRE(xso::forms::set(owner_default, config, xso::xdata::FormType::form));
        REQUIRE(xso::forms::set(event_configuration, config, xso::xdata::FormType::result));
        CHECK(xso::forms::read<ps::NodeConfigForm>(create_configure)->max_items == config.max_items);
        CHECK(xso::forms::read<ps::PublishOptionsForm>(publish_options)->access_model == ps::AccessModel::presence);
        CHECK(xso::forms::read<ps::SubscribeOptionsForm>(options)->deliver == true);
        CHECK(xso::forms::read<ps::SubscribeOptionsForm>(default_options)->deliver == true);
        CHECK(xso::forms::read<ps::NodeConfigForm>(owner_default)->title == config.title);
        CHECK(xso::forms::read<ps::NodeConfigForm>(event_configuration)->title == config.title);
        // The wrong form in the right place.
        auto wrong = xso::forms::read<ps::NodeConfigForm>(options);
        REQUIRE_FALSE(wrong);
        CHECK(wrong.error().code == errc::form_type_mismatch);
        CHECK(wrong.error().path == "options/x/field[@var='FORM_TYPE']");
    }
    SUBCASE("lists of forms: a message's, a disco#info result's (XEP-0128)")
    {
        xso::stanza::Message message;
        ps::SubscribeAuthorizationForm authorization;
        authorization.node = "princely_musings";
        authorization.subscriber_jid = xso::jid("horatio@denmark.lit");
        REQUIRE(xso::forms::set(message, authorization, xso::xdata::FormType::form));
        auto got = xso::forms::read<ps::SubscribeAuthorizationForm>(message);
        REQUIRE(got);
        CHECK(got->subscriber_jid == authorization.subscriber_jid);
        CHECK_FALSE(xso::forms::read<ps::NodeConfigForm>(message));

        xso::disco::InfoQuery info;
        info.node = "princely_musings";
        xso::xdata::Form other{};
        other.type = xso::xdata::FormType::result;
        other.field.push_back(xso::forms::detail::form_type_field("urn:xmpp:dataforms:softwareinfo"));
        info.forms.push_back(other);
        ps::MetadataForm meta;
        meta.owner = std::vector<xso::jid>{xso::jid("hamlet@denmark.lit")};
        REQUIRE(xso::forms::set(info, meta, xso::xdata::FormType::result));
        REQUIRE(info.forms.size() == 2);
        meta.title = "Princely Musings";
        REQUIRE(xso::forms::set(info, meta, xso::xdata::FormType::result)); // replaces, by FORM_TYPE
        REQUIRE(info.forms.size() == 2);
        CHECK(xso::forms::find<ps::MetadataForm>(info.forms) == &info.forms[1]);
        auto read = xso::forms::read<ps::MetadataForm>(info);
        REQUIRE(read);
        CHECK(read->title == "Princely Musings");
        for (auto& f : info.forms[1].field)
            if (f.var == "pubsub#owner") f.value = {"@not-a-jid"};
        auto bad = xso::forms::read<ps::MetadataForm>(info);
        REQUIRE_FALSE(bad);
        CHECK(bad.error().path.find("query/x[2]/field[@var='pubsub#") == 0);
    }
}

TEST_CASE("forms: reading any PubSub form by its FORM_TYPE")
{
    auto any = xso::forms::read_any<ps::any_form>(form(
        "<x xmlns='jabber:x:data' type='submit'><field var='FORM_TYPE' type='hidden'>"
        "<value>http://jabber.org/protocol/pubsub#publish-options</value></field>"
        "<field var='pubsub#access_model'><value>presence</value></field></x>"));
    REQUIRE(any);
    REQUIRE(std::holds_alternative<ps::PublishOptionsForm>(*any));
    CHECK(std::get<ps::PublishOptionsForm>(*any).access_model == ps::AccessModel::presence);

    auto none = xso::forms::read_any<ps::any_form>(form(
        "<x xmlns='jabber:x:data' type='submit'><field var='FORM_TYPE' type='hidden'><value>jabber:bot</value></field></x>"));
    REQUIRE_FALSE(none);
    CHECK(none.error().code == errc::form_type_mismatch);
}

TEST_CASE("forms: equality and metadata")
{
    ps::NodeConfigForm a, b;
    CHECK(a == b);
    a.max_items = 5;
    CHECK(a != b);
    b.max_items = std::uint64_t{5};
    CHECK(a == b);
    const xso::forms::field_info* f = xso::forms::field_of<ps::NodeConfigForm>("pubsub#send_last_published_item");
    REQUIRE(f);
    CHECK(f->member == "send_last_published_item");
    CHECK(f->type == xso::forms::field_type::list_single);
    CHECK(f->label_text == "When to send the last published item");
    REQUIRE(f->option_count == 3);
    CHECK(f->option_list[2].value == "on_sub_and_presence");
    CHECK(xso::forms::field_of<ps::NodeConfigForm>("pubsub#nope") == nullptr);
}

namespace {
// The generic form code reaches field I at desc.member(form, I), a byte offset
// (xso_offset): it must be where member_ref<I> (the generated xso_member) finds it.
template <class F, std::size_t... I>
bool form_offsets_match(std::index_sequence<I...>)
{
    F form{};
    const auto& d = xso::forms::detail::desc_of<F>();
    return ((d.member(&form, I) == static_cast<void*>(&xso::detail::member_ref<I>(form))) && ...);
}
template <class F>
bool form_offsets_match()
{
    return form_offsets_match<F>(std::make_index_sequence<xso::forms::detail::form_table<F>::N>{});
}
} // namespace

TEST_CASE("forms: every field of every typed form is reached at its own address")
{
    CHECK(form_offsets_match<ps::NodeConfigForm>());
    CHECK(form_offsets_match<ps::SubscribeOptionsForm>());
    CHECK(form_offsets_match<ps::MetadataForm>());
    CHECK(form_offsets_match<ps::SubscribeAuthorizationForm>());
    CHECK(form_offsets_match<ps::PublishOptionsForm>());
}
