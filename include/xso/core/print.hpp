// A readable, indented rendering of any generated value, for logs, debugging and the
// xso-inspect tool. Not an XML format and not meant to be parsed back.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>

#include <xso/core/element.hpp>
#include <xso/core/meta.hpp>
#include <xso/core/parse.hpp>
#include <xso/core/reflect.hpp>
#include <xso/core/serialize.hpp>
#include <xso/core/values.hpp>

namespace xso {
namespace detail {

// "[n]". Appended piece by piece: "[" + std::to_string(n) + "]" trips g++ 12's -Wrestrict
// false positive at -O2 (GCC PR 105651), an error for users building with -Werror.
inline std::string index_suffix(std::size_t n)
{
    std::string s(1, '[');
    s += std::to_string(n);
    s += ']';
    return s;
}

inline void indent(std::string& out, int level) { out.append(static_cast<std::size_t>(level) * 2, ' '); }

inline void quoted(std::string& out, std::string_view s)
{
    out += '"';
    for (char c : s) {
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            if (static_cast<unsigned char>(c) < 0x20) {
                static const char hex[] = "0123456789abcdef";
                out += "\\x";
                out += hex[(static_cast<unsigned char>(c) >> 4) & 0xF];
                out += hex[static_cast<unsigned char>(c) & 0xF];
            } else {
                out += c;
            }
        }
    }
    out += '"';
}

template <class V>
void print_scalar(std::string& out, const V& v)
{
    if constexpr (std::is_same_v<V, std::string>) quoted(out, v);
    else if constexpr (std::is_same_v<V, bool>) out += v ? "true" : "false";
    else if constexpr (std::is_integral_v<V>) out += std::to_string(v);
    else if constexpr (std::is_enum_v<V>) {
        auto t = to_token(v);
        out.append(t.empty() ? std::string_view("<invalid enumerator>") : t);
    } else if constexpr (is_open_enum<V>::value) {
        out.append(v.token());
        if (!v.is_known()) out += " (not in the schema's enumeration)";
    } else if constexpr (std::is_same_v<V, jid> || std::is_same_v<V, datetime>) {
        out += v.str();
    } else {
        static_assert(sizeof(V) == 0, "xso: cannot print this member type");
    }
}

inline void print_element(std::string& out, const element& e, int level)
{
    auto q = e.name();
    out.append(q.local);
    out += "  [";
    out.append(q.ns);
    out += "]  (opaque) ";
    std::string xml;
    detail::writer w(xml, {});
    const bool ok = w.write_dom(e, q.local);
    w.finish();
    if (!ok) xml = "<not serializable: " + w.err.message() + ">";
    if (xml.size() > 160) {
        xml.resize(157);
        xml += "...";
    }
    out += xml;
    out += '\n';
    (void)level;
}

struct print_member_ops;
struct print_type {
    const type_desc* desc;
    const print_member_ops* const* ops;
};
template <class T>
constexpr const print_type& print_type_of() noexcept;

inline void print_struct(std::string& out, const void* obj, const print_type& t, int level, std::string_view parent_ns,
                         std::string_view suffix);

template <class X>
void print_node_value(std::string& out, const X& v, int level, std::string_view parent_ns, std::string_view suffix = {})
{
    if constexpr (std::is_same_v<X, element>) {
        print_element(out, v, level);
    } else if constexpr (is_variant<X>::value) {
        std::visit([&](const auto& a) { print_node_value(out, a, level, parent_ns, suffix); }, v);
    } else {
        print_struct(out, &v, print_type_of<X>(), level, parent_ns, suffix);
    }
}

struct print_member_ops {
    void (*print)(std::string& out, const void* m, const member_info& mi, int level, std::string_view self_ns);
};

template <class M, member_kind K>
struct print_ops {
    using X = slot_t<M>;
    static void print(std::string& out, const void* mp, const member_info& mi, int level, std::string_view self_ns)
    {
        const M& m = *static_cast<const M*>(mp);
        if constexpr (K == member_kind::condition) {
            (void)out, (void)m, (void)mi, (void)level, (void)self_ns;
        } else if constexpr (K == member_kind::unknown) {
            (void)mi, (void)self_ns;
            for (const attribute& a : m.attributes) {
                indent(out, level);
                out += "(unknown attribute) ";
                if (!a.ns.empty()) out += "{" + a.ns + "}";
                out += a.local;
                out += " = ";
                quoted(out, a.value);
                out += '\n';
            }
            for (const element& e : m.elements) {
                indent(out, level);
                out += "(unknown) ";
                print_element(out, e, level + 1);
            }
            if (!m.text.empty()) {
                indent(out, level);
                out += "(unknown text) ";
                quoted(out, m.text);
                out += '\n';
            }
        } else if constexpr (K == member_kind::flag) {
            (void)self_ns;
            if (m) {
                indent(out, level);
                out.append(mi.member);
                out += " (present)\n";
            }
        } else if constexpr (K == member_kind::attribute || K == member_kind::text || K == member_kind::leaf) {
            (void)self_ns;
            auto line = [&](const X& v, const std::string& suffix) {
                indent(out, level);
                out.append(mi.member);
                out.append(suffix);
                out += " = ";
                print_scalar(out, v);
                out += '\n';
            };
            if constexpr (is_vector<M>::value) {
                for (std::size_t i = 0; i < m.size(); ++i) line(m[i], index_suffix(i + 1));
            } else if constexpr (is_optional<M>::value) {
                if (m) line(*m, {});
            } else if constexpr (std::is_same_v<M, std::string>) {
                if (K != member_kind::text || !m.empty()) line(m, {});
            } else {
                line(m, {});
            }
        } else {
            // child, choice, any
            auto node = [&](const X& v, const std::string& suffix) {
                indent(out, level);
                // "item[2]" when the member is named after the element, else "payload: pubsub".
                if (element_local(v) == mi.member) {
                    print_node_value(out, v, level + 1, self_ns, suffix);
                    return;
                }
                out.append(mi.member);
                out.append(suffix);
                out += ": ";
                print_node_value(out, v, level + 1, self_ns);
            };
            if constexpr (is_vector<M>::value) {
                for (std::size_t i = 0; i < m.size(); ++i) node(m[i], index_suffix(i + 1));
            } else if constexpr (is_optional<M>::value) {
                if (m) node(*m, {});
            } else {
                node(m, {});
            }
        }
    }
    static constexpr print_member_ops value{&print};
};

template <class T>
struct print_table {
    static constexpr std::size_t N = member_count<T>;
    template <std::size_t I>
    static constexpr const print_member_ops* row()
    {
        return &print_ops<member_type_t<T, I>, T::xso_members[I].kind>::value;
    }
    template <std::size_t... I>
    static constexpr std::array<const print_member_ops*, N> make(std::index_sequence<I...>)
    {
        return {{row<I>()...}};
    }
    static constexpr std::array<const print_member_ops*, N> ops = make(std::make_index_sequence<N>{});
    static constexpr print_type type{&desc_of<T>(), ops.data()};
};

template <class T>
constexpr const print_type& print_type_of() noexcept
{
    return print_table<T>::type;
}

inline void print_struct(std::string& out, const void* obj, const print_type& t, int level, std::string_view parent_ns,
                         std::string_view suffix)
{
    const type_desc& d = *t.desc;
    out.append(d.element_local(obj));
    out.append(suffix);
    if (d.ns != parent_ns) {
        out += "  [";
        out.append(d.ns);
        out += ']';
    }
    out += '\n';
    for (std::size_t i = 0; i < d.count; ++i) t.ops[i]->print(out, d.member(obj, i), d.members[i], level, d.ns);
}

} // namespace detail

// Indented, human-readable rendering of a generated value (or variant, or element).
template <class T>
std::string to_debug_string(const T& value, int indent_level = 0)
{
    std::string out;
    detail::indent(out, indent_level);
    detail::print_node_value(out, value, indent_level + 1, {});
    return out;
}

} // namespace xso
