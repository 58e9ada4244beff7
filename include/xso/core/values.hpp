// Value types that members of generated structs use beyond std::string, bool and integers:
// JIDs, XEP-0082 date-times, and enums that keep unknown tokens.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace xso {

// ---------------------------------------------------------------------------------------
// Enumerations. Generated code specializes enum_traits for every schema enum:
//   static constexpr std::string_view name;                      // C++ enum name
//   static constexpr std::array<std::string_view, N> tokens;     // index == enumerator value
template <class E>
struct enum_traits;

template <class E, class = void>
struct is_schema_enum : std::false_type {};
template <class E>
struct is_schema_enum<E, std::void_t<decltype(enum_traits<E>::tokens)>> : std::true_type {};

template <class E>
constexpr std::string_view to_token(E e) noexcept
{
    const auto i = static_cast<std::size_t>(e);
    return i < enum_traits<E>::tokens.size() ? enum_traits<E>::tokens[i] : std::string_view{};
}

namespace detail {
// The tokens of E grouped by length, by a counting sort at compile time: from_token then
// compares a token with the few of the same length instead of with every one (a stanza
// error's condition is looked up among 23, an attribute value among up to 30).
template <class E>
struct token_index {
    static constexpr std::size_t count = enum_traits<E>::tokens.size();
    static constexpr std::size_t longest = 63; // longer tokens share the last group
    static_assert(count < 256, "xso: token indexes are unsigned char");
    struct table {
        std::array<unsigned char, count> order{};       // token indexes, shortest first
        std::array<unsigned char, longest + 2> start{}; // first position of each length in order
    };
    static constexpr std::size_t group(std::size_t size) noexcept { return size < longest ? size : longest; }
    static constexpr table make() noexcept
    {
        table t{};
        std::array<std::size_t, longest + 2> next{};
        for (std::size_t i = 0; i < count; ++i) ++next[group(enum_traits<E>::tokens[i].size()) + 1];
        for (std::size_t l = 1; l < next.size(); ++l) next[l] += next[l - 1];
        for (std::size_t l = 0; l < t.start.size(); ++l) t.start[l] = static_cast<unsigned char>(next[l]);
        for (std::size_t i = 0; i < count; ++i)
            t.order[next[group(enum_traits<E>::tokens[i].size())]++] = static_cast<unsigned char>(i);
        return t;
    }
    static constexpr table value = make();
};
} // namespace detail

template <class E>
constexpr std::optional<E> from_token(std::string_view token) noexcept
{
    const auto& t = enum_traits<E>::tokens;
    if constexpr (enum_traits<E>::tokens.size() <= 4) {
        for (std::size_t i = 0; i < t.size(); ++i)
            if (t[i] == token) return static_cast<E>(i);
    } else {
        using index = detail::token_index<E>;
        const auto& ix = index::value;
        const std::size_t g = index::group(token.size());
        for (std::size_t k = ix.start[g]; k < ix.start[g + 1]; ++k)
            if (t[ix.order[k]] == token) return static_cast<E>(ix.order[k]);
    }
    return std::nullopt;
}

// An enum value that may also be a token the schema does not list (a new disco feature,
// a server's own option). Unknown tokens are kept verbatim and written back unchanged.
template <class E>
class open_enum {
public:
    open_enum() = default;
    constexpr open_enum(E e) : value_(e), known_(true) {}
    // Maps a listed token to its enumerator; keeps any other token as is.
    static open_enum from_token(std::string_view token)
    {
        if (auto e = xso::from_token<E>(token)) return open_enum(*e);
        open_enum v;
        v.raw_ = std::string(token);
        return v;
    }

    bool is_known() const noexcept { return known_; }
    // The enumerator, or std::nullopt for an unlisted token. Held as a flag and an enumerator,
    // not a std::optional<E>: a schema has many enums, and every std::optional type a header
    // names costs each file that includes it compile time (docs/compile-time.md).
    std::optional<E> known() const noexcept { return known_ ? std::optional<E>(value_) : std::nullopt; }
    std::string_view token() const noexcept
    {
        return known_ ? xso::to_token(value_) : std::string_view(raw_);
    }

    friend bool operator==(const open_enum& a, const open_enum& b) noexcept
    {
        return a.token() == b.token();
    }
    friend bool operator!=(const open_enum& a, const open_enum& b) noexcept { return !(a == b); }
    friend bool operator==(const open_enum& a, E b) noexcept { return a.known_ && a.value_ == b; }
    friend bool operator!=(const open_enum& a, E b) noexcept { return !(a == b); }

private:
    E value_{};
    bool known_ = false;
    std::string raw_;
};

template <class T>
struct is_open_enum : std::false_type {};
template <class E>
struct is_open_enum<open_enum<E>> : std::true_type {
    using enum_type = E;
};

// ---------------------------------------------------------------------------------------
// JIDs (RFC 7622), kept as their string form. Validation is structural, not a full
// PRECIS/stringprep profile: a non-empty domain, parts of at most 1023 bytes, no characters
// RFC 7622 forbids in the localpart, no whitespace or control characters in local or domain.
namespace detail {
// Which JID part each byte is refused in, one lookup per byte: JIDs are read for every
// stanza's from and to.
enum : unsigned char { jid_in_local = 1, jid_in_domain = 2, jid_in_resource = 4 };
constexpr std::array<unsigned char, 256> make_jid_forbidden()
{
    std::array<unsigned char, 256> t{};
    for (unsigned c = 0; c < 0x20; ++c) t[c] = jid_in_local | jid_in_domain | jid_in_resource;
    t[0x20] = jid_in_local | jid_in_domain;
    t[0x7f] = jid_in_local | jid_in_domain | jid_in_resource;
    for (unsigned char c : {'"', '&', '\'', '/', ':', '<', '>'}) t[c] = jid_in_local;
    t['@'] = jid_in_local | jid_in_domain;
    return t;
}
inline constexpr std::array<unsigned char, 256> jid_forbidden = make_jid_forbidden();

// The lexical form of a JID or DateTime, and whether it passed the type's check() when it
// was made. Only parse sets the flag, right after checking: serialize then does not check
// the same string again. The form never changes without the flag being replaced with it,
// and a move clears the flag of what it moves from (a moved-from string is unspecified).
struct checked_text {
    std::string text;
    bool checked = false;

    checked_text() = default;
    explicit checked_text(std::string t) noexcept : text(std::move(t)) {}
    checked_text(const checked_text&) = default;
    checked_text& operator=(const checked_text&) = default;
    checked_text(checked_text&& o) noexcept : text(std::move(o.text)), checked(std::exchange(o.checked, false)) {}
    checked_text& operator=(checked_text&& o) noexcept
    {
        text = std::move(o.text);
        checked = std::exchange(o.checked, false);
        return *this;
    }
};

// Makes a JID or DateTime from text its check() has just accepted (value_io.hpp).
struct checked_value_access;
} // namespace detail

class jid {
public:
    jid() = default;
    jid(std::string s) : lex_(std::move(s)) {}
    jid(std::string_view s) : lex_(std::string(s)) {}
    jid(const char* s) : lex_(std::string(s)) {}

    const std::string& str() const noexcept { return lex_.text; }
    bool empty() const noexcept { return lex_.text.empty(); }

    std::string_view local() const noexcept
    {
        auto bare_end = slash();
        auto at = std::string_view(lex_.text).substr(0, bare_end).find('@');
        return at == std::string_view::npos ? std::string_view{} : std::string_view(lex_.text).substr(0, at);
    }
    std::string_view domain() const noexcept
    {
        auto bare_end = slash();
        auto bare = std::string_view(lex_.text).substr(0, bare_end);
        auto at = bare.find('@');
        return at == std::string_view::npos ? bare : bare.substr(at + 1);
    }
    std::string_view resource() const noexcept
    {
        auto p = slash();
        return p == std::string_view::npos ? std::string_view{} : std::string_view(lex_.text).substr(p + 1);
    }
    std::string_view bare() const noexcept { return std::string_view(lex_.text).substr(0, slash()); }
    bool is_bare() const noexcept { return slash() == std::string_view::npos; }

    // Empty string when valid, else why not.
    std::string_view check() const noexcept { return lex_.checked ? std::string_view{} : check(lex_.text); }
    static std::string_view check(std::string_view s) noexcept
    {
        if (s.empty()) return "empty JID";
        auto slash = s.find('/');
        auto bare = s.substr(0, slash);
        auto at = bare.find('@');
        std::string_view local = at == std::string_view::npos ? std::string_view{} : bare.substr(0, at);
        std::string_view domain = at == std::string_view::npos ? bare : bare.substr(at + 1);
        if (at != std::string_view::npos && local.empty()) return "empty localpart";
        if (domain.empty()) return "empty domainpart";
        if (local.size() > 1023 || domain.size() > 1023) return "part longer than 1023 bytes";
        for (char c : local)
            if (detail::jid_forbidden[static_cast<unsigned char>(c)] & detail::jid_in_local) return "character not allowed in localpart";
        for (char c : domain)
            if (detail::jid_forbidden[static_cast<unsigned char>(c)] & detail::jid_in_domain) return "character not allowed in domainpart";
        if (slash != std::string_view::npos) {
            auto res = s.substr(slash + 1);
            if (res.empty()) return "empty resourcepart";
            if (res.size() > 1023) return "resourcepart longer than 1023 bytes";
            for (char c : res)
                if (detail::jid_forbidden[static_cast<unsigned char>(c)] & detail::jid_in_resource) return "control character in resourcepart";
        }
        return {};
    }

    friend bool operator==(const jid& a, const jid& b) noexcept { return a.lex_.text == b.lex_.text; }
    friend bool operator!=(const jid& a, const jid& b) noexcept { return a.lex_.text != b.lex_.text; }
    friend bool operator<(const jid& a, const jid& b) noexcept { return a.lex_.text < b.lex_.text; }

private:
    std::size_t slash() const noexcept
    {
        // The resource starts at the first '/' (it may itself contain '/' and '@').
        return std::string_view(lex_.text).find('/');
    }
    friend struct detail::checked_value_access;
    detail::checked_text lex_;
};

// ---------------------------------------------------------------------------------------
// XEP-0082 DateTime: CCYY-MM-DDThh:mm:ss[.sss]TZD with TZD = Z or (+|-)hh:mm. The lexical
// form is kept, so a round trip reproduces the peer's bytes; fields() decodes it.
class datetime {
public:
    struct parts {
        int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
        std::uint32_t nanosecond = 0;
        int offset_minutes = 0; // UTC offset of the lexical form
    };

    datetime() = default;
    datetime(std::string s) : lex_(std::move(s)) {}
    datetime(std::string_view s) : lex_(std::string(s)) {}
    datetime(const char* s) : lex_(std::string(s)) {}

    const std::string& str() const noexcept { return lex_.text; }
    std::string_view check() const noexcept { return lex_.checked ? std::string_view{} : decode(lex_.text).second; }
    // The decoded fields; std::nullopt when the lexical form is invalid.
    std::optional<parts> fields() const
    {
        auto r = decode(lex_.text);
        if (!r.second.empty()) return std::nullopt;
        return r.first;
    }
    // Seconds since 1970-01-01T00:00:00Z (leap seconds not counted).
    std::optional<std::int64_t> unix_seconds() const
    {
        auto f = fields();
        if (!f) return std::nullopt;
        return days_from_civil(f->year, f->month, f->day) * 86400 + f->hour * 3600 +
               f->minute * 60 + f->second - std::int64_t(f->offset_minutes) * 60;
    }

    static std::pair<parts, std::string_view> decode(std::string_view s) noexcept
    {
        parts p;
        std::size_t i = 0;
        auto num = [&](int width, int& out) {
            if (i + width > s.size()) return false;
            int v = 0;
            for (int k = 0; k < width; ++k) {
                char c = s[i + k];
                if (c < '0' || c > '9') return false;
                v = v * 10 + (c - '0');
            }
            i += width;
            out = v;
            return true;
        };
        auto lit = [&](char c) {
            if (i < s.size() && s[i] == c) {
                ++i;
                return true;
            }
            return false;
        };
        if (!num(4, p.year) || !lit('-') || !num(2, p.month) || !lit('-') || !num(2, p.day) ||
            !lit('T') || !num(2, p.hour) || !lit(':') || !num(2, p.minute) || !lit(':') ||
            !num(2, p.second))
            return {p, "not an XEP-0082 DateTime (CCYY-MM-DDThh:mm:ss[.sss]TZD)"};
        if (lit('.')) {
            std::size_t start = i;
            std::uint32_t ns = 0;
            int digits = 0;
            while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
                if (digits < 9) {
                    ns = ns * 10 + std::uint32_t(s[i] - '0');
                    ++digits;
                }
                ++i;
            }
            if (i == start) return {p, "empty fraction of seconds"};
            while (digits < 9) {
                ns *= 10;
                ++digits;
            }
            p.nanosecond = ns;
        }
        if (lit('Z')) {
            p.offset_minutes = 0;
        } else if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
            int sign = s[i] == '-' ? -1 : 1;
            ++i;
            int hh = 0, mm = 0;
            if (!num(2, hh) || !lit(':') || !num(2, mm) || hh > 23 || mm > 59)
                return {p, "bad time zone offset"};
            p.offset_minutes = sign * (hh * 60 + mm);
        } else {
            return {p, "missing time zone (Z or +hh:mm)"};
        }
        if (i != s.size()) return {p, "trailing characters after DateTime"};
        if (p.month < 1 || p.month > 12 || p.day < 1 || p.day > days_in_month(p.year, p.month) ||
            p.hour > 23 || p.minute > 59 || p.second > 60)
            return {p, "DateTime field out of range"};
        return {p, {}};
    }

    friend bool operator==(const datetime& a, const datetime& b) noexcept { return a.lex_.text == b.lex_.text; }
    friend bool operator!=(const datetime& a, const datetime& b) noexcept { return a.lex_.text != b.lex_.text; }

private:
    static constexpr int days_in_month(int y, int m) noexcept
    {
        constexpr int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
        bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
        return m == 2 && leap ? 29 : d[m - 1];
    }
    static constexpr std::int64_t days_from_civil(int y, int m, int d) noexcept
    {
        y -= m <= 2;
        const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
        const unsigned yoe = static_cast<unsigned>(y - era * 400);
        const unsigned doy = (153 * unsigned(m > 2 ? m - 3 : m + 9) + 2) / 5 + unsigned(d) - 1;
        const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146097 + std::int64_t(doe) - 719468;
    }
    friend struct detail::checked_value_access;
    detail::checked_text lex_;
};

} // namespace xso
