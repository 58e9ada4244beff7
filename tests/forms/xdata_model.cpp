// The generic XEP-0004 model (schema/xdata.xml): every part of a data form is typed,
// children are accepted in any order and written in the XSD's order.
#include <doctest/doctest.h>

#include <string>

#include <xso/pubsub.hpp>

namespace {
namespace xd = xso::xdata;
}

TEST_CASE("xdata: every field type, a missing type, desc, required, options with labels, several instructions")
{
    // Title before instructions and options before values, as XEP-0004's own examples
    // write them (the XSD orders them the other way).
    const std::string input =
        "<x xmlns='jabber:x:data' type='form'>"
        "<title>Bot Configuration</title>"
        "<instructions>Fill out this form</instructions><instructions>to configure your new bot!</instructions>"
        "<field type='hidden' var='FORM_TYPE'><value>jabber:bot</value></field>"
        "<field type='fixed'><value>Section 1: Bot Info</value></field>"
        "<field type='text-single' label='The name of your bot' var='botname'/>"
        "<field type='text-multi' label='Helpful description' var='description'><value>line 1</value><value>line 2</value></field>"
        "<field type='boolean' label='Public bot?' var='public'><required/><value>0</value></field>"
        "<field type='text-private' label='Password' var='password'><desc>Do not share it.</desc></field>"
        "<field type='list-single' label='Maximum subscribers' var='maxsubs'>"
        "<option label='10'><value>10</value></option><option label='50'><value>50</value></option><value>20</value></field>"
        "<field type='list-multi' label='Features' var='features'>"
        "<option label='Contests'><value>contests</value></option><option><value>news</value></option>"
        "<value>news</value><value>contests</value></field>"
        "<field type='jid-multi' label='People to invite' var='invitelist'><value>a@example.org</value></field>"
        "<field type='jid-single' label='Your address' var='me'/>"
        "<field var='untyped'><value>XEP-0004: a missing type means text-single</value></field>"
        "</x>";
    auto f = xso::parse<xd::Form>(input);
    REQUIRE_MESSAGE(f, f.error().message());
    CHECK(f->type == xd::FormType::form);
    CHECK(f->title == "Bot Configuration");
    CHECK(f->instructions == std::vector<std::string>{"Fill out this form", "to configure your new bot!"});
    REQUIRE(f->field.size() == 11);
    const char* types[] = {"hidden", "fixed", "text-single", "text-multi", "boolean", "text-private",
                           "list-single", "list-multi", "jid-multi", "jid-single"};
    for (std::size_t i = 0; i < 10; ++i) {
        REQUIRE(f->field[i].type);
        CHECK(f->field[i].type->token() == types[i]);
        CHECK(f->field[i].type->is_known());
    }
    CHECK_FALSE(f->field[10].type);
    CHECK_FALSE(f->field[1].var);
    CHECK(f->field[4].required);
    CHECK_FALSE(f->field[3].required);
    CHECK(f->field[5].desc == "Do not share it.");
    REQUIRE(f->field[7].option.size() == 2);
    CHECK(f->field[7].option[0].label == "Contests");
    CHECK_FALSE(f->field[7].option[1].label);
    CHECK(f->field[7].value == std::vector<std::string>{"news", "contests"});

    // Written in the XSD's order: instructions, title, fields; in a field desc, required,
    // values, options.
    auto out = xso::serialize(*f);
    REQUIRE(out);
    CHECK(out->find("<instructions>Fill out this form</instructions><instructions>to configure your new bot!</instructions>"
                    "<title>Bot Configuration</title><field") != std::string::npos);
    CHECK(out->find("<value>20</value><option label='10'>") != std::string::npos);
    CHECK(out->find("<required/><value>0</value>") != std::string::npos);
    auto same = xso::canonical_equal(input, *out);
    REQUIRE(same);
    CHECK(*same);
    auto again = xso::parse<xd::Form>(*out);
    REQUIRE(again);
    CHECK(*again == *f);
}

TEST_CASE("xdata: a multi-item result (reported and items), and an unknown field type")
{
    const std::string input =
        "<x xmlns='jabber:x:data' type='result'><title>Search results</title>"
        "<reported><field var='name' label='Name'/><field var='url' label='URL'/></reported>"
        "<item><field var='name'><value>Comune di Verona</value></field><field var='url'><value>http://example.org/1</value></field></item>"
        "<item><field var='name'><value>Benvenuti</value></field><field var='url'><value>http://example.org/2</value></field></item>"
        "<field var='extra' type='number'><value>42</value></field>"
        "</x>";
    auto f = xso::parse<xd::Form>(input);
    REQUIRE_MESSAGE(f, f.error().message());
    CHECK(f->type == xd::FormType::result);
    REQUIRE(f->reported);
    CHECK(f->reported->field.size() == 2);
    REQUIRE(f->item.size() == 2);
    CHECK(f->item[1].field[0].value == std::vector<std::string>{"Benvenuti"});
    // A field type XEP-0004 does not define is kept, not an error (FieldType is open).
    REQUIRE(f->field.size() == 1);
    CHECK_FALSE(f->field[0].type->is_known());
    CHECK(f->field[0].type->token() == "number");
    auto out = xso::serialize(*f);
    REQUIRE(out);
    auto same = xso::canonical_equal(input, *out);
    REQUIRE(same);
    CHECK(*same);
}

TEST_CASE("xdata: the form type is required and closed")
{
    auto missing = xso::parse<xd::Form>("<x xmlns='jabber:x:data'/>");
    REQUIRE_FALSE(missing);
    CHECK(missing.error().code == xso::errc::missing_attribute);
    CHECK(missing.error().path == "x/@type");
    auto unknown = xso::parse<xd::Form>("<x xmlns='jabber:x:data' type='draft'/>");
    REQUIRE_FALSE(unknown);
    CHECK(unknown.error().code == xso::errc::invalid_value);
    CHECK(unknown.error().path == "x/@type");
}
