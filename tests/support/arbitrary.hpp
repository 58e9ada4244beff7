// Random values of any generated type, built through the reflection metadata
// (xso_members and the type-erased tables of include/xso/core/binding.hpp and parse.hpp).
// Used by the round-trip property tests (tests/hostile/) with a seeded PRNG, and by the
// structure-aware fuzzer (fuzz/) with the fuzzer's bytes as the source of choices.
//
// With `valid_only`, every value is one the library must serialize and parse back to an
// equal value: strings hold XML 1.0 characters only (markup characters included), integers
// respect the schema's ranges, JIDs and DateTimes are well-formed, and content is only
// generated where the parser would route it back to the same member. Without it, strings
// may hold invalid UTF-8 and control characters: serialize must then refuse locally.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <typeinfo>
#include <utility>
#include <variant>
#include <vector>

#if defined(__GNUG__)
#include <cxxabi.h>
#include <cstdlib>
#endif

#include <xso/xso.hpp>

namespace xso_test {

// A source of choices: a seeded PRNG (splitmix64), or a byte buffer (the fuzzer's input,
// zeros once exhausted, so that every input is a valid, finite recipe).
class entropy {
public:
    explicit entropy(std::uint64_t seed) : state_(seed) {}
    entropy(const std::uint8_t* data, std::size_t size) : data_(data), size_(size), bytes_(true) {}

    std::uint64_t next64()
    {
        if (bytes_) {
            std::uint64_t v = 0;
            for (int i = 0; i < 8; ++i) v = (v << 8) | byte();
            return v;
        }
        std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }
    // Uniform-enough in [0, n); n > 0. Byte sources use one byte for small n.
    std::uint64_t below(std::uint64_t n)
    {
        if (n <= 1) return 0;
        if (bytes_ && n <= 256) return byte() % n;
        return next64() % n;
    }
    bool chance(unsigned percent) { return below(100) < percent; }
    bool exhausted() const noexcept { return bytes_ && pos_ >= size_; }

private:
    std::uint8_t byte() { return pos_ < size_ ? data_[pos_++] : 0; }
    std::uint64_t state_ = 0;
    const std::uint8_t* data_ = nullptr;
    std::size_t size_ = 0;
    std::size_t pos_ = 0;
    bool bytes_ = false;
};

struct gen_config {
    bool valid_only = true;    // only values that must round-trip
    std::size_t max_depth = 4; // generated types nested deeper get only required content
    std::size_t max_list = 3;  // list members get at most this many entries (beyond min)
    bool unknown = true;       // generate unknown attributes, elements and text
};

// ---------------------------------------------------------------------------------------
// Strings

// Appends code point `cp` as UTF-8.
inline void append_utf8(std::string& s, std::uint32_t cp)
{
    if (cp < 0x80) s += static_cast<char>(cp);
    else if (cp < 0x800) {
        s += static_cast<char>(0xC0 | (cp >> 6));
        s += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        s += static_cast<char>(0xE0 | (cp >> 12));
        s += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        s += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        s += static_cast<char>(0xF0 | (cp >> 18));
        s += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        s += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        s += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

// Pieces that exercise escaping: markup, quotes, the CDATA terminator, whitespace that
// attribute-value normalization would alter, and characters at the edges of XML's ranges.
inline constexpr std::string_view tricky_pieces[] = {
    "<", ">", "&", "\"", "'", "]]>", "&amp;", "&#38;", "<![CDATA[x]]>", "<!--c-->", "<?pi?>", "\t", "\n", "\r",
    "\r\n", " ", "  ", "/", "@", "=", "xmlns='urn:x'", "</iq>", "\xC2\xA0", "\xE2\x80\xA8", "\xEF\xBF\xBD",
    "\xEE\x80\x80", "\xF4\x8F\xBF\xBF", "\xF0\x9F\x98\x80", "\xED\x9F\xBF", "a", "node", "0", "-",
};
// Byte sequences XML 1.0 or UTF-8 forbid.
inline constexpr std::string_view invalid_pieces[] = {
    std::string_view("\0", 1), "\x01", "\x08", "\x0B", "\x0C", "\x1F", "\x80", "\xBF", "\xC0\x80", "\xC3",
    "\xE0\x80\x80", "\xED\xA0\x80", "\xEF\xBF\xBE", "\xEF\xBF\xBF", "\xF4\x90\x80\x80", "\xF8\x88\x80\x80\x80", "\xFF",
};

inline std::uint32_t random_xml_char(entropy& e)
{
    switch (e.below(6)) {
    case 0: return static_cast<std::uint32_t>(0x20 + e.below(0x5F)); // printable ASCII
    case 1: return static_cast<std::uint32_t>(0xA0 + e.below(0x700));
    case 2: return static_cast<std::uint32_t>(0x800 + e.below(0xD7FF - 0x800 + 1));
    case 3: return static_cast<std::uint32_t>(0xE000 + e.below(0xFFFD - 0xE000 + 1));
    case 4: return static_cast<std::uint32_t>(0x10000 + e.below(0x10FFFF - 0x10000 + 1));
    default: return static_cast<std::uint32_t>('a' + e.below(26));
    }
}

inline std::string random_string(entropy& e, const gen_config& cfg, std::size_t max_pieces = 8)
{
    std::string s;
    std::size_t n = e.below(max_pieces + 1);
    for (std::size_t i = 0; i < n; ++i) {
        auto k = e.below(10);
        if (k < 5) append_utf8(s, random_xml_char(e));
        else if (k < 9) s += tricky_pieces[e.below(std::size(tricky_pieces))];
        else if (!cfg.valid_only) s += invalid_pieces[e.below(std::size(invalid_pieces))];
        else append_utf8(s, random_xml_char(e));
    }
    return s;
}

inline bool is_xml_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
inline bool whitespace_only(std::string_view s)
{
    return std::all_of(s.begin(), s.end(), [](char c) { return is_xml_space(c); });
}

inline std::string random_token(entropy& e, std::string_view alphabet, std::size_t min_len, std::size_t max_len)
{
    std::string s;
    std::size_t n = min_len + e.below(max_len - min_len + 1);
    for (std::size_t i = 0; i < n; ++i) s += alphabet[e.below(alphabet.size())];
    return s;
}

inline constexpr std::string_view alnum = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

inline std::string random_ncname(entropy& e)
{
    static constexpr std::string_view pool[] = {"item", "entry", "x", "value", "node", "id", "data", "a-b", "q.r", "_u"};
    if (e.chance(50)) return std::string(pool[e.below(std::size(pool))]);
    return std::string(1, "abcdefghijklmnopqrstuvwxyz_"[e.below(27)]) + random_token(e, "abcdefghijklmnopqrstuvwxyz0123456789-._", 0, 6);
}

inline std::string random_jid(entropy& e, const gen_config& cfg)
{
    std::string s;
    if (e.chance(60)) {
        // Localpart: no " & ' / : < > @, no whitespace or controls.
        std::size_t n = 1 + e.below(6);
        for (std::size_t i = 0; i < n; ++i) {
            if (e.chance(15)) append_utf8(s, 0xE9 + static_cast<std::uint32_t>(e.below(20)));
            else s += "abcdefghijklmnopqrstuvwxyz0123456789._-+!"[e.below(41)];
        }
        s += '@';
    }
    s += random_token(e, "abcdefghijklmnopqrstuvwxyz0123456789.-", 1, 12);
    if (e.chance(40)) {
        s += '/';
        std::string r = random_string(e, cfg, 6);
        // A resource is anything but controls; keep it non-empty.
        if (cfg.valid_only) {
            std::string clean;
            for (char c : r)
                if (static_cast<unsigned char>(c) >= 0x20 && c != 0x7f) clean += c;
            r = clean;
        }
        if (r.empty()) r = "res";
        s += r;
    }
    return s;
}

inline std::string two(std::uint64_t v)
{
    std::string s = std::to_string(v);
    return s.size() < 2 ? "0" + s : s;
}

inline std::string random_datetime(entropy& e)
{
    std::string s = std::to_string(1000 + e.below(9000));
    s += "-" + two(1 + e.below(12)) + "-" + two(1 + e.below(28)) + "T" + two(e.below(24)) + ":" + two(e.below(60)) + ":" +
         two(e.below(60));
    if (e.chance(30)) s += "." + random_token(e, "0123456789", 1, 9);
    if (e.chance(50)) s += "Z";
    else s += std::string(e.chance(50) ? "+" : "-") + two(e.below(24)) + ":" + two(e.below(60));
    return s;
}

// ---------------------------------------------------------------------------------------
// Scalars by C++ type and metadata.

template <class V>
V random_integer(entropy& e, const xso::member_info& mi)
{
    using L = std::numeric_limits<V>;
    // The schema's range, intersected with the type's.
    long double lo = static_cast<long double>(L::min()), hi = static_cast<long double>(L::max());
    if (mi.has_min_value) lo = std::max(lo, static_cast<long double>(mi.min_value));
    if (mi.has_max_value) hi = std::min(hi, static_cast<long double>(mi.max_value));
    V vlo = static_cast<V>(lo), vhi = static_cast<V>(hi);
    switch (e.below(5)) {
    case 0: return vlo;
    case 1: return vhi;
    case 2: {
        V small = static_cast<V>(e.below(100));
        return std::clamp<V>(small, vlo, vhi);
    }
    default: {
        // Uniform over [vlo, vhi] through unsigned arithmetic.
        using U = std::make_unsigned_t<V>;
        U span = static_cast<U>(static_cast<U>(vhi) - static_cast<U>(vlo));
        std::uint64_t r = e.next64();
        U off = span == std::numeric_limits<U>::max() ? static_cast<U>(r) : static_cast<U>(r % (static_cast<std::uint64_t>(span) + 1));
        return static_cast<V>(static_cast<U>(vlo) + off);
    }
    }
}

template <class V>
void random_scalar(V& out, entropy& e, const xso::member_info& mi, const gen_config& cfg, bool nonblank)
{
    using xso::value_kind;
    if constexpr (std::is_same_v<V, std::string>) {
        if (mi.value_type == value_kind::uri) {
            out = random_token(e, alnum, 1, 4) + ":" + random_token(e, "abcdefghijklmnopqrstuvwxyz/#.-<&'\"", 0, 12);
        } else if (mi.value_type == value_kind::language) {
            out = random_token(e, "abcdefghijklmnopqrstuvwxyz-", nonblank ? 1 : 0, 8);
        } else {
            out = random_string(e, cfg);
            if (nonblank && (out.empty() || whitespace_only(out))) out += "v";
        }
    } else if constexpr (std::is_same_v<V, bool>) {
        out = e.chance(50);
    } else if constexpr (std::is_integral_v<V>) {
        out = random_integer<V>(e, mi);
    } else if constexpr (std::is_enum_v<V>) {
        out = static_cast<V>(e.below(xso::enum_traits<V>::tokens.size()));
    } else if constexpr (xso::is_open_enum<V>::value) {
        using E = typename xso::is_open_enum<V>::enum_type;
        if (e.chance(70)) out = V(static_cast<E>(e.below(xso::enum_traits<E>::tokens.size())));
        else {
            std::string raw = random_string(e, cfg, 4);
            if (raw.empty() || whitespace_only(raw)) raw += "ext";
            out = V::from_token(raw);
        }
    } else if constexpr (std::is_same_v<V, xso::jid>) {
        out = xso::jid(random_jid(e, cfg));
    } else if constexpr (std::is_same_v<V, xso::datetime>) {
        out = xso::datetime(random_datetime(e));
    } else {
        static_assert(sizeof(V) == 0, "arbitrary: no generator for this value type");
    }
}

// ---------------------------------------------------------------------------------------
// Opaque elements (payloads, unknown children).

inline void escape_into(std::string& out, std::string_view s, bool attr)
{
    for (char c : s) {
        switch (c) {
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '&': out += "&amp;"; break;
        case '\'': out += attr ? "&apos;" : "'"; break;
        case '\r': out += "&#13;"; break;
        case '\t': out += attr ? "&#9;" : "\t"; break;
        case '\n': out += attr ? "&#10;" : "\n"; break;
        default: out += c;
        }
    }
}

inline void random_subtree(std::string& xml, entropy& e, const gen_config& cfg, std::string_view qname, std::size_t depth)
{
    xml += '<';
    xml.append(qname);
    if (depth == 0 || e.chance(20)) xml += " xmlns:p='urn:xso:test:prefixed'";
    std::vector<std::string> used;
    for (std::size_t a = e.below(3); a > 0; --a) {
        std::string name = (e.chance(25) ? "p:" : "") + random_ncname(e);
        if (std::find(used.begin(), used.end(), name) != used.end() || name == "xmlns") continue;
        used.push_back(name);
        xml += ' ' + name + "='";
        gen_config valid = cfg;
        valid.valid_only = true;
        escape_into(xml, random_string(e, valid), true);
        xml += '\'';
    }
    std::size_t kids = depth >= 3 ? 0 : e.below(4);
    if (kids == 0 && e.chance(50)) {
        xml += "/>";
        return;
    }
    xml += '>';
    bool last_text = false;
    for (std::size_t k = 0; k < kids + 1; ++k) {
        if (!last_text && e.chance(40)) {
            gen_config valid = cfg;
            valid.valid_only = true;
            escape_into(xml, random_string(e, valid), false);
            last_text = true;
        } else if (k < kids) {
            std::string child = (e.chance(30) ? "p:" : "") + random_ncname(e);
            random_subtree(xml, e, cfg, child, depth + 1);
            last_text = false;
        }
    }
    xml += "</";
    xml.append(qname);
    xml += '>';
}

// An element named {ns}local whose content is random (attributes, text, children).
inline xso::element random_element(entropy& e, const gen_config& cfg, std::string_view ns, std::string_view local)
{
    std::string xml = "<";
    xml.append(local);
    xml += " xmlns='";
    escape_into(xml, ns, true);
    xml += '\'';
    std::string body;
    random_subtree(body, e, cfg, local, 0);
    // random_subtree wrote "<local ..." again: splice the xmlns in after the name.
    body.insert(1 + local.size(), xml.substr(1 + local.size()));
    xso::parse_options opts;
    opts.default_ns = {};
    auto r = xso::element::parse(body, opts);
    return r ? *r : xso::element{};
}

inline constexpr std::string_view foreign_ns[] = {
    "urn:xso:test:payload", "http://www.w3.org/2005/Atom", "urn:xmpp:test:ext", "urn:xso:test:quote'&<",
};

// ---------------------------------------------------------------------------------------
// Generated types.

namespace detail {
using xso::member_info;
using xso::member_kind;
using xso::detail::parse_type;
using xso::detail::type_desc;

template <class T>
const parse_type& ptype() { return xso::detail::parse_type_of<T>(); }

// The member the parser binds an element {q} to in a type (its routing rule: named
// members first, then any-slots), or -1; `ambiguous` when two named members accept q.
inline int route(const parse_type& t, const xso::qname& q, bool& ambiguous)
{
    const type_desc& d = *t.desc;
    int found = -1;
    ambiguous = false;
    for (std::size_t i = 0; i < d.count; ++i)
        if (t.ops[i]->accepts && d.members[i].kind != member_kind::any && t.ops[i]->accepts(q, d.members[i], d)) {
            if (found >= 0) {
                ambiguous = true;
                return found;
            }
            found = static_cast<int>(i);
        }
    if (found >= 0) return found;
    for (std::size_t i = 0; i < d.count; ++i)
        if (d.members[i].kind == member_kind::any && t.ops[i]->accepts(q, d.members[i], d)) return static_cast<int>(i);
    return -1;
}

inline bool routes_to(const parse_type& t, const xso::qname& q, std::size_t member)
{
    bool ambiguous = false;
    return route(t, q, ambiguous) == static_cast<int>(member) && !ambiguous;
}

template <class X>
xso::qname qname_of(const X& v)
{
    if constexpr (std::is_same_v<X, xso::element>) return v.name();
    else if constexpr (xso::detail::is_variant<X>::value) return std::visit([](const auto& a) { return qname_of(a); }, v);
    else {
        const type_desc& d = xso::detail::desc_of<X>();
        return xso::qname{d.ns, d.element_local(&v)};
    }
}

template <class T>
void fill(T& obj, entropy& e, const gen_config& cfg, std::size_t depth);

// An element for an any-slot (or the any alternative of a choice) of owner type `t`.
inline xso::element any_element(entropy& e, const gen_config& cfg, const member_info& mi, std::string_view owner_ns)
{
    std::vector<std::string_view> candidates;
    if (mi.any_ns.m == xso::ns_filter::mode::list) {
        std::string_view l = mi.any_ns.list;
        std::size_t i = 0;
        while (i < l.size()) {
            while (i < l.size() && l[i] == ' ') ++i;
            std::size_t j = i;
            while (j < l.size() && l[j] != ' ') ++j;
            if (j > i) candidates.push_back(l.substr(i, j - i));
            i = j;
        }
    } else {
        candidates.assign(std::begin(foreign_ns), std::end(foreign_ns));
    }
    std::string_view ns = candidates.empty() ? std::string_view("urn:xso:test:payload") : candidates[e.below(candidates.size())];
    if (!mi.any_ns.matches(ns, owner_ns)) return {};
    return random_element(e, cfg, ns, random_ncname(e));
}

template <class V, std::size_t... J>
bool emplace_alternative(V& v, std::size_t j, entropy& e, const gen_config& cfg, const member_info& mi, std::size_t depth,
                         std::string_view owner_ns, std::index_sequence<J...>);

template <class X>
bool make_slot_value(X& v, entropy& e, const gen_config& cfg, const member_info& mi, std::size_t depth,
                     const parse_type& owner, std::size_t index)
{
    if constexpr (std::is_same_v<X, xso::element>) {
        v = any_element(e, cfg, mi, owner.desc->ns);
        return !v.empty() && routes_to(owner, v.name(), index);
    } else if constexpr (xso::detail::is_variant<X>::value) {
        const auto& alts = xso::detail::parse_variant_table<X>::alts;
        std::size_t j = e.below(std::variant_size_v<X>);
        bool ok = false;
        // Each alternative in turn, from j, until one gives a value the parser routes here.
        for (std::size_t tries = 0; tries < std::variant_size_v<X> && !ok; ++tries, j = (j + 1) % std::variant_size_v<X>) {
            ok = emplace_alternative(v, j, e, cfg, mi, depth, owner.desc->ns, std::make_index_sequence<std::variant_size_v<X>>{});
            if (!ok) continue;
            xso::qname q = qname_of(v);
            int picked = xso::detail::pick_alternative(alts.data(), alts.size(), q, mi.any_ns, {});
            ok = picked == static_cast<int>(v.index()) && routes_to(owner, q, index);
        }
        return ok;
    } else {
        fill(v, e, cfg, depth + 1);
        return routes_to(owner, qname_of(v), index);
    }
}

template <std::size_t J, class V>
bool emplace_one(V& v, entropy& e, const gen_config& cfg, const member_info& mi, std::size_t depth, std::string_view owner_ns)
{
    using A = std::variant_alternative_t<J, V>;
    auto& a = v.template emplace<J>();
    if constexpr (std::is_same_v<A, xso::element>) {
        a = any_element(e, cfg, mi, owner_ns);
        return !a.empty();
    } else {
        fill(a, e, cfg, depth + 1);
        return true;
    }
}

template <class V, std::size_t... J>
bool emplace_alternative(V& v, std::size_t j, entropy& e, const gen_config& cfg, const member_info& mi, std::size_t depth,
                         std::string_view owner_ns, std::index_sequence<J...>)
{
    bool ok = false;
    (void)((J == j && (ok = emplace_one<J>(v, e, cfg, mi, depth, owner_ns), true)) || ...);
    return ok;
}

template <class T, std::size_t I>
void fill_member(T& obj, entropy& e, const gen_config& cfg, std::size_t depth)
{
    constexpr member_info mi = T::xso_members[I];
    using M = xso::detail::member_type_t<T, I>;
    M& m = xso::detail::member_ref<I>(obj);
    const parse_type& owner = ptype<T>();
    const bool shallow = depth >= cfg.max_depth;

    if constexpr (mi.kind == member_kind::condition || mi.kind == member_kind::unknown) {
        return; // the condition is chosen in fill(); unknown content after all members
    } else if constexpr (mi.kind == member_kind::flag) {
        m = e.chance(50);
    } else if constexpr (mi.kind == member_kind::attribute || mi.kind == member_kind::text) {
        const bool is_text = mi.kind == member_kind::text;
        // Condition families: required only for the condition that declares it.
        const bool needed = mi.is_required() &&
                            (mi.condition.empty() || mi.condition == owner.desc->element_local(&obj));
        if constexpr (xso::detail::is_optional<M>::value) {
            if (needed || e.chance(60)) {
                typename M::value_type v{};
                // An optional text is absent when whitespace-only.
                random_scalar(v, e, mi, cfg, is_text);
                m = std::move(v);
            }
        } else {
            // A required string attribute must not be empty (serialize reads "" as unset).
            random_scalar(m, e, mi, cfg, !is_text && std::is_same_v<M, std::string>);
        }
    } else if constexpr (mi.kind == member_kind::leaf) {
        using X = xso::detail::slot_t<M>;
        if constexpr (xso::detail::is_vector<M>::value) {
            std::size_t n = mi.min_occurs + (shallow ? 0 : e.below(cfg.max_list + 1));
            for (std::size_t k = 0; k < n; ++k) random_scalar(m.emplace_back(), e, mi, cfg, false);
        } else if constexpr (xso::detail::is_optional<M>::value) {
            if (!shallow && e.chance(60)) {
                X v{};
                random_scalar(v, e, mi, cfg, false);
                m = std::move(v);
            }
        } else {
            random_scalar(m, e, mi, cfg, false);
        }
    } else {
        // child, choice, any
        using X = xso::detail::slot_t<M>;
        if constexpr (xso::detail::is_vector<M>::value) {
            std::size_t want = mi.min_occurs + (shallow ? 0 : e.below(cfg.max_list + 1));
            for (std::size_t k = 0, tries = 0; k < want && tries < want + 4; ++tries) {
                X v{};
                if (make_slot_value(v, e, cfg, mi, depth, owner, I)) {
                    m.push_back(std::move(v));
                    ++k;
                }
            }
        } else if constexpr (xso::detail::is_optional<M>::value) {
            if (mi.is_required() || (!shallow && e.chance(50))) {
                X v{};
                if (make_slot_value(v, e, cfg, mi, depth, owner, I)) m = std::move(v);
            }
        } else {
            X v{};
            for (int tries = 0; tries < 4; ++tries)
                if (make_slot_value(v, e, cfg, mi, depth, owner, I)) break;
            m = std::move(v);
        }
    }
}

template <class T, std::size_t... I>
void fill_members(T& obj, entropy& e, const gen_config& cfg, std::size_t depth, std::index_sequence<I...>)
{
    (fill_member<T, I>(obj, e, cfg, depth), ...);
}

inline void fill_unknown(xso::unknown_content& u, entropy& e, const gen_config& cfg, const parse_type& t)
{
    const type_desc& d = *t.desc;
    for (std::size_t n = e.below(3); n > 0; --n) {
        xso::attribute a;
        switch (e.below(3)) {
        case 0: a.ns = ""; break;
        case 1: a.ns = std::string(xso::ns::xml); break;
        default: a.ns = std::string(foreign_ns[e.below(std::size(foreign_ns))]);
        }
        a.local = random_ncname(e);
        bool clash = a.local == "xmlns";
        for (std::size_t i = 0; i < d.count; ++i)
            clash = clash || (d.members[i].kind == member_kind::attribute && d.members[i].name.ns == a.ns &&
                              d.members[i].name.local == a.local);
        for (const auto& b : u.attributes) clash = clash || (b.ns == a.ns && b.local == a.local);
        if (clash) continue;
        a.value = random_string(e, cfg);
        u.attributes.push_back(std::move(a));
    }
    for (std::size_t n = e.below(3); n > 0; --n) {
        xso::element el = random_element(e, cfg, foreign_ns[e.below(std::size(foreign_ns))], random_ncname(e));
        bool ambiguous = false;
        if (!el.empty() && route(t, el.name(), ambiguous) < 0) u.elements.push_back(std::move(el));
    }
    if (d.text_index < 0 && e.chance(20)) {
        std::string s = random_string(e, cfg);
        if (!whitespace_only(s)) u.text = std::move(s);
    }
}

template <class T>
void fill(T& obj, entropy& e, const gen_config& cfg, std::size_t depth)
{
    static_assert(xso::is_reflected_v<T>);
    if constexpr (xso::is_condition_v<T>) {
        using E = typename T::xso_condition_enum;
        obj.condition = static_cast<E>(e.below(xso::enum_traits<E>::tokens.size()));
    }
    fill_members(obj, e, cfg, depth, std::make_index_sequence<xso::detail::member_count<T>>{});
    if (cfg.unknown && e.chance(30)) {
        const type_desc& d = *ptype<T>().desc;
        fill_unknown(*static_cast<xso::unknown_content*>(d.member(&obj, static_cast<std::size_t>(d.unknown_index))), e, cfg,
                     ptype<T>());
    }
}

} // namespace detail

// A random T (a generated type).
template <class T>
T arbitrary(entropy& e, const gen_config& cfg = {})
{
    T v{};
    detail::fill(v, e, cfg, 0);
    return v;
}

// ---------------------------------------------------------------------------------------
// String positions: every attribute, text and leaf member whose value is text (strings,
// JIDs through their resource, open enumerations through their raw token), plus the
// unknown attribute values and unknown text every type carries. Used to put hostile
// strings everywhere a caller's string can go.

namespace detail {
// Calls f(mi, set) for member position `pos` of obj, where set(std::string) stores a string
// there; returns the number of positions when pos is out of range.
template <class T, std::size_t I, class F>
void string_member(T& obj, std::size_t& counter, std::size_t pos, F& f)
{
    constexpr member_info mi = T::xso_members[I];
    using M = xso::detail::member_type_t<T, I>;
    if constexpr (mi.kind == member_kind::attribute || mi.kind == member_kind::text || mi.kind == member_kind::leaf) {
        using X = xso::detail::slot_t<M>;
        constexpr bool texty = std::is_same_v<X, std::string> || std::is_same_v<X, xso::jid> || xso::is_open_enum<X>::value;
        if constexpr (texty) {
            if (counter++ != pos) return;
            M& m = xso::detail::member_ref<I>(obj);
            X* slot;
            if constexpr (xso::detail::is_vector<M>::value) slot = m.empty() ? &m.emplace_back() : &m.front();
            else if constexpr (xso::detail::is_optional<M>::value) slot = m ? &*m : &m.emplace();
            else slot = &m;
            f(mi, [slot](const std::string& v) {
                if constexpr (std::is_same_v<X, std::string>) *slot = v;
                else if constexpr (std::is_same_v<X, xso::jid>) *slot = xso::jid("user@example.com/" + v);
                else *slot = X::from_token(v);
            });
        }
    }
}

template <class T, class F, std::size_t... I>
std::size_t string_position(T& obj, std::size_t pos, F& f, std::index_sequence<I...>)
{
    std::size_t counter = 0;
    (string_member<T, I>(obj, counter, pos, f), ...);
    // Then: an unknown attribute's value, and unknown text (where text is not a member).
    const type_desc& d = xso::detail::desc_of<T>();
    auto& unknown = *static_cast<xso::unknown_content*>(d.member(&obj, static_cast<std::size_t>(d.unknown_index)));
    static constexpr member_info unknown_attr = member_info::attribute("unknown", {"urn:xso:test:hostile", "h"});
    if (counter++ == pos)
        f(unknown_attr, [&unknown](const std::string& v) {
            unknown.attributes.push_back(xso::attribute{"urn:xso:test:hostile", "h", v});
        });
    if (d.text_index < 0 && counter++ == pos) {
        static constexpr member_info unknown_text = member_info::text("unknown.text");
        f(unknown_text, [&unknown](const std::string& v) { unknown.text = v; });
    }
    return counter;
}
} // namespace detail

// Number of string positions of T (see above).
template <class T>
std::size_t string_positions()
{
    T obj{};
    auto ignore = [](const xso::member_info&, auto&&) {};
    return detail::string_position(obj, static_cast<std::size_t>(-1), ignore,
                                   std::make_index_sequence<xso::detail::member_count<T>>{});
}

// Outcome of writing a hostile string into one position of a valid random T.
struct abuse_outcome {
    std::string problem;     // empty when the promise held
    std::string member;      // which position
    bool refused = false;    // serialize refused (locally)
};

// Builds a valid random T, stores `hostile` at string position `pos`, serializes: the
// output must parse back to the same value, or serializing must be refused with a local
// error. A refusal is only allowed when the string is not a valid value there (invalid
// characters, or the member's own checks: URIs, language tags, JIDs, empty tokens).
template <class T>
abuse_outcome abuse(entropy& e, std::size_t pos, const std::string& hostile)
{
    abuse_outcome out;
    gen_config cfg;
    T v = arbitrary<T>(e, cfg);
    bool may_refuse = false;
    bool blank_unknown_text = false;
    auto put = [&](const xso::member_info& mi, auto&& set) {
        out.member = std::string(mi.member);
        set(hostile);
        std::string why;
        // Could the member hold this string at all? Same checks as the library's.
        bool chars_ok = true;
        for (std::size_t i = 0; i < hostile.size();) {
            auto c = static_cast<unsigned char>(hostile[i]);
            if (c < 0x80) {
                chars_ok = chars_ok && (c >= 0x20 || c == 9 || c == 10 || c == 13);
                ++i;
            } else {
                std::size_t n = xso::detail::utf8_sequence(hostile.data() + i, hostile.data() + hostile.size());
                if (!n) {
                    chars_ok = false;
                    break;
                }
                i += n;
            }
        }
        const bool kind_ok = xso::detail::check_string_kind(hostile, mi.value_type, why);
        // A JID refuses controls in its resource (RFC 7622: the OpaqueString profile
        // excludes them, tab and line feed too); a required or token value refuses the
        // empty string; an optional text refuses blank text (it would read back as absent).
        bool has_control = false;
        for (char ch : hostile) has_control = has_control || static_cast<unsigned char>(ch) < 0x20 || ch == '\x7f';
        may_refuse = !chars_ok || !kind_ok || hostile.empty() || (mi.value_type == xso::value_kind::jid && has_control) ||
                     (mi.kind == xso::member_kind::text && whitespace_only(hostile));
        // Unknown text that is only whitespace sits in element-only content, where it is
        // insignificant: parsing does not keep it, so it reads back as no text.
        blank_unknown_text = mi.member == std::string_view("unknown.text") && whitespace_only(hostile);
    };
    detail::string_position(v, pos, put, std::make_index_sequence<xso::detail::member_count<T>>{});
    auto s = xso::serialize(v);
    if (!s) {
        out.refused = true;
        if (s.error().origin != xso::origin::local) out.problem = "refusal not local: " + s.error().message();
        else if (!may_refuse) out.problem = "refused a writable string: " + s.error().message();
        return out;
    }
    // Written: it must be exactly what was stored (an optional text that is whitespace-only
    // reads back as absent, by design; that is reported, not hidden).
    auto back = xso::parse<T>(*s);
    if (!back) out.problem = "output does not parse: " + back.error().message() + "\n  output: " + *s;
    else {
        T expected = v;
        if (blank_unknown_text) {
            auto clear = [](const xso::member_info&, auto&& set) { set(std::string()); };
            detail::string_position(expected, pos, clear, std::make_index_sequence<xso::detail::member_count<T>>{});
        }
        if (!(*back == expected)) out.problem = "output parses to another value\n  output: " + *s;
    }
    return out;
}

// ---------------------------------------------------------------------------------------
// Every generated type reachable from some roots, each with type-erased operations.

struct type_entry {
    const xso::detail::type_desc* desc = nullptr;
    std::string name; // demangled C++ name
    // Generates a value, serializes it, parses it back; returns "" or what went wrong.
    std::string (*round_trip)(entropy& e, const gen_config& cfg) = nullptr;
    // Generates a valid value and serializes it.
    xso::result<std::string> (*sample)(entropy& e, const gen_config& cfg) = nullptr;
    // String positions (attribute, text and leaf values, unknown attribute and text).
    std::size_t (*string_positions)() = nullptr;
    abuse_outcome (*abuse)(entropy& e, std::size_t pos, const std::string& hostile) = nullptr;
};

template <class T>
std::string type_name()
{
    const char* raw = typeid(T).name();
#if defined(__GNUG__)
    int status = 0;
    char* d = abi::__cxa_demangle(raw, nullptr, nullptr, &status);
    if (d) {
        std::string s(d);
        std::free(d);
        return s;
    }
#endif
    return raw;
}

// serialize → parse → equal, and serialize again gives the same bytes. With
// cfg.valid_only a refusal is a failure; otherwise it must be a local error.
template <class T>
std::string check_round_trip(const T& v, const gen_config& cfg)
{
    auto out = xso::serialize(v);
    if (!out) {
        if (out.error().origin != xso::origin::local) return "serialize: error not marked local: " + out.error().message();
        if (cfg.valid_only) return "serialize refused a valid value: " + out.error().message() + "\n" + xso::to_debug_string(v);
        return {};
    }
    auto back = xso::parse<T>(*out);
    if (!back) return "parse of the output failed: " + back.error().message() + "\n  output: " + *out;
    if (!(*back == v))
        return "parse(serialize(v)) != v\n  output: " + *out + "\n  v: " + xso::to_debug_string(v) +
               "\n  back: " + xso::to_debug_string(*back);
    auto again = xso::serialize(*back);
    if (!again) return "re-serialize failed: " + again.error().message();
    if (*again != *out) return "serialize is not a fixed point\n  1: " + *out + "\n  2: " + *again;
    return {};
}

namespace detail {
template <class T>
std::string round_trip_of(entropy& e, const gen_config& cfg)
{
    return check_round_trip(arbitrary<T>(e, cfg), cfg);
}
template <class T>
xso::result<std::string> sample_of(entropy& e, const gen_config& cfg)
{
    return xso::serialize(arbitrary<T>(e, cfg));
}

// What a type_entry holds: every check (the property tests), or only round_trip (the
// fuzzing harness, whose build then instantiates a quarter of the checks' code).
enum class checks { all, round_trip_only };

template <checks C, class T>
void collect(std::vector<type_entry>& out);

template <class V>
struct variant_ptrs;
template <class... A>
struct variant_ptrs<std::variant<A...>> {
    using type = std::tuple<A*...>;
};

template <checks C, class X>
void collect_slot(std::vector<type_entry>& out)
{
    if constexpr (xso::is_reflected_v<X>) collect<C, X>(out);
    else if constexpr (xso::detail::is_variant<X>::value)
        std::apply([&](auto*... alts) { (collect_slot<C, std::remove_pointer_t<decltype(alts)>>(out), ...); },
                   typename variant_ptrs<X>::type{});
}
} // namespace detail
} // namespace xso_test

namespace xso_test::detail {
template <checks C, class T, std::size_t... I>
void collect_members(std::vector<type_entry>& out, std::index_sequence<I...>)
{
    (collect_slot<C, xso::detail::slot_t<xso::detail::member_type_t<T, I>>>(out), ...);
}

template <checks C, class T>
void collect(std::vector<type_entry>& out)
{
    const auto* d = &xso::detail::desc_of<T>();
    for (const auto& t : out)
        if (t.desc == d) return;
    if constexpr (C == checks::all)
        out.push_back(type_entry{d, type_name<T>(), &round_trip_of<T>, &sample_of<T>, &xso_test::string_positions<T>, &xso_test::abuse<T>});
    else
        out.push_back(type_entry{d, type_name<T>(), &round_trip_of<T>, nullptr, nullptr, nullptr});
    collect_members<C, T>(out, std::make_index_sequence<xso::detail::member_count<T>>{});
}
} // namespace xso_test::detail

namespace xso_test {
// Every generated type reachable from the Roots through their members.
template <class... Roots>
std::vector<type_entry> reachable_types()
{
    std::vector<type_entry> out;
    (detail::collect<detail::checks::all, Roots>(out), ...);
    return out;
}

// The same types, with only their round_trip check (sample, string_positions and abuse
// are null).
template <class... Roots>
std::vector<type_entry> reachable_types_round_trip_only()
{
    std::vector<type_entry> out;
    (detail::collect<detail::checks::round_trip_only, Roots>(out), ...);
    return out;
}
} // namespace xso_test
