// Naming rules: C++ identifiers, keywords, the XML-name → member and token → enumerator
// mappings, value types, integers and C++ literal spelling.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "model.hpp"

namespace xsoc {

// All C++20 keywords and alternative tokens.
bool is_cpp_keyword(std::string_view s);

// Why `s` cannot be used as a C++ name, or an empty string when it can. Checks the
// identifier grammar ([A-Za-z_][A-Za-z0-9_]*), keywords, reserved identifiers (`__`
// anywhere, `_` + uppercase at the start) and a few standard macro names.
std::string identifier_problem(std::string_view s);

// Default member name: the XML name with '-', '#', '.', ':' replaced by '_'.
std::string member_from_xml_name(std::string_view xml_name);
// Default enumerator: every code point that is not [A-Za-z0-9_] becomes one '_'.
std::string enumerator_from_token(std::string_view token);
// PascalCase → snake_case ("PubsubError" → "pubsub_error").
std::string snake_case(std::string_view type_name);
// A file stem as a C++ identifier part: non-[A-Za-z0-9_] characters become '_'.
std::string identifier_from_stem(std::string_view stem);

// XML NCName (ASCII part checked strictly; non-ASCII bytes accepted as name characters).
bool is_ncname(std::string_view s);

// Value types by schema name ("string", "uint", …).
std::optional<Builtin> builtin_from_name(std::string_view s);
const char* builtin_name(Builtin b);
bool is_integer(Builtin b);
bool is_signed_integer(Builtin b);
IntValue builtin_min(Builtin b); // integers only
IntValue builtin_max(Builtin b); // integers only

// Integers: "[+-]?[0-9]+" (sign allowed when allow_sign). Nullopt when malformed or when
// the magnitude exceeds 2^64-1.
std::optional<IntValue> parse_integer(std::string_view s, bool allow_sign);
int compare(const IntValue& a, const IntValue& b);
std::string to_string(const IntValue& v);
// A C++ expression for an int64 argument (.min) / a uint64 argument (.max).
std::string int64_literal(const IntValue& v);
std::string uint64_literal(const IntValue& v);

// Lexical checks of a default value for a value type (not enums), `type_name` as spelled
// in the schema for messages. Empty when valid.
std::string value_problem(Builtin b, std::string_view v, std::string_view type_name);

// A C++ string literal with quotes: `"`, `\` and control characters escaped, other bytes
// (UTF-8) kept.
std::string cpp_string(std::string_view s);
// Collapses whitespace runs (including newlines) to one space and trims.
std::string one_line(std::string_view s);
// Splits on XML whitespace, drops empties, joins with one space.
std::string normalize_list(std::string_view s);

// Validates and normalizes a C++ namespace ("a::b", a leading "::" is dropped). Returns
// why it is unusable, or an empty string.
std::string cpp_namespace_problem(std::string& ns);
// Validates and normalizes an include prefix ("p/q", a trailing '/' is dropped).
std::string include_prefix_problem(std::string& prefix);

} // namespace xsoc
