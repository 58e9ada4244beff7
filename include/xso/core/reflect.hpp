// Member access by index over generated structs, and the generic equality generated
// namespaces bring into scope for their types.
//
// Every generated struct models Boost.Hana's Struct concept (hana::accessors, hana::keys,
// hana::for_each work on it), through a hana_accessors_impl that is only instantiated when
// someone uses it. The runtime itself reaches members through the generated
// `xso_member<I>(obj)`, aligned with `xso_members`, which costs the compiler far less
// than going through Hana's tuple of accessors for every member.
#pragma once

#include <array>
#include <cstddef>
#include <tuple>
#include <type_traits>
#include <utility>

#include <xso/core/meta.hpp>

namespace xso::detail {

// Member I of a generated object (xso_members order).
template <std::size_t I, class T>
constexpr auto& member_ref(T& obj) noexcept
{
    return std::remove_const_t<T>::template xso_member<I>(obj);
}

template <class T>
constexpr std::size_t member_count = std::tuple_size<std::decay_t<decltype(T::xso_members)>>::value;

// Byte offsets of the first N members of a generated type or typed form (the generated
// xso_offset): the type-erased tables reach members through them, not through a call.
template <class T, std::size_t N>
struct member_offsets {
    // offsetof, behind xso_offset, is defined for standard-layout types only.
    static_assert(std::is_standard_layout_v<T>, "xso: generated types are standard-layout");
    static constexpr std::array<std::size_t, N> make()
    {
        std::array<std::size_t, N> o{};
        for (std::size_t i = 0; i < N; ++i) o[i] = T::xso_offset(i);
        return o;
    }
    static constexpr std::array<std::size_t, N> value = make();
};

template <class T, std::size_t... I>
bool struct_equal_impl(const T& a, const T& b, std::index_sequence<I...>)
{
    return ((member_ref<I>(a) == member_ref<I>(b)) && ...);
}

template <class T>
bool struct_equal(const T& a, const T& b)
{
    return struct_equal_impl(a, b, std::make_index_sequence<member_count<T>>{});
}

} // namespace xso::detail

namespace xso::eq {
// Member-wise equality of generated values. Generated namespaces pull these in with
// using-declarations, so ADL finds them for generated types and only for them.
template <class T, std::enable_if_t<is_reflected_v<T>, int> = 0>
bool operator==(const T& a, const T& b)
{
    return detail::struct_equal(a, b);
}
template <class T, std::enable_if_t<is_reflected_v<T>, int> = 0>
bool operator!=(const T& a, const T& b)
{
    return !detail::struct_equal(a, b);
}
} // namespace xso::eq
