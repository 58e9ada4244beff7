// Loading bytes into a pugixml DOM under XMPP's rules, namespace scopes, and the checks
// pugixml does not make (namespace well-formedness, duplicate attributes, limits).
#pragma once

#include <cstddef>
#include <cstring>
#include <memory>
#include <new>
#include <string>
#include <string_view>
#include <vector>

#include <pugixml.hpp>

#include <xso/core/qname.hpp>
#include <xso/core/result.hpp>
#include <xso/core/xml_scan.hpp>

namespace xso {

// Resource limits applied to untrusted input. Exceeding one is errc::limit_exceeded.
struct parse_limits {
    std::size_t max_bytes = std::size_t(16) << 20;  // input size
    std::size_t max_depth = 256;                     // element nesting
    std::size_t max_elements = 200000;               // elements in one input
    std::size_t max_attributes = 256;                // attributes on one element
};

struct parse_options {
    // Report content in our namespaces that binds to no member (instead of keeping it in
    // `unknown`). Content in foreign namespaces is kept either way.
    bool strict = false;
    // Namespace of top-level elements that declare none (stanzas inside a client stream).
    std::string_view default_ns = ns::jabber_client;
    parse_limits limits{};
};

namespace detail {

// Owns the DOM that xso::element handles point into. Shared by every element taken from
// one parse, so binding an item payload costs a reference count, not a copy.
struct element_store {
    pugi::xml_document doc;
    std::string default_ns;      // namespace of unprefixed names no xmlns covers
    const char* base = nullptr;  // start of pugixml's copy of the input (for offsets)
    std::size_t size = 0;
    // The input as received (empty for copies of a caller's DOM). Opaque elements taken
    // from it are written back as these bytes, checked at load, instead of from the DOM.
    std::string source;
    // Whether any element of the document declares a namespace prefix (set by the parse
    // that loaded it). When none does, no element needs prefixes from its ancestors.
    enum class prefixes : unsigned char { unknown, none, some };
    prefixes declared_prefixes = prefixes::unknown;

    // Records what a successful parse of (part of) this freshly loaded document saw.
    void note_prefixes(bool seen) noexcept
    {
        if (seen) declared_prefixes = prefixes::some;
        else if (declared_prefixes == prefixes::unknown) declared_prefixes = prefixes::none;
    }
};

// Splits "p:local" (prefix may be empty). Returns false for malformed names (":x", "x:",
// "x:1").
inline bool split_name(const char* name, std::string_view& prefix, std::string_view& local) noexcept
{
    // One pass: the first colon, and whether there is another.
    const char* colon = nullptr;
    bool second = false;
    const char* p = name;
    for (; *p; ++p)
        if (*p == ':') {
            if (colon) second = true;
            else colon = p;
        }
    if (!colon) {
        prefix = {};
        local = std::string_view(name, static_cast<std::size_t>(p - name));
        return p != name;
    }
    prefix = std::string_view(name, static_cast<std::size_t>(colon - name));
    local = std::string_view(colon + 1, static_cast<std::size_t>(p - colon - 1));
    if (second || prefix.empty() || local.empty()) return false;
    // pugixml checks the first character of the whole name only: the local part must start
    // like a name too ("xml:2ang" is not a QName, and could not be written back).
    const auto c = static_cast<unsigned char>(local[0]);
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
}

// Is this attribute a namespace declaration? Sets `prefix` ("" for the default namespace).
inline bool is_ns_decl(const char* name, std::string_view& prefix) noexcept
{
    // Byte compares rather than strncmp: called for every attribute of every element.
    if (name[0] != 'x' || name[1] != 'm' || name[2] != 'l' || name[3] != 'n' || name[4] != 's') return false;
    if (name[5] == 0) {
        prefix = {};
        return true;
    }
    if (name[5] == ':') {
        prefix = std::string_view(name + 6);
        return true;
    }
    return false;
}

inline bool is_whitespace(std::string_view s) noexcept
{
    for (char c : s)
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return false;
    return true;
}

// The in-scope namespace bindings while walking a DOM: a stack of declarations that
// elements push on entry and pop on exit.
class ns_scope {
public:
    struct mark {
        std::size_t size;
        std::string_view default_ns;
    };

    explicit ns_scope(std::string_view default_ns = {}) : default_(default_ns) {}

    // Has enter() seen a prefixed declaration (xmlns:p=...) since construction?
    bool saw_prefix_declaration() const noexcept { return saw_prefix_; }

    // Pushes the declarations of `n`. Returns an empty string_view when they are fine,
    // else what is wrong.
    std::string_view enter(pugi::xml_node n, mark& m)
    {
        begin(m);
        for (pugi::xml_attribute a = n.first_attribute(); a; a = a.next_attribute()) {
            std::string_view prefix;
            if (!is_ns_decl(a.name(), prefix)) continue;
            std::string_view bad = declare(prefix, a.value());
            if (!bad.empty()) return bad;
        }
        return {};
    }
    // enter() in two steps, for a caller that has the element's attributes at hand:
    // begin(), then declare() for each declaration in attribute order.
    void begin(mark& m) noexcept { m = mark{bindings_.size(), default_}; }
    std::string_view declare(std::string_view prefix, std::string_view uri)
    {
        if (prefix.empty()) {
            default_ = uri;
            return {};
        }
        saw_prefix_ = true;
        if (prefix == "xmlns") return "the prefix 'xmlns' cannot be declared";
        if (prefix == "xml") {
            if (uri != ns::xml) return "the prefix 'xml' cannot be bound to another namespace";
            return {};
        }
        if (uri.empty()) return "a prefix cannot be bound to the empty namespace";
        if (uri == ns::xml || uri == ns::xmlns) return "reserved namespace bound to another prefix";
        bindings_.push_back({prefix, uri});
        return {};
    }
    void leave(const mark& m)
    {
        if (bindings_.size() != m.size) bindings_.resize(m.size);
        default_ = m.default_ns;
    }

    std::string_view default_ns() const noexcept { return default_; }
    // Is any prefix bound (other than the predeclared 'xml')?
    bool binds_prefixes() const noexcept { return !bindings_.empty(); }

    bool resolve(std::string_view prefix, std::string_view& uri) const noexcept
    {
        if (prefix.empty()) {
            uri = default_;
            return true;
        }
        for (std::size_t i = bindings_.size(); i-- > 0;)
            if (bindings_[i].prefix == prefix) {
                uri = bindings_[i].uri;
                return true;
            }
        if (prefix == "xml") {
            uri = ns::xml;
            return true;
        }
        return false;
    }

    // Resolves an element name (unprefixed names take the default namespace).
    bool element_name(const char* raw, qname& q) const noexcept
    {
        std::string_view prefix;
        if (!split_name(raw, prefix, q.local)) return false;
        return resolve(prefix, q.ns);
    }
    // Resolves an attribute name (unprefixed attributes are in no namespace).
    bool attribute_name(const char* raw, qname& q) const noexcept
    {
        std::string_view prefix;
        if (!split_name(raw, prefix, q.local)) return false;
        if (prefix.empty()) {
            q.ns = {};
            return true;
        }
        return resolve(prefix, q.ns);
    }

    // Seeds the scope with every declaration in force at `n` (from its ancestors), for a
    // parse that starts from a node inside a DOM the caller owns.
    void seed_from_ancestors(pugi::xml_node n)
    {
        // Usually a few ancestors: kept on the stack, on the heap only for deep trees.
        pugi::xml_node near[16];
        std::vector<pugi::xml_node> far;
        std::size_t count = 0;
        for (pugi::xml_node a = n.parent(); a && a.type() == pugi::node_element; a = a.parent()) {
            if (count < 16) near[count] = a;
            else far.push_back(a);
            ++count;
        }
        for (std::size_t i = count; i-- > 0;) {
            mark ignored;
            (void)enter(i < 16 ? near[i] : far[i - 16], ignored);
        }
    }

private:
    struct binding {
        std::string_view prefix;
        std::string_view uri;
    };
    std::vector<binding> bindings_;
    std::string_view default_;
    bool saw_prefix_ = false;
};

inline std::size_t node_offset(const element_store* s, pugi::xml_node n) noexcept
{
    if (!s || !s->base || !n) return npos;
    const char* name = n.name();
    if (name >= s->base && name < s->base + s->size) return static_cast<std::size_t>(name - s->base) - 1;
    return npos;
}
inline std::size_t attribute_offset(const element_store* s, pugi::xml_attribute a) noexcept
{
    if (!s || !s->base || !a) return npos;
    const char* name = a.name();
    if (name >= s->base && name < s->base + s->size) return static_cast<std::size_t>(name - s->base);
    return npos;
}

// Offset of the first character of a text or CDATA node (its value lies in the buffer).
inline std::size_t text_node_offset(const element_store* s, pugi::xml_node n) noexcept
{
    if (!s || !s->base || !n) return npos;
    const char* v = n.value();
    if (v >= s->base && v < s->base + s->size) return static_cast<std::size_t>(v - s->base);
    return npos;
}

inline constexpr unsigned int pugi_flags = pugi::parse_default | pugi::parse_ws_pcdata | pugi::parse_fragment;

// Loads `bytes` into `store` after the XMPP checks. Fills `err` and returns false on failure.
inline bool load(element_store& store, std::string_view bytes, const parse_options& opts, xso::error& err)
{
    if (bytes.size() > opts.limits.max_bytes) {
        err = make_error(errc::limit_exceeded, {}, "input larger than parse_limits::max_bytes", 0);
        return false;
    }
    scan_result scanned;
    if (!scan_input(bytes, scanned, err, opts.limits.max_elements)) return false;
    pugi::xml_parse_result r = store.doc.load_buffer(bytes.data(), bytes.size(), pugi_flags, pugi::encoding_utf8);
    if (!r) {
        // At the end of truncated input pugixml reports the byte after it: keep offsets in the input.
        const auto at = static_cast<std::size_t>(r.offset);
        err = make_error(errc::xml_syntax, {}, r.description(), at > bytes.size() ? bytes.size() : at);
        return false;
    }
    store.default_ns = std::string(opts.default_ns);
    store.size = bytes.size();
    store.source.assign(bytes.data(), bytes.size());
    // Every top-level node: text before, between or after the stanzas is an error too.
    for (pugi::xml_node n = store.doc.first_child(); n; n = n.next_sibling()) {
        if (n.type() == pugi::node_element) {
            // offset_debug() is the offset of the element's name in pugixml's copy of the
            // input, which has the input's layout: it gives us the copy's start.
            std::ptrdiff_t off = n.offset_debug();
            if (off >= 0 && !store.base) store.base = n.name() - off;
        } else if ((n.type() == pugi::node_pcdata || n.type() == pugi::node_cdata) && !is_whitespace(n.value())) {
            std::ptrdiff_t off = n.offset_debug(); // where the text starts
            err = make_error(errc::xml_syntax, {}, "text outside of any element",
                             off >= 0 ? static_cast<std::size_t>(off) : npos);
            return false;
        }
    }
    return true;
}

// One open element of validate_subtree's walk.
struct subtree_frame {
    pugi::xml_node node;
    ns_scope::mark mark;
};

// Checks a subtree that no schema describes (a payload, an unknown child): namespace
// prefixes declared, no duplicate attributes, depth and attribute limits. Iterative, so
// hostile nesting cannot exhaust the stack. `scope` is the scope of n's parent; it is left
// unchanged. On failure `err` holds the problem and `rel_path` the path below `n`. With a
// `store` whose input was loaded from bytes, the bytes are read first (plain_subtree).
// `stack` is scratch space, passed in so that a parse reuses one for all its payloads.
// `source_end`, when given, gets where n's bytes end in the store's source if the bytes
// vouched for it (npos otherwise): serializing the element again copies them up to there.
inline bool validate_subtree(pugi::xml_node n, ns_scope& scope, std::size_t depth, const parse_options& opts,
                             const element_store* store, xso::error& err, std::string& rel_path,
                             std::vector<subtree_frame>& stack, std::size_t* source_end = nullptr)
{
    if (source_end) *source_end = npos;
    // Input loaded from bytes: the subtree's own bytes answer first (plain_subtree says
    // "fine" or "look closer", never an error), the DOM walk only when they cannot.
    if (store && !store->source.empty() && depth < opts.limits.max_depth) {
        const std::size_t at = node_offset(store, n);
        if (at != npos && plain_subtree(store->source, at, opts.limits.max_depth - depth, opts.limits.max_attributes, source_end))
            return true;
    }
    stack.clear();
    auto build_path = [&](const char* attr) {
        rel_path.clear();
        for (std::size_t i = 0; i < stack.size(); ++i) {
            if (i) rel_path += '/';
            std::string_view pfx, local;
            split_name(stack[i].node.name(), pfx, local);
            rel_path.append(local);
        }
        if (attr) {
            rel_path += "/@";
            rel_path += attr;
        }
    };
    auto unwind = [&] {
        while (!stack.empty()) {
            scope.leave(stack.back().mark);
            stack.pop_back();
        }
    };
    // The attributes of the current element, read once: the checks below look at them
    // several times (declarations first, then each against the earlier ones), and every
    // read through pugixml's API is a call into the library.
    struct attribute_entry {
        pugi::xml_attribute attr;
        const char* name;
        bool decl;
        std::string_view prefix; // of a declaration
    };
    constexpr std::size_t cached_attributes = 16;
    union attribute_slot { // storage only: constructing pugi handles would call into the library
        attribute_slot() {}
        attribute_entry e;
    } slots[cached_attributes];
    auto attr = [&](std::size_t i) -> attribute_entry& { return slots[i].e; };
    pugi::xml_node cur = n;
    while (true) {
        // Enter `cur` (an element).
        subtree_frame f{cur, {}};
        std::size_t count = 0;
        bool cached = true;
        for (pugi::xml_attribute a = cur.first_attribute(); a; a = a.next_attribute()) {
            if (count == cached_attributes) {
                cached = false; // many attributes: the checks read them from the DOM
                break;
            }
            const char* name = a.name();
            std::string_view prefix;
            const bool decl = is_ns_decl(name, prefix);
            new (&slots[count++].e) attribute_entry{a, name, decl, prefix};
        }
        std::string_view bad;
        if (cached) {
            scope.begin(f.mark);
            for (std::size_t i = 0; i < count && bad.empty(); ++i)
                if (attr(i).decl) bad = scope.declare(attr(i).prefix, attr(i).attr.value());
        } else {
            bad = scope.enter(cur, f.mark);
        }
        stack.push_back(f);
        if (!bad.empty()) {
            build_path(nullptr);
            err = make_error(errc::xml_syntax, {}, std::string(bad), node_offset(store, cur));
            unwind();
            return false;
        }
        if (depth + stack.size() > opts.limits.max_depth) {
            build_path(nullptr);
            err = make_error(errc::limit_exceeded, {}, "nesting deeper than parse_limits::max_depth", node_offset(store, cur));
            unwind();
            return false;
        }
        qname q;
        if (!scope.element_name(cur.name(), q)) {
            build_path(nullptr);
            err = make_error(errc::xml_syntax, {}, std::string("undeclared namespace prefix or malformed element name '") + cur.name() + "'",
                             node_offset(store, cur));
            unwind();
            return false;
        }
        if (cached) {
            // The same checks as below, in the same order, on the attributes read above.
            for (std::size_t i = 0; i < count; ++i) {
                const attribute_entry& a = attr(i);
                if (i + 1 > opts.limits.max_attributes) {
                    build_path(nullptr);
                    err = make_error(errc::limit_exceeded, {}, "more attributes than parse_limits::max_attributes",
                                     attribute_offset(store, a.attr));
                    unwind();
                    return false;
                }
                if (a.decl) {
                    for (std::size_t j = 0; j < i; ++j)
                        if (std::strcmp(a.name, attr(j).name) == 0) {
                            build_path(a.name);
                            err = make_error(errc::duplicate_attribute, {}, "namespace declared twice", attribute_offset(store, a.attr));
                            unwind();
                            return false;
                        }
                    continue;
                }
                qname aq;
                if (!scope.attribute_name(a.name, aq)) {
                    build_path(a.name);
                    err = make_error(errc::xml_syntax, {}, "undeclared namespace prefix or malformed attribute name", attribute_offset(store, a.attr));
                    unwind();
                    return false;
                }
                for (std::size_t j = 0; j < i; ++j) {
                    bool same = std::strcmp(a.name, attr(j).name) == 0;
                    // Different raw names clash only through two prefixes bound to one namespace.
                    if (!same && !aq.ns.empty() && !attr(j).decl) {
                        qname bq;
                        same = scope.attribute_name(attr(j).name, bq) && bq == aq;
                    }
                    if (same) {
                        build_path(a.name);
                        err = make_error(errc::duplicate_attribute, {}, "attribute appears twice", attribute_offset(store, a.attr));
                        unwind();
                        return false;
                    }
                }
            }
        }
        count = 0;
        for (pugi::xml_attribute a = cached ? pugi::xml_attribute() : cur.first_attribute(); a; a = a.next_attribute()) {
            if (++count > opts.limits.max_attributes) {
                build_path(nullptr);
                err = make_error(errc::limit_exceeded, {}, "more attributes than parse_limits::max_attributes",
                                 attribute_offset(store, a));
                unwind();
                return false;
            }
            const char* name = a.name();
            std::string_view decl;
            if (is_ns_decl(name, decl)) {
                for (pugi::xml_attribute b = cur.first_attribute(); b != a; b = b.next_attribute())
                    if (std::strcmp(name, b.name()) == 0) {
                        build_path(name);
                        err = make_error(errc::duplicate_attribute, {}, "namespace declared twice", attribute_offset(store, a));
                        unwind();
                        return false;
                    }
                continue;
            }
            qname aq;
            if (!scope.attribute_name(name, aq)) {
                build_path(name);
                err = make_error(errc::xml_syntax, {}, "undeclared namespace prefix or malformed attribute name", attribute_offset(store, a));
                unwind();
                return false;
            }
            for (pugi::xml_attribute b = cur.first_attribute(); b != a; b = b.next_attribute()) {
                const char* other = b.name();
                bool same = std::strcmp(name, other) == 0;
                // Different raw names clash only through two prefixes bound to one namespace
                // (an unprefixed attribute is in no namespace, a prefixed one always in one).
                if (!same && !aq.ns.empty()) {
                    std::string_view d2;
                    qname bq;
                    same = !is_ns_decl(other, d2) && scope.attribute_name(other, bq) && bq == aq;
                }
                if (same) {
                    build_path(name);
                    err = make_error(errc::duplicate_attribute, {}, "attribute appears twice", attribute_offset(store, a));
                    unwind();
                    return false;
                }
            }
        }
        // Next element in document order.
        pugi::xml_node next = cur.first_child();
        while (next && next.type() != pugi::node_element) next = next.next_sibling();
        if (next) {
            cur = next;
            continue;
        }
        // Leave elements until one has a following element sibling.
        while (true) {
            pugi::xml_node done = stack.back().node;
            scope.leave(stack.back().mark);
            stack.pop_back();
            if (stack.empty()) return true;
            pugi::xml_node sib = done.next_sibling();
            while (sib && sib.type() != pugi::node_element) sib = sib.next_sibling();
            if (sib) {
                cur = sib;
                break;
            }
        }
    }
}

inline bool validate_subtree(pugi::xml_node n, ns_scope& scope, std::size_t depth, const parse_options& opts,
                             const element_store* store, xso::error& err, std::string& rel_path)
{
    std::vector<subtree_frame> stack;
    return validate_subtree(n, scope, depth, opts, store, err, rel_path, stack);
}

} // namespace detail
} // namespace xso
