// Type-erased descriptions of generated types, shared by parse, serialize and print.
//
// The generic code is table-driven: for each generated type T there is one constexpr
// type_desc (names, the xso_members rows and each row's byte offset), and for
// each *member type* (std::optional<std::string>, std::vector<Item>, ...) one table of
// operations. The code that walks XML is written once, as ordinary functions over these
// tables, instead of being instantiated per type and member: this keeps the compile time
// of a translation unit that parses and serializes everything in seconds. Serialize adds
// two small functions per type (serialize.hpp, write_table) that call the member types'
// operations directly: two indirect calls per member cost it more than their compile time.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include <xso/core/element.hpp>
#include <xso/core/meta.hpp>
#include <xso/core/qname.hpp>
#include <xso/core/reflect.hpp>
#include <xso/core/value_io.hpp>

namespace xso::detail {

template <class T>
struct is_vector : std::false_type {};
template <class T, class A>
struct is_vector<std::vector<T, A>> : std::true_type {
    using type = T;
};
template <class T>
struct is_variant : std::false_type {};
template <class... A>
struct is_variant<std::variant<A...>> : std::true_type {};

// The element type inside std::optional<X> / std::vector<X> / X.
template <class M>
struct slot_type {
    using type = M;
};
template <class X>
struct slot_type<std::optional<X>> {
    using type = X;
};
template <class X, class A>
struct slot_type<std::vector<X, A>> {
    using type = X;
};
template <class M>
using slot_t = typename slot_type<M>::type;

template <class T, std::size_t I>
using member_type_t = std::decay_t<decltype(member_ref<I>(std::declval<T&>()))>;

// Text the serializer writes as it is in an attribute value (no output_special byte).
// Schemas may name namespaces that need escaping; most do not.
constexpr bool is_plain_attribute_text(std::string_view s) noexcept
{
    for (char c : s)
        if (output_special(static_cast<unsigned char>(c), true)) return false;
    return true;
}

// What parse, serialize and print need to know about a generated type, type-erased.
struct type_desc {
    std::string_view local;     // element local name; empty for condition families
    std::string_view ns;        // the element's namespace, or the condition family's
    std::string_view alt_ns;    // also accepted on parse
    bool is_condition = false;
    bool ns_plain = false;      // ns is written without escaping (is_plain_attribute_text)
    const member_info* members = nullptr;
    std::size_t count = 0;
    const std::size_t* offsets = nullptr; // byte offsets of the members, aligned with members
    int text_index = -1;
    int unknown_index = -1;
    // Condition families: the element's local name selects the condition enumerator.
    bool (*set_condition)(void* obj, std::string_view local) = nullptr;
    std::string_view (*condition_local)(const void* obj) = nullptr;
    const std::string_view* known_ns = nullptr;
    std::size_t known_count = 0;

    // Does element {q} bind to this type?
    bool matches(const qname& q) const noexcept
    {
        if (is_condition) return q.ns == ns && is_condition_name(q.local);
        if (q.local != local) return false;
        return q.ns == ns || ns_filter::contains(alt_ns, q.ns);
    }
    std::string_view element_local(const void* obj) const { return is_condition ? condition_local(obj) : local; }

    // Condition families: is `local` the name of one of the conditions?
    bool (*is_condition_name)(std::string_view local) = nullptr;

    // An offset rather than a function per member: a parse reaches a member for every
    // attribute and child, and those indirect calls cost a small stanza's parse about a
    // tenth of its time (benchmarks/README.md, "Where the time goes").
    void* member(void* obj, std::size_t i) const { return static_cast<char*>(obj) + offsets[i]; }
    const void* member(const void* obj, std::size_t i) const { return static_cast<const char*>(obj) + offsets[i]; }
};

template <class T>
constexpr int find_kind(member_kind k)
{
    for (std::size_t i = 0; i < member_count<T>; ++i)
        if (T::xso_members[i].kind == k) return static_cast<int>(i);
    return -1;
}

template <class T>
struct type_table {
    static_assert(is_reflected_v<T>, "xso: not a generated type");
    static constexpr std::size_t N = member_count<T>;

    static bool set_condition(void* obj, std::string_view local)
    {
        if constexpr (is_condition_v<T>) {
            auto e = from_token<typename T::xso_condition_enum>(local);
            if (!e) return false;
            static_cast<T*>(obj)->condition = *e;
            return true;
        } else {
            (void)obj, (void)local;
            return false;
        }
    }
    static bool is_condition_name(std::string_view local)
    {
        return from_token<typename T::xso_condition_enum>(local).has_value();
    }
    static std::string_view condition_local(const void* obj)
    {
        if constexpr (is_condition_v<T>) return to_token(static_cast<const T*>(obj)->condition);
        else {
            (void)obj;
            return {};
        }
    }
    static constexpr type_desc make()
    {
        type_desc d;
        if constexpr (is_condition_v<T>) {
            d.ns = T::xso_condition_ns;
            d.is_condition = true;
            d.is_condition_name = &is_condition_name;
        } else {
            d.local = T::xso_qname.local;
            d.ns = T::xso_qname.ns;
            d.alt_ns = T::xso_alt_ns;
        }
        d.ns_plain = is_plain_attribute_text(d.ns);
        d.members = T::xso_members.data();
        d.count = N;
        d.offsets = member_offsets<T, N>::value.data();
        d.text_index = find_kind<T>(member_kind::text);
        d.unknown_index = find_kind<T>(member_kind::unknown);
        d.set_condition = &set_condition;
        d.condition_local = &condition_local;
        d.known_ns = T::xso_known_ns.data();
        d.known_count = T::xso_known_ns.size();
        return d;
    }
    static constexpr type_desc desc = make();
};

template <class T>
constexpr const type_desc& desc_of() noexcept
{
    return type_table<T>::desc;
}

inline void prepend_path(std::string& path, std::string_view segment)
{
    // A condition whose enumerator is invalid has no element name: no empty step ("a//b").
    if (segment.empty()) return;
    if (path.empty()) path.assign(segment);
    else {
        std::string s;
        s.reserve(segment.size() + 1 + path.size());
        s.append(segment).append("/").append(path);
        path.swap(s);
    }
}

inline std::string qname_text(const qname& q)
{
    std::string s = "{";
    s.append(q.ns).append("}").append(q.local);
    return s;
}

inline std::string list_segment(std::string_view local, std::size_t index)
{
    std::string s(local);
    s += '[';
    s += std::to_string(index);
    s += ']';
    return s;
}

} // namespace xso::detail
