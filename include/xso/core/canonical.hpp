// Canonical comparison of XML fragments: decides whether two serializations of the same
// stanza(s) carry the same information, so that tests and the inspection tool can tell a
// lossless round trip from a lossy one.
//
// The canonical form is a namespace-resolved tree printed one node per line:
//
//   <{jabber:client}iq id="1" type="set">
//     <{http://jabber.org/protocol/pubsub}pubsub>
//       <{http://jabber.org/protocol/pubsub}publish node="princely_musings"/>
//     </{http://jabber.org/protocol/pubsub}pubsub>
//   </{jabber:client}iq>
//
// - every element is written {namespace}local; prefixes are resolved through the in-scope
//   xmlns / xmlns:p declarations (the `xml` prefix is predefined), and the declarations
//   themselves are not attributes;
// - attributes are sorted by (namespace, local name); an unprefixed attribute has no
//   namespace and is written without braces;
// - character data (text and CDATA) is merged when adjacent (comments and processing
//   instructions are ignored and do not separate text), then kept verbatim unless it is
//   whitespace-only, in which case it is dropped; `& < > "`, tab, CR and LF are written as
//   references so that every node stays on one line;
// - inside an element whose namespace is in `canonical_options::unordered_ns`, the
//   children are put in a fixed order: text first, then elements sorted by
//   (namespace, local name), keeping the document order of siblings with the same name
//   (so `<item id='1'/><item id='2'/>` differs from `<item id='2'/><item id='1'/>`); the
//   text nodes of such an element are merged into one, in document order;
//   Elsewhere (Atom payloads, unknown extensions) document order is kept;
// - top-level nodes stay in document order;
// - indentation stops growing below depth 32 (the nesting is still given by the tags).
//
// No recursion: the input is walked with explicit stacks, so deep nesting cannot overflow
// the call stack. No exceptions are thrown (allocation failure aside).
#pragma once

#include <xso/core/qname.hpp>
#include <xso/core/result.hpp>

#include <pugixml.hpp>

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace xso {

struct canonical_options {
    // namespace of unprefixed top-level elements that declare none
    std::string_view default_ns = "jabber:client";
    // elements whose namespace is in this space-separated list have their element children
    // compared as a multiset (order-insensitive), order among same-{ns,local} siblings kept;
    // other elements: document order
    std::string_view unordered_ns =
        "jabber:client jabber:server jabber:component:accept "
        "urn:ietf:params:xml:ns:xmpp-stanzas http://jabber.org/protocol/pubsub "
        "http://jabber.org/protocol/pubsub#owner http://jabber.org/protocol/pubsub#event "
        "http://jabber.org/protocol/pubsub#errors jabber:x:data http://jabber.org/protocol/rsm "
        "http://jabber.org/protocol/disco#info http://jabber.org/protocol/disco#items "
        "http://jabber.org/protocol/shim urn:xmpp:delay";
    // when true, text nodes of elements that also have element children are dropped (spec
    // examples' placeholder text)
    bool ignore_text_in_element_only = false;
};

// The functions and classes below that use containers or algorithms are templates with an
// unused parameter (`template <class = void>`) only so that a file that includes this header
// and never compares anything does not compile what they use (docs/compile-time.md).
namespace detail::canonical {

struct attribute {
    std::string ns;
    std::string local;
    std::string value;
};

struct node {
    bool is_text = false;
    std::string ns;
    std::string local; // the character data for a text node
    std::vector<attribute> attrs;
    std::vector<std::size_t> children;
};

// nodes[0] is a virtual document node whose children are the top-level nodes.
struct tree {
    std::vector<node> nodes;
};

inline bool is_xml_space(char c) noexcept
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

inline bool whitespace_only(std::string_view s) noexcept
{
    for (char c : s)
        if (!is_xml_space(c)) return false;
    return true;
}

template <class = void>
std::vector<std::string_view> split_list(std::string_view s)
{
    std::vector<std::string_view> out;
    std::size_t i = 0;
    while (i < s.size()) {
        while (i < s.size() && is_xml_space(s[i])) ++i;
        std::size_t b = i;
        while (i < s.size() && !is_xml_space(s[i])) ++i;
        if (i > b) out.push_back(s.substr(b, i - b));
    }
    return out;
}

inline std::string_view local_part(std::string_view qn) noexcept
{
    auto c = qn.find(':');
    return c == std::string_view::npos ? qn : qn.substr(c + 1);
}

// "iq/pubsub/items/item[2]" for a node of the parsed document (used for error reports).
template <class = void>
std::string source_path(pugi::xml_node n)
{
    std::vector<std::string> segs;
    for (; n && n.type() == pugi::node_element; n = n.parent()) {
        std::string_view name = n.name();
        std::size_t pos = 0, count = 0;
        for (pugi::xml_node s = n.parent().first_child(); s; s = s.next_sibling()) {
            if (s.type() != pugi::node_element || name != s.name()) continue;
            ++count;
            if (s == n) pos = count;
        }
        std::string seg(local_part(name));
        if (count > 1) seg += "[" + std::to_string(pos) + "]";
        segs.push_back(std::move(seg));
    }
    std::string out;
    for (auto it = segs.rbegin(); it != segs.rend(); ++it) {
        if (!out.empty()) out += '/';
        out += *it;
    }
    return out;
}

inline std::size_t source_offset(pugi::xml_node n) noexcept
{
    // pugixml reports where the element's name starts; the element starts at its '<'.
    auto off = n.offset_debug();
    if (off > 0 && n.type() == pugi::node_element) --off;
    return off < 0 ? npos : static_cast<std::size_t>(off);
}

// In-scope namespace bindings, innermost last ("" is the default namespace).
template <class = void>
class scope {
public:
    explicit scope(std::string_view default_ns) : bindings_{{std::string_view(), default_ns}, {"xml", ns::xml}} {}
    void bind(std::string_view prefix, std::string_view uri) { bindings_.emplace_back(prefix, uri); }
    std::size_t mark() const noexcept { return bindings_.size(); }
    void unwind(std::size_t mark) { bindings_.resize(mark); }
    // false when the prefix is not bound
    bool lookup(std::string_view prefix, std::string_view& uri) const
    {
        for (std::size_t i = bindings_.size(); i-- > 0;)
            if (bindings_[i].first == prefix) {
                uri = bindings_[i].second;
                return true;
            }
        return false;
    }

private:
    // Prefixes and URIs point into the parsed document, which outlives the scope.
    std::vector<std::pair<std::string_view, std::string_view>> bindings_;
};

template <class = void>
class builder {
public:
    explicit builder(const canonical_options& o)
        : opts_(o), unordered_(split_list(o.unordered_ns)), scope_(o.default_ns)
    {
    }

    result<tree> build(std::string_view xml)
    {
        scope_ = scope<>(opts_.default_ns);
        pugi::xml_document doc;
        const unsigned flags = pugi::parse_default | pugi::parse_ws_pcdata | pugi::parse_fragment;
        pugi::xml_parse_result pr = doc.load_buffer(xml.data(), xml.size(), flags, pugi::encoding_utf8);
        if (!pr) {
            return make_error(errc::xml_syntax, std::string(), pr.description(),
                              pr.offset < 0 ? npos : static_cast<std::size_t>(pr.offset));
        }

        tree t;
        t.nodes.emplace_back();
        struct frame {
            pugi::xml_node cursor; // next child to visit
            std::size_t dst;       // index of the canonical node being filled
            std::size_t mark;      // scope mark to unwind to when leaving
            std::string text;      // pending (merged) character data
        };
        std::vector<frame> stack;
        stack.push_back(frame{doc.first_child(), 0, scope_.mark(), std::string()});
        bool any_element = false;

        while (!stack.empty()) {
            frame& f = stack.back();
            if (!f.cursor) {
                flush_text(t, f.dst, f.text);
                finish(t, f.dst);
                scope_.unwind(f.mark);
                stack.pop_back();
                continue;
            }
            pugi::xml_node c = f.cursor;
            f.cursor = c.next_sibling();
            switch (c.type()) {
            case pugi::node_pcdata:
            case pugi::node_cdata: f.text += c.value(); break;
            case pugi::node_element: {
                flush_text(t, f.dst, f.text);
                std::size_t parent = f.dst;
                std::size_t mark = scope_.mark();
                // `f` may dangle from here on (the stack grows below).
                auto r = element(t, c);
                if (!r) return std::move(r).error();
                t.nodes[parent].children.push_back(*r);
                any_element = true;
                stack.push_back(frame{c.first_child(), *r, mark, std::string()});
                break;
            }
            default: break; // comments, processing instructions, declarations, doctype
            }
        }
        if (!any_element) return make_error(errc::xml_syntax, std::string(), "no element");
        return t;
    }

private:
    static void flush_text(tree& t, std::size_t parent, std::string& text)
    {
        if (!whitespace_only(text)) {
            node n;
            n.is_text = true;
            n.local = std::move(text);
            t.nodes.push_back(std::move(n));
            t.nodes[parent].children.push_back(t.nodes.size() - 1);
        }
        text.clear();
    }

    bool is_unordered(std::string_view ns) const
    {
        return std::find(unordered_.begin(), unordered_.end(), ns) != unordered_.end();
    }

    // Called when all children of `idx` are known.
    void finish(tree& t, std::size_t idx)
    {
        if (idx == 0) return; // top level: document order
        auto& kids = t.nodes[idx].children;
        bool has_element = false;
        for (std::size_t k : kids) has_element = has_element || !t.nodes[k].is_text;
        if (has_element && opts_.ignore_text_in_element_only) {
            kids.erase(std::remove_if(kids.begin(), kids.end(),
                                      [&](std::size_t k) { return t.nodes[k].is_text; }),
                       kids.end());
        }
        if (kids.size() > 1 && is_unordered(t.nodes[idx].ns)) {
            const auto& nodes = t.nodes;
            std::stable_sort(kids.begin(), kids.end(), [&](std::size_t x, std::size_t y) {
                const node& a = nodes[x];
                const node& b = nodes[y];
                if (a.is_text != b.is_text) return a.is_text; // text first
                if (a.is_text) return false;
                if (a.ns != b.ns) return a.ns < b.ns;
                return a.local < b.local;
            });
            // Order is not information here, so neither is where text sat between the
            // children: the text nodes, now in front, become one.
            std::size_t texts = 0;
            while (texts < kids.size() && t.nodes[kids[texts]].is_text) ++texts;
            if (texts > 1) {
                std::string merged;
                for (std::size_t k = 0; k < texts; ++k) merged += t.nodes[kids[k]].local;
                t.nodes[kids[0]].local = std::move(merged);
                kids.erase(kids.begin() + 1, kids.begin() + static_cast<std::ptrdiff_t>(texts));
            }
        }
    }

    // Declares the element's namespaces, then resolves its name and attributes.
    result<std::size_t> element(tree& t, pugi::xml_node e)
    {
        auto fail = [&](std::string detail) -> xso::error {
            return make_error(errc::xml_syntax, source_path(e), std::move(detail), source_offset(e));
        };
        for (pugi::xml_attribute a : e.attributes()) {
            std::string_view name = a.name();
            if (name == "xmlns") {
                scope_.bind(std::string_view(), a.value());
            } else if (name.size() > 6 && name.compare(0, 6, "xmlns:") == 0) {
                std::string_view prefix = name.substr(6);
                std::string_view uri = a.value();
                if (prefix == "xmlns") return fail("the prefix xmlns cannot be declared");
                if (prefix == "xml" ? uri != ns::xml : uri == ns::xml)
                    return fail("the prefix xml is bound to " + std::string(ns::xml) + " only");
                if (uri.empty()) return fail("empty namespace name for prefix " + std::string(prefix));
                scope_.bind(prefix, uri);
            }
        }

        node n;
        std::string_view qn = e.name();
        std::string_view uri;
        auto colon = qn.find(':');
        std::string_view prefix = colon == std::string_view::npos ? std::string_view() : qn.substr(0, colon);
        if (colon != std::string_view::npos && (colon == 0 || colon + 1 == qn.size()))
            return fail("malformed qualified name " + std::string(qn));
        if (!scope_.lookup(prefix, uri)) return fail("undeclared prefix");
        n.ns.assign(uri.data(), uri.size());
        n.local = std::string(local_part(qn));

        for (pugi::xml_attribute a : e.attributes()) {
            std::string_view an = a.name();
            if (an == "xmlns" || (an.size() > 6 && an.compare(0, 6, "xmlns:") == 0)) continue;
            attribute at;
            auto ac = an.find(':');
            if (ac == std::string_view::npos) {
                at.local = std::string(an);
            } else {
                if (ac == 0 || ac + 1 == an.size())
                    return fail("malformed qualified name " + std::string(an));
                std::string_view auri;
                std::string_view ap = an.substr(0, ac);
                if (ap == "xmlns" || !scope_.lookup(ap, auri)) return fail("undeclared prefix");
                at.ns.assign(auri.data(), auri.size());
                at.local = std::string(an.substr(ac + 1));
            }
            at.value = a.value();
            n.attrs.push_back(std::move(at));
        }
        std::sort(n.attrs.begin(), n.attrs.end(), [](const attribute& x, const attribute& y) {
            if (x.ns != y.ns) return x.ns < y.ns;
            return x.local < y.local;
        });
        for (std::size_t i = 1; i < n.attrs.size(); ++i) {
            if (n.attrs[i].ns == n.attrs[i - 1].ns && n.attrs[i].local == n.attrs[i - 1].local)
                return fail("duplicate attribute " + n.attrs[i].local);
        }
        t.nodes.push_back(std::move(n));
        return t.nodes.size() - 1;
    }

    const canonical_options& opts_;
    std::vector<std::string_view> unordered_;
    scope<> scope_;
};

template <class = void>
void escape(std::string& out, std::string_view s, bool attr)
{
    for (char c : s) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"':
            if (attr)
                out += "&quot;";
            else
                out += c;
            break;
        case '\t': out += "&#9;"; break;
        case '\n': out += "&#10;"; break;
        case '\r': out += "&#13;"; break;
        default: out += c;
        }
    }
}

// Namespace names are escaped further so that "{ns}local" stays one token.
template <class = void>
void escape_ns(std::string& out, std::string_view s)
{
    for (char c : s) {
        switch (c) {
        case ' ': out += "&#32;"; break;
        case '{': out += "&#123;"; break;
        case '}': out += "&#125;"; break;
        case '=': out += "&#61;"; break;
        default: escape(out, std::string_view(&c, 1), true);
        }
    }
}

template <class = void>
void write_name(std::string& out, const node& n)
{
    out += '{';
    escape_ns(out, n.ns);
    out += '}';
    out += n.local;
}

template <class = void>
void write_start(std::string& out, const node& n, bool empty)
{
    out += '<';
    write_name(out, n);
    for (const attribute& a : n.attrs) {
        out += ' ';
        if (!a.ns.empty()) {
            out += '{';
            escape_ns(out, a.ns);
            out += '}';
        }
        out += a.local;
        out += "=\"";
        escape(out, a.value, true);
        out += '"';
    }
    out += empty ? "/>" : ">";
}

template <class = void>
void write_end(std::string& out, const node& n)
{
    out += "</";
    write_name(out, n);
    out += '>';
}

// Indentation stops growing at this depth, so that deep inputs do not give quadratic output.
inline constexpr std::size_t max_indent_depth = 32;

// Writes the subtree `root` (or, for root == 0, all top-level nodes). `pretty`: one node a
// line, two spaces of indentation per level (up to max_indent_depth). Stops early once `out`
// exceeds `limit` bytes.
template <class = void>
void write(std::string& out, const tree& t, std::size_t root, bool pretty,
                  std::size_t limit = npos)
{
    struct frame {
        std::size_t idx;
        std::size_t next; // next child to write; npos: node not opened yet
        std::size_t depth;
    };
    std::vector<frame> stack;
    if (root == 0) {
        for (auto it = t.nodes[0].children.rbegin(); it != t.nodes[0].children.rend(); ++it)
            stack.push_back(frame{*it, npos, 0});
    } else {
        stack.push_back(frame{root, npos, 0});
    }
    auto indent = [&](std::size_t d) {
        if (pretty) out.append(2 * std::min(d, max_indent_depth), ' ');
    };
    auto newline = [&] {
        if (pretty) out += '\n';
    };
    while (!stack.empty() && out.size() <= limit) {
        frame& f = stack.back();
        const node& n = t.nodes[f.idx];
        if (n.is_text) {
            indent(f.depth);
            escape(out, n.local, false);
            newline();
            stack.pop_back();
            continue;
        }
        if (f.next == npos) {
            indent(f.depth);
            if (n.children.empty()) {
                write_start(out, n, true);
                newline();
                stack.pop_back();
                continue;
            }
            if (n.children.size() == 1 && t.nodes[n.children[0]].is_text) {
                write_start(out, n, false);
                escape(out, t.nodes[n.children[0]].local, false);
                write_end(out, n);
                newline();
                stack.pop_back();
                continue;
            }
            write_start(out, n, false);
            newline();
            f.next = 0;
        }
        if (f.next < n.children.size()) {
            std::size_t child = n.children[f.next++];
            std::size_t depth = f.depth + 1;
            stack.push_back(frame{child, npos, depth}); // `f` dangles now
            continue;
        }
        indent(f.depth);
        write_end(out, n);
        newline();
        stack.pop_back();
    }
}

template <class = void>
std::string snippet(const tree& t, std::size_t idx)
{
    constexpr std::size_t max = 160;
    std::string s;
    if (t.nodes[idx].is_text) {
        s += "text \"";
        escape(s, t.nodes[idx].local, false);
        s += '"';
    } else {
        write(s, t, idx, false, max);
    }
    if (s.size() > max) {
        std::size_t cut = max;
        while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut; // UTF-8
        s.resize(cut);
        s += "...";
    }
    return s;
}

template <class = void>
std::string start_tag(const tree& t, std::size_t idx)
{
    std::string s;
    write_start(s, t.nodes[idx], t.nodes[idx].children.empty());
    return s;
}

// Path segment of child number `pos` of `parent`: "item", "item[2]", "text()".
template <class = void>
std::string segment(const tree& t, std::size_t parent, std::size_t pos)
{
    const auto& kids = t.nodes[parent].children;
    const node& n = t.nodes[kids[pos]];
    if (n.is_text) return "text()";
    std::size_t count = 0, index = 0;
    for (std::size_t i = 0; i < kids.size(); ++i) {
        const node& s = t.nodes[kids[i]];
        if (s.is_text || s.local != n.local || s.ns != n.ns) continue;
        ++count;
        if (i == pos) index = count;
    }
    std::string seg = n.local;
    if (count > 1) seg += "[" + std::to_string(index) + "]";
    return seg;
}

template <class = void>
std::string attr_name(const attribute& a)
{
    std::string s;
    if (a.ns == ns::xml) {
        s += "xml:";
    } else if (!a.ns.empty()) {
        s += '{';
        s += a.ns;
        s += '}';
    }
    s += a.local;
    return s;
}

// Describes the first difference (document order of `a`) between two trees.
template <class = void>
std::string describe_difference(const tree& a, const tree& b)
{
    struct frame {
        std::size_t a, b;
        std::size_t pos;  // position of this node among its parent's children
        std::size_t next; // next child to compare
    };
    std::vector<frame> stack;
    stack.push_back(frame{0, 0, 0, 0});

    // Path of child `pos` of the node on top of the stack, computed only when reporting (the
    // nodes on the stack are equal in both trees up to here). Long paths keep both ends.
    auto path_to = [&](const tree& t, std::size_t parent, std::size_t pos) {
        std::vector<std::string> segs;
        for (std::size_t k = 1; k < stack.size(); ++k) segs.push_back(segment(a, stack[k - 1].a, stack[k].pos));
        segs.push_back(segment(t, parent, pos));
        constexpr std::size_t keep = 8;
        std::string p;
        for (std::size_t k = 0; k < segs.size(); ++k) {
            if (segs.size() > 3 * keep && k == keep) {
                p += "/...(" + std::to_string(segs.size() - 2 * keep) + " more)";
                k = segs.size() - keep - 1;
                continue;
            }
            if (k) p += '/';
            p += segs[k];
        }
        return p;
    };
    auto report = [](const std::string& path, const std::string& what, const std::string& sa,
                     const std::string& sb) { return path + ": " + what + "\n  a: " + sa + "\n  b: " + sb; };

    while (!stack.empty()) {
        frame& f = stack.back();
        const auto& ka = a.nodes[f.a].children;
        const auto& kb = b.nodes[f.b].children;
        std::size_t i = f.next;
        if (i >= ka.size() || i >= kb.size()) {
            if (ka.size() > kb.size())
                return report(path_to(a, f.a, i), "only in a", snippet(a, ka[i]), "(nothing)");
            if (kb.size() > ka.size())
                return report(path_to(b, f.b, i), "only in b", "(nothing)", snippet(b, kb[i]));
            stack.pop_back();
            continue;
        }
        ++f.next;
        const node& na = a.nodes[ka[i]];
        const node& nb = b.nodes[kb[i]];
        if (na.is_text != nb.is_text)
            return report(path_to(a, f.a, i), na.is_text ? "text vs. element" : "element vs. text",
                          snippet(a, ka[i]), snippet(b, kb[i]));
        if (na.is_text) {
            if (na.local != nb.local)
                return report(path_to(a, f.a, i), "text differs", snippet(a, ka[i]), snippet(b, kb[i]));
            continue;
        }
        if (na.ns != nb.ns || na.local != nb.local)
            return report(path_to(a, f.a, i), "element differs", snippet(a, ka[i]), snippet(b, kb[i]));
        for (std::size_t j = 0; j < na.attrs.size() || j < nb.attrs.size(); ++j) {
            const attribute* x = j < na.attrs.size() ? &na.attrs[j] : nullptr;
            const attribute* y = j < nb.attrs.size() ? &nb.attrs[j] : nullptr;
            if (x && y && x->ns == y->ns && x->local == y->local && x->value == y->value) continue;
            std::string what;
            const attribute* named = x;
            if (!y || (x && (x->ns != y->ns ? x->ns < y->ns : x->local < y->local))) {
                what = "attribute only in a";
            } else if (!x || (x->ns != y->ns || x->local != y->local)) {
                what = "attribute only in b";
                named = y;
            } else {
                what = "attribute value differs";
            }
            return report(path_to(a, f.a, i) + "/@" + attr_name(*named), what, start_tag(a, ka[i]),
                          start_tag(b, kb[i]));
        }
        std::size_t ca = ka[i], cb = kb[i];
        stack.push_back(frame{ca, cb, i, 0}); // `f` dangles now
    }
    return "canonical forms differ";
}

} // namespace detail::canonical

// Canonical text of a fragment holding one or more top-level elements: every element as
// {ns}local, attributes (xmlns declarations removed, prefixes resolved to {ns}) sorted by
// {ns}name, text nodes kept verbatim except whitespace-only ones, which are dropped; CDATA is
// text; adjacent text merged; comments/PIs ignored. Errors: errc::xml_syntax for input that
// pugixml rejects (its description, offset), for an undeclared prefix (detail "undeclared
// prefix", path and offset of the element), a duplicate attribute, and input without any element.
template <class = void>
result<std::string> canonical_form(std::string_view xml, const canonical_options& opts = {})
{
    auto t = detail::canonical::builder<>(opts).build(xml);
    if (!t) return std::move(t).error();
    std::string out;
    detail::canonical::write(out, *t, 0, true);
    return out;
}

// true when both parse and their canonical forms are equal; if they differ, `*diff` (if
// non-null) gets a short description of the first difference (path-like location + both
// snippets). A parse error of either input is returned, its detail prefixed "a: " or "b: ".
template <class = void>
result<bool> canonical_equal(std::string_view a, std::string_view b,
                                    const canonical_options& opts = {}, std::string* diff = nullptr)
{
    auto ta = detail::canonical::builder<>(opts).build(a);
    if (!ta) {
        xso::error e = std::move(ta).error();
        e.detail = "a: " + e.detail;
        return e;
    }
    auto tb = detail::canonical::builder<>(opts).build(b);
    if (!tb) {
        xso::error e = std::move(tb).error();
        e.detail = "b: " + e.detail;
        return e;
    }
    std::string fa, fb;
    detail::canonical::write(fa, *ta, 0, true);
    detail::canonical::write(fb, *tb, 0, true);
    bool equal = fa == fb;
    if (diff) {
        if (equal)
            diff->clear();
        else
            *diff = detail::canonical::describe_difference(*ta, *tb);
    }
    return equal;
}

} // namespace xso
