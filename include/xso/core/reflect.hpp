// Member access by index over Boost.Hana-reflected structs, and the generic equality the
// generated operator== forwards to.
#pragma once

#include <cstddef>
#include <type_traits>
#include <utility>

#include <boost/hana/accessors.hpp>
#include <boost/hana/at.hpp>
#include <boost/hana/length.hpp>
#include <boost/hana/second.hpp>

#include <xso/core/meta.hpp>

namespace xso::detail {

// Member I of a reflected object (Hana accessor order == xso_members order).
template <std::size_t I, class T>
constexpr decltype(auto) member_ref(T& obj)
{
    using S = std::remove_const_t<T>;
    return boost::hana::second(boost::hana::at_c<I>(boost::hana::accessors<S>()))(obj);
}

template <class T>
constexpr std::size_t member_count = std::tuple_size<std::decay_t<decltype(T::xso_members)>>::value;

template <class T>
constexpr bool members_aligned()
{
    return decltype(boost::hana::length(boost::hana::accessors<T>()))::value == member_count<T>;
}

template <class T, std::size_t... I>
bool struct_equal_impl(const T& a, const T& b, std::index_sequence<I...>)
{
    return ((member_ref<I>(a) == member_ref<I>(b)) && ...);
}

template <class T>
bool struct_equal(const T& a, const T& b)
{
    static_assert(members_aligned<T>(), "xso: xso_members must describe every Hana member, in order");
    return struct_equal_impl(a, b, std::make_index_sequence<member_count<T>>{});
}

} // namespace xso::detail
