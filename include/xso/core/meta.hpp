// The metadata contract between generated code and the generic runtime.
//
// For every schema <element>, xsoc emits a struct declared with BOOST_HANA_DEFINE_STRUCT
// and, next to the Hana members, a constexpr table `xso_members` aligned by index with
// them: member i of the Hana struct is described by xso_members[i]. Parse, serialize,
// print and compare are written once, generically, against this table.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string_view>
#include <type_traits>

#include <xso/core/qname.hpp>

namespace xso {

// How a member maps to XML.
enum class member_kind : unsigned char {
    attribute, // an attribute of the element (value type)
    text,      // the element's character data (value type)
    child,     // a child element of a generated type (single, optional or list)
    leaf,      // a child element with text content only (value type)
    flag,      // an empty child element; bool = present
    choice,    // one of several child element types (std::variant)
    any,       // any element matching a namespace filter (xso::element)
    condition, // in condition-family structs: which element of the family this is
    unknown,   // the trailing xso::unknown_content
};

// What the text of an attribute/text/leaf member must look like (the C++ type decides how
// it is converted; this adds the checks that the type alone does not carry).
enum class value_kind : unsigned char {
    none,
    string,
    boolean,
    integer,
    enumeration,
    jid,
    datetime,
    uri,
    language,
};

inline constexpr std::size_t unbounded = static_cast<std::size_t>(-1);

// Namespace filter of an <any> slot.
struct ns_filter {
    enum class mode : unsigned char { any, other, list };
    mode m = mode::any;
    std::string_view list;    // space-separated URIs for mode::list
    std::string_view exclude; // space-separated URIs never matched

    constexpr bool matches(std::string_view element_ns, std::string_view owner_ns) const noexcept
    {
        if (contains(exclude, element_ns)) return false;
        switch (m) {
        case mode::any: return true;
        case mode::other: return !element_ns.empty() && element_ns != owner_ns;
        case mode::list: return contains(list, element_ns);
        }
        return false;
    }
    // Whether `uri` is one of the space-separated tokens of `list`. Searches for the URI
    // (memchr and memcmp) instead of splitting the list byte by byte: this runs for every
    // payload and every element whose namespace changes, parsing and serializing.
    static constexpr bool contains(std::string_view list, std::string_view uri) noexcept
    {
        if (uri.empty() || uri.size() > list.size() || uri.find(' ') != std::string_view::npos) return false;
        for (std::size_t at = list.find(uri); at != std::string_view::npos; at = list.find(uri, at + 1)) {
            const std::size_t end = at + uri.size();
            if ((at == 0 || list[at - 1] == ' ') && (end == list.size() || list[end] == ' ')) return true;
        }
        return false;
    }
};

// One row of a struct's metadata table. Built in generated code with the chained
// constexpr setters below, e.g.
//   xso::member_info::attribute("node", {"", "node"}).required().value(xso::value_kind::string)
struct member_info {
    member_kind kind = member_kind::unknown;
    std::string_view member;           // C++ member name
    qname name;                        // attribute, leaf, flag, child: the XML name
    std::size_t min_occurs = 0;        // 1 for required single members
    std::size_t max_occurs = 1;        // unbounded for lists
    value_kind value_type = value_kind::none;
    bool has_min_value = false;
    bool has_max_value = false;
    std::int64_t min_value = 0;
    std::uint64_t max_value = 0;
    std::string_view default_value;    // schema default of an optional attribute (informational)
    ns_filter any_ns;                  // any slots and the any alternative of a choice
    std::string_view condition;        // condition structs: token of the condition declaring this attribute
    std::string_view doc;

    static constexpr member_info make(member_kind k, std::string_view m, qname n = {})
    {
        member_info i;
        i.kind = k;
        i.member = m;
        i.name = n;
        return i;
    }
    static constexpr member_info attribute(std::string_view m, qname n) { return make(member_kind::attribute, m, n); }
    static constexpr member_info text(std::string_view m) { return make(member_kind::text, m); }
    static constexpr member_info child(std::string_view m, qname n) { return make(member_kind::child, m, n); }
    static constexpr member_info leaf(std::string_view m, qname n) { return make(member_kind::leaf, m, n); }
    static constexpr member_info flag(std::string_view m, qname n) { return make(member_kind::flag, m, n); }
    static constexpr member_info choice(std::string_view m) { return make(member_kind::choice, m); }
    static constexpr member_info any(std::string_view m) { return make(member_kind::any, m); }
    static constexpr member_info condition_member(std::string_view m) { return make(member_kind::condition, m); }
    static constexpr member_info unknown_member() { return make(member_kind::unknown, "unknown"); }

    constexpr member_info required() const { auto c = *this; c.min_occurs = c.min_occurs ? c.min_occurs : 1; return c; }
    constexpr member_info occurs(std::size_t mn, std::size_t mx) const { auto c = *this; c.min_occurs = mn; c.max_occurs = mx; return c; }
    constexpr member_info value(value_kind v) const { auto c = *this; c.value_type = v; return c; }
    constexpr member_info min(std::int64_t v) const { auto c = *this; c.has_min_value = true; c.min_value = v; return c; }
    constexpr member_info max(std::uint64_t v) const { auto c = *this; c.has_max_value = true; c.max_value = v; return c; }
    constexpr member_info default_is(std::string_view v) const { auto c = *this; c.default_value = v; return c; }
    constexpr member_info ns_any() const { auto c = *this; c.any_ns.m = ns_filter::mode::any; return c; }
    constexpr member_info ns_other() const { auto c = *this; c.any_ns.m = ns_filter::mode::other; return c; }
    constexpr member_info ns_list(std::string_view l) const { auto c = *this; c.any_ns.m = ns_filter::mode::list; c.any_ns.list = l; return c; }
    constexpr member_info ns_exclude(std::string_view l) const { auto c = *this; c.any_ns.exclude = l; return c; }
    constexpr member_info for_condition(std::string_view t) const { auto c = *this; c.condition = t; return c; }
    constexpr member_info documented(std::string_view d) const { auto c = *this; c.doc = d; return c; }

    constexpr bool is_required() const noexcept { return min_occurs > 0; }
    constexpr bool is_list() const noexcept { return max_occurs > 1; }
};

// ---------------------------------------------------------------------------------------
// Type traits over generated types.

// A generated element struct: has `xso_qname` and `xso_members`.
template <class T, class = void>
struct is_element : std::false_type {};
template <class T>
struct is_element<T, std::void_t<decltype(T::xso_qname), decltype(T::xso_members)>> : std::true_type {};
template <class T>
inline constexpr bool is_element_v = is_element<T>::value;

// A generated condition family struct: has `xso_condition_ns`, `xso_condition_enum` and
// `xso_members` (whose first row is the condition enum).
template <class T, class = void>
struct is_condition : std::false_type {};
template <class T>
struct is_condition<T, std::void_t<decltype(T::xso_condition_ns), typename T::xso_condition_enum,
                                   decltype(T::xso_members)>> : std::true_type {};
template <class T>
inline constexpr bool is_condition_v = is_condition<T>::value;

// Anything xso can parse from / serialize to one element.
template <class T>
inline constexpr bool is_reflected_v = is_element_v<T> || is_condition_v<T>;

// ---------------------------------------------------------------------------------------
// Request/response facts from schema <request> declarations. Generated code specializes:
//   using container = <the element the request travels in>;
//   using response = <the element expected in the result's container, or void>;
//   static constexpr iq_request_type iq = iq_request_type::set;
//   static constexpr bool response_optional = <servers may answer with an empty result>;
enum class iq_request_type : unsigned char { get, set };

template <class T>
struct request_traits;

template <class T, class = void>
struct is_request : std::false_type {};
template <class T>
struct is_request<T, std::void_t<typename request_traits<T>::container>> : std::true_type {};

} // namespace xso
