// Typed forms declared by a user schema (tests/forms/schema/test_forms.xml): integer ranges,
// a keyword on an integer list field, every field type, explicit member names, and a form
// that takes its fields from an imported one.
#include <doctest/doctest.h>

#include <string>
#include <type_traits>

#include <xso/pubsub.hpp>
#include <xso_test/forms/test_forms.hpp>

namespace {

namespace tf = xso_test::forms;
using xso::errc;

xso::xdata::Form settings(std::string_view fields)
{
    auto f = xso::parse<xso::xdata::Form>("<x xmlns='jabber:x:data' type='submit'><field var='FORM_TYPE'><value>urn:xso:test:settings</value></field>" +
                                          std::string(fields) + "</x>");
    REQUIRE_MESSAGE(f, f.error().message());
    return *f;
}

// The generated member types.
static_assert(std::is_same_v<decltype(tf::SettingsForm::percent), std::optional<std::uint8_t>>);
static_assert(std::is_same_v<decltype(tf::SettingsForm::offset), std::optional<std::int32_t>>);
static_assert(std::is_same_v<decltype(tf::SettingsForm::limit), std::optional<xso::forms::or_keyword<std::uint64_t>>>);
static_assert(std::is_same_v<decltype(tf::SettingsForm::secret), std::optional<std::string>>);
static_assert(std::is_same_v<decltype(tf::SettingsForm::note), std::optional<std::string>>);
static_assert(std::is_same_v<decltype(tf::SettingsForm::token), std::optional<std::string>>);
static_assert(std::is_same_v<decltype(tf::SettingsForm::owner), std::optional<xso::jid>>);
static_assert(std::is_same_v<decltype(tf::SettingsForm::colors), std::optional<std::vector<xso::open_enum<tf::Color>>>>);
static_assert(std::is_same_v<decltype(tf::SettingsForm::lines), std::optional<std::vector<std::string>>>);
static_assert(std::is_same_v<decltype(tf::SettingsForm::when), std::optional<xso::forms::or_keyword<xso::datetime>>>);
static_assert(std::is_same_v<decltype(tf::SettingsForm::enabled), std::optional<bool>>);
static_assert(std::is_same_v<decltype(tf::SettingsForm::rest), xso::forms::form_rest>);
static_assert(tf::SettingsForm::xso_fields.size() == 12);
static_assert(tf::SettingsForm::xso_fields[0].rules.has_max_value && tf::SettingsForm::xso_fields[0].rules.max_value == 100);
static_assert(tf::SettingsForm::xso_fields[1].rules.min_value == -10);
static_assert(tf::SettingsForm::xso_fields[10].desc_text == "Turns it on.");
static_assert(xso::enum_traits<tf::Color>::tokens[1] == "dark-blue");
static_assert(static_cast<int>(tf::Color::dark_blue) == 1);

} // namespace

TEST_CASE("forms: integer ranges of a user form")
{
    auto ok = xso::forms::read<tf::SettingsForm>(settings(
        "<field var='test#percent'><value>100</value></field><field var='test#offset'><value>-10</value></field>"));
    REQUIRE_MESSAGE(ok, ok.error().message());
    CHECK(ok->percent == std::uint8_t{100});
    CHECK(ok->offset == -10);

    auto above = xso::forms::read<tf::SettingsForm>(settings("<field var='test#percent'><value>101</value></field>"));
    REQUIRE_FALSE(above);
    CHECK(above.error().code == errc::invalid_value);
    CHECK(above.error().path == "x/field[@var='test#percent']");
    CHECK(above.error().detail.find("above the maximum 100") != std::string::npos);

    auto below = xso::forms::read<tf::SettingsForm>(settings("<field var='test#offset'><value>-11</value></field>"));
    REQUIRE_FALSE(below);
    CHECK(below.error().detail.find("below the minimum -10") != std::string::npos);

    // A caller object out of range is refused at write time.
    tf::SettingsForm s;
    s.percent = 200;
    auto w = xso::forms::to_submit(s);
    REQUIRE_FALSE(w);
    CHECK(w.error().origin == xso::origin::local);
    CHECK(w.error().path == "x/field[@var='test#percent']");
}

TEST_CASE("forms: a keyword beside integer options, and every field type")
{
    auto r = xso::forms::read<tf::SettingsForm>(settings(
        "<field var='test#limit'><value>unlimited</value></field>"
        "<field var='test#secret' type='text-private'><value>s3cret</value></field>"
        "<field var='test#note' type='fixed'><value>Read this.</value></field>"
        "<field var='test#token' type='hidden'><value>t0k</value></field>"
        "<field var='test#owner' type='jid-single'><value>juliet@capulet.lit</value></field>"
        "<field var='test#colors' type='list-multi'><value>red</value><value>ultraviolet</value></field>"
        "<field var='test#lines' type='text-multi'><value>one</value><value>two</value></field>"
        "<field var='test#when'><value>never</value></field>"
        "<field var='test#flag' type='boolean'><value>true</value></field>"));
    REQUIRE_MESSAGE(r, r.error().message());
    CHECK(*r->limit == xso::forms::keyword("unlimited"));
    CHECK(r->secret == "s3cret");
    CHECK(r->note == "Read this.");
    CHECK(r->token == "t0k");
    CHECK(r->owner == xso::jid("juliet@capulet.lit"));
    REQUIRE(r->colors);
    REQUIRE(r->colors->size() == 2);
    CHECK((*r->colors)[0] == tf::Color::red);
    CHECK((*r->colors)[1].token() == "ultraviolet");
    CHECK(r->lines == std::vector<std::string>{"one", "two"});
    CHECK(*r->when == xso::forms::keyword("never"));
    CHECK(r->enabled == true);

    // The form rendering lists the options (an integer list keeps its options) with labels.
    tf::SettingsForm s;
    s.limit = 10;
    s.enabled = false;
    auto x = xso::forms::to_form(s);
    REQUIRE(x);
    auto text = xso::serialize(*x);
    REQUIRE(text);
    std::string diff;
    auto same = xso::canonical_equal(
        *text,
        "<x xmlns='jabber:x:data' type='form'><field var='FORM_TYPE' type='hidden'><value>urn:xso:test:settings</value></field>"
        "<field var='test#limit' type='list-single' label='Limit'><value>10</value>"
        "<option label='Ten'><value>10</value></option><option><value>100</value></option></field>"
        "<field var='test#flag' type='boolean' label='Enabled'><desc>Turns it on.</desc><value>0</value></field></x>",
        {}, &diff);
    REQUIRE(same);
    CHECK_MESSAGE(*same, diff);

    // A keyword is never a bare value: `unlimited` is also refused as a number elsewhere.
    auto bad = xso::forms::read<tf::SettingsForm>(settings("<field var='test#limit'><value>0</value></field>"));
    REQUIRE_FALSE(bad);
    CHECK(bad.error().detail.find("below the minimum 1") != std::string::npos);
}

TEST_CASE("forms: fields taken from an imported form, plus one of our own")
{
    static_assert(std::is_same_v<decltype(tf::PriorityPublishOptions::access_model),
                                 std::optional<xso::open_enum<xso::pubsub::AccessModel>>>);
    static_assert(tf::PriorityPublishOptions::xso_fields.size() == xso::pubsub::PublishOptionsForm::xso_fields.size() + 1);
    tf::PriorityPublishOptions p;
    p.access_model = xso::pubsub::AccessModel::open;
    p.priority = 7;
    auto x = xso::forms::to_submit(p);
    REQUIRE(x);
    auto back = xso::forms::read<tf::PriorityPublishOptions>(*x);
    REQUIRE(back);
    CHECK(back->access_model == xso::pubsub::AccessModel::open);
    CHECK(back->priority == std::uint64_t{7});
    // A PubSub publish-options form is not this one.
    auto other = xso::forms::read<xso::pubsub::PublishOptionsForm>(*x);
    REQUIRE_FALSE(other);
    CHECK(other.error().code == errc::form_type_mismatch);
}
