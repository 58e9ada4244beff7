#include "names.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <iterator>

namespace xsoc {

namespace {

constexpr std::string_view keywords[] = {
    // C++20 keywords
    "alignas", "alignof", "asm", "auto", "bool", "break", "case", "catch", "char", "char8_t",
    "char16_t", "char32_t", "class", "concept", "const", "consteval", "constexpr", "constinit",
    "const_cast", "continue", "co_await", "co_return", "co_yield", "decltype", "default",
    "delete", "do", "double", "dynamic_cast", "else", "enum", "explicit", "export", "extern",
    "false", "float", "for", "friend", "goto", "if", "inline", "int", "long", "mutable",
    "namespace", "new", "noexcept", "nullptr", "operator", "private", "protected", "public",
    "register", "reinterpret_cast", "requires", "return", "short", "signed", "sizeof", "static",
    "static_assert", "static_cast", "struct", "switch", "template", "this", "thread_local",
    "throw", "true", "try", "typedef", "typeid", "typename", "union", "unsigned", "using",
    "virtual", "void", "volatile", "wchar_t", "while",
    // alternative tokens
    "and", "and_eq", "bitand", "bitor", "compl", "not", "not_eq", "or", "or_eq", "xor", "xor_eq",
};

// Macros of the C and C++ standard libraries that break a member of that name.
constexpr std::string_view std_macros[] = {
    "NULL", "EOF", "assert", "errno", "offsetof", "setjmp", "stdin", "stdout", "stderr",
    "va_arg", "va_copy", "va_end", "va_start",
};

bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_xml_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

} // namespace

bool is_cpp_keyword(std::string_view s)
{
    return std::find(std::begin(keywords), std::end(keywords), s) != std::end(keywords);
}

std::string identifier_problem(std::string_view s)
{
    if (s.empty()) return "is empty";
    if (!(is_alpha(s[0]) || s[0] == '_')) return "is not a valid C++ identifier";
    for (char c : s)
        if (!(is_alpha(c) || is_digit(c) || c == '_')) return "is not a valid C++ identifier";
    if (is_cpp_keyword(s)) return "is a C++ keyword";
    if (s.find("__") != std::string_view::npos || (s.size() > 1 && s[0] == '_' && s[1] >= 'A' && s[1] <= 'Z'))
        return "is a reserved C++ identifier";
    if (std::find(std::begin(std_macros), std::end(std_macros), s) != std::end(std_macros))
        return "is a standard library macro name";
    return {};
}

std::string member_from_xml_name(std::string_view xml_name)
{
    std::string r(xml_name);
    for (char& c : r)
        if (c == '-' || c == '#' || c == '.' || c == ':') c = '_';
    return r;
}

std::string enumerator_from_token(std::string_view token)
{
    std::string r;
    for (char c : token) {
        auto u = static_cast<unsigned char>(c);
        if ((u & 0xC0) == 0x80) continue; // UTF-8 continuation byte: same code point
        r += (is_alpha(c) || is_digit(c) || c == '_') ? c : '_';
    }
    return r;
}

std::string snake_case(std::string_view type_name)
{
    std::string r;
    for (std::size_t i = 0; i < type_name.size(); ++i) {
        char c = type_name[i];
        if (c >= 'A' && c <= 'Z') {
            bool prev_lower = i > 0 && ((type_name[i - 1] >= 'a' && type_name[i - 1] <= 'z') || is_digit(type_name[i - 1]));
            bool next_lower = i + 1 < type_name.size() && type_name[i + 1] >= 'a' && type_name[i + 1] <= 'z';
            bool prev_upper = i > 0 && type_name[i - 1] >= 'A' && type_name[i - 1] <= 'Z';
            if (!r.empty() && r.back() != '_' && (prev_lower || (prev_upper && next_lower))) r += '_';
            r += static_cast<char>(c - 'A' + 'a');
        } else {
            r += c;
        }
    }
    return r;
}

std::string identifier_from_stem(std::string_view stem)
{
    std::string r(stem);
    for (char& c : r)
        if (!(is_alpha(c) || is_digit(c) || c == '_')) c = '_';
    return r;
}

bool is_ncname(std::string_view s)
{
    if (s.empty()) return false;
    auto start = [](char c) { return is_alpha(c) || c == '_' || static_cast<unsigned char>(c) >= 0x80; };
    if (!start(s[0])) return false;
    for (char c : s)
        if (!(start(c) || is_digit(c) || c == '-' || c == '.')) return false;
    return true;
}

namespace {
struct BuiltinName {
    std::string_view name;
    Builtin type;
};
constexpr std::array<BuiltinName, 16> builtin_names{{
    {"string", Builtin::string_},
    {"boolean", Builtin::boolean},
    {"int8", Builtin::int8},
    {"int16", Builtin::int16},
    {"int32", Builtin::int32},
    {"int64", Builtin::int64},
    {"int", Builtin::int64},
    {"uint8", Builtin::uint8},
    {"uint16", Builtin::uint16},
    {"uint32", Builtin::uint32},
    {"uint64", Builtin::uint64},
    {"uint", Builtin::uint64},
    {"jid", Builtin::jid},
    {"datetime", Builtin::datetime},
    {"uri", Builtin::uri},
    {"language", Builtin::language},
}};
} // namespace

std::optional<Builtin> builtin_from_name(std::string_view s)
{
    for (auto& b : builtin_names)
        if (b.name == s) return b.type;
    return std::nullopt;
}

const char* builtin_name(Builtin b)
{
    switch (b) {
    case Builtin::string_: return "string";
    case Builtin::boolean: return "boolean";
    case Builtin::int8: return "int8";
    case Builtin::int16: return "int16";
    case Builtin::int32: return "int32";
    case Builtin::int64: return "int64";
    case Builtin::uint8: return "uint8";
    case Builtin::uint16: return "uint16";
    case Builtin::uint32: return "uint32";
    case Builtin::uint64: return "uint64";
    case Builtin::jid: return "jid";
    case Builtin::datetime: return "datetime";
    case Builtin::uri: return "uri";
    case Builtin::language: return "language";
    }
    return "?";
}

bool is_signed_integer(Builtin b)
{
    return b == Builtin::int8 || b == Builtin::int16 || b == Builtin::int32 || b == Builtin::int64;
}

bool is_integer(Builtin b)
{
    return is_signed_integer(b) || b == Builtin::uint8 || b == Builtin::uint16 || b == Builtin::uint32 ||
           b == Builtin::uint64;
}

IntValue builtin_min(Builtin b)
{
    switch (b) {
    case Builtin::int8: return {true, 128};
    case Builtin::int16: return {true, 32768};
    case Builtin::int32: return {true, 2147483648ULL};
    case Builtin::int64: return {true, 9223372036854775808ULL};
    default: return {false, 0};
    }
}

IntValue builtin_max(Builtin b)
{
    switch (b) {
    case Builtin::int8: return {false, 127};
    case Builtin::int16: return {false, 32767};
    case Builtin::int32: return {false, 2147483647ULL};
    case Builtin::int64: return {false, 9223372036854775807ULL};
    case Builtin::uint8: return {false, 255};
    case Builtin::uint16: return {false, 65535};
    case Builtin::uint32: return {false, 4294967295ULL};
    case Builtin::uint64: return {false, 18446744073709551615ULL};
    default: return {false, 0};
    }
}

std::optional<IntValue> parse_integer(std::string_view s, bool allow_sign)
{
    IntValue v;
    std::size_t i = 0;
    if (allow_sign && !s.empty() && (s[0] == '+' || s[0] == '-')) {
        v.negative = s[0] == '-';
        i = 1;
    }
    if (i == s.size()) return std::nullopt;
    for (; i < s.size(); ++i) {
        if (!is_digit(s[i])) return std::nullopt;
        std::uint64_t d = static_cast<std::uint64_t>(s[i] - '0');
        if (v.magnitude > (18446744073709551615ULL - d) / 10) return std::nullopt;
        v.magnitude = v.magnitude * 10 + d;
    }
    if (v.magnitude == 0) v.negative = false;
    return v;
}

int compare(const IntValue& a, const IntValue& b)
{
    if (a.negative != b.negative) return a.negative ? -1 : 1;
    if (a.magnitude == b.magnitude) return 0;
    bool less = a.magnitude < b.magnitude;
    if (a.negative) less = !less;
    return less ? -1 : 1;
}

std::string to_string(const IntValue& v)
{
    // Not `"-" + std::to_string(...)`: g++ 12 at -O2 in C++20 warns there (-Wrestrict, a
    // false positive in libstdc++'s operator+ of a literal and a temporary).
    std::string s = std::to_string(v.magnitude);
    if (v.negative) s.insert(s.begin(), '-');
    return s;
}

std::string int64_literal(const IntValue& v)
{
    // -2^63 has no literal spelling: its magnitude does not fit a signed literal.
    if (v.negative && v.magnitude == 9223372036854775808ULL) return "-9223372036854775807 - 1";
    return to_string(v);
}

std::string uint64_literal(const IntValue& v)
{
    return v.magnitude > 9223372036854775807ULL ? std::to_string(v.magnitude) + "u" : std::to_string(v.magnitude);
}

namespace {

bool jid_ok(std::string_view s)
{
    if (s.empty() || s.size() > 3071) return false;
    auto slash = s.find('/');
    auto bare = s.substr(0, slash);
    auto at = bare.find('@');
    auto local = at == std::string_view::npos ? std::string_view{} : bare.substr(0, at);
    auto domain = at == std::string_view::npos ? bare : bare.substr(at + 1);
    if (at != std::string_view::npos && local.empty()) return false;
    if (domain.empty() || domain.size() > 1023 || local.size() > 1023) return false;
    for (char c : local)
        if (c == '"' || c == '&' || c == '\'' || c == '/' || c == ':' || c == '<' || c == '>' || c == '@' ||
            static_cast<unsigned char>(c) <= 0x20 || c == 0x7f)
            return false;
    for (char c : domain)
        if (c == '@' || static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) return false;
    if (slash != std::string_view::npos) {
        auto res = s.substr(slash + 1);
        if (res.empty() || res.size() > 1023) return false;
        for (char c : res)
            if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) return false;
    }
    return true;
}

bool datetime_ok(std::string_view s)
{
    // CCYY-MM-DDThh:mm:ss[.sss](Z|(+|-)hh:mm)
    const std::string_view shape = "dddd-dd-ddTdd:dd:dd";
    if (s.size() < shape.size() + 1) return false;
    for (std::size_t i = 0; i < shape.size(); ++i) {
        if (shape[i] == 'd' ? !is_digit(s[i]) : s[i] != shape[i]) return false;
    }
    std::size_t i = shape.size();
    if (s[i] == '.') {
        std::size_t start = ++i;
        while (i < s.size() && is_digit(s[i])) ++i;
        if (i == start) return false;
    }
    auto rest = s.substr(i);
    if (rest == "Z") return true;
    return rest.size() == 6 && (rest[0] == '+' || rest[0] == '-') && is_digit(rest[1]) && is_digit(rest[2]) &&
           rest[3] == ':' && is_digit(rest[4]) && is_digit(rest[5]);
}

} // namespace

std::string value_problem(Builtin b, std::string_view v, std::string_view type_name)
{
    switch (b) {
    case Builtin::string_: return {};
    case Builtin::boolean:
        return (v == "true" || v == "false" || v == "1" || v == "0") ? std::string{}
                                                                    : "is not a boolean (true, false, 1, 0)";
    case Builtin::jid: return jid_ok(v) ? std::string{} : "is not a valid JID";
    case Builtin::datetime: return datetime_ok(v) ? std::string{} : "is not an XEP-0082 DateTime";
    case Builtin::uri: {
        if (v.empty()) return "is not a URI (empty)";
        for (char c : v)
            if (is_xml_space(c)) return "is not a URI (contains whitespace)";
        return {};
    }
    case Builtin::language: {
        if (v.empty()) return "is not a language tag";
        for (char c : v)
            if (!(is_alpha(c) || is_digit(c) || c == '-')) return "is not a language tag";
        return {};
    }
    default: {
        auto iv = parse_integer(v, is_signed_integer(b));
        if (!iv) return "is not a valid " + std::string(type_name);
        if (compare(*iv, builtin_min(b)) < 0 || compare(*iv, builtin_max(b)) > 0)
            return "is out of range for " + std::string(type_name);
        return {};
    }
    }
}

std::string cpp_string(std::string_view s)
{
    std::string r = "\"";
    for (char c : s) {
        auto u = static_cast<unsigned char>(c);
        switch (c) {
        case '"': r += "\\\""; break;
        case '\\': r += "\\\\"; break;
        case '\n': r += "\\n"; break;
        case '\t': r += "\\t"; break;
        case '\r': r += "\\r"; break;
        default:
            if (u < 0x20 || u == 0x7f) {
                // Octal escapes stop after three digits, unlike \x.
                r += '\\';
                r += static_cast<char>('0' + ((u >> 6) & 7));
                r += static_cast<char>('0' + ((u >> 3) & 7));
                r += static_cast<char>('0' + (u & 7));
            } else {
                r += c;
            }
        }
    }
    r += '"';
    return r;
}

std::string one_line(std::string_view s)
{
    std::string r;
    bool space = false;
    for (char c : s) {
        if (is_xml_space(c)) {
            space = !r.empty();
            continue;
        }
        if (space) r += ' ';
        space = false;
        r += c;
    }
    return r;
}

std::string normalize_list(std::string_view s) { return one_line(s); }

std::string cpp_namespace_problem(std::string& ns)
{
    if (ns.rfind("::", 0) == 0) ns.erase(0, 2);
    if (ns.empty()) return "is empty";
    std::size_t start = 0;
    bool first = true;
    while (true) {
        auto end = ns.find("::", start);
        auto part = std::string_view(ns).substr(start, end == std::string::npos ? std::string::npos : end - start);
        auto why = identifier_problem(part);
        if (!why.empty()) return "has a component '" + std::string(part) + "' that " + why;
        if (part == "std") return "uses 'std', which is reserved for the standard library";
        // Generated code names runtime types as `xso::…`: a nested `xso` would hijack them.
        if (part == "xso" && !first) return "has 'xso' as a nested component, which would hide the runtime's ::xso";
        if (end == std::string::npos) break;
        start = end + 2;
        first = false;
    }
    return {};
}

std::string include_prefix_problem(std::string& prefix)
{
    while (!prefix.empty() && prefix.back() == '/') prefix.pop_back();
    if (prefix.empty()) return {};
    if (prefix.front() == '/') return "must be a relative path";
    std::size_t start = 0;
    while (true) {
        auto end = prefix.find('/', start);
        auto part = std::string_view(prefix).substr(start, end == std::string::npos ? std::string::npos : end - start);
        if (part.empty() || part == "." || part == "..") return "must not contain empty, '.' or '..' components";
        for (char c : part)
            if (c == '\\' || c == '<' || c == '>' || c == '"' || is_xml_space(c) || static_cast<unsigned char>(c) < 0x20)
                return "contains a character not allowed in an #include path";
        if (end == std::string::npos) break;
        start = end + 1;
    }
    return {};
}

} // namespace xsoc
