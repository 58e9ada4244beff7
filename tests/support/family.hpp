// Helpers of the per-family tests (tests/core/*.cpp, tests/pubsub/*.cpp): parse expecting
// an error, serialize expecting success, and the round trip every family checks.
#pragma once

#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <xso/pubsub.hpp>

#include "files.hpp"

namespace xso_test {

inline xso::parse_options strict_options()
{
    xso::parse_options o;
    o.strict = true;
    return o;
}

// The error of parsing `xml` as T; the test fails (and stops) if it parses.
template <class T>
xso::error parse_error(std::string_view xml, const xso::parse_options& opts = {})
{
    auto r = xso::parse<T>(xml, opts);
    REQUIRE_MESSAGE(!r, "parsed, but an error was expected: " << xml);
    return r.error();
}

// Parsing `xml` as T fails with `code` at `path`. Returns the error, for what else a test
// checks of it.
template <class T>
xso::error expect_parse_error(std::string_view xml, xso::errc code, std::string_view path,
                              const xso::parse_options& opts = {})
{
    xso::error e = parse_error<T>(xml, opts);
    INFO("input: " << xml);
    CHECK(e.code == code);
    CHECK(e.path == path);
    return e;
}

// The same, and the error's offset is where `at` first occurs in `xml`.
template <class T>
xso::error expect_parse_error_at(std::string_view xml, xso::errc code, std::string_view path, std::string_view at,
                                 const xso::parse_options& opts = {})
{
    const std::size_t expected = xml.find(at);
    REQUIRE_MESSAGE(expected != std::string_view::npos, "'" << at << "' is not in the input");
    xso::error e = expect_parse_error<T>(xml, code, path, opts);
    CHECK(e.offset == expected);
    return e;
}

// Parses `xml` as T; the test stops if it does not parse.
template <class T>
T parsed(std::string_view xml, const xso::parse_options& opts = {})
{
    auto r = xso::parse<T>(xml, opts);
    REQUIRE_MESSAGE(r, r.error().message() << "\n  in: " << xml);
    return std::move(*r);
}

// Serializes `v`; the test stops if the object is refused.
template <class T>
std::string serialized(const T& v, const xso::serialize_options& opts = {})
{
    auto r = xso::serialize(v, opts);
    REQUIRE_MESSAGE(r, r.error().message());
    return std::move(*r);
}

// The local error of serializing `v`, after checking that a failed serialize leaves the
// caller's buffer as it was.
template <class T>
xso::error serialize_error(const T& v)
{
    std::string out = "<kept/>";
    auto r = xso::serialize(v, out);
    REQUIRE_MESSAGE(!r, "serialized, but an error was expected: " << out);
    CHECK(out == "<kept/>");
    CHECK(r.error().origin == xso::origin::local);
    CHECK(r.error().offset == xso::npos);
    return r.error();
}

// `xml` parses (strictly by default) as T, serializes to canonically equal XML, and that
// output parses back to an equal value. Returns the parsed value.
template <class T>
T round_trip(std::string_view xml, const xso::parse_options& opts = strict_options())
{
    T v = parsed<T>(xml, opts);
    std::string out = serialized(v);
    std::string diff;
    auto same = xso::canonical_equal(xml, out, {}, &diff);
    REQUIRE_MESSAGE(same, same.error().message());
    CHECK_MESSAGE(*same, "round trip differs: " << diff << "\n  in:  " << xml << "\n  out: " << out);
    auto again = xso::parse<T>(out, opts);
    REQUIRE_MESSAGE(again, "re-parse: " << again.error().message() << "\n  out: " << out);
    CHECK_MESSAGE(*again == v, "parse(serialize(x)) != x for " << out);
    return v;
}

// A fixture without its trailing whitespace (so that every proper prefix is incomplete).
inline std::string fixture_trimmed(const std::string& rel)
{
    std::string s = fixture(rel);
    while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ' || s.back() == '\t')) s.pop_back();
    return s;
}

// Every proper prefix of `whole` (one element, as a peer could cut it off) fails to parse
// as T with an error located within the prefix, and never crashes. Returns how many
// prefixes were tried.
template <class T = xso::stanza::any_stanza>
std::size_t check_every_prefix_fails(std::string_view whole)
{
    REQUIRE_MESSAGE(xso::parse<T>(whole), "the whole input must parse: " << whole);
    for (std::size_t n = 0; n < whole.size(); ++n) {
        auto r = xso::parse<T>(whole.substr(0, n));
        if (r) {
            FAIL_CHECK("a prefix of " << n << " bytes parsed: " << whole.substr(0, n));
            continue;
        }
        const xso::error& e = r.error();
        const bool markup_code =
            e.code == xso::errc::xml_syntax || e.code == xso::errc::invalid_char || e.code == xso::errc::forbidden_markup;
        if (!markup_code || e.offset == xso::npos || e.offset > n)
            FAIL_CHECK("a prefix of " << n << " bytes: " << e.message() << " at offset " << e.offset);
    }
    return whole.size();
}

// The stanzas of a fixture file (an XEP example may hold several), each round-tripped
// strictly as xso::stanza::any_stanza.
inline std::vector<xso::stanza::any_stanza> fixture_stanzas(const std::string& rel)
{
    INFO("fixture " << rel);
    const std::string input = fixture(rel);
    auto raw = xso::parse_sequence<xso::element>(input);
    REQUIRE_MESSAGE(raw, raw.error().message());
    std::vector<xso::stanza::any_stanza> out;
    for (const xso::element& e : *raw) {
        auto text = xso::serialize(e);
        REQUIRE(text);
        out.push_back(round_trip<xso::stanza::any_stanza>(*text));
    }
    return out;
}

// The single stanza of a fixture file, as S (Iq, Message or Presence).
template <class S>
S fixture_stanza(const std::string& rel)
{
    auto all = fixture_stanzas(rel);
    REQUIRE_MESSAGE(all.size() == 1, rel << " holds " << all.size() << " stanzas");
    const S* s = std::get_if<S>(&all.front());
    REQUIRE_MESSAGE(s, rel << " holds another kind of stanza");
    return *s;
}

// The payload of an IQ as alternative P (pubsub::Pubsub, owner::Pubsub, disco queries).
template <class P>
const P& payload_of(const xso::stanza::Iq& iq)
{
    REQUIRE(iq.payload.has_value());
    const P* p = std::get_if<P>(&*iq.payload);
    REQUIRE_MESSAGE(p, "the IQ carries another payload");
    return *p;
}
inline constexpr std::string_view ns_atom = "http://www.w3.org/2005/Atom";

// The generic-namespace <pubsub/> an IQ carries.
inline const xso::pubsub::Pubsub& pubsub_of(const xso::stanza::Iq& iq) { return payload_of<xso::pubsub::Pubsub>(iq); }

// "<iq type='TYPE' id='x'><pubsub xmlns='…pubsub'>" BODY "</pubsub></iq>"
inline std::string in_pubsub(const std::string& type, const std::string& body)
{
    return "<iq type='" + type + "' id='x'><pubsub xmlns='http://jabber.org/protocol/pubsub'>" + body + "</pubsub></iq>";
}

// Of a temporary IQ: a copy, so that `const P& x = payload_of<P>(make_iq())` cannot dangle.
template <class P>
P payload_of(xso::stanza::Iq&& iq)
{
    return payload_of<P>(static_cast<const xso::stanza::Iq&>(iq));
}

// The names the family tests use unqualified: a test file says
// `using namespace xso_test::family_names;` instead of repeating the list.
namespace family_names {
using xso::errc;
using xso_test::expect_parse_error;
using xso_test::expect_parse_error_at;
using xso_test::fixture_stanza;
using xso_test::in_pubsub;
using xso_test::ns_atom;
using xso_test::parse_error;
using xso_test::parsed;
using xso_test::payload_of;
using xso_test::pubsub_of;
using xso_test::serialize_error;
using xso_test::serialized;
namespace ps = xso::pubsub;
namespace st = xso::stanza;
} // namespace family_names

} // namespace xso_test
