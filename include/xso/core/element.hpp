// xso::element: an opaque, owning, namespace-complete XML element (item payloads,
// application-specific conditions, content no schema describes), and
// xso::unknown_content, where parse keeps what did not bind to a member.
#pragma once

#include <algorithm>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include <pugixml.hpp>

#include <xso/core/document.hpp>
#include <xso/core/qname.hpp>
#include <xso/core/result.hpp>

namespace xso {

namespace detail {
class parse_ctx; // make elements that know where their bytes end
class writer;    // reads that

// Gives a copied subtree the declarations it relied on from its original ancestors:
// `scope` is the scope in force inside the original (its own declarations included).
inline void complete_declarations(pugi::xml_node copy, const ns_scope& scope)
{
    bool has_default = false;
    for (pugi::xml_attribute a = copy.first_attribute(); a; a = a.next_attribute()) {
        std::string_view p;
        if (is_ns_decl(a.name(), p) && p.empty()) has_default = true;
    }
    if (!has_default && !scope.default_ns().empty())
        copy.prepend_attribute("xmlns").set_value(std::string(scope.default_ns()).c_str());
    // Prefixed declarations used anywhere in the subtree and declared above it: none can
    // be when no prefix is bound at all (the usual stanza), and the walk is skipped.
    if (!scope.binds_prefixes()) return;
    std::vector<std::string> needed;
    auto note = [&](const char* raw) {
        std::string_view prefix, local;
        split_name(raw, prefix, local);
        if (prefix.empty() || prefix == "xml" || prefix == "xmlns") return;
        if (std::find(needed.begin(), needed.end(), prefix) == needed.end()) needed.emplace_back(prefix);
    };
    for (pugi::xml_node n = copy; n;) {
        note(n.name());
        for (pugi::xml_attribute a = n.first_attribute(); a; a = a.next_attribute()) note(a.name());
        pugi::xml_node next = n.first_child();
        while (next && next.type() != pugi::node_element) next = next.next_sibling();
        if (!next) {
            pugi::xml_node up = n;
            while (up && up != copy) {
                pugi::xml_node sib = up.next_sibling();
                while (sib && sib.type() != pugi::node_element) sib = sib.next_sibling();
                if (sib) {
                    next = sib;
                    break;
                }
                up = up.parent();
            }
        }
        n = next;
    }
    for (const std::string& prefix : needed) {
        std::string attr = "xmlns:" + prefix;
        if (copy.attribute(attr.c_str())) continue;
        std::string_view uri;
        if (scope.resolve(prefix, uri)) copy.append_attribute(attr.c_str()).set_value(std::string(uri).c_str());
    }
}

} // namespace detail

// An element value. Copies share the underlying DOM (which is never modified after
// construction), so copying is cheap and the value is immutable. Names and namespaces are
// resolved against every declaration in scope where the element was found, so the element
// means the same thing wherever it is written again.
class element {
public:
    element() = default;
    element(std::shared_ptr<const detail::element_store> store, pugi::xml_node node) noexcept
        : store_(std::move(store)), node_(node)
    {
    }

    // Parses one element from bytes (XMPP's restricted XML, see xso::parse_options).
    static result<element> parse(std::string_view xml, const parse_options& opts = with_no_default_ns())
    {
        auto store = std::make_shared<detail::element_store>();
        xso::error err;
        if (!detail::load(*store, xml, opts, err)) return err;
        pugi::xml_node root;
        for (pugi::xml_node n = store->doc.first_child(); n; n = n.next_sibling()) {
            if (n.type() != pugi::node_element) continue;
            if (root) return make_error(errc::unexpected_element, {}, "more than one top-level element",
                                        detail::node_offset(store.get(), n));
            root = n;
        }
        if (!root) return make_error(errc::xml_syntax, {}, "no element", 0);
        detail::ns_scope scope(store->default_ns);
        std::string rel;
        if (!detail::validate_subtree(root, scope, 0, opts, store.get(), err, rel)) {
            err.path = rel;
            return err;
        }
        store->note_prefixes(scope.saw_prefix_declaration());
        return element(std::move(store), root);
    }

    // Deep copy of a node from a DOM the caller owns. Declarations in scope at `n` that the
    // copy needs are added to the copy's root, so it is complete on its own.
    static element copy_of(pugi::xml_node n, std::string_view default_ns = {})
    {
        auto store = std::make_shared<detail::element_store>();
        store->default_ns = std::string(default_ns);
        pugi::xml_node copy = store->doc.append_copy(n);
        detail::ns_scope scope(default_ns);
        scope.seed_from_ancestors(n);
        detail::ns_scope::mark m;
        (void)scope.enter(n, m);
        detail::complete_declarations(copy, scope);
        return element(std::move(store), copy);
    }

    bool empty() const noexcept { return !node_; }
    explicit operator bool() const noexcept { return !empty(); }

    // Namespace and local name. The views stay valid while this element (or a copy) lives.
    qname name() const
    {
        if (!name_.local.empty()) return name_; // resolved by the parse that made it
        qname q;
        if (!node_) return q;
        std::string_view prefix;
        detail::split_name(node_.name(), prefix, q.local);
        q.ns = lookup_namespace(prefix).value_or(std::string_view{});
        return q;
    }
    std::string_view ns() const { return name().ns; }
    std::string_view local() const { return name().local; }

    // The namespace bound to `prefix` ("" = default namespace) where this element is.
    std::optional<std::string_view> lookup_namespace(std::string_view prefix) const
    {
        if (prefix == "xml") return ns::xml;
        for (pugi::xml_node n = node_; n && n.type() == pugi::node_element; n = n.parent()) {
            for (pugi::xml_attribute a = n.first_attribute(); a; a = a.next_attribute()) {
                std::string_view p;
                if (detail::is_ns_decl(a.name(), p) && p == prefix) return std::string_view(a.value());
            }
        }
        if (prefix.empty()) return store_ ? std::string_view(store_->default_ns) : std::string_view{};
        return std::nullopt;
    }

    // Value of the attribute {ns, local}; std::nullopt when absent.
    std::optional<std::string_view> attribute(std::string_view local, std::string_view ns = {}) const
    {
        for (pugi::xml_attribute a = node_.first_attribute(); a; a = a.next_attribute()) {
            std::string_view prefix, l, decl;
            if (detail::is_ns_decl(a.name(), decl)) continue;
            if (!detail::split_name(a.name(), prefix, l) || l != local) continue;
            std::string_view uri;
            if (!prefix.empty()) uri = lookup_namespace(prefix).value_or(std::string_view{});
            if (uri == ns) return std::string_view(a.value());
        }
        return std::nullopt;
    }

    // All character data directly inside this element, concatenated.
    std::string text() const
    {
        std::string s;
        for (pugi::xml_node c = node_.first_child(); c; c = c.next_sibling())
            if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) s += c.value();
        return s;
    }

    // Read-only view of the DOM. Prefixes in it may be declared on ancestors: resolve them
    // with lookup_namespace(), never by comparing prefixes.
    pugi::xml_node node() const noexcept { return node_; }
    const std::shared_ptr<const detail::element_store>& store() const noexcept { return store_; }

    // Structural equality: namespace-resolved names, attributes as sets (declarations
    // excluded), text and child order compared exactly. Prefixes do not matter.
    // Templates only so that including the header does not instantiate what the comparison
    // uses (docs/compile-time.md).
    template <class E, std::enable_if_t<std::is_same_v<E, element>, int> = 0>
    friend bool operator==(const E& a, const E& b)
    {
        return a.template canonical_events<>() == b.template canonical_events<>();
    }
    template <class E, std::enable_if_t<std::is_same_v<E, element>, int> = 0>
    friend bool operator!=(const E& a, const E& b) { return !(a == b); }

private:
    friend class detail::parse_ctx;
    friend class detail::writer;

    // For a node whose bytes in the store's source the parse read: they end at `source_end`,
    // so serializing copies them without looking for the end again; and named `name`, as
    // the parse resolved it (views into the store or static), so that name() does not
    // resolve it again: the serializer asks for it twice per payload. Only the parse makes
    // these, as a wrong offset would make the writer copy the wrong bytes.
    element(std::shared_ptr<const detail::element_store> store, pugi::xml_node node, std::size_t source_end,
            const qname& name) noexcept
        : store_(std::move(store)), node_(node), source_end_(source_end), name_(name)
    {
    }

    static parse_options with_no_default_ns()
    {
        parse_options o;
        o.default_ns = {};
        return o;
    }

    // The element as a flat list of canonical tokens (iterative: deep trees are fine).
    template <class = void>
    std::vector<std::string> canonical_events() const
    {
        std::vector<std::string> ev;
        if (!node_) return ev;
        detail::ns_scope scope(store_ ? std::string_view(store_->default_ns) : std::string_view{});
        scope.seed_from_ancestors(node_);
        struct frame {
            pugi::xml_node node;
            detail::ns_scope::mark mark;
        };
        std::vector<frame> stack;
        std::string pending_text;
        auto flush_text = [&] {
            if (!pending_text.empty()) {
                ev.push_back("T" + pending_text);
                pending_text.clear();
            }
        };
        pugi::xml_node cur = node_;
        bool descending = true;
        while (cur) {
            if (descending && cur.type() == pugi::node_element) {
                flush_text();
                frame f{cur, {}};
                (void)scope.enter(cur, f.mark);
                stack.push_back(f);
                qname q;
                scope.element_name(cur.name(), q);
                std::string start = "S{";
                start.append(q.ns).append("}").append(q.local);
                std::vector<std::string> attrs;
                for (pugi::xml_attribute a = cur.first_attribute(); a; a = a.next_attribute()) {
                    std::string_view d;
                    if (detail::is_ns_decl(a.name(), d)) continue;
                    qname aq;
                    scope.attribute_name(a.name(), aq);
                    std::string s = "{";
                    s.append(aq.ns).append("}").append(aq.local).append("=").append(a.value());
                    attrs.push_back(std::move(s));
                }
                std::sort(attrs.begin(), attrs.end());
                for (auto& s : attrs) start.append("\x1f").append(s);
                ev.push_back(std::move(start));
                if (pugi::xml_node c = cur.first_child()) {
                    cur = c;
                    continue;
                }
                descending = false;
            } else if (descending) {
                if (cur.type() == pugi::node_pcdata || cur.type() == pugi::node_cdata) pending_text += cur.value();
                descending = false;
            }
            // cur is finished: close it if it is an element, then move on.
            if (cur.type() == pugi::node_element) {
                flush_text();
                ev.push_back("E");
                scope.leave(stack.back().mark);
                stack.pop_back();
                if (stack.empty()) break;
            }
            if (pugi::xml_node s = cur.next_sibling()) {
                cur = s;
                descending = true;
            } else {
                cur = cur.parent();
                descending = false;
            }
        }
        return ev;
    }

    std::shared_ptr<const detail::element_store> store_;
    pugi::xml_node node_;
    std::size_t source_end_ = npos; // where node_'s bytes end in the source; npos: not known
    qname name_;                    // node_'s name when the parse gave it; local empty: not known
};

// An attribute that no member bound.
struct attribute {
    std::string ns;    // empty: no namespace
    std::string local;
    std::string value;

    friend bool operator==(const attribute& a, const attribute& b)
    {
        return a.ns == b.ns && a.local == b.local && a.value == b.value;
    }
    friend bool operator!=(const attribute& a, const attribute& b) { return !(a == b); }
};

// What parse kept because no member bound it; serialize writes it back after the known
// content. Empty unless the peer sent extensions.
struct unknown_content {
    std::vector<attribute> attributes;
    std::vector<element> elements;
    std::string text; // non-whitespace text found in element-only content

    bool empty() const noexcept { return attributes.empty() && elements.empty() && text.empty(); }

    template <class U, std::enable_if_t<std::is_same_v<U, unknown_content>, int> = 0>
    friend bool operator==(const U& a, const U& b)
    {
        return a.attributes == b.attributes && a.elements == b.elements && a.text == b.text;
    }
    template <class U, std::enable_if_t<std::is_same_v<U, unknown_content>, int> = 0>
    friend bool operator!=(const U& a, const U& b) { return !(a == b); }
};

} // namespace xso
