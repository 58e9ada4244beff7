// One result convention for the whole library: `xso::result<T>` holds a value or an
// `xso::error`; `!r` means failure. No exceptions are thrown by the core.
#pragma once

#include <cstddef>
#include <cstdlib>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <new>

namespace xso {

enum class errc : unsigned char {
    xml_syntax,         // the bytes are not well-formed XML (pugixml's status in `detail`)
    forbidden_markup,   // DOCTYPE, entity declaration, processing instruction or comment
    invalid_char,       // invalid UTF-8 or a character XML 1.0 forbids
    limit_exceeded,     // a configured resource limit (depth, size, element count)
    unexpected_element, // the root or an alternative is not an element this type accepts
    missing_attribute,
    missing_child,
    duplicate_child,
    duplicate_attribute,
    too_few_children,
    invalid_value,      // an attribute, text or leaf value does not parse or is out of range
    unknown_attribute,  // strict mode: an attribute in one of our namespaces that binds to nothing
    unknown_child,      // strict mode: an element in one of our namespaces that binds to nothing
    unexpected_text,    // strict mode: text in element-only content
    form_type_mismatch, // a data form's FORM_TYPE is not the one expected
    no_match,           // a response or notification does not belong to what was asked
};

constexpr std::string_view to_string(errc c) noexcept
{
    switch (c) {
    case errc::xml_syntax: return "xml_syntax";
    case errc::forbidden_markup: return "forbidden_markup";
    case errc::invalid_char: return "invalid_char";
    case errc::limit_exceeded: return "limit_exceeded";
    case errc::unexpected_element: return "unexpected_element";
    case errc::missing_attribute: return "missing_attribute";
    case errc::missing_child: return "missing_child";
    case errc::duplicate_child: return "duplicate_child";
    case errc::duplicate_attribute: return "duplicate_attribute";
    case errc::too_few_children: return "too_few_children";
    case errc::invalid_value: return "invalid_value";
    case errc::unknown_attribute: return "unknown_attribute";
    case errc::unknown_child: return "unknown_child";
    case errc::unexpected_text: return "unexpected_text";
    case errc::form_type_mismatch: return "form_type_mismatch";
    case errc::no_match: return "no_match";
    }
    return "unknown";
}

// Who is to blame: the peer sent bad input (remote) or the caller built an invalid
// object (local). Parse errors are remote, serialize errors local.
enum class origin : unsigned char { remote, local };

inline constexpr std::size_t npos = static_cast<std::size_t>(-1);

struct error {
    errc code = errc::xml_syntax;
    std::string path;          // e.g. "iq/pubsub/items/item[2]/@id"
    std::size_t offset = npos; // byte offset in the parsed input, npos when unknown
    std::string detail;        // human-readable specifics ("expected one of: get, set, …")
    xso::origin origin = origin::remote;

    // "iq/pubsub/items/item[2]/@id: invalid_value: not an integer 'x'"
    std::string message() const
    {
        std::string s = path.empty() ? std::string("(root)") : path;
        s += ": ";
        s += to_string(code);
        if (!detail.empty()) {
            s += ": ";
            s += detail;
        }
        return s;
    }
};

namespace detail {
[[noreturn]] inline void bad_result_access() noexcept { std::abort(); }
struct result_access;

// Asks result<T> for a default-initialized T: the parse entry points fill the value in
// place, and value-initialization would first zero every byte of it (several kB for a
// stanza, member initializers and constructors then writing most of them again).
struct default_init_t {
    explicit default_init_t() = default;
};
inline constexpr default_init_t default_init{};
} // namespace detail

template <class T>
class [[nodiscard]] result {
public:
    using value_type = T;

    result(const T& v) : ok_(true) { ::new (static_cast<void*>(&value_)) T(v); }
    result(T&& v) : ok_(true) { ::new (static_cast<void*>(&value_)) T(std::move(v)); }
    result(xso::error e) : ok_(false) { ::new (static_cast<void*>(&error_)) xso::error(std::move(e)); }
    template <class... A>
    explicit result(std::in_place_t, A&&... a) : ok_(true)
    {
        ::new (static_cast<void*>(&value_)) T(std::forward<A>(a)...);
    }
    // Only for class types whose every scalar member has an initializer (generated types:
    // tests/core/result.cpp checks them all).
    explicit result(detail::default_init_t) : ok_(true)
    {
        static_assert(std::is_class_v<T>, "default-initializing a scalar leaves it indeterminate");
        ::new (static_cast<void*>(&value_)) T;
    }

    result(const result& o) : ok_(o.ok_)
    {
        if (ok_) ::new (static_cast<void*>(&value_)) T(o.value_);
        else ::new (static_cast<void*>(&error_)) xso::error(o.error_);
    }
    result(result&& o) noexcept(std::is_nothrow_move_constructible_v<T>) : ok_(o.ok_)
    {
        if (ok_) ::new (static_cast<void*>(&value_)) T(std::move(o.value_));
        else ::new (static_cast<void*>(&error_)) xso::error(std::move(o.error_));
    }
    result& operator=(const result& o)
    {
        if (this == &o) return *this;
        if (ok_ && o.ok_) value_ = o.value_;
        else if (!ok_ && !o.ok_) error_ = o.error_;
        else {
            result copy(o); // a copy that throws leaves *this as it was
            destroy();
            construct_from(std::move(copy));
        }
        return *this;
    }
    result& operator=(result&& o) noexcept(std::is_nothrow_move_constructible_v<T> && std::is_nothrow_move_assignable_v<T>)
    {
        if (this == &o) return *this;
        if (ok_ && o.ok_) value_ = std::move(o.value_);
        else if (!ok_ && !o.ok_) error_ = std::move(o.error_);
        else {
            destroy();
            construct_from(std::move(o));
        }
        return *this;
    }
    ~result() { destroy(); }

    explicit operator bool() const noexcept { return ok_; }
    bool has_value() const noexcept { return ok_; }

    // Calling these on an error (or error() on a value) aborts: check `!r` first.
    T& value() & { return *get(); }
    const T& value() const& { return *get(); }
    T&& value() && { return std::move(*get()); }
    T& operator*() & { return *get(); }
    const T& operator*() const& { return *get(); }
    T&& operator*() && { return std::move(*get()); }
    T* operator->() { return get(); }
    const T* operator->() const { return get(); }

    const xso::error& error() const&
    {
        if (ok_) detail::bad_result_access();
        return error_;
    }
    xso::error&& error() &&
    {
        if (ok_) detail::bad_result_access();
        return std::move(error_);
    }

    template <class U>
    T value_or(U&& fallback) const&
    {
        return has_value() ? *get() : static_cast<T>(std::forward<U>(fallback));
    }

    // f(T) -> result<U>; errors pass through unchanged.
    template <class F>
    auto and_then(F&& f) const& -> decltype(f(std::declval<const T&>()))
    {
        if (has_value()) return f(*get());
        return error();
    }
    // f(T) -> U; wraps the value.
    template <class F>
    auto transform(F&& f) const& -> result<decltype(f(std::declval<const T&>()))>
    {
        if (has_value()) return f(*get());
        return error();
    }

private:
    // Lets the parse entry points turn a result filled in place into an error.
    friend struct detail::result_access;
    T* get()
    {
        if (!ok_) detail::bad_result_access();
        return &value_;
    }
    const T* get() const
    {
        if (!ok_) detail::bad_result_access();
        return &value_;
    }
    void destroy() noexcept
    {
        if (ok_) value_.~T();
        else error_.~error();
    }
    // Into storage whose object was destroyed.
    void construct_from(result&& o) noexcept(std::is_nothrow_move_constructible_v<T>)
    {
        ok_ = o.ok_;
        if (ok_) ::new (static_cast<void*>(&value_)) T(std::move(o.value_));
        else ::new (static_cast<void*>(&error_)) xso::error(std::move(o.error_));
    }
    void fail(xso::error&& e) noexcept
    {
        destroy();
        ok_ = false;
        ::new (static_cast<void*>(&error_)) xso::error(std::move(e));
    }

    // A union, not std::variant: std::variant can only value-initialize its alternative.
    union {
        T value_;
        xso::error error_;
    };
    bool ok_;
};

namespace detail {
struct result_access {
    // Replaces the value of a result (made with detail::default_init and filled through *r) by `e`.
    template <class T>
    static void fail(result<T>& r, xso::error&& e)
    {
        r.fail(std::move(e));
    }
};
} // namespace detail

template <>
class [[nodiscard]] result<void> {
public:
    result() = default;
    result(xso::error e) : e_(std::move(e)), failed_(true) {}

    explicit operator bool() const noexcept { return !failed_; }
    bool has_value() const noexcept { return !failed_; }
    const xso::error& error() const&
    {
        if (!failed_) detail::bad_result_access();
        return e_;
    }
    xso::error&& error() &&
    {
        if (!failed_) detail::bad_result_access();
        return std::move(e_);
    }

private:
    xso::error e_;
    bool failed_ = false;
};

inline xso::error make_error(errc code, std::string path, std::string detail = {},
                             std::size_t offset = npos, xso::origin o = origin::remote)
{
    xso::error e;
    e.code = code;
    e.path = std::move(path);
    e.offset = offset;
    e.detail = std::move(detail);
    e.origin = o;
    return e;
}

// Line (1-based), column (1-based, in bytes) of `offset` in `input`.
struct source_position {
    std::size_t line = 0;
    std::size_t column = 0;
};

inline source_position locate(std::string_view input, std::size_t offset) noexcept
{
    source_position p{1, 1};
    if (offset == npos) return {0, 0};
    if (offset > input.size()) offset = input.size();
    for (std::size_t i = 0; i < offset; ++i) {
        if (input[i] == '\n') {
            ++p.line;
            p.column = 1;
        } else {
            ++p.column;
        }
    }
    return p;
}

// Formats an error for people: "name:line:col: error: path: code: detail", then the
// offending line of `input` with a caret under the offset. Only this function computes
// line and column; errors themselves carry numbers only.
inline std::string format_error(const error& e, std::string_view input = {},
                                std::string_view source_name = {})
{
    std::string out;
    if (!source_name.empty()) {
        out += source_name;
        out += ':';
    }
    if (e.offset != npos && !input.empty()) {
        auto p = locate(input, e.offset);
        out += std::to_string(p.line);
        out += ':';
        out += std::to_string(p.column);
        out += ':';
    }
    if (!out.empty()) out += ' ';
    out += e.origin == origin::local ? "error (local): " : "error: ";
    out += e.message();
    if (e.offset != npos && !input.empty()) {
        std::size_t off = e.offset > input.size() ? input.size() : e.offset;
        std::size_t b = input.rfind('\n', off == 0 ? 0 : off - 1);
        b = (b == std::string_view::npos || off == 0) ? 0 : b + 1;
        if (off > 0 && input[off - 1] == '\n') b = off;
        std::size_t end = input.find('\n', off);
        if (end == std::string_view::npos) end = input.size();
        // Keep excerpts short around the offset for very long (one-line) stanzas.
        std::size_t from = b, to = end;
        if (off - from > 60) from = off - 60;
        if (to - off > 60) to = off + 60;
        out += "\n  ";
        if (from > b) out += "...";
        out.append(input.substr(from, to - from));
        if (to < end) out += "...";
        out += "\n  ";
        out.append((from > b ? 3 : 0) + (off - from), ' ');
        out += '^';
    }
    return out;
}

} // namespace xso
