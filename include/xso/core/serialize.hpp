// Generic serialize: a generated struct (or variant, or xso::element) in, a compact XML
// fragment out. No declaration, no indentation, `xmlns` only where the namespace changes,
// every value escaped, and anything that would not be well-formed refused with a local
// error (the caller built an invalid object) instead of being written.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include <pugixml.hpp>

#include <xso/core/binding.hpp>
#include <xso/core/document.hpp>
#include <xso/core/element.hpp>
#include <xso/core/meta.hpp>
#include <xso/core/parse.hpp>
#include <xso/core/reflect.hpp>
#include <xso/core/result.hpp>
#include <xso/core/value_io.hpp>
#include <xso/core/xml_scan.hpp>

namespace xso {

struct serialize_options {
    // The default namespace in force where the output goes. Inside a client stream that is
    // "jabber:client": stanzas are then written without an xmlns attribute.
    std::string_view context_ns = {};
};

namespace detail {

#ifdef XSO_HAVE_SSE2
// Bit i set when byte i of the aligned 16-byte block needs a closer look on output:
// '<', '&', C0 controls (the NUL terminator among them), non-ASCII (signed compare), and
// '\'' in attribute values or '>' in text.
XSO_DETAIL_INLINE unsigned output_specials(const char* block, bool attr) noexcept
{
    const __m128i v = _mm_load_si128(reinterpret_cast<const __m128i*>(block));
    const __m128i m = _mm_or_si128(
        _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('<')), _mm_cmpeq_epi8(v, _mm_set1_epi8('&'))),
        _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(attr ? '\'' : '>')), _mm_cmplt_epi8(v, _mm_set1_epi8(0x20))));
    return static_cast<unsigned>(_mm_movemask_epi8(m));
}
#endif

// First byte of [p, end) that cannot be copied verbatim: markup characters, C0 controls
// and non-ASCII (checked as UTF-8). In attribute values also the quote and whitespace
// other than space, which attribute-value normalization would otherwise alter.
// The 16-byte loads are aligned, so they never touch a page the string does not: they may
// read bytes of the same block before p or from `end` on (never used), which
// AddressSanitizer would report; hence its attribute. No scalar tail loop is needed.
XSO_DETAIL_NO_SANITIZE_ADDRESS
inline const char* skip_plain_output(const char* p, const char* end, bool attr) noexcept
{
#ifdef XSO_HAVE_SSE2
    if (p >= end) return end;
    const auto skew = static_cast<unsigned>(reinterpret_cast<std::uintptr_t>(p) & 15u);
    const char* block = p - skew;
    unsigned mask = output_specials(block, attr) & (0xffffu << skew); // not the bytes before p
    while (true) {
        const auto left = static_cast<std::size_t>(end - block);
        if (left <= 16) {
            mask &= (1u << left) - 1u; // not the bytes from `end` on
            return mask ? block + __builtin_ctz(mask) : end;
        }
        if (mask) return block + __builtin_ctz(mask);
        block += 16;
        mask = output_specials(block, attr);
    }
#else
    while (p < end && !output_special(static_cast<unsigned char>(*p), attr)) ++p;
    return p;
#endif
}

// The same for a NUL-terminated string (pugixml's names and values): the terminator is a
// C0 control, so it stops the scan too, and no strlen pass is needed first.
XSO_DETAIL_NO_SANITIZE_ADDRESS
inline const char* skip_plain_output_cstr(const char* p, bool attr) noexcept
{
#ifdef XSO_HAVE_SSE2
    const auto skew = static_cast<unsigned>(reinterpret_cast<std::uintptr_t>(p) & 15u);
    const char* block = p - skew;
    unsigned mask = output_specials(block, attr) & (0xffffu << skew); // not the bytes before p
    while (!mask) {
        block += 16;
        mask = output_specials(block, attr);
    }
    return block + __builtin_ctz(mask);
#else
    while (!output_special(static_cast<unsigned char>(*p), attr)) ++p;
    return p;
#endif
}

// Appends `s` escaped. Returns false (and the offending position in `bad`) on invalid
// UTF-8 or a character XML 1.0 forbids.
inline bool append_escaped(std::string& out, std::string_view s, bool attr, std::size_t& bad)
{
    const char* p = s.data();
    const char* const end = p + s.size();
    while (p < end) {
        const char* q = skip_plain_output(p, end, attr);
        out.append(p, static_cast<std::size_t>(q - p));
        if (q == end) break;
        const auto c = static_cast<unsigned char>(*q);
        switch (c) {
        case '<': out += "&lt;"; ++q; break;
        case '>': out += "&gt;"; ++q; break;
        case '&': out += "&amp;"; ++q; break;
        case '\'': out += "&apos;"; ++q; break;
        case '\r': out += "&#13;"; ++q; break;
        case '\t':
            if (attr) out += "&#9;";
            else out += '\t';
            ++q;
            break;
        case '\n':
            if (attr) out += "&#10;";
            else out += '\n';
            ++q;
            break;
        default:
            if (c < 0x20) {
                bad = static_cast<std::size_t>(q - s.data());
                return false;
            }
            {
                std::size_t n = utf8_sequence(q, end);
                if (!n) {
                    bad = static_cast<std::size_t>(q - s.data());
                    return false;
                }
                out.append(q, n);
                q += n;
            }
        }
        p = q;
    }
    return true;
}

// XML 1.0 NCName, restricted to what XMPP vocabularies use plus any non-ASCII character
// (which must be well-formed UTF-8: a name from a caller's DOM is not checked on input).
inline bool is_ncname(std::string_view s) noexcept
{
    if (s.empty()) return false;
    auto start = [](unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80; };
    auto rest = [&](unsigned char c) { return start(c) || (c >= '0' && c <= '9') || c == '-' || c == '.'; };
    if (!start(static_cast<unsigned char>(s[0]))) return false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c >= 0x80) {
            const std::size_t n = utf8_sequence(s.data() + i, s.data() + s.size());
            if (!n) return false;
            i += n - 1;
        } else if (i > 0 && !rest(c)) {
            return false;
        }
    }
    return true;
}
inline bool is_qname(std::string_view s) noexcept
{
    auto colon = s.find(':');
    if (colon == std::string_view::npos) return is_ncname(s);
    return is_ncname(s.substr(0, colon)) && is_ncname(s.substr(colon + 1));
}

// Length of the NUL-terminated `s` when it is a QName as is_qname() defines it, else 0:
// one pass for the check and the length that copying it needs.
inline std::size_t qname_length(const char* s) noexcept
{
    bool at_start = true, colon = false;
    std::size_t i = 0;
    for (;; ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c == 0) break;
        const bool start = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
        if (c >= 0x80) {
            // Well-formed UTF-8 only. The check stops at the first byte that does not
            // continue the sequence, so it never reads past the terminating NUL.
            const std::size_t n = utf8_sequence(s + i, s + i + 4);
            if (!n) return 0;
            i += n - 1;
            at_start = false;
            continue;
        }
        if (c == ':') {
            if (colon || at_start) return 0;
            colon = at_start = true;
        } else if (at_start) {
            if (!start) return 0;
            at_start = false;
        } else if (!start && !(c >= '0' && c <= '9') && c != '-' && c != '.') {
            return 0;
        }
    }
    return at_start ? 0 : i;
}

// Appends to a std::string through a cursor: the string is grown ahead (to its capacity
// at least) and written into directly, which costs far less than one append per piece.
// finish() gives the string its final size: call it before using the string (the
// destructor calls it too).
// Namespace equality for the writer: usually both sides are the same schema literal, and
// then one pointer comparison replaces a memcmp per element.
inline bool same_ns(std::string_view a, std::string_view b) noexcept
{
    return a.size() == b.size() && (a.data() == b.data() || a == b);
}

class writer {
public:
    writer(std::string& out, std::string_view context_ns) : default_ns_(context_ns), out_(out) {}
    ~writer() { finish(); }
    writer(const writer&) = delete;
    writer& operator=(const writer&) = delete;

    std::string_view default_ns_;
    xso::error err;
    // While a stanza is written in the stream's own namespace (jabber:server, say), the
    // namespace its type is declared in (jabber:client) stands for that one.
    std::string_view alias_from_, alias_to_;

    XSO_DETAIL_INLINE void put(char c)
    {
        if (p_ == end_) grow(1);
        *p_++ = c;
    }
    XSO_DETAIL_INLINE void put(const char* s, std::size_t n)
    {
        if (n == 0) return; // p_ may be null, and memcpy must not see it then
        if (static_cast<std::size_t>(end_ - p_) < n) grow(n);
        // Most pieces are names, quotes and short values: two fixed-size copies that overlap
        // cost a few instructions, a call to memcpy several times that.
        if (n >= 4 && n <= 16) {
            if (n >= 8) {
                std::memcpy(p_, s, 8);
                std::memcpy(p_ + n - 8, s + n - 8, 8);
            } else {
                std::memcpy(p_, s, 4);
                std::memcpy(p_ + n - 4, s + n - 4, 4);
            }
        } else {
            std::memcpy(p_, s, n);
        }
        p_ += n;
    }
    XSO_DETAIL_INLINE void put(std::string_view s) { put(s.data(), s.size()); }

    // The string holds exactly what was written; writing more afterwards appends again.
    void finish()
    {
        if (!p_) return;
        out_.resize(static_cast<std::size_t>(p_ - out_.data()));
        p_ = end_ = nullptr;
    }

    bool fail(errc code, std::string path, std::string detail)
    {
        err = make_error(code, std::move(path), std::move(detail), npos, origin::local);
        return false;
    }

    // Appends `s` escaped; false (offending byte in `bad`) on invalid UTF-8 or a character
    // XML 1.0 forbids.
    bool put_escaped(std::string_view s, bool attr, std::size_t& bad)
    {
        const char* p = s.data();
        const char* const end = p + s.size();
        while (p < end) {
            const char* q = skip_plain_output(p, end, attr);
            put(p, static_cast<std::size_t>(q - p));
            if (q == end) break;
            std::size_t n = escape_one(q, end, attr);
            if (!n) {
                bad = static_cast<std::size_t>(q - s.data());
                return false;
            }
            p = q + n;
        }
        return true;
    }
    // The same for a NUL-terminated string.
    bool put_escaped_cstr(const char* s, bool attr, std::size_t& bad)
    {
        const char* p = s;
        while (true) {
            const char* q = skip_plain_output_cstr(p, attr);
            put(p, static_cast<std::size_t>(q - p));
            if (*q == 0) return true;
            // A UTF-8 sequence is read only while its bytes are continuation bytes, so the
            // bound never lets it pass the terminator.
            std::size_t n = escape_one(q, q + 4, attr);
            if (!n) {
                bad = static_cast<std::size_t>(q - s);
                return false;
            }
            p = q + n;
        }
    }

    bool escaped(std::string_view s, bool attr, std::string_view where)
    {
        std::size_t bad = 0;
        if (put_escaped(s, attr, bad)) return true;
        return fail(errc::invalid_char, std::string(where),
                    "invalid UTF-8 or a character XML 1.0 forbids at byte " + std::to_string(bad) + " of the value");
    }
    bool escaped_cstr(const char* s, bool attr, std::string_view where)
    {
        std::size_t bad = 0;
        if (put_escaped_cstr(s, attr, bad)) return true;
        return fail(errc::invalid_char, std::string(where),
                    "invalid UTF-8 or a character XML 1.0 forbids at byte " + std::to_string(bad) + " of the value");
    }

    // `<local` plus an xmlns declaration when the namespace changes. Returns the previous
    // default namespace, to restore with end_element(). `ns_plain`: ns needs no escaping
    // (a schema's namespace, checked when the type's table was made).
    std::string_view start_element(std::string_view local, std::string_view ns, bool ns_plain = false)
    {
        if (!alias_from_.empty() && ns == alias_from_) {
            ns = alias_to_;
            ns_plain = false;
        }
        std::string_view saved = default_ns_;
        put('<');
        put(local);
        if (!same_ns(ns, default_ns_)) {
            put(" xmlns='");
            std::size_t bad;
            if (ns_plain) put(ns);
            else put_escaped(ns, true, bad); // namespaces come from schemas or parsed input
            put('\'');
            default_ns_ = ns;
        }
        return saved;
    }
    void end_element(std::string_view local, bool has_content, std::string_view saved)
    {
        if (has_content) {
            put("</");
            put(local);
            put('>');
        } else {
            put("/>");
        }
        default_ns_ = saved;
    }

    // Declarations the root of an opaque element needs that its original ancestors gave
    // it: the default namespace (when it differs from where we write) and the prefixes
    // its subtree uses. Only walks the subtree when something is inherited at all.
    bool write_root_declarations(pugi::xml_node root, ns_scope& scope,
                                 const std::vector<std::pair<std::string, std::string>>& inherited, std::string_view where)
    {
        bool own_default = false;
        for (pugi::xml_attribute a = root.first_attribute(); a; a = a.next_attribute()) {
            std::string_view p;
            if (is_ns_decl(a.name(), p) && p.empty()) own_default = true;
        }
        ns_scope::mark m;
        (void)scope.enter(root, m);
        std::string_view eff = scope.default_ns();
        scope.leave(m);
        bool need_default = !own_default && eff != default_ns_;
        if (!need_default && inherited.empty()) return true;
        // Which prefixes (and whether unprefixed elements) the subtree uses.
        bool unprefixed = false;
        std::vector<std::string_view> used;
        auto note = [&](const char* raw, bool is_element) {
            std::string_view prefix, local;
            split_name(raw, prefix, local);
            if (prefix.empty()) unprefixed = unprefixed || is_element;
            else if (std::find(used.begin(), used.end(), prefix) == used.end()) used.push_back(prefix);
        };
        for (pugi::xml_node n = root; n;) {
            note(n.name(), true);
            for (pugi::xml_attribute a = n.first_attribute(); a; a = a.next_attribute()) {
                std::string_view p;
                if (!is_ns_decl(a.name(), p)) note(a.name(), false);
            }
            pugi::xml_node next = n.first_child();
            while (next && next.type() != pugi::node_element) next = next.next_sibling();
            for (pugi::xml_node up = n; !next && up && up != root; up = up.parent()) {
                next = up.next_sibling();
                while (next && next.type() != pugi::node_element) next = next.next_sibling();
            }
            n = next;
        }
        if (need_default && unprefixed) {
            put(" xmlns='");
            if (!escaped(eff, true, where)) return false;
            put('\'');
        }
        for (const auto& kv : inherited) {
            if (std::find(used.begin(), used.end(), std::string_view(kv.first)) == used.end()) continue;
            if (root.attribute(("xmlns:" + kv.first).c_str())) continue;
            put(" xmlns:");
            put(kv.first);
            put("='");
            if (!escaped(kv.second, true, where)) return false;
            put('\'');
        }
        return true;
    }

    // Where the bytes of element `n` end in the store's source: just before the end tags of
    // the ancestors that close between it and the next node in document order (found from
    // that node's position and the ancestors' names, without reading n's content). npos
    // when the source does not look as expected; the caller then scans forward instead.
    static std::size_t source_end(const element_store& s, pugi::xml_node n)
    {
        // Ancestors whose end tags follow n's directly, innermost first (few, usually).
        const char* closing[16];
        std::size_t closes = 0;
        pugi::xml_node up = n;
        pugi::xml_node next = up.next_sibling();
        while (!next) {
            up = up.parent();
            if (!up || up.type() != pugi::node_element) break;
            if (closes == 16) return npos;
            closing[closes++] = up.name();
            next = up.next_sibling();
        }
        std::size_t at;
        if (!next) {
            at = s.source.size(); // nothing follows: the input ends with these end tags
        } else if (next.type() == pugi::node_element) {
            at = node_offset(&s, next);
        } else if (next.type() == pugi::node_pcdata || next.type() == pugi::node_cdata) {
            const char* v = next.value();
            if (v < s.base || v >= s.base + s.size) return npos;
            at = static_cast<std::size_t>(v - s.base);
            if (next.type() == pugi::node_cdata) at = at >= 9 ? at - 9 : npos; // "<![CDATA["
        } else {
            return npos;
        }
        for (std::size_t i = closes; i-- > 0 && at != npos;) at = end_tag_before(s.source, at, closing[i]);
        return at;
    }

    // Writes an opaque element; iterative so that deep trees cannot exhaust the stack.
    bool write_dom(const element& e, std::string_view where)
    {
        if (e.empty()) return fail(errc::missing_child, std::string(where), "empty xso::element");
        pugi::xml_node root = e.node();
        const element_store* store = e.store().get();
        // Prefixed bindings in force above the root, which its subtree may use (none when
        // the parse saw no prefixed declaration in the whole document).
        std::vector<std::pair<std::string, std::string>> inherited;
        const bool prefix_free = store && store->declared_prefixes == element_store::prefixes::none;
        for (pugi::xml_node a = prefix_free ? pugi::xml_node() : root.parent(); a && a.type() == pugi::node_element; a = a.parent())
            for (pugi::xml_attribute at = a.first_attribute(); at; at = at.next_attribute()) {
                std::string_view p;
                if (!is_ns_decl(at.name(), p) || p.empty()) continue;
                bool shadowed = false;
                for (auto& kv : inherited) shadowed = shadowed || kv.first == p;
                if (!shadowed) inherited.emplace_back(std::string(p), std::string(at.value()));
            }
        // A root that declares its own default namespace and inherits no prefix needs no
        // declaration from us: the scope of its ancestors is then not needed either.
        bool own_default = false;
        for (pugi::xml_attribute a = root.first_attribute(); a && !own_default; a = a.next_attribute()) {
            std::string_view p;
            own_default = is_ns_decl(a.name(), p) && p.empty();
        }
        const bool root_declarations = !own_default || !inherited.empty();
        auto declare_root = [&] {
            ns_scope scope(e.store() ? std::string_view(e.store()->default_ns) : std::string_view{});
            scope.seed_from_ancestors(root);
            return write_root_declarations(root, scope, inherited, where);
        };
        // An element of a parsed input is written back as the bytes received (checked when
        // they were loaded), with the declarations it needs added to its start tag.
        if (store && !store->source.empty()) {
            const std::size_t start = node_offset(store, root);
            const char* name = root.name();
            const std::size_t name_end = start == npos ? npos : start + 1 + std::strlen(name);
            const std::string_view src = store->source;
            if (name_end <= src.size() && src.compare(start + 1, name_end - start - 1, name) == 0) {
                std::size_t stop = e.source_end_ != npos ? e.source_end_ : source_end(*store, root);
                if (stop == npos || stop <= name_end || src[stop - 1] != '>') stop = element_end(src, start);
                if (stop != npos) {
                    put(src.data() + start, name_end - start);
                    if (root_declarations && !declare_root()) return false;
                    put(src.data() + name_end, stop - name_end);
                    return true;
                }
            }
        }
        std::string_view saved_default = default_ns_;
        pugi::xml_node cur = root;
        bool descending = true;
        while (true) {
            const pugi::xml_node_type type = cur.type();
            if (descending && type == pugi::node_element) {
                const char* name = cur.name();
                const std::size_t name_size = qname_length(name);
                if (!name_size) return fail(errc::invalid_value, std::string(where), "invalid element name");
                put('<');
                put(name, name_size);
                if (root_declarations && cur == root && !declare_root()) return false;
                for (pugi::xml_attribute a = cur.first_attribute(); a; a = a.next_attribute()) {
                    const char* attr_name = a.name();
                    const std::size_t attr_size = qname_length(attr_name);
                    if (!attr_size) return fail(errc::invalid_value, std::string(where), "invalid attribute name");
                    put(' ');
                    put(attr_name, attr_size);
                    put("='");
                    if (!escaped_cstr(a.value(), true, where)) return false;
                    put('\'');
                }
                if (pugi::xml_node c = cur.first_child()) {
                    put('>');
                    cur = c;
                    continue;
                }
                put("/>");
                descending = false;
            } else if (descending) {
                if (type == pugi::node_pcdata || type == pugi::node_cdata)
                    if (!escaped_cstr(cur.value(), false, where)) return false;
                descending = false;
            } else if (type == pugi::node_element) {
                put("</");
                put(std::string_view(cur.name()));
                put('>');
            }
            if (cur == root) break;
            if (pugi::xml_node s = cur.next_sibling()) {
                cur = s;
                descending = true;
            } else {
                cur = cur.parent();
                descending = false;
            }
        }
        default_ns_ = saved_default;
        return true;
    }

private:
    // Writes the escape of the special character at q (q < end); returns how many input
    // bytes it stood for, 0 for invalid UTF-8 or a character XML 1.0 forbids.
    std::size_t escape_one(const char* q, const char* end, bool attr)
    {
        const auto c = static_cast<unsigned char>(*q);
        switch (c) {
        case '<': put("&lt;"); return 1;
        case '>': put("&gt;"); return 1;
        case '&': put("&amp;"); return 1;
        case '\'': put("&apos;"); return 1;
        case '\r': put("&#13;"); return 1;
        case '\t': attr ? put("&#9;") : put('\t'); return 1;
        case '\n': attr ? put("&#10;") : put('\n'); return 1;
        default:
            if (c < 0x20) return 0;
            std::size_t n = utf8_sequence(q, end);
            if (n) put(q, n);
            return n;
        }
    }

    // Makes room for at least n more bytes and moves the cursor into it. The room grows
    // with what this writer has written (doubling), and takes the string's spare capacity
    // up to 4 kB, so that a reused string usually grows once per stanza. Not to the whole
    // capacity: resize() zero-fills what it adds, and a reused string that once held a
    // large stanza would be zero-filled whole for every small one (a 440-byte stanza into
    // a string of 1 MB capacity took 21.7 µs, against 0.6 µs into a new string).
    XSO_DETAIL_NOINLINE void grow(std::size_t n)
    {
        if (!p_) start_ = out_.size();
        const auto used = p_ ? static_cast<std::size_t>(p_ - out_.data()) : out_.size();
        const std::size_t spare = out_.capacity() - used;
        const std::size_t step = std::max({n, used - start_, std::min(spare, std::size_t(4096)), std::size_t(256)});
        out_.resize(used + step);
        p_ = out_.data() + used;
        end_ = out_.data() + out_.size();
    }

    std::string& out_;
    char* p_ = nullptr; // null: nothing reserved (before the first write, after finish())
    char* end_ = nullptr;
    std::size_t start_ = 0; // the string's size when this writer reserved room first
};

// A generated type with its serialize operations: one function of the type writes its
// attributes and one its content. Each calls the operations of its members' types
// (write_ops, shared by every type with such a member) directly, at addresses the compiler
// knows: no call through a table per member.
struct write_type {
    const type_desc* desc;
    bool (*attributes)(const void* obj, std::string_view local, writer& w);
    bool (*content)(const void* obj, writer& w, bool& has_content);
};

template <class T>
constexpr const write_type& write_type_of() noexcept;

inline bool write_struct(const void* obj, const write_type& t, writer& w);

// The local name a value is written under (for error paths).
template <class X>
std::string_view element_local(const X& v)
{
    if constexpr (std::is_same_v<X, element>) return v.local();
    else if constexpr (is_variant<X>::value) return std::visit([](const auto& a) { return element_local(a); }, v);
    else return desc_of<X>().element_local(&v);
}

// Writes a child value. On failure the error's path is relative to the child: the caller
// prepends the child's own segment (built only then).
template <class X>
bool write_value_element(const X& v, writer& w)
{
    if constexpr (std::is_same_v<X, element>) {
        return w.write_dom(v, {});
    } else if constexpr (is_variant<X>::value) {
        return std::visit([&](const auto& alt) { return write_value_element(alt, w); }, v);
    } else {
        return write_struct(&v, write_type_of<X>(), w);
    }
}

// Closes the start tag before the first piece of content.
inline void open_content(writer& w, bool& has_content)
{
    if (!has_content) {
        w.put('>');
        has_content = true;
    }
}

inline std::string attribute_path(const member_info& mi)
{
    std::string path = "@";
    if (!mi.name.ns.empty()) path += "xml:";
    path.append(mi.name.local);
    return path;
}

// Values whose text never needs escaping: booleans, integers, and schema enumerations
// whose every token is plain (checked here, at compile time: a user's schema may have a
// token with '&'). Their text is copied as it is, without the scan for markup characters.
template <class V>
constexpr bool plain_text_value()
{
    if constexpr (std::is_integral_v<V>) { // bool among them
        return true;
    } else if constexpr (is_schema_enum<V>::value) {
        for (std::string_view token : enum_traits<V>::tokens)
            for (char c : token)
                if (output_special(static_cast<unsigned char>(c), true) || output_special(static_cast<unsigned char>(c), false))
                    return false;
        return true;
    } else {
        return false;
    }
}

// ` name='`: the start of an attribute.
XSO_DETAIL_INLINE void open_attribute(writer& w, const member_info& mi)
{
    w.put(' ');
    if (!mi.name.ns.empty()) w.put("xml:");
    w.put(mi.name.local);
    w.put("='");
}

// ` name='text'` for a value plain_text_value() vouches for.
inline void write_plain_attribute(writer& w, const member_info& mi, std::string_view text)
{
    open_attribute(w, mi);
    w.put(text);
    w.put('\'');
}

inline bool write_attribute_text(writer& w, const member_info& mi, std::string_view text)
{
    open_attribute(w, mi);
    std::size_t bad = 0;
    if (!w.put_escaped(text, true, bad))
        return w.fail(errc::invalid_char, attribute_path(mi),
                      "invalid UTF-8 or a character XML 1.0 forbids at byte " + std::to_string(bad) + " of the value");
    w.put('\'');
    return true;
}

// A leaf's element. On failure the error's path is empty: the caller sets the segment.
template <class V>
bool write_leaf(const V& v, const member_info& mi, writer& w)
{
    std::string scratch, why;
    std::string_view text;
    if (!write_value(v, mi, scratch, text, why)) return w.fail(errc::invalid_value, {}, std::move(why));
    auto saved = w.start_element(mi.name.local, mi.name.ns);
    bool content = !text.empty();
    if (content) {
        w.put('>');
        if constexpr (plain_text_value<V>()) w.put(text);
        else if (!w.escaped(text, false, {})) return false;
    }
    w.end_element(mi.name.local, content, saved);
    return true;
}

// Serialize operations of a member type (std::optional<std::string>, std::vector<Item>,
// ...), shared by every generated type with such a member.
template <class M, member_kind K>
struct write_ops {
    using X = slot_t<M>;

    // Writes ` name='value'` when set; `needed`: a missing value is an error.
    static bool attribute(const void* mp, const member_info& mi, writer& w, bool needed)
    {
        const M& m = *static_cast<const M*>(mp);
        std::string scratch, why;
        std::string_view text;
        if constexpr (is_optional<M>::value) {
            if (!m.has_value()) {
                if (needed) return w.fail(errc::missing_attribute, attribute_path(mi), "required attribute not set");
                return true;
            }
            if (!write_value(*m, mi, scratch, text, why)) return w.fail(errc::invalid_value, attribute_path(mi), std::move(why));
        } else {
            if (!write_value(m, mi, scratch, text, why)) return w.fail(errc::invalid_value, attribute_path(mi), std::move(why));
            if constexpr (std::is_same_v<M, std::string>)
                if (needed && text.empty()) return w.fail(errc::missing_attribute, attribute_path(mi), "required attribute is empty");
        }
        if constexpr (plain_text_value<X>()) {
            write_plain_attribute(w, mi, text);
            return true;
        } else {
            return write_attribute_text(w, mi, text);
        }
    }

    // One value of a child, leaf, choice or any member; `index`: its 1-based position in a
    // list, 0 otherwise. Its path segment is only built for an error.
    static bool one(const X& v, const member_info& mi, writer& w, bool& has_content, std::size_t index)
    {
        if constexpr (K == member_kind::any) {
            // A payload outside the slot's namespaces would read back as something else
            // (an item's payload in the pubsub namespace is not a payload): refused.
            if (!mi.any_ns.matches(v.ns(), w.default_ns_)) {
                w.fail(errc::unexpected_element, {},
                       "{" + std::string(v.ns()) + "}" + std::string(v.local()) + " is not allowed in this slot's namespaces");
                prepend_path(w.err.path, index ? list_segment(v.local(), index) : std::string(v.local()));
                return false;
            }
        }
        open_content(w, has_content);
        bool ok;
        if constexpr (K == member_kind::leaf) ok = write_leaf(v, mi, w);
        else ok = write_value_element(v, w);
        if (ok) return true;
        std::string_view local;
        if constexpr (K == member_kind::leaf) local = mi.name.local;
        else local = element_local(v);
        prepend_path(w.err.path, index ? list_segment(local, index) : std::string(local));
        return false;
    }

    static bool content(const void* mp, const member_info& mi, writer& w, bool& has_content)
    {
        const M& m = *static_cast<const M*>(mp);
        if constexpr (K == member_kind::unknown) {
            for (const element& e : m.elements) {
                open_content(w, has_content);
                if (!w.write_dom(e, "unknown")) return false;
            }
            if (!m.text.empty()) {
                open_content(w, has_content);
                if (!w.escaped(m.text, false, "text()")) return false;
            }
            return true;
        } else if constexpr (K == member_kind::text) {
            std::string scratch, why;
            std::string_view text;
            if constexpr (is_optional<M>::value) {
                if (!m.has_value()) return true;
                if (!write_value(*m, mi, scratch, text, why)) return w.fail(errc::invalid_value, "text()", std::move(why));
                // Parsing reads blank text as no text: writing it would not read back.
                if (is_whitespace(text))
                    return w.fail(errc::invalid_value, "text()", "blank text in an optional text member (use no value)");
            } else {
                if (!write_value(m, mi, scratch, text, why)) return w.fail(errc::invalid_value, "text()", std::move(why));
            }
            if (text.empty()) return true;
            open_content(w, has_content);
            return w.escaped(text, false, "text()");
        } else if constexpr (K == member_kind::flag) {
            if (!m) return true;
            open_content(w, has_content);
            auto saved = w.start_element(mi.name.local, mi.name.ns);
            w.end_element(mi.name.local, false, saved);
            return true;
        } else {
            // child, leaf, choice, any: single, optional or list.
            if constexpr (is_vector<M>::value) {
                if (m.size() < mi.min_occurs)
                    return w.fail(errc::too_few_children, std::string(mi.name.local.empty() ? mi.member : mi.name.local),
                                  "at least " + std::to_string(mi.min_occurs) + " needed");
                for (std::size_t i = 0; i < m.size(); ++i)
                    if (!one(m[i], mi, w, has_content, i + 1)) return false;
                return true;
            } else if constexpr (is_optional<M>::value) {
                if (!m.has_value()) {
                    if (mi.is_required())
                        return w.fail(errc::missing_child, std::string(mi.name.local.empty() ? mi.member : mi.name.local),
                                      "required child not set");
                    return true;
                }
                return one(*m, mi, w, has_content, 0);
            } else {
                return one(m, mi, w, has_content, 0);
            }
        }
    }
};

inline bool write_unknown_attributes(const type_desc& d, const unknown_content& unk, writer& w)
{
    std::vector<std::string_view> declared; // namespaces given a prefix on this element
    for (const attribute& a : unk.attributes) {
        if (!is_ncname(a.local)) return w.fail(errc::invalid_value, "@" + a.local, "invalid attribute name");
        for (std::size_t i = 0; i < d.count; ++i) {
            const member_info& mi = d.members[i];
            if (mi.kind == member_kind::attribute && mi.name.ns == a.ns && mi.name.local == a.local)
                return w.fail(errc::duplicate_attribute, "@" + a.local, "also a member of the struct");
        }
        w.put(' ');
        if (a.ns == ns::xml) {
            w.put("xml:");
        } else if (!a.ns.empty()) {
            std::size_t k = 0;
            while (k < declared.size() && declared[k] != a.ns) ++k;
            std::string prefix = "ns" + std::to_string(k + 1);
            if (k == declared.size()) {
                declared.push_back(a.ns);
                w.put("xmlns:" + prefix + "='");
                if (!w.escaped(a.ns, true, "@" + a.local)) return false;
                w.put("' ");
            }
            w.put(prefix + ":");
        } else if (a.local == "xmlns") {
            return w.fail(errc::invalid_value, "@xmlns", "namespace declarations are not attributes");
        }
        w.put(a.local);
        w.put("='");
        if (!w.escaped(a.value, true, "@" + a.local)) return false;
        w.put('\'');
    }
    return true;
}

template <class T>
struct write_table {
    template <std::size_t I>
    static bool attribute(const T& obj, std::string_view local, writer& w)
    {
        constexpr const member_info& mi = T::xso_members[I];
        if constexpr (mi.kind != member_kind::attribute) {
            (void)obj, (void)local, (void)w;
            return true;
        } else {
            // In a condition family, an attribute may belong to one condition only.
            const bool needed = mi.is_required() && (!is_condition_v<T> || mi.condition.empty() || mi.condition == local);
            return write_ops<member_type_t<T, I>, member_kind::attribute>::attribute(&member_ref<I>(obj), mi, w, needed);
        }
    }
    template <std::size_t... I>
    static bool attributes_of(const T& obj, std::string_view local, writer& w, std::index_sequence<I...>)
    {
        return (attribute<I>(obj, local, w) && ...);
    }
    // The members' attributes, then the unknown ones kept from parsing.
    static bool attributes(const void* obj, std::string_view local, writer& w)
    {
        const T& o = *static_cast<const T*>(obj);
        if (!attributes_of(o, local, w, std::make_index_sequence<member_count<T>>{})) return false;
        constexpr int unknown_index = find_kind<T>(member_kind::unknown);
        static_assert(unknown_index >= 0, "xso: every generated type keeps unknown content");
        const unknown_content& unknown = member_ref<static_cast<std::size_t>(unknown_index)>(o);
        return unknown.attributes.empty() || write_unknown_attributes(desc_of<T>(), unknown, w);
    }

    template <std::size_t I>
    static bool content_row(const T& obj, writer& w, bool& has_content)
    {
        constexpr const member_info& mi = T::xso_members[I];
        if constexpr (mi.kind == member_kind::attribute || mi.kind == member_kind::condition) {
            (void)obj, (void)w, (void)has_content;
            return true;
        } else {
            return write_ops<member_type_t<T, I>, mi.kind>::content(&member_ref<I>(obj), mi, w, has_content);
        }
    }
    template <std::size_t... I>
    static bool content_of(const T& obj, writer& w, bool& has_content, std::index_sequence<I...>)
    {
        return (content_row<I>(obj, w, has_content) && ...);
    }
    static bool content(const void* obj, writer& w, bool& has_content)
    {
        return content_of(*static_cast<const T*>(obj), w, has_content, std::make_index_sequence<member_count<T>>{});
    }

    static constexpr write_type type{&desc_of<T>(), &attributes, &content};
};

template <class T>
constexpr const write_type& write_type_of() noexcept
{
    return write_table<T>::type;
}


inline bool write_struct(const void* obj, const write_type& t, writer& w)
{
    const type_desc& d = *t.desc;
    std::string_view local = d.element_local(obj);
    if (local.empty()) return w.fail(errc::invalid_value, "condition", "value outside the enumeration");
    // A type accepted in the context's namespace (a stanza of a jabber:server stream) is
    // written in it, with the children declared in the type's own namespace.
    const bool alias = w.alias_from_.empty() && !same_ns(d.ns, w.default_ns_) && ns_filter::contains(d.alt_ns, w.default_ns_);
    if (alias) {
        w.alias_from_ = d.ns;
        w.alias_to_ = w.default_ns_;
    }
    auto saved = w.start_element(local, d.ns, d.ns_plain);
    if (!t.attributes(obj, local, w)) return false;
    bool has_content = false;
    if (!t.content(obj, w, has_content)) return false;
    w.end_element(local, has_content, saved);
    if (alias) w.alias_from_ = {};
    return true;
}

template <class T>
bool write_any(const T& v, writer& w)
{
    if constexpr (std::is_same_v<T, element>) {
        return w.write_dom(v, v.local());
    } else if constexpr (is_variant<T>::value) {
        return std::visit([&](const auto& a) { return write_any(a, w); }, v);
    } else {
        static_assert(is_reflected_v<T>, "xso::serialize<T>: T must be a generated type, a std::variant of them, or xso::element");
        if (!write_struct(&v, write_type_of<T>(), w)) {
            prepend_path(w.err.path, element_local(v));
            return false;
        }
        return true;
    }
}

template <class T>
bool write_any_erased(const void* v, writer& w)
{
    return write_any(*static_cast<const T*>(v), w);
}

using write_fn = bool (*)(const void* value, writer& w);

// T's writer, through a function (not inline): see root_binding_for in parse.hpp.
template <class T>
write_fn writer_for() noexcept
{
    return &write_any_erased<T>;
}

// serialize() around a type-erased writer: compiled once, not once per type.
XSO_DETAIL_NOINLINE inline result<void> serialize_erased(const void* value, write_fn write,
                                                         std::string& out, const serialize_options& opts)
{
    const std::size_t before = out.size();
    writer w(out, opts.context_ns);
    const bool ok = write(value, w);
    w.finish();
    if (!ok) {
        out.resize(before);
        return std::move(w.err);
    }
    return {};
}

} // namespace detail

// Appends `value` as XML to `out`. On failure `out` is left as it was and the error is
// local (the object is invalid): its path names the offending member.
template <class T>
result<void> serialize(const T& value, std::string& out, const serialize_options& opts = {})
{
    return detail::serialize_erased(&value, detail::writer_for<T>(), out, opts);
}

template <class T>
result<std::string> serialize(const T& value, const serialize_options& opts = {})
{
    std::string out;
    auto r = serialize(value, out, opts);
    if (!r) return std::move(r).error();
    return out;
}

// The value as an opaque element, e.g. to put a typed payload into a PubSub item.
template <class T>
result<element> to_element(const T& value)
{
    std::string text;
    auto r = serialize(value, text);
    if (!r) return std::move(r).error();
    parse_options opts;
    opts.default_ns = {};
    // Our own output, not network input: the value's size is the caller's choice.
    constexpr std::size_t no_limit = static_cast<std::size_t>(-1);
    opts.limits = {no_limit, no_limit, no_limit, no_limit};
    return element::parse(text, opts);
}

// Appends `value` as the last child of `parent` in the caller's DOM.
template <class T>
result<void> serialize(const T& value, pugi::xml_node parent)
{
    if (!parent) return make_error(errc::missing_child, {}, "null parent node", npos, origin::local);
    serialize_options opts;
    detail::ns_scope scope;
    scope.seed_from_ancestors(parent);
    detail::ns_scope::mark m;
    (void)scope.enter(parent, m);
    std::string context(scope.default_ns());
    opts.context_ns = context;
    std::string text;
    auto r = serialize(value, text, opts);
    if (!r) return r;
    pugi::xml_parse_result pr = parent.append_buffer(text.data(), text.size(), detail::pugi_flags, pugi::encoding_utf8);
    if (!pr) return make_error(errc::xml_syntax, {}, pr.description(), static_cast<std::size_t>(pr.offset), origin::local);
    return {};
}

} // namespace xso
