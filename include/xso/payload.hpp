// Typed PubSub item payloads: your generated structs into items and back, and dispatch of
// payloads by {namespace, local name} to the types your application knows.
//
// Items keep their payload as an xso::element (XEP-0060 allows any element there), so
// parsing a stanza never depends on which payload types an application has. These
// functions bind a payload to a generated type on demand, or make one from a value.
// docs/custom-payloads.md shows the whole path from a schema of your own.
#pragma once

#include <array>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include <xso/xso.hpp>
#include <xso/generated/pubsub.hpp>
#include <xso/generated/pubsub_event.hpp>

namespace xso {

// An item-like generated type: one whose `payload` member is std::optional<xso::element>
// (pubsub::Item, pubsub::event::Item, or an item of your own schemas).
template <class I, class = void>
struct is_payload_carrier : std::false_type {};
template <class I>
struct is_payload_carrier<I, std::enable_if_t<is_element_v<I> &&
                                              std::is_same_v<decltype(std::declval<I&>().payload), std::optional<element>>>>
    : std::true_type {};
template <class I>
inline constexpr bool is_payload_carrier_v = is_payload_carrier<I>::value;

namespace detail {

template <class T>
std::string expected_payload_name()
{
    const type_desc& d = desc_of<T>();
    return d.is_condition ? "a condition of " + std::string(d.ns) : qname_text({d.ns, d.local});
}

template <class Item>
error no_payload_error(std::string expected)
{
    return make_error(errc::missing_child, std::string(desc_of<Item>().local), "the item carries no payload (expected " + expected + ")");
}

// How one alternative of a payload_set binds: parse as its type, emplace into the variant.
struct payload_binder {
    const type_desc* desc;
    bool (*bind)(void* variant, const element& payload, const parse_options& opts, error& err);
};

template <class V, std::size_t J>
bool bind_payload_alternative(void* variant, const element& payload, const parse_options& opts, error& err)
{
    using T = std::variant_alternative_t<J, V>;
    auto r = parse<T>(payload, opts);
    if (!r) {
        err = std::move(r).error();
        return false;
    }
    static_cast<V*>(variant)->template emplace<J>(std::move(*r));
    return true;
}

inline const payload_binder* find_payload_binder(const payload_binder* binders, std::size_t n, const qname& q) noexcept
{
    for (std::size_t i = 0; i < n; ++i)
        if (binders[i].desc->matches(q)) return &binders[i];
    return nullptr;
}

constexpr bool same_element(const type_desc& a, const type_desc& b) noexcept
{
    if (a.is_condition || b.is_condition) return a.is_condition && b.is_condition && a.ns == b.ns;
    return a.local == b.local && a.ns == b.ns;
}

template <class... T>
constexpr bool distinct_elements() noexcept
{
    const type_desc* d[] = {&desc_of<T>()...};
    for (std::size_t i = 0; i < sizeof...(T); ++i)
        for (std::size_t j = i + 1; j < sizeof...(T); ++j)
            if (same_element(*d[i], *d[j])) return false;
    return true;
}

} // namespace detail

// ---------------------------------------------------------------------------------------
// Writing

// `value` as an opaque element, ready to be an item payload. Fails with a local error
// (path inside the value) when the object is invalid, as serialize does.
template <class T>
result<element> make_payload(const T& value)
{
    static_assert(is_reflected_v<T>, "xso::make_payload: T must be a generated type");
    return to_element(value);
}

// Replaces the payload of `item`. On failure `item` is left unchanged.
template <class Item, class T>
result<void> set_payload(Item& item, const T& value)
{
    static_assert(is_payload_carrier_v<Item>, "xso::set_payload: Item needs a std::optional<xso::element> payload member");
    auto e = make_payload(value);
    if (!e) return std::move(e).error();
    item.payload = std::move(*e);
    return {};
}

// A new item (pubsub::Item unless told otherwise) carrying `value`, with an optional ItemID.
template <class Item = pubsub::Item, class T>
result<Item> make_item(const T& value, std::optional<std::string> id = std::nullopt)
{
    static_assert(is_payload_carrier_v<Item>, "xso::make_item: Item needs a std::optional<xso::element> payload member");
    Item item{};
    item.id = std::move(id);
    auto r = set_payload(item, value);
    if (!r) return std::move(r).error();
    return item;
}

// ---------------------------------------------------------------------------------------
// Reading

// Is `payload` an element of T (same namespace and local name)? Parses nothing.
template <class T>
bool payload_is(const element& payload)
{
    static_assert(is_reflected_v<T>, "xso::payload_is: T must be a generated type");
    return !payload.empty() && detail::desc_of<T>().matches(payload.name());
}

template <class T, class Item, std::enable_if_t<is_payload_carrier_v<Item>, int> = 0>
bool payload_is(const Item& item)
{
    return item.payload && payload_is<T>(*item.payload);
}

// The payload bound to T. Errors (remote: the peer sent them):
//   unexpected_element  the payload is another element (use payload_is<T> to test first);
//   missing_child       no payload (an empty element, or an item without one);
//   anything parse<T> reports inside the payload, with its path and byte offset.
// For an item, paths start at the item: "item/tune/length".
template <class T>
result<T> payload_as(const element& payload, const parse_options& opts = {})
{
    static_assert(is_reflected_v<T>, "xso::payload_as: T must be a generated type");
    if (payload.empty()) return make_error(errc::missing_child, {}, "no payload (expected " + detail::expected_payload_name<T>() + ")");
    return parse<T>(payload, opts);
}

template <class T, class Item, std::enable_if_t<is_payload_carrier_v<Item>, int> = 0>
result<T> payload_as(const Item& item, const parse_options& opts = {})
{
    if (!item.payload) return detail::no_payload_error<Item>(detail::expected_payload_name<T>());
    auto r = payload_as<T>(*item.payload, opts);
    if (!r) {
        error e = std::move(r).error();
        detail::prepend_path(e.path, detail::desc_of<Item>().local);
        return e;
    }
    return r;
}

// ---------------------------------------------------------------------------------------
// Dispatch, closed set: the payload types an application knows, as a std::variant.
//
//   using my_payloads = xso::payload_set<Tune, Geoloc>;
//   auto p = my_payloads::read(item);             // result<std::variant<xso::element, Tune, Geoloc>>
//   if (p) std::visit(handler, *p);               // xso::element: a payload none of them binds
//
// A payload whose {namespace, local} belongs to one of the types but does not parse is an
// error (a broken tune is not an unknown payload); other payloads stay opaque.
template <class... T>
class payload_set {
    static_assert(sizeof...(T) > 0, "xso::payload_set needs at least one type");
    static_assert((is_reflected_v<T> && ...), "xso::payload_set: every type must be a generated type");
    static_assert(detail::distinct_elements<T...>(), "xso::payload_set: two types bind the same element");

public:
    // Alternative 0 is the opaque payload, so a default-constructed value is "unknown".
    using value_type = std::variant<element, T...>;

    static bool knows(const qname& name) noexcept
    {
        return detail::find_payload_binder(binders.data(), binders.size(), name) != nullptr;
    }
    static bool knows(const element& payload) { return !payload.empty() && knows(payload.name()); }

    static result<value_type> read(const element& payload, const parse_options& opts = {})
    {
        if (payload.empty()) return make_error(errc::missing_child, {}, "no payload");
        const detail::payload_binder* b = detail::find_payload_binder(binders.data(), binders.size(), payload.name());
        value_type out;
        if (!b) {
            out = payload;
            return out;
        }
        error err;
        if (!b->bind(&out, payload, opts, err)) return err;
        return out;
    }

    // Paths of errors start at the item ("item/tune/length").
    template <class Item, std::enable_if_t<is_payload_carrier_v<Item>, int> = 0>
    static result<value_type> read(const Item& item, const parse_options& opts = {})
    {
        if (!item.payload) return detail::no_payload_error<Item>("a payload");
        auto r = read(*item.payload, opts);
        if (!r) {
            error e = std::move(r).error();
            detail::prepend_path(e.path, detail::desc_of<Item>().local);
            return e;
        }
        return r;
    }

private:
    template <std::size_t... J>
    static constexpr std::array<detail::payload_binder, sizeof...(T)> make_binders(std::index_sequence<J...>)
    {
        return {{detail::payload_binder{&detail::desc_of<T>(), &detail::bind_payload_alternative<value_type, J + 1>}...}};
    }
    static constexpr std::array<detail::payload_binder, sizeof...(T)> binders =
        make_binders(std::index_sequence_for<T...>{});
};

namespace detail {

// A callable of signature R(A...), type-erased, copied with its registry. What
// std::function does, written out because <functional> alone adds about a tenth of a
// second to every translation unit that includes this header (g++ 12, -O2).
template <class R, class... A>
class handler {
public:
    handler() = default;
    template <class F>
    explicit handler(F f) : impl_(std::make_unique<model<F>>(std::move(f)))
    {
    }
    handler(const handler& o) : impl_(o.impl_ ? o.impl_->clone() : nullptr) {}
    handler(handler&&) noexcept = default;
    handler& operator=(const handler& o) { return *this = handler(o); }
    handler& operator=(handler&&) noexcept = default;

    explicit operator bool() const noexcept { return impl_ != nullptr; }
    R operator()(A... a) const { return impl_->call(std::forward<A>(a)...); }

private:
    struct callable {
        virtual ~callable() = default;
        virtual R call(A... a) = 0;
        virtual std::unique_ptr<callable> clone() const = 0;
    };
    template <class F>
    struct model final : callable {
        explicit model(F g) : f(std::move(g)) {}
        R call(A... a) override { return f(std::forward<A>(a)...); }
        std::unique_ptr<callable> clone() const override { return std::make_unique<model>(f); }
        F f;
    };
    std::unique_ptr<callable> impl_;
};

} // namespace detail

// ---------------------------------------------------------------------------------------
// Dispatch, open set: handlers registered at run time (plugins, optional features), looked
// up by the payload's {namespace, local}. `Context...` are extra arguments passed through
// dispatch() to every handler, e.g. the item or the node a payload came from.
//
//   xso::payload_registry<const xso::pubsub::event::Item&> on_payload;
//   on_payload.on<Tune>([](const Tune& t, const auto& item) { ... })
//             .otherwise([](const xso::element& e, const auto& item) { ... });
//   for (const auto& item : items.item)
//       if (item.payload) if (auto r = on_payload.dispatch(*item.payload, item); !r) ...
template <class... Context>
class payload_registry {
public:
    explicit payload_registry(parse_options opts = {}) : opts_(opts) {}

    // `handler(const T&, Context...)` receives the payloads of T's element. Registering a
    // second handler for the same element replaces the first.
    template <class T, class F>
    payload_registry& on(F handler)
    {
        static_assert(is_reflected_v<T>, "xso::payload_registry::on<T>: T must be a generated type");
        static_assert(std::is_invocable_v<F&, const T&, Context...>, "handler must be callable as handler(const T&, Context...)");
        entry e{&detail::desc_of<T>(),
                handle_type([h = std::move(handler)](const element& payload, const parse_options& opts,
                                                     Context... ctx) mutable -> result<void> {
                    auto r = parse<T>(payload, opts);
                    if (!r) return std::move(r).error();
                    h(*r, std::forward<Context>(ctx)...);
                    return {};
                })};
        for (entry& existing : entries_)
            if (detail::same_element(*existing.desc, *e.desc)) {
                existing = std::move(e);
                return *this;
            }
        entries_.push_back(std::move(e));
        return *this;
    }

    // `handler(const xso::element&, Context...)` receives payloads no registered type binds.
    // Without it they are skipped.
    template <class F>
    payload_registry& otherwise(F handler)
    {
        static_assert(std::is_invocable_v<F&, const element&, Context...>,
                      "handler must be callable as handler(const xso::element&, Context...)");
        fallback_ = fallback_type(std::move(handler));
        return *this;
    }

    bool knows(const qname& name) const noexcept
    {
        for (const entry& e : entries_)
            if (e.desc->matches(name)) return true;
        return false;
    }

    // Binds `payload` to the type registered for its element and calls that handler, or
    // the fallback. Errors: the payload's element is registered but does not parse (remote,
    // path and offset inside the payload; no handler is called), or the payload is empty.
    result<void> dispatch(const element& payload, Context... ctx) const
    {
        if (payload.empty()) return make_error(errc::missing_child, {}, "no payload");
        const qname name = payload.name();
        for (const entry& e : entries_)
            if (e.desc->matches(name)) return e.handle(payload, opts_, std::forward<Context>(ctx)...);
        if (fallback_) fallback_(payload, std::forward<Context>(ctx)...);
        return {};
    }

private:
    using handle_type = detail::handler<result<void>, const element&, const parse_options&, Context...>;
    using fallback_type = detail::handler<void, const element&, Context...>;
    struct entry {
        const detail::type_desc* desc;
        handle_type handle;
    };
    parse_options opts_;
    std::vector<entry> entries_;
    fallback_type fallback_;
};

} // namespace xso
