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
    serialize_options o;
    detail::writer w(xml, {});
    if (!w.write_dom(e, q.local)) xml = "<not serializable: " + w.err.message() + ">";
    if (xml.size() > 160) {
        xml.resize(157);
        xml += "...";
    }
    out += xml;
    out += '\n';
    (void)level;
}

template <class T>
void print_reflected(std::string& out, const T& obj, int level, std::string_view parent_ns, std::string_view suffix);

template <class X>
void print_node_value(std::string& out, const X& v, int level, std::string_view parent_ns, std::string_view suffix = {})
{
    if constexpr (std::is_same_v<X, element>) {
        print_element(out, v, level);
    } else if constexpr (is_variant<X>::value) {
        std::visit([&](const auto& a) { print_node_value(out, a, level, parent_ns, suffix); }, v);
    } else {
        print_reflected(out, v, level, parent_ns, suffix);
    }
}

template <class T, std::size_t I>
void print_member(std::string& out, const T& obj, int level, std::string_view self_ns)
{
    constexpr const member_info& mi = std::get<I>(T::xso_members);
    const auto& m = member_ref<I>(obj);
    using M = std::decay_t<decltype(m)>;
    if constexpr (mi.kind == member_kind::condition) {
        return;
    } else if constexpr (mi.kind == member_kind::unknown) {
        if (m.empty()) return;
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
    } else if constexpr (mi.kind == member_kind::attribute || mi.kind == member_kind::text ||
                         mi.kind == member_kind::leaf || mi.kind == member_kind::flag) {
        auto line = [&](const auto& v, std::string_view suffix) {
            indent(out, level);
            out.append(mi.member);
            out.append(suffix);
            out += " = ";
            print_scalar(out, v);
            out += '\n';
        };
        if constexpr (mi.kind == member_kind::flag) {
            if (m) {
                indent(out, level);
                out.append(mi.member);
                out += " (present)\n";
            }
        } else if constexpr (is_vector<M>::value) {
            for (std::size_t i = 0; i < m.size(); ++i) line(m[i], "[" + std::to_string(i + 1) + "]");
        } else if constexpr (is_optional<M>::value) {
            if (m) line(*m, "");
        } else if constexpr (std::is_same_v<M, std::string>) {
            if (mi.kind != member_kind::text || !m.empty()) line(m, "");
        } else {
            line(m, "");
        }
    } else {
        // child, choice, any
        auto node = [&](const auto& v, std::string_view suffix) {
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
            for (std::size_t i = 0; i < m.size(); ++i) node(m[i], "[" + std::to_string(i + 1) + "]");
        } else if constexpr (is_optional<M>::value) {
            if (m) node(*m, "");
        } else {
            node(m, "");
        }
    }
}

template <class T, std::size_t... I>
void print_members(std::string& out, const T& obj, int level, std::string_view self_ns, std::index_sequence<I...>)
{
    (print_member<T, I>(out, obj, level, self_ns), ...);
}

template <class T>
void print_reflected(std::string& out, const T& obj, int level, std::string_view parent_ns, std::string_view suffix)
{
    constexpr std::string_view self_ns = own_ns<T>();
    out.append(element_local(obj));
    out.append(suffix);
    if (self_ns != parent_ns) {
        out += "  [";
        out.append(self_ns);
        out += ']';
    }
    out += '\n';
    print_members(out, obj, level, self_ns, std::make_index_sequence<member_count<T>>{});
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
