// The metadata contract between generated typed forms and the forms runtime.
//
// For every schema <form>, xsoc emits a struct whose members are the form's fields (all
// std::optional: a form may omit any field), a trailing `xso::forms::form_rest rest`, and
// next to them a constexpr table `xso_fields` aligned by index with the members:
// member i is described by xso_fields[i] (var, field type, value checks, label, options).
// Reading, writing and printing forms are written once, generically, against this table
// (docs/generated-code.md, "Forms").
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include <xso/core/meta.hpp>
#include <xso/core/reflect.hpp>

namespace xso::forms {

// XEP-0004 §3.3 field types, in the order of their tokens.
enum class field_type : unsigned char {
    boolean,
    fixed,
    hidden,
    jid_multi,
    jid_single,
    list_multi,
    list_single,
    text_multi,
    text_private,
    text_single,
};

constexpr std::string_view to_token(field_type t) noexcept
{
    constexpr std::string_view tokens[] = {"boolean",    "fixed",       "hidden",     "jid-multi",    "jid-single",
                                           "list-multi", "list-single", "text-multi", "text-private", "text-single"};
    return tokens[static_cast<std::size_t>(t)];
}

// One allowed value of a list field, with its human-readable label (empty: none).
struct option_info {
    std::string_view value;
    std::string_view label;
};

// One row of a form's metadata table. Built in generated code with chained constexpr
// setters, e.g.
//   xso::forms::field_info::field("max_items", "pubsub#max_items", xso::forms::field_type::text_single)
//       .value(xso::value_kind::integer).keyword("max").label("The maximum number of items to persist")
struct field_info {
    std::string_view member; // C++ member name
    std::string_view var;    // the field's var
    field_type type = field_type::text_single;
    bool is_rest = false;    // the trailing form_rest member
    // The value checks shared with element members (value kind, integer range), so that
    // forms and elements accept exactly the same lexical forms.
    member_info rules = member_info::text("value");
    std::string_view keyword_text; // a word the field takes besides its values (`max`, `presence`)
    std::string_view label_text;
    std::string_view desc_text;
    const option_info* option_list = nullptr; // the options of a list field, with their labels
    std::size_t option_count = 0;
    std::string_view doc;

    static constexpr field_info field(std::string_view member, std::string_view var, field_type type)
    {
        field_info f;
        f.member = member;
        f.var = var;
        f.type = type;
        return f;
    }
    static constexpr field_info rest_member()
    {
        field_info f;
        f.member = "rest";
        f.is_rest = true;
        return f;
    }

    constexpr field_info value(value_kind v) const { auto c = *this; c.rules = c.rules.value(v); return c; }
    constexpr field_info min(std::int64_t v) const { auto c = *this; c.rules = c.rules.min(v); return c; }
    constexpr field_info max(std::uint64_t v) const { auto c = *this; c.rules = c.rules.max(v); return c; }
    constexpr field_info keyword(std::string_view k) const { auto c = *this; c.keyword_text = k; return c; }
    constexpr field_info label(std::string_view l) const { auto c = *this; c.label_text = l; return c; }
    constexpr field_info desc(std::string_view d) const { auto c = *this; c.desc_text = d; return c; }
    template <std::size_t N>
    constexpr field_info options(const std::array<option_info, N>& o) const
    {
        auto c = *this;
        c.option_list = o.data();
        c.option_count = N;
        return c;
    }
    constexpr field_info documented(std::string_view d) const { auto c = *this; c.doc = d; return c; }

    // jid-multi, list-multi and text-multi fields carry several values.
    constexpr bool is_multi() const noexcept
    {
        return type == field_type::jid_multi || type == field_type::list_multi || type == field_type::text_multi;
    }
};

// ---------------------------------------------------------------------------------------
// A value that may also be the field's keyword: `pubsub#max_items` is an integer or `max`,
// `pubsub#expire` a date-time or `presence`. The keyword text must be the one the schema
// declares for the field; writing a form with another one is refused.
struct keyword_t {
    std::string_view text;
};
// Declares a keyword value: `config.max_items = xso::forms::keyword("max");`
constexpr keyword_t keyword(std::string_view text) noexcept { return keyword_t{text}; }
// The keywords of the PubSub forms.
inline constexpr keyword_t max{"max"};
inline constexpr keyword_t presence{"presence"};

template <class V>
class or_keyword {
public:
    or_keyword() = default;
    or_keyword(V v) : value_(std::move(v)) {}
    template <class U, std::enable_if_t<std::is_convertible_v<U, V> && !std::is_same_v<std::decay_t<U>, keyword_t> &&
                                            !std::is_same_v<std::decay_t<U>, or_keyword>,
                                        int> = 0>
    or_keyword(U&& v) : value_(V(std::forward<U>(v)))
    {
    }
    or_keyword(keyword_t k) : keyword_(k.text) {}

    bool is_keyword() const noexcept { return !value_.has_value(); }
    // The value, or nullptr when this is the keyword.
    const V* value() const noexcept { return value_ ? &*value_ : nullptr; }
    // The keyword, or an empty view when this is a value.
    std::string_view keyword() const noexcept { return value_ ? std::string_view{} : std::string_view(keyword_); }

    friend bool operator==(const or_keyword& a, const or_keyword& b) { return a.value_ == b.value_ && a.keyword_ == b.keyword_; }
    friend bool operator!=(const or_keyword& a, const or_keyword& b) { return !(a == b); }
    friend bool operator==(const or_keyword& a, const V& b) { return a.value_ && *a.value_ == b; }
    friend bool operator!=(const or_keyword& a, const V& b) { return !(a == b); }
    friend bool operator==(const or_keyword& a, keyword_t b) { return !a.value_ && a.keyword_ == b.text; }
    friend bool operator!=(const or_keyword& a, keyword_t b) { return !(a == b); }

private:
    std::optional<V> value_;
    std::string keyword_;
};

template <class T>
struct is_or_keyword : std::false_type {};
template <class V>
struct is_or_keyword<or_keyword<V>> : std::true_type {
    using value_type = V;
};

// ---------------------------------------------------------------------------------------
// A generated typed form: has `xso_form_type` and `xso_fields`.
template <class T, class = void>
struct is_form : std::false_type {};
template <class T>
struct is_form<T, std::void_t<decltype(T::xso_form_type), decltype(T::xso_fields)>> : std::true_type {};
template <class T>
inline constexpr bool is_form_v = is_form<T>::value;

template <class T>
constexpr std::size_t field_count = std::tuple_size<std::decay_t<decltype(T::xso_fields)>>::value;

namespace detail {
template <class T, std::size_t... I>
bool form_equal(const T& a, const T& b, std::index_sequence<I...>)
{
    return ((xso::detail::member_ref<I>(a) == xso::detail::member_ref<I>(b)) && ...);
}
} // namespace detail

namespace eq {
// Member-wise equality of typed forms (the values and the rest), found by ADL through the
// using-declarations of generated namespaces.
template <class T, std::enable_if_t<is_form_v<T>, int> = 0>
bool operator==(const T& a, const T& b)
{
    return detail::form_equal(a, b, std::make_index_sequence<field_count<T>>{});
}
template <class T, std::enable_if_t<is_form_v<T>, int> = 0>
bool operator!=(const T& a, const T& b)
{
    return !(a == b);
}
} // namespace eq

} // namespace xso::forms
