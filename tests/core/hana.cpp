// Generated structs model boost::hana::Struct (keys, for_each, accessors, at_key give the
// members in declaration order, the order of the runtime's xso_members table) and stay
// aggregates (C++20 designated initializers).
#include <doctest/doctest.h>

#include <cstring>
#include <new>
#include <string>
#include <tuple>
#include <type_traits>
#include <vector>

#include <boost/hana.hpp>

#include <xso/pubsub.hpp>
#include <xso_test/ranges.hpp>

#include "../support/family.hpp"

namespace {

namespace hana = boost::hana;
namespace ps = xso::pubsub;
namespace st = xso::stanza;

// Member names, comma-separated, as Hana sees them and as the runtime's table lists them.
template <class T>
std::string hana_names()
{
    std::string names;
    hana::for_each(hana::keys(T{}), [&](auto key) {
        if (!names.empty()) names += ',';
        names += hana::to<const char*>(key);
    });
    return names;
}

template <class T>
std::string table_names()
{
    std::string names;
    for (const xso::member_info& mi : T::xso_members) {
        if (!names.empty()) names += ',';
        names.append(mi.member);
    }
    return names;
}

using all_types = std::tuple<
    st::Iq, st::Message, st::Presence, st::Error, st::StanzaCondition, st::Text, st::Body, st::Subject, st::Status,
    ps::Pubsub, ps::Create, ps::Configure, ps::Subscribe, ps::Options, ps::Publish, ps::PublishOptions, ps::Affiliations,
    ps::AffiliationEntry, ps::Default, ps::Items, ps::Item, ps::Retract, ps::Subscription, ps::Subscriptions,
    ps::SubscribeOptions, ps::Unsubscribe, ps::owner::Pubsub, ps::owner::Affiliations, ps::owner::AffiliationEntry,
    ps::owner::Configure, ps::owner::Default, ps::owner::Delete, ps::owner::Redirect, ps::owner::Purge,
    ps::owner::Subscription, ps::owner::Subscriptions, ps::event::Event, ps::event::Collection, ps::event::Associate,
    ps::event::Disassociate, ps::event::Configuration, ps::event::Delete, ps::event::Redirect, ps::event::Items,
    ps::event::Item, ps::event::Retract, ps::event::Purge, ps::event::Subscription, ps::errors::PubsubError,
    xso::xdata::Form, xso::xdata::Field, xso::xdata::Option, xso::xdata::Reported, xso::xdata::FormItem, xso::rsm::Set,
    xso::rsm::First, xso::disco::InfoQuery, xso::disco::Identity, xso::disco::Feature, xso::disco::ItemsQuery,
    xso::disco::DiscoItem, xso::shim::Headers, xso::shim::Header, xso::delay::Delay, xso_test::ranges::Limits,
    xso_test::ranges::Score>;

// The runtime reaches member I at desc.member(obj, I), a byte offset (xso_offset): it must
// be where member_ref<I> (the generated xso_member) finds it.
template <class T, std::size_t... I>
bool offsets_match(std::index_sequence<I...>)
{
    T obj{};
    const auto& d = xso::detail::desc_of<T>();
    return ((d.member(&obj, I) == static_cast<void*>(&xso::detail::member_ref<I>(obj))) && ...);
}

template <std::size_t... I>
void check_all(std::index_sequence<I...>)
{
    auto one = [](auto tag) {
        using T = typename decltype(tag)::type;
        static_assert(hana::Struct<T>::value, "a generated type must model hana::Struct");
        static_assert(std::is_aggregate_v<T>, "a generated type must stay an aggregate");
        static_assert(decltype(hana::length(hana::accessors<T>()))::value == std::tuple_size<decltype(T::xso_members)>::value,
                      "one accessor per row of xso_members");
        CHECK(hana_names<T>() == table_names<T>());
        INFO(table_names<T>());
        CHECK(offsets_match<T>(std::make_index_sequence<std::tuple_size<decltype(T::xso_members)>::value>{}));
    };
    (one(hana::type_c<std::tuple_element_t<I, all_types>>), ...);
}

} // namespace

TEST_CASE("hana: every generated type is a Struct whose keys follow xso_members")
{
    check_all(std::make_index_sequence<std::tuple_size<all_types>::value>{});
}

TEST_CASE("hana: keys, for_each, accessors and at_key on a generated value")
{
    CHECK(hana_names<ps::Item>() == "id,publisher,payload,unknown");
    CHECK(hana_names<ps::Items>() == "max_items,node,subid,item,unknown");
    CHECK(hana_names<ps::errors::PubsubError>() == "condition,feature,unknown");
    CHECK(hana_names<st::Iq>() == "type,id,from,to,lang,payload,error,unknown");

    ps::Items items;
    items.node = "princely_musings";
    items.max_items = 2;
    items.item.resize(3);

    // for_each over the value: (name, member) pairs in order.
    std::vector<std::string> seen;
    hana::for_each(items, hana::fuse([&](auto name, const auto& member) {
                       std::string s = hana::to<const char*>(name);
                       using M = std::decay_t<decltype(member)>;
                       if constexpr (std::is_same_v<M, std::string>) s += "=" + member;
                       else if constexpr (std::is_same_v<M, std::vector<ps::Item>>) s += "#" + std::to_string(member.size());
                       seen.push_back(s);
                   }));
    CHECK(seen == std::vector<std::string>{"max_items", "node=princely_musings", "subid", "item#3", "unknown"});

    // accessors give references: write through them.
    hana::for_each(hana::accessors<ps::Items>(), [&](auto pair) {
        auto& member = hana::second(pair)(items);
        if constexpr (std::is_same_v<std::decay_t<decltype(member)>, std::optional<std::string>>) member = "sub-1";
    });
    CHECK(items.subid == "sub-1");

    // at_key by compile-time name.
    hana::at_key(items, hana::string_c<'n', 'o', 'd', 'e'>) = "renamed";
    CHECK(items.node == "renamed");
    CHECK(hana::at_key(items, hana::string_c<'m', 'a', 'x', '_', 'i', 't', 'e', 'm', 's'>) == 2u);

    // Written after the changes made through Hana.
    items.item.clear();
    CHECK(xso_test::serialized(items) ==
          "<items xmlns='http://jabber.org/protocol/pubsub' max_items='2' node='renamed' subid='sub-1'/>");
}

TEST_CASE("hana: generated types are aggregates")
{
    // Brace initialization in member order (C++17).
    ps::Create create{std::optional<std::string>("princely_musings"), {}};
    CHECK(xso_test::serialized(create) == "<create xmlns='http://jabber.org/protocol/pubsub' node='princely_musings'/>");
    ps::owner::Purge purge{"princely_musings", {}};
    CHECK(xso_test::serialized(purge) == "<purge xmlns='http://jabber.org/protocol/pubsub#owner' node='princely_musings'/>");

#if __cplusplus >= 202002L
    // Designated initializers (C++20), members skipped freely. g++ warns about every skipped
    // member under -Wextra (-Wmissing-field-initializers); clang does not. Users who build
    // with -Wextra -Werror and g++ need the same pragma, or to name the members they skip.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"
#endif
    ps::Items items{.node = "princely_musings", .subid = "123"};
    CHECK(items.node == "princely_musings");
    CHECK_FALSE(items.max_items);
    CHECK(xso_test::serialized(items) == "<items xmlns='http://jabber.org/protocol/pubsub' node='princely_musings' subid='123'/>");

    st::Iq iq{.type = st::IqType::get, .id = "items1", .to = xso::jid("pubsub.shakespeare.lit"),
              .payload = ps::Pubsub{.items = ps::Items{.node = "princely_musings"}}};
    CHECK(xso_test::serialized(iq) == "<iq xmlns='jabber:client' type='get' id='items1' to='pubsub.shakespeare.lit'>"
                                      "<pubsub xmlns='http://jabber.org/protocol/pubsub'><items node='princely_musings'/>"
                                      "</pubsub></iq>");
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif
#endif
}

namespace {

// Default-initializes a T over bytes of 0xA5 (`new T`, not `new T{}`) and hands it to
// `check`: a scalar member without a default member initializer would keep those bytes.
template <class T, class F>
void on_dirty_default_initialized(F&& check)
{
    alignas(T) unsigned char storage[sizeof(T)];
    std::memset(storage, 0xA5, sizeof storage);
    T* value = ::new (static_cast<void*>(storage)) T;
    check(*value);
    value->~T();
}

} // namespace

TEST_CASE("generated types: scalar members are initialized when the struct is default-initialized")
{
    on_dirty_default_initialized<st::Iq>([](const st::Iq& iq) { CHECK(iq.type == st::IqType{}); });
    on_dirty_default_initialized<st::Error>([](const st::Error& e) { CHECK(e.type == st::ErrorType{}); });
    on_dirty_default_initialized<st::StanzaCondition>(
        [](const st::StanzaCondition& c) { CHECK(c.condition == st::DefinedCondition{}); });
    on_dirty_default_initialized<ps::owner::AffiliationEntry>(
        [](const ps::owner::AffiliationEntry& a) { CHECK(a.affiliation == ps::Affiliation{}); });
    on_dirty_default_initialized<xso::xdata::Field>([](const xso::xdata::Field& f) { CHECK_FALSE(f.required); });
}
