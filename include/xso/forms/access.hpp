// Typed forms in the elements that carry data forms.
//
// An element with one optional form (`form` member: PubSub configure, default, options,
// publish-options, owner configure/default, event configuration) or with a list of forms
// (`forms` member: a message's forms, e.g. subscription authorization; a disco#info result's
// XEP-0128 extensions, e.g. node metadata):
//
//   auto config = xso::forms::read<xso::pubsub::NodeConfigForm>(owner_configure);
//   auto meta = xso::forms::read<xso::pubsub::MetadataForm>(info_query);   // by FORM_TYPE
//   xso::forms::set(configure, config);                                    // a submit form
//   xso::forms::set(info_query.forms, meta, xso::xdata::FormType::result);
#pragma once

#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include <xso/core/binding.hpp>
#include <xso/core/result.hpp>
#include <xso/forms/convert.hpp>

namespace xso::forms {

namespace detail {

template <class E, class = void>
struct has_form : std::false_type {};
template <class E>
struct has_form<E, std::enable_if_t<std::is_same_v<std::decay_t<decltype(std::declval<E&>().form)>, std::optional<xdata::Form>>>>
    : std::true_type {};

template <class E, class = void>
struct has_forms : std::false_type {};
template <class E>
struct has_forms<E, std::enable_if_t<std::is_same_v<std::decay_t<decltype(std::declval<E&>().forms)>, std::vector<xdata::Form>>>>
    : std::true_type {};

template <class E>
std::string element_prefix()
{
    if constexpr (xso::is_element_v<E>) return std::string(E::xso_qname.local);
    else return {};
}

inline std::string join_path(const std::string& prefix, const std::string& rest)
{
    return prefix.empty() ? rest : prefix + "/" + rest;
}

// Index of the first form of `forms` whose FORM_TYPE is `type`, or forms.size().
inline std::size_t find_form(const std::vector<xdata::Form>& forms, std::string_view type)
{
    for (std::size_t i = 0; i < forms.size(); ++i)
        if (form_type(forms[i]) == type) return i;
    return forms.size();
}

template <class F>
result<F> read_at(const xdata::Form& x, const read_options& opts, const std::string& prefix)
{
    F out{};
    xso::error err;
    if (!read_fields(&out, desc_of<F>(), x, opts, prefix, err)) return err;
    out.rest.received = x;
    return out;
}

} // namespace detail

// The first form of `forms` whose FORM_TYPE is F's, or nullptr.
template <class F>
const xdata::Form* find(const std::vector<xdata::Form>& forms)
{
    std::size_t i = detail::find_form(forms, F::xso_form_type);
    return i < forms.size() ? &forms[i] : nullptr;
}

// Reads the form that F's FORM_TYPE names among `forms` (errc::missing_child when none).
template <class F>
result<F> read(const std::vector<xdata::Form>& forms, const read_options& opts = {})
{
    std::size_t i = detail::find_form(forms, F::xso_form_type);
    if (i == forms.size())
        return make_error(errc::missing_child, "x", "no data form with FORM_TYPE " + std::string(F::xso_form_type));
    return detail::read_at<F>(forms[i], opts, xso::detail::list_segment("x", i + 1));
}

// Reads the form an element carries: its `form` (errc::missing_child when it has none), or
// among its `forms` the one with F's FORM_TYPE. Paths start at the element:
// `configure/x/field[@var='pubsub#max_items']`.
template <class F, class E, std::enable_if_t<detail::has_form<E>::value || detail::has_forms<E>::value, int> = 0>
result<F> read(const E& element, const read_options& opts = {})
{
    const std::string prefix = detail::element_prefix<E>();
    if constexpr (detail::has_form<E>::value) {
        if (!element.form)
            return make_error(errc::missing_child, detail::join_path(prefix, "x"),
                              "no data form (expected " + std::string(F::xso_form_type) + ")");
        return detail::read_at<F>(*element.form, opts, detail::join_path(prefix, "x"));
    } else {
        std::size_t i = detail::find_form(element.forms, F::xso_form_type);
        if (i == element.forms.size())
            return make_error(errc::missing_child, detail::join_path(prefix, "x"),
                              "no data form with FORM_TYPE " + std::string(F::xso_form_type));
        return detail::read_at<F>(element.forms[i], opts, detail::join_path(prefix, xso::detail::list_segment("x", i + 1)));
    }
}

// Puts `f`, rendered as a data form of `type` (submit by default: a request), into
// `forms`, replacing a form of the same FORM_TYPE or else appending.
template <class F>
result<void> set(std::vector<xdata::Form>& forms, const F& f, xdata::FormType type = xdata::FormType::submit)
{
    auto x = render(f, type);
    if (!x) return std::move(x).error();
    std::size_t i = detail::find_form(forms, F::xso_form_type);
    if (i < forms.size()) forms[i] = std::move(*x);
    else forms.push_back(std::move(*x));
    return {};
}

// Puts `f`, rendered as a data form of `type` (submit by default: a request), into an
// element: as its `form`, or among its `forms`.
template <class F, class E, std::enable_if_t<detail::has_form<E>::value || detail::has_forms<E>::value, int> = 0>
result<void> set(E& element, const F& f, xdata::FormType type = xdata::FormType::submit)
{
    if constexpr (detail::has_form<E>::value) {
        auto x = render(f, type);
        if (!x) return std::move(x).error();
        element.form = std::move(*x);
        return {};
    } else {
        return set(element.forms, f, type);
    }
}

} // namespace xso::forms
