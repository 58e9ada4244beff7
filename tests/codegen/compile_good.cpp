// Compiled (-fsyntax-only) against the real runtime by the xsoc.compile_good test, after
// xsoc generated every schema of tests/codegen/good/. Checks that the headers compile
// together and that member types and metadata have the documented shape.
#include <test/app/conditions.hpp>
#include <test/structure/structure.hpp>
#include <test/units/units.hpp>
#include <test/values/values.hpp>
#include <gen/flags/no-attrs.hpp>
#include <test/forms/forms.hpp>

#include <boost/hana/accessors.hpp>
#include <boost/hana/equal.hpp>
#include <boost/hana/keys.hpp>
#include <boost/hana/length.hpp>
#include <boost/hana/string.hpp>
#include <boost/hana/tuple.hpp>

#include <limits>
#include <optional>
#include <string>
#include <type_traits>
#include <variant>
#include <vector>

namespace {


#define XSO_TEST_MEMBER(S, m, ...) static_assert(std::is_same_v<decltype(S::m), __VA_ARGS__>, #S "::" #m)

namespace v = test::values;
namespace s = test::structure;
namespace a = test::app;

// Value types.
XSO_TEST_MEMBER(v::Attributes, s, std::optional<std::string>);
XSO_TEST_MEMBER(v::Attributes, s_req, std::string);
XSO_TEST_MEMBER(v::Attributes, b_req, bool);
XSO_TEST_MEMBER(v::Attributes, i8, std::optional<std::int8_t>);
XSO_TEST_MEMBER(v::Attributes, i32, std::int32_t);
XSO_TEST_MEMBER(v::Attributes, i, std::optional<std::int64_t>);
XSO_TEST_MEMBER(v::Attributes, u, std::optional<std::uint64_t>);
XSO_TEST_MEMBER(v::Attributes, j_req, xso::jid);
XSO_TEST_MEMBER(v::Attributes, dt, std::optional<xso::datetime>);
XSO_TEST_MEMBER(v::Attributes, lang, std::optional<std::string>);
XSO_TEST_MEMBER(v::Attributes, color_req, v::Color);
XSO_TEST_MEMBER(v::Attributes, feature_req, xso::open_enum<v::Feature>);
XSO_TEST_MEMBER(v::Leaves, value, std::vector<std::string>);
XSO_TEST_MEMBER(v::Leaves, first, std::int32_t);
XSO_TEST_MEMBER(v::Leaves, flagged, bool);
XSO_TEST_MEMBER(v::StringText, value, std::string);
XSO_TEST_MEMBER(v::NumberText, value, std::uint16_t);
XSO_TEST_MEMBER(v::OptionalNumber, value, std::optional<std::int64_t>);

static_assert(v::Attributes::xso_members.size() == 25);
static_assert(v::Attributes::xso_members[0].default_value == "x\"y\\z");
static_assert(v::Attributes::xso_members[7].min_value == std::numeric_limits<std::int64_t>::min());
static_assert(v::Attributes::xso_members[12].max_value == std::numeric_limits<std::uint64_t>::max());
static_assert(v::Attributes::xso_members[18].name.ns == xso::ns::xml);
static_assert(v::Attributes::xso_members.back().kind == xso::member_kind::unknown);
static_assert(v::Leaves::xso_members[3].min_occurs == 1 && v::Leaves::xso_members[3].max_occurs == 3);
static_assert(v::Leaves::xso_known_ns.size() == 3 && v::Leaves::xso_known_ns[0] == "urn:test:flags");
static_assert(xso::enum_traits<v::Color>::tokens[1] == "dark-green");
static_assert(static_cast<int>(v::Color::class_) == 3);

// Structure.
XSO_TEST_MEMBER(s::Envelope, header, s::Header);
XSO_TEST_MEMBER(s::Envelope, body, std::optional<s::Body>);
XSO_TEST_MEMBER(s::Envelope, weight, std::optional<test::units::Quantity>);
XSO_TEST_MEMBER(s::Tree, children, std::vector<s::Tree>);
XSO_TEST_MEMBER(s::Leafy, listed, xso::element);
XSO_TEST_MEMBER(s::Content, single, std::variant<s::Header, s::Body>);
XSO_TEST_MEMBER(s::Content, maybe, std::optional<std::variant<s::Part, test::units::Quantity, xso::element>>);
XSO_TEST_MEMBER(s::Content, many, std::vector<std::variant<s::Content, s::Tree, xso::element>>);
XSO_TEST_MEMBER(s::Section, paragraph, std::vector<s::Paragraph>);
XSO_TEST_MEMBER(s::Paragraph, section, std::optional<s::Section>);
static_assert(s::Part::xso_qname == xso::qname{"urn:test:parts", "part"});
static_assert(s::Part::xso_alt_ns == "urn:test:parts-v1 urn:test:parts-v0");
static_assert(s::Body::xso_members[1].any_ns.m == xso::ns_filter::mode::other);
static_assert(s::Leafy::xso_members[0].any_ns.list == "urn:a urn:b");
static_assert(s::Content::xso_members[2].any_ns.exclude == "urn:z");
static_assert(s::Content::xso_known_ns.size() == 3);

// Condition families and requests.
XSO_TEST_MEMBER(a::AppError, condition, a::AppCondition);
XSO_TEST_MEMBER(a::AppError, feature, std::optional<xso::open_enum<a::Feature>>);
XSO_TEST_MEMBER(a::AppError, text, std::optional<std::string>);
XSO_TEST_MEMBER(a::Error, app_error, a::AppError);
static_assert(xso::is_condition_v<a::AppError> && !xso::is_element_v<a::AppError>);
static_assert(xso::is_element_v<a::Error>);
static_assert(a::AppError::xso_members[1].condition == "unsupported" && a::AppError::xso_members[1].is_required());
static_assert(a::Error::xso_members[1].name == xso::qname{"urn:test:app#errors", ""});
static_assert(std::is_same_v<xso::request_traits<a::Query>::response, a::Result>);
static_assert(std::is_same_v<xso::request_traits<a::Command>::response, void>);
static_assert(xso::request_traits<a::Command>::response_optional);
static_assert(xso::request_traits<a::Command>::iq == xso::iq_request_type::set);
static_assert(xso::is_request<a::Ping>::value);

// Command-line namespace and imported enums.
XSO_TEST_MEMBER(test::flags::Paint, color, v::Color);
XSO_TEST_MEMBER(test::flags::Paint, feature, std::optional<xso::open_enum<v::Feature>>);
static_assert(test::flags::ns_no_attrs == "urn:test:no-attrs");

// Forms: member types, metadata rows, option tables, fields-from.
namespace f = test::forms;
XSO_TEST_MEMBER(f::Survey, agree, std::optional<bool>);
XSO_TEST_MEMBER(f::Survey, note, std::optional<std::string>);
XSO_TEST_MEMBER(f::Survey, token, std::optional<std::string>);
XSO_TEST_MEMBER(f::Survey, friends, std::optional<std::vector<xso::jid>>);
XSO_TEST_MEMBER(f::Survey, me, std::optional<xso::jid>);
XSO_TEST_MEMBER(f::Survey, colors, std::optional<std::vector<xso::open_enum<f::Colour>>>);
XSO_TEST_MEMBER(f::Survey, mood, std::optional<xso::open_enum<f::Mood>>);
XSO_TEST_MEMBER(f::Survey, story, std::optional<std::vector<std::string>>);
XSO_TEST_MEMBER(f::Survey, pin_code, std::optional<std::string>);
XSO_TEST_MEMBER(f::Survey, age, std::optional<std::uint8_t>);
XSO_TEST_MEMBER(f::Survey, limit, std::optional<xso::forms::or_keyword<std::int64_t>>);
XSO_TEST_MEMBER(f::Survey, until, std::optional<xso::forms::or_keyword<xso::datetime>>);
XSO_TEST_MEMBER(f::Survey, lang, std::optional<std::string>);
XSO_TEST_MEMBER(f::Survey, rest, xso::forms::form_rest);
XSO_TEST_MEMBER(f::LongSurvey, agree, std::optional<bool>);
XSO_TEST_MEMBER(f::LongSurvey, more, std::optional<std::string>);
static_assert(f::Survey::xso_form_type == "urn:test:survey" && f::Survey::xso_form_name == "Survey");
static_assert(f::Survey::xso_fields.size() == 14 && f::LongSurvey::xso_fields.size() == 15);
static_assert(f::Survey::xso_fields[0].var == "s#agree" && f::Survey::xso_fields[0].type == xso::forms::field_type::boolean);
static_assert(f::Survey::xso_fields[0].label_text == "Agree?" && f::Survey::xso_fields[0].desc_text == "Say yes.");
static_assert(f::Survey::xso_fields[0].doc == "Consent." && f::Survey::xso_fields[0].rules.value_type == xso::value_kind::boolean);
static_assert(f::Survey::xso_fields[5].option_count == 2 && f::Survey::xso_fields[5].option_list[0].label == "Dark green");
static_assert(f::Survey::xso_fields[5].option_list[1].value == "1" && f::Survey::xso_fields[5].option_list[1].label.empty());
static_assert(f::Survey::xso_fields[5].is_multi() && !f::Survey::xso_fields[6].is_multi());
static_assert(f::Survey::xso_fields[8].member == "pin_code");
static_assert(f::Survey::xso_fields[9].rules.min_value == 1 && f::Survey::xso_fields[9].rules.max_value == 120);
static_assert(f::Survey::xso_fields[10].keyword_text == "none" && f::Survey::xso_fields[10].rules.min_value == -5);
static_assert(f::Survey::xso_fields[12].rules.value_type == xso::value_kind::language);
static_assert(f::Survey::xso_fields.back().is_rest && f::LongSurvey::xso_fields.back().is_rest);
static_assert(f::LongSurvey::xso_fields[13].var == "urn:test:extra#more");
static_assert(static_cast<int>(f::Colour::one) == 1 && xso::enum_traits<f::Colour>::tokens[0] == "dark-green");
static_assert(xso::forms::is_form_v<f::Survey> && !xso::is_reflected_v<f::Survey>);

// Hana reflection (hana::Struct), the xso_member accessor and the namespace-level
// operators found by ADL.
template <class T>
bool compare_default()
{
    static_assert(decltype(boost::hana::length(boost::hana::accessors<T>()))::value ==
                  std::tuple_size<decltype(T::xso_members)>::value);
    T x{};
    static_assert(std::is_same_v<decltype(T::template xso_member<std::tuple_size<decltype(T::xso_members)>::value - 1>(x)),
                                 xso::unknown_content&>);
    return x == x && !(x != x);
}
static_assert(std::is_same_v<decltype(boost::hana::keys(std::declval<const v::StringText&>())),
                             boost::hana::tuple<boost::hana::string<'v', 'a', 'l', 'u', 'e'>,
                                                boost::hana::string<'u', 'n', 'k', 'n', 'o', 'w', 'n'>>>);
static_assert(std::is_same_v<decltype(s::Envelope::xso_member<0>(std::declval<const s::Envelope&>())), const s::Header&>);

template <class T>
bool compare_form_default()
{
    static_assert(decltype(boost::hana::length(boost::hana::accessors<T>()))::value ==
                  std::tuple_size<decltype(T::xso_fields)>::value);
    T x{};
    static_assert(std::is_same_v<decltype(T::template xso_member<std::tuple_size<decltype(T::xso_fields)>::value - 1>(x)),
                                 xso::forms::form_rest&>);
    return x == x && !(x != x);
}

[[maybe_unused]] bool all_equal()
{
    return compare_default<v::Attributes>() && compare_default<v::Leaves>() && compare_default<s::Envelope>() &&
           compare_default<s::Content>() && compare_default<s::Tree>() && compare_default<s::Section>() && compare_default<a::AppError>() &&
           compare_default<a::Error>() && compare_default<a::Container>() && compare_default<test::flags::Paint>() &&
           compare_form_default<f::Survey>() && compare_form_default<f::LongSurvey>();
}

} // namespace
