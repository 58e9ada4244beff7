// Generic parse: bytes or a pugixml node in, a generated struct (or a variant of them, or
// an xso::element) out. One implementation for every type, driven by xso_members.
//
// The DOM is walked once, children in document order: each child element is matched on
// {namespace, local name} against the members, so input order does not matter, duplicates
// and unknown content are noticed, and prefixes never matter.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include <pugixml.hpp>

#include <xso/core/document.hpp>
#include <xso/core/element.hpp>
#include <xso/core/meta.hpp>
#include <xso/core/reflect.hpp>
#include <xso/core/result.hpp>
#include <xso/core/value_io.hpp>

namespace xso {
namespace detail {

template <class T>
struct is_vector : std::false_type {};
template <class T, class A>
struct is_vector<std::vector<T, A>> : std::true_type {
    using type = T;
};
template <class T>
struct is_variant : std::false_type {};
template <class... A>
struct is_variant<std::variant<A...>> : std::true_type {};

// The element type inside std::optional<X> / std::vector<X> / X.
template <class M>
struct slot_type {
    using type = M;
};
template <class X>
struct slot_type<std::optional<X>> {
    using type = X;
};
template <class X, class A>
struct slot_type<std::vector<X, A>> {
    using type = X;
};
template <class M>
using slot_t = typename slot_type<M>::type;

inline void prepend_path(std::string& path, std::string_view segment)
{
    if (path.empty()) path.assign(segment);
    else {
        std::string s;
        s.reserve(segment.size() + 1 + path.size());
        s.append(segment).append("/").append(path);
        path.swap(s);
    }
}

inline std::string qname_text(const qname& q)
{
    std::string s = "{";
    s.append(q.ns).append("}").append(q.local);
    return s;
}

class parse_ctx {
public:
    parse_ctx(const parse_options& o, std::shared_ptr<element_store> s, bool borrowed)
        : opts(o), store_(std::move(s)), borrowed_(borrowed), scope(borrowed ? o.default_ns : std::string_view(store_->default_ns))
    {
    }

    const parse_options& opts;
    std::shared_ptr<element_store> store_; // where xso::element handles point
    bool borrowed_;                         // the DOM is the caller's: payloads are copied into store_
    ns_scope scope;
    std::vector<std::string_view> known_ns;
    std::size_t depth = 0;
    xso::error err;

    const element_store* offsets() const noexcept { return borrowed_ ? nullptr : store_.get(); }

    bool fail(errc code, std::string path, std::string detail, std::size_t offset)
    {
        err = make_error(code, std::move(path), std::move(detail), offset, origin::remote);
        return false;
    }

    bool is_ours(std::string_view uri) const noexcept
    {
        for (auto k : known_ns)
            if (k == uri) return true;
        return false;
    }

    // An owning handle on `n`, whose scope has been entered.
    element make_element(pugi::xml_node n)
    {
        if (!borrowed_) return element(store_, n);
        if (!store_) store_ = std::make_shared<element_store>();
        pugi::xml_node copy = store_->doc.append_copy(n);
        complete_declarations(copy, scope);
        return element(store_, copy);
    }

    // Checks a subtree kept opaque (payload or unknown child), whose scope has been entered.
    bool check_opaque(pugi::xml_node n, std::string_view segment)
    {
        std::string rel;
        if (!validate_subtree(n, scope, depth, opts, offsets(), err, rel)) {
            // rel starts with n's own local name; replace it with the caller's segment.
            auto slash = rel.find('/');
            err.path = std::string(segment) + (slash == std::string::npos ? std::string() : rel.substr(slash));
            return false;
        }
        return true;
    }
};

// Does element {q} bind to generated type U?
template <class U>
bool element_matches(const qname& q) noexcept
{
    if constexpr (is_condition_v<U>) {
        return q.ns == U::xso_condition_ns && from_token<typename U::xso_condition_enum>(q.local).has_value();
    } else if constexpr (is_element_v<U>) {
        if (q.local != U::xso_qname.local) return false;
        if (q.ns == U::xso_qname.ns) return true;
        return ns_filter::contains(U::xso_alt_ns, q.ns);
    } else {
        return false;
    }
}

template <class T>
constexpr std::string_view own_ns()
{
    if constexpr (is_condition_v<T>) return T::xso_condition_ns;
    else return T::xso_qname.ns;
}

template <class T>
bool parse_reflected(T& obj, pugi::xml_node node, const qname& self, parse_ctx& c);

// Parses element `n` into `out` (a generated type, a variant alternative chosen by name, or
// an opaque element). `filter` is the any-filter for an xso::element alternative.
template <class X>
bool parse_value_element(X& out, pugi::xml_node n, const qname& q, std::string_view segment, parse_ctx& c)
{
    if constexpr (std::is_same_v<X, element>) {
        if (!c.check_opaque(n, segment)) return false;
        out = c.make_element(n);
        return true;
    } else if constexpr (is_reflected_v<X>) {
        if (!parse_reflected(out, n, q, c)) {
            prepend_path(c.err.path, segment);
            return false;
        }
        return true;
    } else {
        static_assert(sizeof(X) == 0, "xso: unsupported child type");
        return false;
    }
}

template <class V, std::size_t J = 0>
bool variant_matches(const qname& q, const member_info& mi, std::string_view owner_ns)
{
    if constexpr (J == std::variant_size_v<V>) {
        return false;
    } else {
        using A = std::variant_alternative_t<J, V>;
        if constexpr (std::is_same_v<A, element>) {
            if (mi.any_ns.matches(q.ns, owner_ns)) return true;
        } else {
            if (element_matches<A>(q)) return true;
        }
        return variant_matches<V, J + 1>(q, mi, owner_ns);
    }
}

template <class V, std::size_t J = 0>
bool parse_variant(V& out, pugi::xml_node n, const qname& q, std::string_view segment, parse_ctx& c)
{
    if constexpr (J == std::variant_size_v<V>) {
        return c.fail(errc::unexpected_element, std::string(segment), "no alternative accepts " + qname_text(q),
                      node_offset(c.offsets(), n));
    } else {
        using A = std::variant_alternative_t<J, V>;
        // Typed alternatives first; the xso::element fallback is always last in a schema.
        if constexpr (!std::is_same_v<A, element>) {
            if (element_matches<A>(q)) return parse_value_element(out.template emplace<J>(), n, q, segment, c);
        } else {
            return parse_value_element(out.template emplace<J>(), n, q, segment, c);
        }
        return parse_variant<V, J + 1>(out, n, q, segment, c);
    }
}

inline std::string list_segment(std::string_view local, std::size_t index)
{
    std::string s(local);
    s += '[';
    s += std::to_string(index);
    s += ']';
    return s;
}

// Text content of a text-only element (leaf). Fails on element children or attributes.
inline bool leaf_text(pugi::xml_node n, std::string& out, parse_ctx& c, std::string_view segment)
{
    for (pugi::xml_attribute a = n.first_attribute(); a; a = a.next_attribute()) {
        std::string_view p;
        if (is_ns_decl(a.name(), p)) continue;
        return c.fail(errc::unknown_attribute, std::string(segment) + "/@" + a.name(),
                      "attribute on an element that carries only text", attribute_offset(c.offsets(), a));
    }
    for (pugi::xml_node ch = n.first_child(); ch; ch = ch.next_sibling()) {
        if (ch.type() == pugi::node_pcdata || ch.type() == pugi::node_cdata) out += ch.value();
        else if (ch.type() == pugi::node_element)
            return c.fail(errc::unknown_child, std::string(segment) + "/" + ch.name(),
                          "element inside an element that carries only text", node_offset(c.offsets(), ch));
    }
    return true;
}

// ---------------------------------------------------------------------------------------
// Per-member parsers, instantiated per (type, member index) and reached through tables.

template <class T, std::size_t I>
bool parse_attribute_member(T& obj, pugi::xml_attribute a, parse_ctx& c)
{
    constexpr const member_info& mi = std::get<I>(T::xso_members);
    if constexpr (mi.kind == member_kind::attribute) {
        std::string why;
        if (!read_value(member_ref<I>(obj), a.value(), mi, why))
            return c.fail(errc::invalid_value, std::string("@") + a.name(), std::move(why), attribute_offset(c.offsets(), a));
        return true;
    } else {
        (void)obj, (void)a;
        return c.fail(errc::unexpected_element, {}, "internal: not an attribute member", npos);
    }
}

template <class T, std::size_t I>
bool member_accepts(const qname& q)
{
    constexpr const member_info& mi = std::get<I>(T::xso_members);
    using M = std::decay_t<decltype(member_ref<I>(std::declval<T&>()))>;
    if constexpr (mi.kind == member_kind::child) {
        return element_matches<slot_t<M>>(q);
    } else if constexpr (mi.kind == member_kind::leaf || mi.kind == member_kind::flag) {
        // Leaves in the parent's namespace follow the parent into its alternative
        // namespaces (<thread/> of a jabber:server message).
        if (q == mi.name) return true;
        if constexpr (is_element_v<T>)
            return q.local == mi.name.local && mi.name.ns == T::xso_qname.ns && ns_filter::contains(T::xso_alt_ns, q.ns);
        return false;
    } else if constexpr (mi.kind == member_kind::choice) {
        return variant_matches<slot_t<M>>(q, mi, own_ns<T>());
    } else if constexpr (mi.kind == member_kind::any) {
        return mi.any_ns.matches(q.ns, own_ns<T>());
    } else {
        (void)q;
        return false;
    }
}

// Places a new value in a member slot (single, optional or list) and returns it with the
// path segment to report, or nullptr on a duplicate.
template <class M>
auto* open_slot(M& m, bool& seen, std::string_view local, std::string& segment)
{
    if constexpr (is_vector<M>::value) {
        segment = list_segment(local, m.size() + 1);
        return &m.emplace_back();
    } else if constexpr (is_optional<M>::value) {
        segment.assign(local);
        if (m.has_value()) return static_cast<typename is_optional<M>::type*>(nullptr);
        return &m.emplace();
    } else {
        segment.assign(local);
        if (seen) return static_cast<M*>(nullptr);
        seen = true;
        return &m;
    }
}

template <class T, std::size_t I>
bool parse_child_member(T& obj, pugi::xml_node n, const qname& q, bool& seen, parse_ctx& c)
{
    constexpr const member_info& mi = std::get<I>(T::xso_members);
    auto& m = member_ref<I>(obj);
    std::string segment;
    if constexpr (mi.kind == member_kind::flag) {
        segment.assign(q.local);
        if (m) return c.fail(errc::duplicate_child, segment, "appears twice", node_offset(c.offsets(), n));
        std::string text;
        if (!leaf_text(n, text, c, segment)) return false;
        if (!is_whitespace(text))
            return c.fail(errc::invalid_value, segment, "must be empty", node_offset(c.offsets(), n));
        m = true;
        seen = true;
        return true;
    } else if constexpr (mi.kind == member_kind::child || mi.kind == member_kind::leaf ||
                         mi.kind == member_kind::choice || mi.kind == member_kind::any) {
        auto* slot = open_slot(m, seen, q.local, segment);
        if (!slot) return c.fail(errc::duplicate_child, segment, "appears twice", node_offset(c.offsets(), n));
        using X = std::remove_pointer_t<decltype(slot)>;
        if constexpr (mi.kind == member_kind::leaf) {
            std::string text;
            if (!leaf_text(n, text, c, segment)) return false;
            std::string why;
            if (!read_value(*slot, text, mi, why))
                return c.fail(errc::invalid_value, segment, std::move(why), node_offset(c.offsets(), n));
            return true;
        } else if constexpr (mi.kind == member_kind::choice) {
            return parse_variant(*slot, n, q, segment, c);
        } else {
            static_assert(mi.kind != member_kind::any || std::is_same_v<X, element>, "any members hold xso::element");
            return parse_value_element(*slot, n, q, segment, c);
        }
    } else {
        (void)m, (void)n, (void)q, (void)seen;
        return c.fail(errc::unexpected_element, {}, "internal: not a child member", npos);
    }
}

template <class T>
struct member_table {
    static constexpr std::size_t size = member_count<T>;
    using attr_fn = bool (*)(T&, pugi::xml_attribute, parse_ctx&);
    using child_fn = bool (*)(T&, pugi::xml_node, const qname&, bool&, parse_ctx&);
    using match_fn = bool (*)(const qname&);

    template <std::size_t... I>
    static constexpr std::array<attr_fn, size> make_attr(std::index_sequence<I...>)
    {
        return {{&parse_attribute_member<T, I>...}};
    }
    template <std::size_t... I>
    static constexpr std::array<child_fn, size> make_child(std::index_sequence<I...>)
    {
        return {{&parse_child_member<T, I>...}};
    }
    template <std::size_t... I>
    static constexpr std::array<match_fn, size> make_match(std::index_sequence<I...>)
    {
        return {{&member_accepts<T, I>...}};
    }
    static constexpr std::array<attr_fn, size> attr = make_attr(std::make_index_sequence<size>{});
    static constexpr std::array<child_fn, size> child = make_child(std::make_index_sequence<size>{});
    static constexpr std::array<match_fn, size> match = make_match(std::make_index_sequence<size>{});
};

template <class T>
constexpr int text_member_index()
{
    for (std::size_t i = 0; i < member_count<T>; ++i)
        if (T::xso_members[i].kind == member_kind::text) return static_cast<int>(i);
    return -1;
}
template <class T>
constexpr int unknown_member_index()
{
    for (std::size_t i = 0; i < member_count<T>; ++i)
        if (T::xso_members[i].kind == member_kind::unknown) return static_cast<int>(i);
    return -1;
}

template <class T, std::size_t I>
bool assign_text(T& obj, std::string&& text, parse_ctx& c, std::size_t offset)
{
    constexpr const member_info& mi = std::get<I>(T::xso_members);
    auto& m = member_ref<I>(obj);
    using M = std::decay_t<decltype(m)>;
    if constexpr (std::is_same_v<M, std::string>) {
        std::string why;
        if (!check_string_kind(text, mi.value_type, why)) return c.fail(errc::invalid_value, "text()", std::move(why), offset);
        m = std::move(text);
        return true;
    } else if constexpr (is_optional<M>::value) {
        if (is_whitespace(text)) return true; // absent
        std::string why;
        if (!read_value(m, text, mi, why)) return c.fail(errc::invalid_value, "text()", std::move(why), offset);
        return true;
    } else {
        std::string why;
        if (!read_value(m, text, mi, why)) return c.fail(errc::invalid_value, "text()", std::move(why), offset);
        return true;
    }
}

template <class T, std::size_t I>
bool check_required(const T& obj, std::uint64_t seen, parse_ctx& c, pugi::xml_node node)
{
    constexpr const member_info& mi = std::get<I>(T::xso_members);
    const auto& m = member_ref<I>(obj);
    using M = std::decay_t<decltype(m)>;
    if constexpr (mi.kind == member_kind::condition || mi.kind == member_kind::unknown) {
        return true;
    } else {
        if constexpr (is_vector<M>::value) {
            if (m.size() < mi.min_occurs) {
                return c.fail(errc::too_few_children, std::string(mi.name.local.empty() ? mi.member : mi.name.local),
                              "at least " + std::to_string(mi.min_occurs) + " needed", node_offset(c.offsets(), node));
            }
            return true;
        } else {
            if (!mi.is_required()) return true;
            if constexpr (is_condition_v<T>) {
                if (!mi.condition.empty() && mi.condition != to_token(obj.condition)) return true;
            }
            bool present = (seen >> I) & 1u;
            if constexpr (is_optional<M>::value) present = m.has_value();
            if (present) return true;
            if (mi.kind == member_kind::attribute)
                return c.fail(errc::missing_attribute, std::string("@") + std::string(mi.name.local), "required attribute missing",
                              node_offset(c.offsets(), node));
            if (mi.kind == member_kind::text) return true; // empty text is a value
            return c.fail(errc::missing_child, std::string(mi.name.local.empty() ? mi.member : mi.name.local),
                          "required child missing", node_offset(c.offsets(), node));
        }
    }
}

template <class T, std::size_t... I>
bool check_all_required(const T& obj, std::uint64_t seen, parse_ctx& c, pugi::xml_node node, std::index_sequence<I...>)
{
    return (check_required<T, I>(obj, seen, c, node) && ...);
}

template <class T>
bool keep_unknown_element(T& obj, pugi::xml_node n, const qname& q, parse_ctx& c)
{
    if (c.opts.strict && c.is_ours(q.ns))
        return c.fail(errc::unknown_child, std::string(q.local), qname_text(q) + " binds to no member",
                      node_offset(c.offsets(), n));
    if (!c.check_opaque(n, q.local)) return false;
    constexpr int u = unknown_member_index<T>();
    static_assert(u >= 0, "xso: generated structs end with an unknown_content member");
    member_ref<static_cast<std::size_t>(u)>(obj).elements.push_back(c.make_element(n));
    return true;
}

template <class T>
bool parse_reflected(T& obj, pugi::xml_node node, const qname& self, parse_ctx& c)
{
    static_assert(members_aligned<T>(), "xso: xso_members must describe every Hana member, in order");
    static_assert(member_count<T> <= 64, "xso: at most 64 members");
    using table = member_table<T>;
    constexpr std::size_t N = member_count<T>;
    constexpr int text_idx = text_member_index<T>();
    constexpr int unknown_idx = unknown_member_index<T>();
    auto& unknown = member_ref<static_cast<std::size_t>(unknown_idx)>(obj);

    if (++c.depth > c.opts.limits.max_depth)
        return c.fail(errc::limit_exceeded, {}, "nesting deeper than parse_limits::max_depth", node_offset(c.offsets(), node));

    if constexpr (is_condition_v<T>) obj.condition = *from_token<typename T::xso_condition_enum>(self.local);

    std::uint64_t seen = 0;
    std::size_t attributes = 0;
    for (pugi::xml_attribute a = node.first_attribute(); a; a = a.next_attribute()) {
        if (++attributes > c.opts.limits.max_attributes)
            return c.fail(errc::limit_exceeded, {}, "more attributes than parse_limits::max_attributes",
                          attribute_offset(c.offsets(), a));
        std::string_view decl;
        if (is_ns_decl(a.name(), decl)) continue;
        qname aq;
        if (!c.scope.attribute_name(a.name(), aq))
            return c.fail(errc::xml_syntax, std::string("@") + a.name(), "undeclared namespace prefix",
                          attribute_offset(c.offsets(), a));
        std::size_t idx = N;
        for (std::size_t i = 0; i < N; ++i)
            if (T::xso_members[i].kind == member_kind::attribute && T::xso_members[i].name == aq) {
                idx = i;
                break;
            }
        if (idx < N) {
            if ((seen >> idx) & 1u)
                return c.fail(errc::duplicate_attribute, std::string("@") + a.name(), "attribute appears twice",
                              attribute_offset(c.offsets(), a));
            seen |= std::uint64_t(1) << idx;
            if (!table::attr[idx](obj, a, c)) return false;
            continue;
        }
        for (const attribute& prev : unknown.attributes)
            if (prev.ns == aq.ns && prev.local == aq.local)
                return c.fail(errc::duplicate_attribute, std::string("@") + a.name(), "attribute appears twice",
                              attribute_offset(c.offsets(), a));
        if (c.opts.strict && c.is_ours(aq.ns.empty() ? self.ns : aq.ns))
            return c.fail(errc::unknown_attribute, std::string("@") + a.name(), "not an attribute of " + qname_text(self),
                          attribute_offset(c.offsets(), a));
        unknown.attributes.push_back(attribute{std::string(aq.ns), std::string(aq.local), std::string(a.value())});
    }

    std::string text;
    std::size_t text_offset = npos;
    std::size_t hint = N;
    for (pugi::xml_node ch = node.first_child(); ch; ch = ch.next_sibling()) {
        const pugi::xml_node_type type = ch.type();
        if (type == pugi::node_element) {
            ns_scope::mark mark;
            std::string_view bad = c.scope.enter(ch, mark);
            if (!bad.empty()) return c.fail(errc::xml_syntax, ch.name(), std::string(bad), node_offset(c.offsets(), ch));
            qname q;
            if (!c.scope.element_name(ch.name(), q)) {
                c.scope.leave(mark);
                return c.fail(errc::xml_syntax, ch.name(), "undeclared namespace prefix", node_offset(c.offsets(), ch));
            }
            std::size_t idx = N;
            if (hint < N && T::xso_members[hint].kind != member_kind::any && table::match[hint](q)) {
                idx = hint;
            } else {
                // Named members first, then any-slots (the fallback for what nothing names).
                for (std::size_t i = 0; i < N; ++i)
                    if (T::xso_members[i].kind != member_kind::any && table::match[i](q)) {
                        idx = i;
                        break;
                    }
                if (idx == N)
                    for (std::size_t i = 0; i < N; ++i)
                        if (T::xso_members[i].kind == member_kind::any && table::match[i](q)) {
                            idx = i;
                            break;
                        }
            }
            bool ok;
            if (idx < N) {
                bool seen_bit = (seen >> idx) & 1u;
                ok = table::child[idx](obj, ch, q, seen_bit, c);
                if (seen_bit) seen |= std::uint64_t(1) << idx;
                hint = idx;
            } else {
                ok = keep_unknown_element(obj, ch, q, c);
            }
            c.scope.leave(mark);
            if (!ok) return false;
        } else if (type == pugi::node_pcdata || type == pugi::node_cdata) {
            if constexpr (text_idx >= 0) {
                if (text_offset == npos) text_offset = node_offset(c.offsets(), node);
                text += ch.value();
            } else {
                const char* v = ch.value();
                if (!is_whitespace(v)) {
                    if (c.opts.strict)
                        return c.fail(errc::unexpected_text, "text()", "text in element-only content",
                                      node_offset(c.offsets(), node));
                    unknown.text += v;
                }
            }
        }
    }
    if constexpr (text_idx >= 0) {
        if (!assign_text<T, static_cast<std::size_t>(text_idx)>(obj, std::move(text), c, text_offset)) return false;
    }
    if (!check_all_required(obj, seen, c, node, std::make_index_sequence<N>{})) return false;
    --c.depth;
    return true;
}

template <class T>
struct known_ns_of {
    static void add(std::vector<std::string_view>& out)
    {
        if constexpr (is_reflected_v<T>)
            for (auto n : T::xso_known_ns) out.push_back(n);
    }
};
template <class... A>
struct known_ns_of<std::variant<A...>> {
    static void add(std::vector<std::string_view>& out) { (known_ns_of<A>::add(out), ...); }
};

// Parses `node` (a DOM element) as T. `borrowed`: the DOM is the caller's.
template <class T>
result<T> parse_root(pugi::xml_node node, std::shared_ptr<element_store> store, bool borrowed, const parse_options& opts)
{
    parse_ctx c(opts, std::move(store), borrowed);
    c.scope.seed_from_ancestors(node); // a payload bound later, or the caller's DOM
    known_ns_of<T>::add(c.known_ns);
    ns_scope::mark mark;
    std::string_view bad = c.scope.enter(node, mark);
    std::string_view prefix, local;
    split_name(node.name(), prefix, local);
    if (!bad.empty()) return make_error(errc::xml_syntax, std::string(local), std::string(bad), node_offset(c.offsets(), node));
    qname q;
    if (!c.scope.element_name(node.name(), q))
        return make_error(errc::xml_syntax, std::string(local), "undeclared namespace prefix", node_offset(c.offsets(), node));
    T out{};
    bool ok;
    if constexpr (std::is_same_v<T, element>) {
        ok = c.check_opaque(node, q.local);
        if (ok) out = c.make_element(node);
    } else if constexpr (is_variant<T>::value) {
        if (!variant_matches<T>(q, member_info{}, {}))
            return make_error(errc::unexpected_element, std::string(q.local), "unexpected root element " + qname_text(q),
                              node_offset(c.offsets(), node));
        ok = parse_variant(out, node, q, q.local, c);
    } else {
        static_assert(is_reflected_v<T>, "xso::parse<T>: T must be a generated type, a std::variant of them, or xso::element");
        if (!element_matches<T>(q)) {
            std::string expected = is_condition_v<T> ? std::string("a condition of ") + std::string(own_ns<T>())
                                                     : qname_text({own_ns<T>(), T::xso_qname.local});
            if constexpr (!is_condition_v<T>) expected = qname_text(T::xso_qname);
            return make_error(errc::unexpected_element, std::string(q.local),
                              "expected " + expected + ", found " + qname_text(q), node_offset(c.offsets(), node));
        }
        ok = parse_reflected(out, node, q, c);
        if (!ok) prepend_path(c.err.path, q.local);
    }
    if (!ok) return std::move(c.err);
    return out;
}

inline std::vector<pugi::xml_node> top_level_elements(const element_store& s)
{
    std::vector<pugi::xml_node> v;
    for (pugi::xml_node n = s.doc.first_child(); n; n = n.next_sibling())
        if (n.type() == pugi::node_element) v.push_back(n);
    return v;
}

} // namespace detail

// Parses one element (a stanza or a payload) from bytes. T: a generated type, a
// std::variant of generated types (chosen by the root's name) or xso::element.
// Errors are remote (the input is to blame) and carry code, path and byte offset.
template <class T>
result<T> parse(std::string_view bytes, const parse_options& opts = {})
{
    auto store = std::make_shared<detail::element_store>();
    xso::error err;
    if (!detail::load(*store, bytes, opts, err)) return err;
    auto roots = detail::top_level_elements(*store);
    if (roots.empty()) return make_error(errc::xml_syntax, {}, "no element in input", 0);
    if (roots.size() > 1)
        return make_error(errc::unexpected_element, {}, "more than one top-level element (use parse_sequence)",
                          detail::node_offset(store.get(), roots[1]));
    pugi::xml_node root = roots.front();
    return detail::parse_root<T>(root, std::move(store), false, opts);
}

// Parses a sequence of top-level elements (several stanzas, as in a capture or the XEP
// examples), each as T.
template <class T>
result<std::vector<T>> parse_sequence(std::string_view bytes, const parse_options& opts = {})
{
    auto store = std::make_shared<detail::element_store>();
    xso::error err;
    if (!detail::load(*store, bytes, opts, err)) return err;
    std::vector<T> out;
    for (pugi::xml_node n : detail::top_level_elements(*store)) {
        auto r = detail::parse_root<T>(n, store, false, opts);
        if (!r) return std::move(r).error();
        out.push_back(std::move(*r));
    }
    return out;
}

// Parses an element of a DOM the caller owns (e.g. a stanza from their XMPP stack).
// Namespace declarations of its ancestors are honoured; opaque parts (payloads, unknown
// content) are copied, so the result does not depend on the caller's document.
template <class T>
result<T> parse(pugi::xml_node node, const parse_options& opts = {})
{
    if (!node || node.type() != pugi::node_element) return make_error(errc::xml_syntax, {}, "not an element node");
    return detail::parse_root<T>(node, nullptr, true, opts);
}

// Binds an opaque element (an item payload, say) to a generated type.
template <class T>
result<T> parse(const element& e, const parse_options& opts = {})
{
    if (e.empty()) return make_error(errc::missing_child, {}, "empty element");
    // The store is shared and never modified: handles into it stay valid.
    auto store = std::const_pointer_cast<detail::element_store>(e.store());
    return detail::parse_root<T>(e.node(), std::move(store), false, opts);
}

} // namespace xso
