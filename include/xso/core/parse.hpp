// Generic parse: bytes or a pugixml node in, a generated struct (or a variant of them, or
// an xso::element) out. One implementation for every type, driven by xso_members.
//
// The DOM is walked once, children in document order: each child element is matched on
// {namespace, local name} against the members, so input order does not matter, duplicates
// and unknown content are noticed, and prefixes never matter. The walk itself is ordinary
// code over type-erased tables (binding.hpp); only small per-member-type operations are
// templates.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <optional>
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
#include <xso/core/reflect.hpp>
#include <xso/core/result.hpp>
#include <xso/core/value_io.hpp>

namespace xso {
namespace detail {

// A path segment ("item[3]", "title"), turned into a string only when an error needs it:
// building one for every child would cost more than the rest of its binding.
struct lazy_segment {
    std::string_view local;
    std::size_t index = 0; // 1-based position in a list; 0 when the member is not a list
    std::string str() const { return index ? list_segment(local, index) : std::string(local); }
};

class parse_ctx {
public:
    parse_ctx(const parse_options& o, std::shared_ptr<element_store> s, bool borrowed)
        : opts(o), store_(std::move(s)), borrowed_(borrowed),
          scope(borrowed || !store_ ? o.default_ns : std::string_view(store_->default_ns))
    {
    }

    const parse_options& opts;
    std::shared_ptr<element_store> store_; // where xso::element handles point
    bool borrowed_;                         // the DOM is the caller's: payloads are copied into store_
    ns_scope scope;
    std::vector<std::string_view> known_ns;
    std::size_t depth = 0;
    xso::error err;
    std::vector<subtree_frame> subtree_stack; // validate_subtree's scratch, reused for every payload

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

    // A subtree kept opaque (payload or unknown child) named `q`, whose scope has been
    // entered: checked, then held as an element that knows where its bytes end when they
    // were read, and its name.
    bool opaque_element(pugi::xml_node n, const qname& q, const lazy_segment& segment, element& out)
    {
        std::size_t source_end;
        if (!check_opaque(n, segment, &source_end)) return false;
        out = make_element(n, q, source_end);
        return true;
    }

private:
    // An owning handle on `n`. `source_end`: where n's bytes end in the source, or npos.
    element make_element(pugi::xml_node n, const qname& q, std::size_t source_end)
    {
        // The name resolved here views the store (its DOM, its default namespace) or a
        // static: it stays valid as long as the element. Not so for a caller's DOM.
        if (!borrowed_) return element(store_, n, source_end, q);
        if (!store_) store_ = std::make_shared<element_store>();
        pugi::xml_node copy = store_->doc.append_copy(n);
        complete_declarations(copy, scope);
        return element(store_, copy);
    }

    bool check_opaque(pugi::xml_node n, const lazy_segment& segment, std::size_t* source_end)
    {
        std::string rel;
        if (subtree_stack.capacity() == 0) subtree_stack.reserve(16); // one allocation per parse, not per level
        if (!validate_subtree(n, scope, depth, opts, offsets(), err, rel, subtree_stack, source_end)) {
            // rel starts with n's own local name; replace it with the caller's segment.
            auto slash = rel.find('/');
            err.path = segment.str() + (slash == std::string::npos ? std::string() : rel.substr(slash));
            return false;
        }
        return true;
    }
};

struct parse_member_ops;

// A generated type with its parse operations (one pointer per member row), and the rows
// check_required() has to look at (required members, lists with a minimum).
struct parse_type {
    const type_desc* desc;
    const parse_member_ops* const* ops;
    const unsigned char* required_rows;
    std::size_t required_count;
};

template <class T>
constexpr const parse_type& parse_type_of() noexcept;

// One alternative of a variant: its type (nullptr for the xso::element fallback) and how
// to make it the active one.
struct parse_alternative {
    const parse_type* type;
    // The alternative's object in a variant that holds its default (alternative 0,
    // value-initialized), made the alternative's first when it is another one.
    void* (*emplace)(void* variant);
};

template <class V>
struct parse_variant_table;

inline bool parse_struct(void* obj, const parse_type& t, pugi::xml_node node, const qname& self, parse_ctx& c);

// Text content of a text-only element (leaf). Fails on element children or attributes.
// `text` views pugixml's buffer when the content is one text node (the usual case, no
// copy); pieces (text around a CDATA section) are joined in `joined`, which it then views.
inline bool leaf_text(pugi::xml_node n, std::string& joined, std::string_view& text, parse_ctx& c, const lazy_segment& segment)
{
    for (pugi::xml_attribute a = n.first_attribute(); a; a = a.next_attribute()) {
        std::string_view p;
        if (is_ns_decl(a.name(), p)) continue;
        return c.fail(errc::unknown_attribute, segment.str() + "/@" + a.name(),
                      "attribute on an element that carries only text", attribute_offset(c.offsets(), a));
    }
    std::size_t pieces = 0;
    for (pugi::xml_node ch = n.first_child(); ch; ch = ch.next_sibling()) {
        const pugi::xml_node_type type = ch.type();
        if (type == pugi::node_pcdata || type == pugi::node_cdata) {
            if (++pieces == 1) {
                text = ch.value();
                continue;
            }
            if (pieces == 2) joined.assign(text.data(), text.size());
            joined += ch.value();
            text = joined;
        } else if (type == pugi::node_element) {
            return c.fail(errc::unknown_child, segment.str() + "/" + ch.name(),
                          "element inside an element that carries only text", node_offset(c.offsets(), ch));
        }
    }
    return true;
}

// A list's first element: room for it and for the siblings that follow with the same
// name, so that a list of a thousand items is not moved ten times as it grows (the count
// is only a capacity hint: a sibling of that name may still belong elsewhere or fail).
template <class V>
void reserve_for_siblings(V& list, pugi::xml_node first)
{
    const char* name = first.name();
    std::size_t count = 1;
    for (pugi::xml_node s = first.next_sibling(); s; s = s.next_sibling())
        if (std::strcmp(s.name(), name) == 0) ++count;
    list.reserve(count);
}

// Parses element `n` into `target`: a generated type, or (type nullptr) an opaque element.
inline bool parse_into(void* target, const parse_type* type, pugi::xml_node n, const qname& q, const lazy_segment& segment,
                       parse_ctx& c)
{
    if (!type) {
        return c.opaque_element(n, q, segment, *static_cast<element*>(target));
    }
    if (!parse_struct(target, *type, n, q, c)) {
        prepend_path(c.err.path, segment.str());
        return false;
    }
    return true;
}

// Which alternative of a variant takes {q}: typed ones first, the element fallback
// (filtered by `any`) last. Returns -1 when none does.
inline int pick_alternative(const parse_alternative* alts, std::size_t n, const qname& q, const ns_filter& any,
                            std::string_view owner_ns)
{
    for (std::size_t j = 0; j < n; ++j)
        if (alts[j].type && alts[j].type->desc->matches(q)) return static_cast<int>(j);
    for (std::size_t j = 0; j < n; ++j)
        if (!alts[j].type && any.matches(q.ns, owner_ns)) return static_cast<int>(j);
    return -1;
}

template <class... A>
struct parse_variant_table<std::variant<A...>> {
    using V = std::variant<A...>;
    template <std::size_t J>
    static void* emplace(void* v)
    {
        // Alternative 0 is already there: emplacing it again would value-initialize it
        // a second time (all of a 4 kB pubsub#Pubsub zeroed twice).
        if constexpr (J == 0) return &std::get<0>(*static_cast<V*>(v));
        else return &static_cast<V*>(v)->template emplace<J>();
    }
    template <class X>
    static constexpr const parse_type* type_or_null()
    {
        if constexpr (std::is_same_v<X, element>) return nullptr;
        else return &parse_type_of<X>();
    }
    template <std::size_t... J>
    static constexpr std::array<parse_alternative, sizeof...(A)> make(std::index_sequence<J...>)
    {
        return {{parse_alternative{type_or_null<A>(), &emplace<J>}...}};
    }
    static constexpr std::array<parse_alternative, sizeof...(A)> alts = make(std::index_sequence_for<A...>{});
};

// Operations on one member, by the member's C++ type M and kind K.
struct parse_member_ops {
    bool (*attribute)(void* m, pugi::xml_attribute a, const member_info& mi, parse_ctx& c);
    bool (*accepts)(const qname& q, const member_info& mi, const type_desc& owner);
    bool (*child)(void* m, pugi::xml_node n, const qname& q, bool& seen, const member_info& mi, parse_ctx& c);
    bool (*text)(void* m, std::string&& text, const member_info& mi, parse_ctx& c, std::size_t offset);
    std::size_t (*size)(const void* m); // lists, for their minimum
};

template <class M, member_kind K>
struct parse_ops {
    using X = slot_t<M>;

    static bool attribute(void* m, pugi::xml_attribute a, const member_info& mi, parse_ctx& c)
    {
        std::string why;
        if constexpr (std::is_same_v<M, std::string>) {
            // A required string is "not set" when empty (the serializer refuses it): one
            // that arrives empty could not be written back.
            if (mi.is_required() && *a.value() == '\0')
                return c.fail(errc::invalid_value, std::string("@") + a.name(), "required attribute is empty",
                              attribute_offset(c.offsets(), a));
        }
        if (!read_value(*static_cast<M*>(m), a.value(), mi, why))
            return c.fail(errc::invalid_value, std::string("@") + a.name(), std::move(why), attribute_offset(c.offsets(), a));
        return true;
    }

    static bool accepts(const qname& q, const member_info& mi, const type_desc& owner)
    {
        if constexpr (K == member_kind::child) {
            return desc_of<X>().matches(q);
        } else if constexpr (K == member_kind::leaf || K == member_kind::flag) {
            // Leaves in the parent's namespace follow the parent into its alternative
            // namespaces (<thread/> of a jabber:server message).
            if (q == mi.name) return true;
            return q.local == mi.name.local && mi.name.ns == owner.ns && ns_filter::contains(owner.alt_ns, q.ns);
        } else if constexpr (K == member_kind::choice) {
            const auto& alts = parse_variant_table<X>::alts;
            return pick_alternative(alts.data(), alts.size(), q, mi.any_ns, owner.ns) >= 0;
        } else if constexpr (K == member_kind::any) {
            return mi.any_ns.matches(q.ns, owner.ns);
        } else {
            (void)q, (void)mi, (void)owner;
            return false;
        }
    }

    // Places a new value in the slot, made from `args` in a list or an optional (a plain
    // member holds its default already), and returns it (nullptr on a duplicate). Lists set
    // `index` to the new value's 1-based position.
    template <class... Args>
    static X* open_slot(M& m, bool& seen, std::size_t& index, Args&&... args)
    {
        if constexpr (is_vector<M>::value) {
            index = m.size() + 1;
            return &m.emplace_back(std::forward<Args>(args)...);
        } else if constexpr (is_optional<M>::value) {
            (void)index;
            if (m.has_value()) return nullptr;
            return &m.emplace(std::forward<Args>(args)...);
        } else {
            (void)index, ((void)args, ...);
            if (seen) return nullptr;
            seen = true;
            return &m;
        }
    }

    // open_slot for a choice: the new value is made as alternative J (nullptr on a duplicate).
    template <std::size_t J>
    static void* open_alternative(M& m, bool& seen, std::size_t& index)
    {
        X* v = open_slot(m, seen, index, std::in_place_index<J>);
        if (!v) return nullptr;
        if constexpr (is_vector<M>::value || is_optional<M>::value) return &std::get<J>(*v);
        else return parse_variant_table<X>::template emplace<J>(v);
    }
    template <std::size_t... J>
    static void* open_choice_slot_impl(M& m, bool& seen, std::size_t& index, std::size_t j, std::index_sequence<J...>)
    {
        using opener = void* (*)(M&, bool&, std::size_t&);
        static constexpr opener openers[] = {&open_alternative<J>...};
        return openers[j](m, seen, index);
    }
    static void* open_choice_slot(M& m, bool& seen, std::size_t& index, std::size_t j)
    {
        return open_choice_slot_impl(m, seen, index, j, std::make_index_sequence<std::variant_size_v<X>>{});
    }

    static bool child(void* mp, pugi::xml_node n, const qname& q, bool& seen, const member_info& mi, parse_ctx& c)
    {
        M& m = *static_cast<M*>(mp);
        lazy_segment segment{q.local};
        if constexpr (K == member_kind::flag) {
            if (m) return c.fail(errc::duplicate_child, segment.str(), "appears twice", node_offset(c.offsets(), n));
            std::string joined;
            std::string_view text;
            if (!leaf_text(n, joined, text, c, segment)) return false;
            if (!is_whitespace(text)) return c.fail(errc::invalid_value, segment.str(), "must be empty", node_offset(c.offsets(), n));
            m = true;
            seen = true;
            return true;
        } else {
            if constexpr (is_vector<M>::value)
                if (m.capacity() == 0) reserve_for_siblings(m, n);
            if constexpr (K == member_kind::choice) {
                // The alternative first, so that a new optional or list element is made as
                // that alternative directly instead of as alternative 0 first.
                const auto& alts = parse_variant_table<X>::alts;
                int j = pick_alternative(alts.data(), alts.size(), q, mi.any_ns, {});
                if (j < 0)
                    return c.fail(errc::unexpected_element, segment.str(), "no alternative accepts " + qname_text(q),
                                  node_offset(c.offsets(), n));
                void* target = open_choice_slot(m, seen, segment.index, static_cast<std::size_t>(j));
                if (!target) return c.fail(errc::duplicate_child, segment.str(), "appears twice", node_offset(c.offsets(), n));
                return parse_into(target, alts[static_cast<std::size_t>(j)].type, n, q, segment, c);
            } else {
                X* slot = open_slot(m, seen, segment.index);
                if (!slot) return c.fail(errc::duplicate_child, segment.str(), "appears twice", node_offset(c.offsets(), n));
                if constexpr (K == member_kind::leaf) {
                    std::string joined;
                    std::string_view text;
                    if (!leaf_text(n, joined, text, c, segment)) return false;
                    std::string why;
                    if (!read_value(*slot, text, mi, why))
                        return c.fail(errc::invalid_value, segment.str(), std::move(why), node_offset(c.offsets(), n));
                    return true;
                } else if constexpr (K == member_kind::any) {
                    static_assert(std::is_same_v<X, element>, "xso: any members hold xso::element");
                    return parse_into(slot, nullptr, n, q, segment, c);
                } else {
                    return parse_into(slot, &parse_type_of<X>(), n, q, segment, c);
                }
            }
        }
    }

    static bool text(void* mp, std::string&& text, const member_info& mi, parse_ctx& c, std::size_t offset)
    {
        M& m = *static_cast<M*>(mp);
        std::string why;
        if constexpr (std::is_same_v<M, std::string>) {
            if (!check_string_kind(text, mi.value_type, why)) return c.fail(errc::invalid_value, "text()", std::move(why), offset);
            m = std::move(text);
            return true;
        } else {
            if constexpr (is_optional<M>::value)
                if (is_whitespace(text)) return true; // absent
            if (!read_value(m, text, mi, why)) return c.fail(errc::invalid_value, "text()", std::move(why), offset);
            return true;
        }
    }

    static std::size_t size(const void* mp)
    {
        if constexpr (is_vector<M>::value) return static_cast<const M*>(mp)->size();
        else {
            (void)mp;
            return 0;
        }
    }

    static constexpr parse_member_ops make()
    {
        parse_member_ops o{};
        if constexpr (K == member_kind::attribute) o.attribute = &attribute;
        if constexpr (K == member_kind::child || K == member_kind::leaf || K == member_kind::flag ||
                      K == member_kind::choice || K == member_kind::any) {
            o.accepts = &accepts;
            o.child = &child;
        }
        if constexpr (K == member_kind::text) o.text = &text;
        if constexpr (K != member_kind::unknown && K != member_kind::condition) {
            o.size = &size;
        }
        return o;
    }
    static constexpr parse_member_ops value = make();
};

template <class T>
struct parse_table {
    static constexpr std::size_t N = member_count<T>;
    template <std::size_t I>
    static constexpr bool named_like_its_type()
    {
        using X = slot_t<member_type_t<T, I>>;
        constexpr const member_info& mi = T::xso_members[I];
        if constexpr (mi.kind == member_kind::child && !is_condition_v<X>) return desc_of<X>().local == mi.name.local;
        else return true;
    }
    template <std::size_t I>
    static constexpr const parse_member_ops* row()
    {
        static_assert(named_like_its_type<I>(), "xso: a child member's name must be its type's (may_accept relies on it)");
        return &parse_ops<member_type_t<T, I>, T::xso_members[I].kind>::value;
    }
    template <std::size_t... I>
    static constexpr std::array<const parse_member_ops*, N> make(std::index_sequence<I...>)
    {
        return {{row<I>()...}};
    }
    static constexpr std::array<const parse_member_ops*, N> ops = make(std::make_index_sequence<N>{});

    struct rows {
        std::array<unsigned char, N> required{};
        std::size_t count = 0;
    };
    static constexpr rows make_rows()
    {
        rows r;
        for (std::size_t i = 0; i < N; ++i) {
            const member_info& mi = T::xso_members[i];
            if (mi.kind == member_kind::condition || mi.kind == member_kind::unknown || mi.kind == member_kind::text) continue;
            if (mi.min_occurs > 0) r.required[r.count++] = static_cast<unsigned char>(i);
        }
        return r;
    }
    static_assert(N <= 256, "xso: member rows are indexed by unsigned char");
    // parse_struct keeps the members it has seen in one 64-bit set (xsoc allows 55).
    static_assert(N <= 64, "xso: a generated type has at most 64 members");
    static constexpr rows required_rows = make_rows();
    static constexpr parse_type type{&desc_of<T>(), ops.data(), required_rows.required.data(), required_rows.count};
};

template <class T>
constexpr const parse_type& parse_type_of() noexcept
{
    return parse_table<T>::type;
}

// Members that take child elements by name (all that have accepts(), but any-slots).
constexpr bool takes_named_child(member_kind k) noexcept
{
    return k == member_kind::child || k == member_kind::leaf || k == member_kind::flag || k == member_kind::choice;
}

// A cheap test before the indirect call to accepts(): a member with an element name (a
// leaf, a flag, a child of a type that is not a condition family) only takes elements of
// that local name, whatever their namespace turns out to be.
inline bool may_accept(const member_info& mi, const qname& q) noexcept
{
    return mi.name.local.empty() || mi.name.local == q.local;
}

inline bool keep_unknown_element(unknown_content& unknown, pugi::xml_node n, const qname& q, parse_ctx& c)
{
    if (c.opts.strict && c.is_ours(q.ns))
        return c.fail(errc::unknown_child, std::string(q.local), qname_text(q) + " binds to no member",
                      node_offset(c.offsets(), n));
    element e;
    if (!c.opaque_element(n, q, {q.local}, e)) return false;
    unknown.elements.push_back(std::move(e));
    return true;
}

inline bool check_required(const void* obj, const parse_type& t, std::uint64_t seen, parse_ctx& c, pugi::xml_node node)
{
    const type_desc& d = *t.desc;
    for (std::size_t k = 0; k < t.required_count; ++k) {
        const std::size_t i = t.required_rows[k];
        const member_info& mi = d.members[i];
        std::string_view name = mi.name.local.empty() ? mi.member : mi.name.local;
        if (mi.is_list()) {
            if (t.ops[i]->size(d.member(obj, i)) < mi.min_occurs)
                return c.fail(errc::too_few_children, std::string(name), "at least " + std::to_string(mi.min_occurs) + " needed",
                              node_offset(c.offsets(), node));
            continue;
        }
        if (!mi.is_required()) continue;
        if (d.is_condition && !mi.condition.empty() && mi.condition != d.condition_local(obj)) continue;
        if ((seen >> i) & 1u) continue; // parse_struct sets the bit of every member it filled
        if (mi.kind == member_kind::attribute)
            return c.fail(errc::missing_attribute, "@" + std::string(mi.name.local), "required attribute missing",
                          node_offset(c.offsets(), node));
        return c.fail(errc::missing_child, std::string(name), "required child missing", node_offset(c.offsets(), node));
    }
    return true;
}

inline bool parse_struct(void* obj, const parse_type& t, pugi::xml_node node, const qname& self, parse_ctx& c)
{
    const type_desc& d = *t.desc;
    const std::size_t N = d.count;
    unknown_content& unknown = *static_cast<unknown_content*>(d.member(obj, static_cast<std::size_t>(d.unknown_index)));

    if (++c.depth > c.opts.limits.max_depth)
        return c.fail(errc::limit_exceeded, {}, "nesting deeper than parse_limits::max_depth", node_offset(c.offsets(), node));
    if (d.is_condition) d.set_condition(obj, self.local);

    std::uint64_t seen = 0;
    std::size_t attributes = 0;
    for (pugi::xml_attribute a = node.first_attribute(); a; a = a.next_attribute()) {
        if (++attributes > c.opts.limits.max_attributes)
            return c.fail(errc::limit_exceeded, {}, "more attributes than parse_limits::max_attributes",
                          attribute_offset(c.offsets(), a));
        std::string_view decl;
        if (is_ns_decl(a.name(), decl)) {
            // pugixml does not check that a declaration appears only once.
            for (pugi::xml_attribute b = node.first_attribute(); b != a; b = b.next_attribute())
                if (std::strcmp(a.name(), b.name()) == 0)
                    return c.fail(errc::duplicate_attribute, std::string("@") + a.name(), "namespace declared twice",
                                  attribute_offset(c.offsets(), a));
            continue;
        }
        qname aq;
        if (!c.scope.attribute_name(a.name(), aq))
            return c.fail(errc::xml_syntax, std::string("@") + a.name(), "undeclared namespace prefix or malformed name",
                          attribute_offset(c.offsets(), a));
        std::size_t idx = N;
        for (std::size_t i = 0; i < N; ++i)
            if (d.members[i].kind == member_kind::attribute && d.members[i].name == aq) {
                idx = i;
                break;
            }
        if (idx < N) {
            if ((seen >> idx) & 1u)
                return c.fail(errc::duplicate_attribute, std::string("@") + a.name(), "attribute appears twice",
                              attribute_offset(c.offsets(), a));
            seen |= std::uint64_t(1) << idx;
            if (!t.ops[idx]->attribute(d.member(obj, idx), a, d.members[idx], c)) return false;
            continue;
        }
        for (const attribute& prev : unknown.attributes)
            if (prev.ns == aq.ns && prev.local == aq.local)
                return c.fail(errc::duplicate_attribute, std::string("@") + a.name(), "attribute appears twice",
                              attribute_offset(c.offsets(), a));
        // An unprefixed attribute belongs to its element: judged by the type's own namespace,
        // so that a stanza of a jabber:server stream is judged as it reads back (jabber:client).
        if (c.opts.strict && c.is_ours(aq.ns.empty() ? d.ns : aq.ns))
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
                return c.fail(errc::xml_syntax, ch.name(), "undeclared namespace prefix or malformed name", node_offset(c.offsets(), ch));
            }
            std::size_t idx = N;
            if (hint < N && may_accept(d.members[hint], q) && t.ops[hint]->accepts(q, d.members[hint], d)) {
                idx = hint;
            } else {
                // Named members first, then any-slots (the fallback for what nothing names).
                // The rows (contiguous) rule members out before their operations (each its
                // own cache line) are read.
                for (std::size_t i = 0; i < N; ++i)
                    if (i != hint && takes_named_child(d.members[i].kind) && may_accept(d.members[i], q) &&
                        t.ops[i]->accepts(q, d.members[i], d)) {
                        idx = i;
                        break;
                    }
                if (idx == N)
                    for (std::size_t i = 0; i < N; ++i)
                        if (d.members[i].kind == member_kind::any && t.ops[i]->accepts(q, d.members[i], d)) {
                            idx = i;
                            break;
                        }
            }
            bool ok;
            if (idx < N) {
                bool seen_bit = (seen >> idx) & 1u;
                ok = t.ops[idx]->child(d.member(obj, idx), ch, q, seen_bit, d.members[idx], c);
                // Filled, whatever the member's type: check_required reads presence here.
                if (ok) seen |= std::uint64_t(1) << idx;
                if (d.members[idx].kind != member_kind::any) hint = idx;
            } else {
                ok = keep_unknown_element(unknown, ch, q, c);
            }
            c.scope.leave(mark);
            if (!ok) return false;
        } else if (type == pugi::node_pcdata || type == pugi::node_cdata) {
            if (d.text_index >= 0) {
                if (text_offset == npos) text_offset = text_node_offset(c.offsets(), ch);
                text += ch.value();
            } else {
                const char* v = ch.value();
                if (!is_whitespace(v)) {
                    if (c.opts.strict)
                        return c.fail(errc::unexpected_text, "text()", "text in element-only content", text_node_offset(c.offsets(), ch));
                    unknown.text += v;
                }
            }
        }
    }
    if (d.text_index >= 0) {
        if (text_offset == npos) text_offset = node_offset(c.offsets(), node); // no text at all
        auto ti = static_cast<std::size_t>(d.text_index);
        if (!t.ops[ti]->text(d.member(obj, ti), std::move(text), d.members[ti], c, text_offset)) return false;
    }
    if (!check_required(obj, t, seen, c, node)) return false;
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

// A generated type at the root: its name must be the type's.
inline bool parse_struct_root(void* out, const parse_type& pt, pugi::xml_node node, const qname& q, parse_ctx& c)
{
    if (!pt.desc->matches(q)) {
        std::string expected = pt.desc->is_condition ? "a condition of " + std::string(pt.desc->ns)
                                                     : qname_text({pt.desc->ns, pt.desc->local});
        return c.fail(errc::unexpected_element, std::string(q.local), "expected " + expected + ", found " + qname_text(q),
                      node_offset(c.offsets(), node));
    }
    return parse_into(out, &pt, node, q, {q.local}, c);
}

// The root's type: a generated type, a variant of them, or xso::element.
template <class T>
struct root_parser {
    static bool parse(T& out, pugi::xml_node node, const qname& q, parse_ctx& c)
    {
        if constexpr (std::is_same_v<T, element>) {
            return c.opaque_element(node, q, {q.local}, out);
        } else if constexpr (is_variant<T>::value) {
            const auto& alts = parse_variant_table<T>::alts;
            ns_filter any_ns;
            int j = pick_alternative(alts.data(), alts.size(), q, any_ns, {});
            if (j < 0)
                return c.fail(errc::unexpected_element, std::string(q.local), "unexpected root element " + qname_text(q),
                              node_offset(c.offsets(), node));
            const parse_alternative& alt = alts[static_cast<std::size_t>(j)];
            return parse_into(alt.emplace(&out), alt.type, node, q, {q.local}, c);
        } else {
            static_assert(is_reflected_v<T>, "xso::parse<T>: T must be a generated type, a std::variant of them, or xso::element");
            return parse_struct_root(&out, parse_type_of<T>(), node, q, c);
        }
    }
};

// What the root's parse needs of T, type-erased: the setup around it (context, scope,
// the root's name) is then compiled once, not once per type, which is most of what a
// translation unit instantiating parse for every type spends in the compiler's back end.
struct root_binding {
    bool (*parse)(void* out, pugi::xml_node node, const qname& q, parse_ctx& c);
    void (*add_known_ns)(std::vector<std::string_view>& out);
};

template <class T>
struct root_binding_of {
    static bool parse(void* out, pugi::xml_node node, const qname& q, parse_ctx& c)
    {
        return root_parser<T>::parse(*static_cast<T*>(out), node, q, c);
    }
    static constexpr root_binding value{&parse, &known_ns_of<T>::add};
};

// T's root binding, through a function (not inline) rather than the variable itself: an
// explicit instantiation declaration of it (XSO_EXTERN_BINDINGS, compiled.hpp) keeps the
// whole binding of T out of the translation units that parse a T.
template <class T>
const root_binding& root_binding_for() noexcept
{
    return root_binding_of<T>::value;
}

// Parses `node` (a DOM element) into `out`, a value-initialized object of the type `b`
// describes. `borrowed`: the DOM is the caller's. `fresh`: the store was just loaded for
// this parse (and no one else sees it yet): it learns whether the document declares
// prefixes.
XSO_DETAIL_NOINLINE inline bool parse_root_erased(void* out, const root_binding& b, pugi::xml_node node,
                                                  std::shared_ptr<element_store> store, bool borrowed,
                                                  const parse_options& opts, element_store* fresh, xso::error& err)
{
    parse_ctx c(opts, std::move(store), borrowed);
    c.scope.seed_from_ancestors(node); // a payload bound later, or the caller's DOM
    if (opts.strict) b.add_known_ns(c.known_ns); // only strict mode asks is_ours()
    ns_scope::mark mark;
    std::string_view bad = c.scope.enter(node, mark);
    std::string_view prefix, local;
    split_name(node.name(), prefix, local);
    if (!bad.empty()) {
        err = make_error(errc::xml_syntax, std::string(local), std::string(bad), node_offset(c.offsets(), node));
        return false;
    }
    qname q;
    if (!c.scope.element_name(node.name(), q)) {
        err = make_error(errc::xml_syntax, std::string(local), "undeclared namespace prefix or malformed name",
                         node_offset(c.offsets(), node));
        return false;
    }
    if (!b.parse(out, node, q, c)) {
        err = std::move(c.err);
        return false;
    }
    if (fresh) fresh->note_prefixes(c.scope.saw_prefix_declaration()); // every element was entered
    return true;
}

// The per-type part of every entry point: a result holding a value-initialized T is
// filled in place (one object returned, so the large generated structs are never moved).
template <class T>
result<T> parse_root(pugi::xml_node node, std::shared_ptr<element_store> store, bool borrowed, const parse_options& opts,
                     element_store* fresh = nullptr)
{
    result<T> r(detail::default_init);
    xso::error err;
    if (!parse_root_erased(&*r, root_binding_for<T>(), node, std::move(store), borrowed, opts, fresh, err))
        result_access::fail(r, std::move(err));
    return r;
}

// Loads `bytes` and finds its one top-level element: the part of parse<T>(bytes) that
// does not depend on T.
XSO_DETAIL_NOINLINE inline bool load_single_root(std::string_view bytes, const parse_options& opts,
                                                 std::shared_ptr<element_store>& store, pugi::xml_node& root, xso::error& err)
{
    store = std::make_shared<element_store>();
    if (!load(*store, bytes, opts, err)) return false;
    for (pugi::xml_node n = store->doc.first_child(); n; n = n.next_sibling()) {
        if (n.type() != pugi::node_element) continue;
        if (root) {
            err = make_error(errc::unexpected_element, {}, "more than one top-level element (use parse_sequence)",
                             node_offset(store.get(), n));
            return false;
        }
        root = n;
    }
    if (!root) {
        err = make_error(errc::xml_syntax, {}, "no element in input", 0);
        return false;
    }
    return true;
}

// parse<T>(bytes) without T: load, find the root, bind it.
XSO_DETAIL_NOINLINE inline bool parse_bytes_erased(void* out, const root_binding& b, std::string_view bytes,
                                                   const parse_options& opts, xso::error& err)
{
    std::shared_ptr<element_store> store;
    pugi::xml_node root;
    if (!load_single_root(bytes, opts, store, root, err)) return false;
    element_store* fresh = store.get();
    return parse_root_erased(out, b, root, std::move(store), false, opts, fresh, err);
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
    result<T> r(detail::default_init);
    xso::error err;
    if (!detail::parse_bytes_erased(&*r, detail::root_binding_for<T>(), bytes, opts, err))
        detail::result_access::fail(r, std::move(err));
    return r;
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
        auto r = detail::parse_root<T>(n, store, false, opts, store.get());
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
