// Text <-> value conversions for attribute, text and leaf members, with the checks the
// schema attaches (integer ranges, JID and DateTime shape). Shared by parse and serialize
// so that both directions accept exactly the same values.
#pragma once

#include <charconv>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

#include <xso/core/meta.hpp>
#include <xso/core/values.hpp>

namespace xso::detail {

template <class T>
struct is_optional : std::false_type {};
template <class T>
struct is_optional<std::optional<T>> : std::true_type {
    using type = T;
};

inline std::string_view trim_xml_space(std::string_view s) noexcept
{
    auto ws = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
    while (!s.empty() && ws(s.front())) s.remove_prefix(1);
    while (!s.empty() && ws(s.back())) s.remove_suffix(1);
    return s;
}

inline bool check_string_kind(std::string_view s, value_kind k, std::string& why)
{
    if (k == value_kind::uri) {
        if (s.empty()) {
            why = "empty URI";
            return false;
        }
        for (char c : s)
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                why = "whitespace in URI";
                return false;
            }
    } else if (k == value_kind::language) {
        for (char c : s)
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-')) {
                why = "not a language tag";
                return false;
            }
    }
    return true;
}

template <class E>
std::string expected_tokens()
{
    std::string s = "expected one of:";
    for (auto t : enum_traits<E>::tokens) {
        s += ' ';
        s.append(t);
    }
    return s;
}

// Sets a JID or DateTime to text its check() has just accepted, marked so: writing it back
// does not check it again.
struct checked_value_access {
    template <class V>
    static void assign(V& out, std::string_view text)
    {
        out.lex_.text.assign(text.data(), text.size());
        out.lex_.checked = true;
    }
};

// Reads `text` into `out`. On failure returns false and explains in `why` (an optional
// `out` is then empty).
template <class V>
bool read_value(V& out, std::string_view text, const member_info& mi, std::string& why)
{
    if constexpr (is_optional<V>::value) {
        // Read in place: a value read aside and moved in would cost a move per attribute.
        if (read_value(out.emplace(), text, mi, why)) return true;
        out.reset();
        return false;
    } else if constexpr (std::is_same_v<V, std::string>) {
        if (!check_string_kind(text, mi.value_type, why)) return false;
        out.assign(text.data(), text.size());
        return true;
    } else if constexpr (std::is_same_v<V, bool>) {
        auto t = trim_xml_space(text);
        if (t == "true" || t == "1") out = true;
        else if (t == "false" || t == "0") out = false;
        else {
            why = "not a boolean (true, false, 1, 0): '" + std::string(text) + "'";
            return false;
        }
        return true;
    } else if constexpr (std::is_integral_v<V>) {
        auto t = trim_xml_space(text);
        const bool plus = !t.empty() && t.front() == '+';
        if (plus) t.remove_prefix(1);
        // One optional sign: "+-1" and "++1" are not xs:integer.
        if (t.empty() || t.front() == '+' || (plus && t.front() == '-')) {
            why = "not an integer: '" + std::string(text) + "'";
            return false;
        }
        if constexpr (std::is_unsigned_v<V>) {
            if (t.front() == '-') {
                bool zero = t.size() > 1;
                for (std::size_t i = 1; i < t.size(); ++i) zero = zero && t[i] == '0';
                if (!zero) {
                    why = "negative value: '" + std::string(text) + "'";
                    return false;
                }
                out = 0;
                t = {};
            }
        }
        if (!t.empty()) {
            V v{};
            auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
            if (ec == std::errc::result_out_of_range) {
                why = "integer out of range: '" + std::string(text) + "'";
                return false;
            }
            if (ec != std::errc() || p != t.data() + t.size()) {
                why = "not an integer: '" + std::string(text) + "'";
                return false;
            }
            out = v;
        }
        if (mi.has_min_value) {
            bool below = std::is_signed_v<V> ? static_cast<std::int64_t>(out) < mi.min_value
                                             : (mi.min_value > 0 && static_cast<std::uint64_t>(out) < static_cast<std::uint64_t>(mi.min_value));
            if (below) {
                why = "below the minimum " + std::to_string(mi.min_value) + ": " + std::string(text);
                return false;
            }
        }
        if (mi.has_max_value) {
            bool above = (std::is_signed_v<V> && static_cast<std::int64_t>(out) < 0)
                             ? false
                             : static_cast<std::uint64_t>(out) > mi.max_value;
            if (above) {
                why = "above the maximum " + std::to_string(mi.max_value) + ": " + std::string(text);
                return false;
            }
        }
        return true;
    } else if constexpr (std::is_enum_v<V>) {
        if (auto e = from_token<V>(text)) {
            out = *e;
            return true;
        }
        why = "unknown value '" + std::string(text) + "'; " + expected_tokens<V>();
        return false;
    } else if constexpr (is_open_enum<V>::value) {
        // Open to new tokens, but an empty string is none (and could not be written back).
        if (text.empty()) {
            why = "empty enumeration token";
            return false;
        }
        out = V::from_token(text);
        return true;
    } else if constexpr (std::is_same_v<V, jid>) {
        auto problem = jid::check(text);
        if (!problem.empty()) {
            why = std::string(problem) + ": '" + std::string(text) + "'";
            return false;
        }
        checked_value_access::assign(out, text);
        return true;
    } else if constexpr (std::is_same_v<V, datetime>) {
        auto problem = datetime::decode(text).second;
        if (!problem.empty()) {
            why = std::string(problem) + ": '" + std::string(text) + "'";
            return false;
        }
        checked_value_access::assign(out, text);
        return true;
    } else {
        static_assert(sizeof(V) == 0, "xso: no text conversion for this member type");
        return false;
    }
}

// Writes the lexical form of `v` (already checked) into `out` (unescaped); the view it
// returns points either into `v` or into `scratch`.
template <class V>
bool write_value(const V& v, const member_info& mi, std::string& scratch, std::string_view& out, std::string& why)
{
    if constexpr (std::is_same_v<V, std::string>) {
        if (!check_string_kind(v, mi.value_type, why)) return false;
        out = v;
        return true;
    } else if constexpr (std::is_same_v<V, bool>) {
        out = v ? "true" : "false";
        return true;
    } else if constexpr (std::is_integral_v<V>) {
        if (mi.has_min_value && (std::is_signed_v<V> ? static_cast<std::int64_t>(v) < mi.min_value
                                                      : (mi.min_value > 0 && static_cast<std::uint64_t>(v) <
                                                                                  static_cast<std::uint64_t>(mi.min_value)))) {
            why = "below the minimum " + std::to_string(mi.min_value);
            return false;
        }
        if (mi.has_max_value && !(std::is_signed_v<V> && static_cast<std::int64_t>(v) < 0) &&
            static_cast<std::uint64_t>(v) > mi.max_value) {
            why = "above the maximum " + std::to_string(mi.max_value);
            return false;
        }
        char buf[24];
        auto [p, ec] = std::to_chars(buf, buf + sizeof buf, v);
        (void)ec;
        scratch.assign(buf, p);
        out = scratch;
        return true;
    } else if constexpr (std::is_enum_v<V>) {
        out = to_token(v);
        if (out.empty()) {
            why = "value outside the enumeration";
            return false;
        }
        return true;
    } else if constexpr (is_open_enum<V>::value) {
        out = v.token();
        if (out.empty()) {
            why = "empty enumeration token";
            return false;
        }
        return true;
    } else if constexpr (std::is_same_v<V, jid>) {
        auto problem = v.check();
        if (!problem.empty()) {
            why = std::string(problem) + ": '" + v.str() + "'";
            return false;
        }
        out = v.str();
        return true;
    } else if constexpr (std::is_same_v<V, datetime>) {
        auto problem = v.check();
        if (!problem.empty()) {
            why = std::string(problem) + ": '" + v.str() + "'";
            return false;
        }
        out = v.str();
        return true;
    } else {
        static_assert(sizeof(V) == 0, "xso: no text conversion for this member type");
        return false;
    }
}

} // namespace xso::detail
