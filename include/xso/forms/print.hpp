// A readable rendering of typed forms, for logs, debugging and xso-inspect:
//
//   NodeConfigForm  [http://jabber.org/protocol/pubsub#node_config]  (form)
//     title = "Princely Musings (Atom)"
//     max_items = 10
//     access_model = open
//     (other field) pubsub#children_max = ["10"]
//
// Only the fields that are set are shown. Not a format meant to be parsed back.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include <xso/core/print.hpp>
#include <xso/forms/convert.hpp>

namespace xso::forms {

namespace detail {

// A template only so that including the header does not compile it (docs/compile-time.md).
template <class = void>
void print_form(std::string& out, const void* obj, const form_desc& d, int level)
{
    xso::detail::indent(out, level);
    out.append(d.name);
    out += "  [";
    out.append(d.form_type);
    out += ']';
    const form_rest& rest = d.rest(obj);
    if (rest.received) {
        out += "  (";
        out.append(xso::to_token(rest.received->type));
        out += ')';
    }
    out += '\n';
    for (std::size_t k = 0; k < d.count; ++k) {
        const void* m = d.member(obj, k);
        if (!d.ops[k]->is_set(m)) continue;
        xso::detail::indent(out, level + 1);
        out.append(d.fields[k].member);
        out += " = ";
        d.ops[k]->print(out, m);
        out += '\n';
    }
    for (const xdata::Field& f : rest.other_fields) {
        xso::detail::indent(out, level + 1);
        out += "(other field) ";
        out += f.var ? *f.var : std::string("(no var)");
        out += " = [";
        for (std::size_t i = 0; i < f.value.size(); ++i) {
            if (i) out += ", ";
            xso::detail::quoted(out, f.value[i]);
        }
        out += "]\n";
    }
}

} // namespace detail

// Indented rendering of a typed form: its type, FORM_TYPE, the form type it was received
// as, every field that is set (`max_items = 10`) and the fields it does not declare.
template <class F>
std::string to_debug_string(const F& f, int indent_level = 0)
{
    std::string out;
    detail::print_form(out, &f, detail::desc_of<F>(), indent_level);
    return out;
}

} // namespace xso::forms
