// Everything a header generated from a schema with <form> declarations needs besides
// <xso/core/generated_support.hpp>: the form metadata contract and the data-form types.
#pragma once

#include <optional>
#include <type_traits>
#include <vector>

#include <xso/core/generated_support.hpp>
#include <xso/forms/meta.hpp>
#include <xso/generated/xdata.hpp>

namespace xso::forms {

// What a typed form holds besides its declared fields.
struct form_rest {
    // The data form the typed form was read from, complete: its type, title, instructions,
    // every field in received order with the labels, types, options and values the peer
    // sent, reported/items and unknown content. Empty for a form the program built.
    // Writing the typed form back starts from it, so that read-then-write loses nothing.
    std::optional<xdata::Form> received;
    // Fields whose var the declaration does not list: those received (a service's own
    // options, newer registrations), in order, and those the program adds. Written back in
    // place of the received ones, the others after the declared fields.
    std::vector<xdata::Field> other_fields;

    // Templates only so that including the header does not instantiate the comparisons
    // of every form and field type (see docs/compile-time.md).
    template <class R, std::enable_if_t<std::is_same_v<R, form_rest>, int> = 0>
    friend bool operator==(const R& a, const R& b)
    {
        return a.received == b.received && a.other_fields == b.other_fields;
    }
    template <class R, std::enable_if_t<std::is_same_v<R, form_rest>, int> = 0>
    friend bool operator!=(const R& a, const R& b) { return !(a == b); }
};

} // namespace xso::forms
