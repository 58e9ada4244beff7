// Typed forms <-> XEP-0004 data forms (xso::xdata::Form).
//
//   read<F>(form)     generic -> typed: checks FORM_TYPE, converts every declared field,
//                     keeps everything else (form_rest) so that writing back loses nothing
//   to_xdata(f)       typed -> generic, over the form as received (lossless round trip);
//                     a form the program built becomes a submit form
//   to_submit(f)      type='submit': FORM_TYPE and the fields that are set
//   to_form(f)        type='form' (what a service sends): types, labels, options from the schema
//   to_result(f)      type='result' (e.g. node metadata in disco#info): types and labels
//
// Like parse and serialize, the code is table-driven: one type-erased description per form
// type (the generated xso_fields rows plus each row's byte offset, xso_offset) and one
// table of operations per member *type*; the field walk is written once, as ordinary
// functions, so that using many forms costs little compile time.
//
// Errors are xso::error values, never exceptions. Reading blames the peer (origin remote)
// and names the field: path `x/field[@var='pubsub#max_items']`. The byte offset is
// unknown here (npos): the XML was already parsed into xdata::Form, and a bad value is
// found by its var. Writing blames the caller (origin local).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include <xso/core/binding.hpp>
#include <xso/core/print.hpp>
#include <xso/core/result.hpp>
#include <xso/core/value_io.hpp>
#include <xso/forms/generated_support.hpp>
#include <xso/forms/meta.hpp>

namespace xso::forms {

struct read_options {
    // A form without a FORM_TYPE field is not a standardized form (XEP-0068) and is
    // refused by default; set this when the context already tells which form it is.
    bool allow_missing_form_type = false;
};

// The FORM_TYPE of a data form: the value of its FORM_TYPE field (XML whitespace around it
// ignored), or std::nullopt when it has no such field or the field has not one value.
inline std::optional<std::string_view> form_type(const xdata::Form& x) noexcept
{
    for (const xdata::Field& f : x.field)
        if (f.var && *f.var == "FORM_TYPE")
            return f.value.size() == 1 ? std::optional<std::string_view>(xso::detail::trim_xml_space(f.value[0]))
                                       : std::nullopt;
    return std::nullopt;
}

namespace detail {

using xso::detail::is_optional;
using xso::detail::is_vector;
using xso::detail::trim_xml_space;

inline bool is_blank(std::string_view s) noexcept { return trim_xml_space(s).empty(); }

inline std::string field_path(std::string_view prefix, std::string_view var)
{
    std::string p(prefix);
    p += "/field[@var='";
    p += var;
    p += "']";
    return p;
}

// ---------------------------------------------------------------------------------------
// One value <-> its lexical form, with the checks of the field's row.
template <class V>
bool read_scalar(V& out, std::string_view text, const field_info& fi, std::string& why)
{
    if constexpr (is_or_keyword<V>::value) {
        if (!fi.keyword_text.empty() && trim_xml_space(text) == fi.keyword_text) {
            out = keyword_t{fi.keyword_text};
            return true;
        }
        typename is_or_keyword<V>::value_type v{};
        if (!read_scalar(v, text, fi, why)) {
            if (!fi.keyword_text.empty()) why += " (nor the keyword '" + std::string(fi.keyword_text) + "')";
            return false;
        }
        out = std::move(v);
        return true;
    } else {
        return xso::detail::read_value(out, text, fi.rules, why);
    }
}

template <class V>
bool write_scalar(const V& v, const field_info& fi, std::string& out, std::string& why)
{
    if constexpr (is_or_keyword<V>::value) {
        if (!v.is_keyword()) return write_scalar(*v.value(), fi, out, why);
        if (fi.keyword_text.empty() || v.keyword() != fi.keyword_text) {
            why = "keyword '" + std::string(v.keyword()) + "' is not this field's" +
                  (fi.keyword_text.empty() ? std::string(" (it has none)") : " ('" + std::string(fi.keyword_text) + "')");
            return false;
        }
        out.assign(fi.keyword_text);
        return true;
    } else if constexpr (std::is_same_v<V, bool>) {
        out = v ? "1" : "0"; // the lexical form every XEP-0004 implementation reads
        return true;
    } else {
        std::string scratch;
        std::string_view view;
        if (!xso::detail::write_value(v, fi.rules, scratch, view, why)) return false;
        out.assign(view.data(), view.size());
        return true;
    }
}

template <class V>
void print_scalar(std::string& out, const V& v)
{
    if constexpr (is_or_keyword<V>::value) {
        if (v.is_keyword()) out.append(v.keyword());
        else print_scalar(out, *v.value());
    } else if constexpr (is_open_enum<V>::value) {
        out.append(v.token());
        if (!v.is_known()) out += " (not a declared option)";
    } else if constexpr (std::is_same_v<V, std::string>) {
        xso::detail::quoted(out, v);
    } else if constexpr (std::is_same_v<V, bool>) {
        out += v ? "true" : "false";
    } else if constexpr (std::is_integral_v<V>) {
        out += std::to_string(v);
    } else {
        out += v.str(); // jid, datetime
    }
}

// ---------------------------------------------------------------------------------------
// Operations on one member, by the member's C++ type.
struct form_member_ops {
    bool (*read)(void* m, const std::vector<std::string>& values, const field_info& fi, std::string& why);
    bool (*write)(const void* m, std::vector<std::string>& values, const field_info& fi, std::string& why);
    // Do `values` (as received) decode to the member's current value? Then they are kept as
    // they are, which preserves the peer's lexical forms (`1` stays `1`, not `true`).
    bool (*same)(const void* m, const std::vector<std::string>& values, const field_info& fi);
    bool (*is_set)(const void* m);
    void (*print)(std::string& out, const void* m);
};

template <class M>
struct form_ops {
    static_assert(is_optional<M>::value, "xso: typed form members are std::optional");
    using X = typename is_optional<M>::type;

    static bool read(void* mp, const std::vector<std::string>& values, const field_info& fi, std::string& why)
    {
        M& m = *static_cast<M*>(mp);
        if constexpr (is_vector<X>::value) {
            using V = typename X::value_type;
            X list;
            list.reserve(values.size());
            for (const std::string& s : values) {
                // A blank entry carries no value, except in a list of text lines.
                if constexpr (!std::is_same_v<V, std::string>)
                    if (is_blank(s)) continue;
                V v{};
                if (!read_scalar(v, s, fi, why)) return false;
                list.push_back(std::move(v));
            }
            m = std::move(list);
            return true;
        } else {
            if (values.empty()) {
                m.reset();
                return true;
            }
            if (values.size() > 1) {
                why = std::to_string(values.size()) + " values in a single-valued field";
                return false;
            }
            if constexpr (!std::is_same_v<X, std::string>)
                if (is_blank(values.front())) { // `<value/>` where a number or a date belongs: no value
                    m.reset();
                    return true;
                }
            X v{};
            if (!read_scalar(v, values.front(), fi, why)) return false;
            m = std::move(v);
            return true;
        }
    }

    static bool write(const void* mp, std::vector<std::string>& values, const field_info& fi, std::string& why)
    {
        const M& m = *static_cast<const M*>(mp);
        values.clear();
        if (!m) return true;
        if constexpr (is_vector<X>::value) {
            values.reserve(m->size());
            for (const auto& v : *m) {
                std::string s;
                if (!write_scalar(v, fi, s, why)) return false;
                values.push_back(std::move(s));
            }
        } else {
            std::string s;
            if (!write_scalar(*m, fi, s, why)) return false;
            values.push_back(std::move(s));
        }
        return true;
    }

    static bool same(const void* mp, const std::vector<std::string>& values, const field_info& fi)
    {
        M decoded;
        std::string why;
        return read(&decoded, values, fi, why) && decoded == *static_cast<const M*>(mp);
    }

    static bool is_set(const void* mp) { return static_cast<const M*>(mp)->has_value(); }

    static void print(std::string& out, const void* mp)
    {
        const M& m = *static_cast<const M*>(mp);
        if (!m) return;
        if constexpr (is_vector<X>::value) {
            out += '[';
            for (std::size_t i = 0; i < m->size(); ++i) {
                if (i) out += ", ";
                print_scalar(out, (*m)[i]);
            }
            out += ']';
        } else {
            print_scalar(out, *m);
        }
    }

    static constexpr form_member_ops value{&read, &write, &same, &is_set, &print};
};

template <>
struct form_ops<form_rest> {
    static constexpr form_member_ops value{};
};

// What the generic code knows of a typed form, type-erased.
struct form_desc {
    std::string_view name;      // C++ type name
    std::string_view form_type; // FORM_TYPE
    const field_info* fields = nullptr;
    std::size_t count = 0; // declared fields; fields[count] is the rest
    const std::size_t* offsets = nullptr; // byte offsets of the members (F::xso_offset)
    const form_member_ops* const* ops = nullptr;

    void* member(void* obj, std::size_t i) const { return static_cast<char*>(obj) + offsets[i]; }
    const void* member(const void* obj, std::size_t i) const { return static_cast<const char*>(obj) + offsets[i]; }
    form_rest& rest(void* obj) const { return *static_cast<form_rest*>(member(obj, count)); }
    const form_rest& rest(const void* obj) const { return *static_cast<const form_rest*>(member(obj, count)); }

    // Index of the declared field `var`, or count when the form does not declare it.
    std::size_t find(std::string_view var) const noexcept
    {
        for (std::size_t i = 0; i < count; ++i)
            if (fields[i].var == var) return i;
        return count;
    }
};

template <class F>
struct form_table {
    static_assert(is_form_v<F>, "xso::forms: not a generated typed form");
    static constexpr std::size_t N = field_count<F>;
    static_assert(F::xso_fields[N - 1].is_rest, "xso::forms: the last member of a typed form is its rest");

    template <std::size_t... I>
    static constexpr std::array<const form_member_ops*, N> make_ops(std::index_sequence<I...>)
    {
        return {{&form_ops<xso::detail::member_type_t<F, I>>::value...}};
    }
    static constexpr std::array<const form_member_ops*, N> ops = make_ops(std::make_index_sequence<N>{});
    static constexpr form_desc desc{F::xso_form_name, F::xso_form_type, F::xso_fields.data(), N - 1,
                                    xso::detail::member_offsets<F, N>::value.data(), ops.data()};
};

template <class F>
constexpr const form_desc& desc_of() noexcept
{
    return form_table<F>::desc;
}

// ---------------------------------------------------------------------------------------
// Reading. The type-erased functions from here on are templates with an unused parameter
// only so that a file that includes the header and never converts a form does not compile
// what they use (docs/compile-time.md).
template <class = void>
bool check_form_type(const form_desc& d, const xdata::Form& x, const read_options& opts, std::string_view prefix,
                            xso::error& err)
{
    const xdata::Field* field = nullptr;
    for (const xdata::Field& f : x.field)
        if (f.var && *f.var == "FORM_TYPE") {
            field = &f;
            break;
        }
    if (!field) {
        if (opts.allow_missing_form_type) return true;
        err = make_error(errc::form_type_mismatch, std::string(prefix),
                         "no FORM_TYPE field; expected " + std::string(d.form_type) + " (" + std::string(d.name) + ")");
        return false;
    }
    auto found = form_type(x);
    if (found && *found == d.form_type) return true;
    std::string detail = found ? "FORM_TYPE is '" + std::string(*found) + "'"
                               : "FORM_TYPE field with " + std::to_string(field->value.size()) + " values";
    detail += ", expected " + std::string(d.form_type) + " (" + std::string(d.name) + ")";
    err = make_error(errc::form_type_mismatch, field_path(prefix, "FORM_TYPE"), std::move(detail));
    return false;
}

// Converts the fields of `x` into the typed form at `obj` (its rest's other_fields too;
// the caller stores `x` itself as rest.received).
template <class = void>
bool read_fields(void* obj, const form_desc& d, const xdata::Form& x, const read_options& opts,
                        std::string_view prefix, xso::error& err)
{
    if (!check_form_type(d, x, opts, prefix, err)) return false;
    form_rest& rest = d.rest(obj);
    std::uint64_t seen = 0; // declared fields met (at most 54 of them)
    for (const xdata::Field& f : x.field) {
        if (!f.var || *f.var == "FORM_TYPE") continue; // var-less fields are layout (fixed text)
        const std::size_t k = d.find(*f.var);
        if (k == d.count) {
            rest.other_fields.push_back(f);
            continue;
        }
        if ((seen >> k) & 1u) {
            err = make_error(errc::duplicate_child, field_path(prefix, *f.var), "field appears twice");
            return false;
        }
        seen |= std::uint64_t(1) << k;
        std::string why;
        if (!d.ops[k]->read(d.member(obj, k), f.value, d.fields[k], why)) {
            err = make_error(errc::invalid_value, field_path(prefix, *f.var), std::move(why));
            return false;
        }
    }
    return true;
}

// ---------------------------------------------------------------------------------------
// Writing.
enum class field_style : unsigned char {
    submit, // var and values
    result, // + type and label
    form,   // + desc and options
};

template <class = void>
xdata::Field form_type_field(std::string_view form_type)
{
    xdata::Field f{};
    f.var = "FORM_TYPE";
    f.type = xdata::FieldType::hidden;
    f.value.emplace_back(form_type);
    return f;
}

template <class = void>
bool render_field(const void* obj, const form_desc& d, std::size_t k, field_style style, xdata::Field& out,
                         std::string_view prefix, xso::error& err)
{
    const field_info& fi = d.fields[k];
    out = xdata::Field{};
    out.var = std::string(fi.var);
    std::string why;
    if (!d.ops[k]->write(d.member(obj, k), out.value, fi, why)) {
        err = make_error(errc::invalid_value, field_path(prefix, fi.var), std::move(why), npos, origin::local);
        return false;
    }
    if (style == field_style::submit) return true;
    out.type = xso::open_enum<xdata::FieldType>::from_token(to_token(fi.type));
    if (!fi.label_text.empty()) out.label = std::string(fi.label_text);
    if (style == field_style::result) return true;
    if (!fi.desc_text.empty()) out.desc = std::string(fi.desc_text);
    for (std::size_t i = 0; i < fi.option_count; ++i) {
        xdata::Option o{};
        if (!fi.option_list[i].label.empty()) o.label = std::string(fi.option_list[i].label);
        o.value = std::string(fi.option_list[i].value);
        out.option.push_back(std::move(o));
    }
    return true;
}

inline field_style style_for(xdata::FormType t) noexcept
{
    switch (t) {
    case xdata::FormType::form: return field_style::form;
    case xdata::FormType::result: return field_style::result;
    default: return field_style::submit;
    }
}

// A fresh form of type `type`: FORM_TYPE, the declared fields that are set, then the other
// fields (for a submission only those that carry values, and hidden ones, without their
// presentation but hidden ones with their type).
template <class = void>
bool render_form(const void* obj, const form_desc& d, xdata::FormType type, xdata::Form& x, xso::error& err)
{
    x = xdata::Form{};
    x.type = type;
    x.field.push_back(form_type_field(d.form_type));
    if (type == xdata::FormType::cancel) return true;
    const field_style style = style_for(type);
    for (std::size_t k = 0; k < d.count; ++k) {
        if (!d.ops[k]->is_set(d.member(obj, k))) continue;
        xdata::Field f;
        if (!render_field(obj, d, k, style, f, "x", err)) return false;
        x.field.push_back(std::move(f));
    }
    for (const xdata::Field& f : d.rest(obj).other_fields) {
        if (style != field_style::submit) {
            x.field.push_back(f);
            continue;
        }
        const bool hidden = f.type && *f.type == xdata::FieldType::hidden;
        const bool fixed = f.type && *f.type == xdata::FieldType::fixed;
        if (!f.var || fixed || (f.value.empty() && !hidden)) continue;
        xdata::Field g{};
        g.var = f.var;
        g.value = f.value;
        // Hidden fields keep their type (as FORM_TYPE does): an empty one would otherwise
        // read back as an empty field of no type, and vanish from the next submission.
        if (hidden) g.type = f.type;
        x.field.push_back(std::move(g));
    }
    return true;
}

// The received form with the typed values written over it: fields stay in their order with
// their presentation; a declared field keeps its received values when they still decode to
// the member's value, gets the member's values otherwise, and is dropped when the program
// cleared the member; other fields come from rest.other_fields (dropped when the program
// removed them); declared fields set by the program and other fields it added follow.
template <class = void>
bool write_over(const void* obj, const form_desc& d, xdata::Form& x, xso::error& err)
{
    const form_rest& rest = d.rest(obj);
    const field_style style = style_for(x.type);
    std::vector<bool> used(rest.other_fields.size());
    std::uint64_t present = 0;
    std::vector<xdata::Field> out;
    out.reserve(x.field.size() + rest.other_fields.size());
    for (xdata::Field& f : x.field) {
        if (!f.var || *f.var == "FORM_TYPE") {
            out.push_back(std::move(f));
            continue;
        }
        const std::size_t k = d.find(*f.var);
        if (k < d.count) {
            present |= std::uint64_t(1) << k;
            const void* m = d.member(obj, k);
            if (d.ops[k]->same(m, f.value, d.fields[k])) {
                out.push_back(std::move(f));
                continue;
            }
            if (!d.ops[k]->is_set(m)) continue;
            std::string why;
            if (!d.ops[k]->write(m, f.value, d.fields[k], why)) {
                err = make_error(errc::invalid_value, field_path("x", *f.var), std::move(why), npos, origin::local);
                return false;
            }
            out.push_back(std::move(f));
            continue;
        }
        for (std::size_t j = 0; j < rest.other_fields.size(); ++j)
            if (!used[j] && rest.other_fields[j].var == f.var) {
                used[j] = true;
                out.push_back(rest.other_fields[j]);
                break;
            }
    }
    for (std::size_t k = 0; k < d.count; ++k) {
        if (((present >> k) & 1u) || !d.ops[k]->is_set(d.member(obj, k))) continue;
        xdata::Field f;
        if (!render_field(obj, d, k, style, f, "x", err)) return false;
        out.push_back(std::move(f));
    }
    for (std::size_t j = 0; j < rest.other_fields.size(); ++j)
        if (!used[j]) out.push_back(rest.other_fields[j]);
    x.field = std::move(out);
    return true;
}

} // namespace detail

// ---------------------------------------------------------------------------------------
// Generic -> typed.

// Reads a data form into the typed form F. Fails with errc::form_type_mismatch when the
// FORM_TYPE is not F's (or missing), errc::invalid_value naming the field when a declared
// field's value does not convert, errc::duplicate_child when a declared field appears
// twice. Field types are not checked (services vary them, XEP-0060 §8.2); options outside
// the declared ones are kept (open enums).
template <class F>
result<F> read(const xdata::Form& x, const read_options& opts = {})
{
    F out{};
    xso::error err;
    if (!detail::read_fields(&out, detail::desc_of<F>(), x, opts, "x", err)) return err;
    out.rest.received = x;
    return out;
}

template <class F>
result<F> read(xdata::Form&& x, const read_options& opts = {})
{
    F out{};
    xso::error err;
    if (!detail::read_fields(&out, detail::desc_of<F>(), x, opts, "x", err)) return err;
    out.rest.received = std::move(x);
    return out;
}

// Reads whichever alternative of std::variant<Forms...> the FORM_TYPE names.
template <class V>
result<V> read_any(const xdata::Form& x, const read_options& opts = {});

template <class... Forms>
struct any_reader;
template <class... Forms>
struct any_reader<std::variant<Forms...>> {
    using V = std::variant<Forms...>;
    template <class F>
    static bool try_one(const xdata::Form& x, std::string_view type, const read_options& opts, std::optional<result<V>>& out)
    {
        if (out || type != F::xso_form_type) return false;
        auto r = xso::forms::read<F>(x, opts);
        if (r) out.emplace(V(std::in_place_type<F>, std::move(*r)));
        else out.emplace(std::move(r).error());
        return true;
    }
    static result<V> read(const xdata::Form& x, const read_options& opts)
    {
        auto type = form_type(x);
        std::optional<result<V>> out;
        if (type) (try_one<Forms>(x, *type, opts, out), ...);
        if (out) return std::move(*out);
        std::string expected;
        ((expected += (expected.empty() ? "" : ", "), expected += Forms::xso_form_type), ...);
        return make_error(errc::form_type_mismatch, "x",
                          (type ? "FORM_TYPE '" + std::string(*type) + "'" : std::string("no FORM_TYPE")) +
                              " is none of " + expected);
    }
};

template <class V>
result<V> read_any(const xdata::Form& x, const read_options& opts)
{
    return any_reader<V>::read(x, opts);
}

// ---------------------------------------------------------------------------------------
// Typed -> generic.

// The typed form written back as a data form: over the form it was read from when there is
// one (nothing lost: read, then to_xdata, gives canonically equal XML), else to_submit().
template <class F>
result<xdata::Form> to_xdata(const F& f)
{
    const auto& d = detail::desc_of<F>();
    xso::error err;
    xdata::Form x;
    if (!f.rest.received) {
        if (!detail::render_form(&f, d, xdata::FormType::submit, x, err)) return err;
        return x;
    }
    x = *f.rest.received;
    if (!detail::write_over(&f, d, x, err)) return err;
    return x;
}

// A fresh data form of `type` from the typed values and the schema's metadata: FORM_TYPE
// (hidden), every declared field that is set (submit: var and values; result: with type and
// label; form: also desc and options), then rest.other_fields. A cancel form carries
// FORM_TYPE only.
template <class F>
result<xdata::Form> render(const F& f, xdata::FormType type)
{
    xdata::Form x;
    xso::error err;
    if (!detail::render_form(&f, detail::desc_of<F>(), type, x, err)) return err;
    return x;
}

// What a client sends: FORM_TYPE and the fields that are set (other fields only when they
// carry values or are hidden: XEP-0004 asks for hidden fields to come back).
template <class F>
result<xdata::Form> to_submit(const F& f)
{
    return render(f, xdata::FormType::submit);
}

// What a service sends for the user to fill in, with field types, labels and options.
template <class F>
result<xdata::Form> to_form(const F& f)
{
    return render(f, xdata::FormType::form);
}

// Data returned by a service (node metadata in disco#info), with field types and labels.
template <class F>
result<xdata::Form> to_result(const F& f)
{
    return render(f, xdata::FormType::result);
}

// ---------------------------------------------------------------------------------------
// Unknown fields and metadata.

// The field of the form with this var among the fields F does not declare (received or
// added), or nullptr.
template <class F>
const xdata::Field* other_field(const F& f, std::string_view var)
{
    for (const xdata::Field& x : f.rest.other_fields)
        if (x.var && *x.var == var) return &x;
    return nullptr;
}

// The metadata row of the member that holds `var`, or nullptr when F does not declare it.
template <class F>
const field_info* field_of(std::string_view var)
{
    const auto& d = detail::desc_of<F>();
    std::size_t k = d.find(var);
    return k < d.count ? &d.fields[k] : nullptr;
}

} // namespace xso::forms
