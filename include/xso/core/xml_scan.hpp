// Byte-level checks pugixml leaves to us: XMPP's restricted XML (no DOCTYPE, comments or
// processing instructions), entity references, UTF-8 validity, the characters XML 1.0
// forbids, no '<' inside a tag and no "]]>" in text (pugixml reads both as data). One pass
// over the input; plain ASCII runs are skipped 16 bytes at a time.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

#if defined(__SSE2__) || defined(_M_X64)
#include <emmintrin.h>
#define XSO_HAVE_SSE2 1
#endif

#include <xso/core/result.hpp>

#if defined(__GNUC__) || defined(__clang__)
#define XSO_DETAIL_INLINE __attribute__((always_inline)) inline
#define XSO_DETAIL_NOINLINE __attribute__((noinline))
#define XSO_DETAIL_NO_SANITIZE_ADDRESS __attribute__((no_sanitize_address))
#else
#define XSO_DETAIL_INLINE inline
#define XSO_DETAIL_NOINLINE
#define XSO_DETAIL_NO_SANITIZE_ADDRESS
#endif

namespace xso::detail {

// Where skip_plain_markup is in the markup: inside a tag (between its '<' and its '>'),
// and inside a quoted attribute value of it. pugixml takes a literal '<' in an attribute
// value as data; XML does not, so the scan tracks tags and quotes to refuse it.
struct markup_state {
    bool in_tag = false;
    char quote = 0; // the quote of the attribute value being read, 0 outside of one
};

// Bytes skip_plain_markup looks at: '<', '>', quotes, '&', C0 controls, non-ASCII.
inline bool markup_special(unsigned char c) noexcept
{
    return c == '<' || c == '>' || c == '\'' || c == '"' || c == '&' || c < 0x20 || c >= 0x80;
}

// Bytes the serializer does not copy as they are: markup characters, C0 controls (the NUL
// terminator among them), non-ASCII (checked as UTF-8), and '\'' in attribute values (which
// it quotes with '\'') or '>' in text.
constexpr bool output_special(unsigned char c, bool attr) noexcept
{
    return c < 0x20 || c >= 0x80 || c == '<' || c == '&' || (attr ? c == '\'' : c == '>');
}

#ifdef XSO_HAVE_SSE2
// Bit i set when byte i of the aligned 16-byte block is one markup_special is true for.
// A function of its own (not a lambda) so that the sanitizer attribute applies to the load.
XSO_DETAIL_NO_SANITIZE_ADDRESS inline unsigned special_bytes_of_block(const char* block) noexcept
{
    const __m128i v = _mm_load_si128(reinterpret_cast<const __m128i*>(block));
    const __m128i lt_gt = _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('<')), _mm_cmpeq_epi8(v, _mm_set1_epi8('>')));
    const __m128i quotes = _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\'')), _mm_cmpeq_epi8(v, _mm_set1_epi8('"')));
    // Signed compare: bytes >= 0x80 are negative, so "< 0x20" also catches them.
    const __m128i other = _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('&')), _mm_cmplt_epi8(v, _mm_set1_epi8(0x20)));
    return static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(lt_gt, quotes), other)));
}
#endif

// Steps over the markup that needs no closer look: tags' '<' and '>' and the quotes of
// their attribute values (tracked in `st`), counting start tags in `elements` while below
// `max_elements`; stops at what the caller must look at: '&', a control or non-ASCII byte,
// "<!" or "<?", a '<' inside a tag, "]]>" in text, the element limit (`begin`: the
// input's start, for looking back). Dense markup is scanned a block at a time. The 16-byte
// loads are aligned, so they never touch a page the input does not; they may read bytes of
// the same block outside [p, end), never used, which AddressSanitizer would report: hence
// the attribute on special_bytes_of_block.
inline const char* skip_plain_markup(const char* begin, const char* p, const char* end, markup_state& st,
                                     std::size_t& elements, std::size_t max_elements) noexcept
{
    // True when the caller must look at *s.
    auto stops = [&](const char* s) noexcept {
        switch (*s) {
        case '<':
            if (st.in_tag || s + 1 >= end || s[1] == '!' || s[1] == '?') return true;
            if (s[1] != '/') {
                if (elements >= max_elements) return true; // the caller reports the limit
                ++elements;
            }
            st.in_tag = true;
            return false;
        case '>':
            // In text, "]]>" is not allowed (XML 1.0 §2.4): the caller refuses it.
            if (!st.in_tag) return s - begin >= 2 && s[-1] == ']' && s[-2] == ']';
            if (!st.quote) st.in_tag = false;
            return false;
        case '\'':
        case '"':
            if (st.in_tag) {
                if (!st.quote) st.quote = *s;
                else if (st.quote == *s) st.quote = 0;
            }
            return false; // quotes in text are data
        default:
            return true;
        }
    };
#ifdef XSO_HAVE_SSE2
    if (p >= end) return end;
    const auto skew = static_cast<unsigned>(reinterpret_cast<std::uintptr_t>(p) & 15u);
    const char* block = p - skew;
    unsigned mask = special_bytes_of_block(block) & (0xffffu << skew); // not the bytes before p
    while (true) {
        const auto left = static_cast<std::size_t>(end - block);
        if (left < 16) mask &= (1u << left) - 1u; // not the bytes from `end` on
        while (mask) {
            const char* s = block + __builtin_ctz(mask);
            if (stops(s)) return s;
            mask &= mask - 1;
        }
        if (left <= 16) return end;
        block += 16;
        mask = special_bytes_of_block(block);
    }
#else
    for (; p < end; ++p)
        if (markup_special(static_cast<unsigned char>(*p)) && stops(p)) return p;
    return end;
#endif
}

// Is `cp` a Char of XML 1.0 (§2.2)?
constexpr bool is_xml_char(std::uint32_t cp) noexcept
{
    return cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) ||
           (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
}

// Decodes one UTF-8 sequence at p (p < end, *p >= 0x80). Returns its length, 0 if invalid
// (overlong, surrogate, beyond U+10FFFF, truncated) or not an XML Char.
inline std::size_t utf8_sequence(const char* p, const char* end) noexcept
{
    const auto* s = reinterpret_cast<const unsigned char*>(p);
    const std::size_t avail = static_cast<std::size_t>(end - p);
    std::uint32_t cp;
    std::size_t n;
    if (s[0] >= 0xC2 && s[0] <= 0xDF) {
        n = 2;
        cp = s[0] & 0x1Fu;
    } else if (s[0] >= 0xE0 && s[0] <= 0xEF) {
        n = 3;
        cp = s[0] & 0x0Fu;
    } else if (s[0] >= 0xF0 && s[0] <= 0xF4) {
        n = 4;
        cp = s[0] & 0x07u;
    } else {
        return 0;
    }
    if (avail < n) return 0;
    for (std::size_t i = 1; i < n; ++i) {
        if ((s[i] & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (s[i] & 0x3Fu);
    }
    if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000)) return 0; // overlong
    if (!is_xml_char(cp)) return 0; // surrogates, U+FFFE, U+FFFF, > U+10FFFF
    return n;
}

struct scan_result {
    std::size_t elements = 0; // element start tags seen
};

// Checks `in` (one stanza or a sequence of them) against the restricted XML that XMPP
// allows. Stops at the first problem; `err` gets its code, detail and byte offset.
inline bool scan_input(std::string_view in, scan_result& out, xso::error& err, std::size_t max_elements) noexcept
{
    const char* const begin = in.data();
    const char* const end = begin + in.size();
    const char* p = begin;
    auto fail = [&](errc code, const char* at, const char* detail) {
        err = xso::error{};
        err.code = code;
        err.offset = static_cast<std::size_t>(at - begin);
        err.detail = detail;
        return false;
    };
    auto starts = [&](const char* at, std::string_view lit) {
        return static_cast<std::size_t>(end - at) >= lit.size() && std::memcmp(at, lit.data(), lit.size()) == 0;
    };
    auto check_chars = [&](const char* from, const char* to) -> const char* {
        // Validates characters only (CDATA content); returns the failing position or nullptr.
        for (const char* q = from; q < to;) {
            auto c = static_cast<unsigned char>(*q);
            if (c < 0x20) {
                if (c != 0x9 && c != 0xA && c != 0xD) return q;
                ++q;
            } else if (c >= 0x80) {
                std::size_t n = utf8_sequence(q, to);
                if (!n) return q;
                q += n;
            } else {
                ++q;
            }
        }
        return nullptr;
    };
    markup_state state;
    while (true) {
        p = skip_plain_markup(begin, p, end, state, out.elements, max_elements);
        if (p >= end) return true;
        const auto c = static_cast<unsigned char>(*p);
        if (c == '>') return fail(errc::xml_syntax, p - 2, "']]>' in text (write ]]&gt;)");
        if (c == '<') {
            if (state.quote) return fail(errc::xml_syntax, p, "'<' in an attribute value (write &lt;)");
            if (state.in_tag) return fail(errc::xml_syntax, p, "'<' inside a tag");
            const char* q = p + 1;
            // pugixml drops a '<' that ends its input after whitespace: refuse it here.
            if (q >= end) return fail(errc::xml_syntax, p, "input ends inside a tag");
            if (*q == '!') {
                if (starts(q, "![CDATA[")) {
                    const char* body = q + 8;
                    std::string_view rest(body, static_cast<std::size_t>(end - body));
                    auto close = rest.find("]]>");
                    if (close == std::string_view::npos)
                        return fail(errc::xml_syntax, p, "unterminated CDATA section");
                    if (const char* bad = check_chars(body, body + close))
                        return fail(errc::invalid_char, bad, "invalid UTF-8 or a character XML 1.0 forbids");
                    p = body + close + 3;
                    continue;
                }
                if (starts(q, "!--")) return fail(errc::forbidden_markup, p, "comments are not allowed in XMPP");
                if (starts(q, "!DOCTYPE"))
                    return fail(errc::forbidden_markup, p, "a document type declaration is not allowed in XMPP");
                return fail(errc::forbidden_markup, p, "markup declarations are not allowed in XMPP");
            }
            if (*q == '?') {
                // A leading XML declaration is tolerated (files); any other PI is not.
                if (p == begin && starts(q, "?xml") && q + 4 < end &&
                    (q[4] == ' ' || q[4] == '\t' || q[4] == '\n' || q[4] == '\r')) {
                    std::string_view rest(q, static_cast<std::size_t>(end - q));
                    auto close = rest.find("?>");
                    if (close == std::string_view::npos) return fail(errc::xml_syntax, p, "unterminated XML declaration");
                    p = q + close + 2;
                    continue;
                }
                return fail(errc::forbidden_markup, p, "processing instructions are not allowed in XMPP");
            }
            if (*q != '/') {
                if (++out.elements > max_elements)
                    return fail(errc::limit_exceeded, p, "more elements than parse_limits::max_elements");
            }
            state.in_tag = true;
            p = q;
            continue;
        }
        if (c == '&') {
            const char* q = p + 1;
            if (starts(q, "amp;")) { p = q + 4; continue; }
            if (starts(q, "lt;") || starts(q, "gt;")) { p = q + 3; continue; }
            if (starts(q, "quot;") || starts(q, "apos;")) { p = q + 5; continue; }
            if (q < end && *q == '#') {
                ++q;
                bool hex = q < end && *q == 'x';
                if (hex) ++q;
                std::uint32_t cp = 0;
                const char* digits = q;
                while (q < end && q - digits < 8) {
                    char d = *q;
                    std::uint32_t v;
                    if (d >= '0' && d <= '9') v = std::uint32_t(d - '0');
                    else if (hex && d >= 'a' && d <= 'f') v = std::uint32_t(d - 'a' + 10);
                    else if (hex && d >= 'A' && d <= 'F') v = std::uint32_t(d - 'A' + 10);
                    else break;
                    cp = cp * (hex ? 16u : 10u) + v;
                    ++q;
                }
                if (q == digits || q >= end || *q != ';')
                    return fail(errc::xml_syntax, p, "malformed character reference");
                if (!is_xml_char(cp))
                    return fail(errc::invalid_char, p, "character reference to a character XML 1.0 forbids");
                p = q + 1;
                continue;
            }
            return fail(errc::forbidden_markup, p, "undefined entity reference (XMPP allows only the five predefined entities)");
        }
        if (c < 0x20) {
            if (c == 0x9 || c == 0xA || c == 0xD) {
                ++p;
                continue;
            }
            return fail(errc::invalid_char, p, "control character XML 1.0 forbids");
        }
        // c >= 0x80
        std::size_t n = utf8_sequence(p, end);
        if (!n) return fail(errc::invalid_char, p, "invalid UTF-8 or a character XML 1.0 forbids");
        p += n;
    }
}

// Start of the end tag "</name S? >" that ends just before `at` in `in`, or npos.
inline std::size_t end_tag_before(std::string_view in, std::size_t at, std::string_view name) noexcept
{
    if (at == 0 || at > in.size() || in[at - 1] != '>') return npos;
    std::size_t p = at - 1;
    while (p > 0 && (in[p - 1] == ' ' || in[p - 1] == '\t' || in[p - 1] == '\n' || in[p - 1] == '\r')) --p;
    if (p < name.size() + 2 || in.compare(p - name.size(), name.size(), name) != 0) return npos;
    p -= name.size();
    if (in[p - 1] != '/' || in[p - 2] != '<') return npos;
    return p - 2;
}

// Walks the element whose '<' is at `start`, in input that scan_input and pugixml accepted
// (so tags are well-formed and there are no comments, processing instructions or
// DOCTYPEs), and returns the offset just past its end. `visit` sees each start tag:
// visit.start_tag(level, name, colon) (the element itself is level 1), then
// visit.attribute(name, colon) for each of its attributes, where `colon` is the position of
// the name's first ':' or npos; either may return false to stop the walk. npos when stopped,
// or when the bytes are not what such input implies.
template <class Visitor>
std::size_t walk_element(std::string_view in, std::size_t start, Visitor& visit) noexcept
{
    // Byte classes inside a tag: what ends a name, and the colon, part of one.
    enum : unsigned char { name_char = 0, colon = 1, space = 2, ends_name = 3 };
    static constexpr auto classes = [] {
        std::array<unsigned char, 256> t{};
        t[':'] = colon;
        t[' '] = t['\t'] = t['\n'] = t['\r'] = space;
        t['/'] = t['>'] = t['='] = ends_name;
        return t;
    }();
    auto of = [](const char* at) { return classes[static_cast<unsigned char>(*at)]; };
    // Steps over a name from p; returns the offset of its first ':' in it, or npos.
    auto skip_name = [&](const char*& p, const char* end) {
        const char* first = p;
        while (p < end && of(p) == name_char) ++p;
        if (p == end || of(p) != colon) return npos; // the usual name: one tight loop
        const auto at = static_cast<std::size_t>(p - first);
        while (p < end && of(p) <= colon) ++p;
        return at;
    };
    if (start >= in.size()) return npos;
    const char* const begin = in.data();
    const char* const end = begin + in.size();
    const char* p = begin + start;
    std::size_t level = 0;
    while (true) {
        if (end - p < 2 || *p != '<') return npos;
        if (p[1] == '/') { // end tag
            p = static_cast<const char*>(std::memchr(p, '>', static_cast<std::size_t>(end - p)));
            if (!p || level == 0) return npos;
            ++p;
            if (--level == 0) return static_cast<std::size_t>(p - begin);
        } else if (p[1] == '!') { // only CDATA sections get this far
            const std::string_view rest(p, static_cast<std::size_t>(end - p));
            if (rest.compare(0, 9, "<![CDATA[") != 0) return npos;
            const auto close = rest.find("]]>", 9);
            if (close == std::string_view::npos) return npos;
            p += close + 3;
        } else if (p[1] == '?') {
            return npos;
        } else { // start tag
            const char* name = ++p;
            const std::size_t name_colon = skip_name(p, end);
            if (p == name || p >= end || *p == '=') return npos;
            if (!visit.start_tag(++level, std::string_view(name, static_cast<std::size_t>(p - name)), name_colon)) return npos;
            bool empty = false;
            while (true) {
                while (p < end && of(p) == space) ++p;
                if (p >= end) return npos;
                if (*p == '>') {
                    ++p;
                    break;
                }
                if (*p == '/') {
                    if (end - p < 2 || p[1] != '>') return npos;
                    p += 2;
                    empty = true;
                    break;
                }
                const char* attr = p;
                const std::size_t attr_colon = skip_name(p, end);
                if (p == attr || !visit.attribute(std::string_view(attr, static_cast<std::size_t>(p - attr)), attr_colon))
                    return npos;
                while (p < end && of(p) == space) ++p;
                if (p >= end || *p != '=') return npos;
                ++p;
                while (p < end && of(p) == space) ++p;
                if (p >= end || (*p != '\'' && *p != '"')) return npos;
                const char* close = static_cast<const char*>(std::memchr(p + 1, *p, static_cast<std::size_t>(end - p - 1)));
                if (!close) return npos;
                p = close + 1;
            }
            if (empty && --level == 0) return static_cast<std::size_t>(p - begin);
        }
        // Character data up to the next tag.
        p = static_cast<const char*>(std::memchr(p, '<', static_cast<std::size_t>(end - p)));
        if (!p) return npos;
    }
}

// Offset just past the end of the element whose '<' is at `start` (see walk_element).
inline std::size_t element_end(std::string_view in, std::size_t start) noexcept
{
    struct any_tag {
        bool start_tag(std::size_t, std::string_view, std::size_t) noexcept { return true; }
        bool attribute(std::string_view, std::size_t) noexcept { return true; }
    } visit;
    return walk_element(in, start, visit);
}

// The visitor of plain_subtree's walk.
class plain_names {
public:
    plain_names(std::size_t levels, std::size_t attributes) noexcept : max_levels_(levels), max_attributes_(attributes) {}
    bool start_tag(std::size_t level, std::string_view, std::size_t colon) noexcept
    {
        count_ = 0;
        return level <= max_levels_ && colon == npos;
    }
    bool attribute(std::string_view a, std::size_t colon) noexcept
    {
        if (count_ == remembered || ++count_ > max_attributes_) return false;
        if (colon != npos) {
            // Only xml:local: the prefix 'xml' is always bound and cannot be rebound;
            // the local part starts as split_name requires.
            if (colon != 3 || a.compare(0, 4, "xml:") != 0 || a.size() == 4 || a.find(':', 4) != std::string_view::npos)
                return false;
            const auto c = static_cast<unsigned char>(a[4]);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80)) return false;
        }
        for (std::size_t i = 0; i + 1 < count_; ++i)
            if (name_size_[i] == a.size() && std::memcmp(name_at_[i], a.data(), a.size()) == 0) return false;
        name_at_[count_ - 1] = a.data();
        name_size_[count_ - 1] = a.size();
        return true;
    }

private:
    static constexpr std::size_t remembered = 16; // attribute names compared for duplicates
    std::size_t max_levels_, max_attributes_, count_ = 0;
    const char* name_at_[remembered]; // the current tag's attribute names, not initialized
    std::size_t name_size_[remembered];
};

// Does the element whose '<' is at `start` (see walk_element) pass validate_subtree's
// checks, judged from its bytes alone? True when no element name has a prefix and no
// attribute name one other than "xml:" (so no prefix can be undeclared, misbound or alias
// another), no start tag repeats an attribute name or has more than `max_attributes`, and
// nesting stays within `max_levels`. False means only "walk the DOM": that walk finds and
// locates the problem, if there is one. Reading a payload's bytes once costs several times
// less than the DOM walk, which calls into pugixml for every node and attribute.
// When true and `end` is given, *end is the offset just past the element's end.
inline bool plain_subtree(std::string_view in, std::size_t start, std::size_t max_levels, std::size_t max_attributes,
                          std::size_t* end = nullptr) noexcept
{
    plain_names visit(max_levels, max_attributes);
    const std::size_t e = walk_element(in, start, visit);
    if (e == npos) return false;
    if (end) *end = e;
    return true;
}

} // namespace xso::detail
