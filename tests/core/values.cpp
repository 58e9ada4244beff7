// Value types: xso::jid, xso::datetime, xso::open_enum, and how attribute, leaf and text
// values are read and written (booleans, integers with their schema ranges, enum tokens).
// Integers with ranges come from the test-only schema tests/core/ranges.xml.
#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

#include <xso/pubsub.hpp>
#include <xso_test/ranges.hpp>

#include "../support/family.hpp"

namespace {

using namespace xso_test::family_names;
namespace ranges = xso_test::ranges;

// <limits xmlns='urn:xso:test:ranges' NAME='VALUE'/>
std::string limits_with(const std::string& name, const std::string& value)
{
    return "<limits xmlns='urn:xso:test:ranges' " + name + "='" + value + "'/>";
}

ranges::Limits limits_ok(const std::string& name, const std::string& value)
{
    return parsed<ranges::Limits>(limits_with(name, value));
}

// The attribute NAME='VALUE' must be refused, at the attribute, with a detail naming why.
void check_bad_attribute(const std::string& name, const std::string& value, const std::string& why)
{
    const std::string xml = limits_with(name, value);
    CAPTURE(xml);
    xso::error e = parse_error<ranges::Limits>(xml);
    CHECK(e.code == errc::invalid_value);
    CHECK(e.path == "limits/@" + name);
    CHECK(e.offset == xml.find(name + "="));
    CHECK(e.origin == xso::origin::remote);
    CHECK_MESSAGE(e.detail.find(why) != std::string::npos, e.detail);
}

// An enumeration with tokens of equal lengths and of 63 bytes and more, which from_token's
// length groups handle apart (the last group holds every token of 63 bytes or longer).
enum class long_tokens { a, b, c, d, e, f, g, h };

} // namespace

template <>
struct xso::enum_traits<long_tokens> {
    static constexpr std::string_view name{"long_tokens"};
    static constexpr std::array<std::string_view, 8> tokens{{
        "one", "two", "six",
        "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijk",   // 63 bytes
        "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijkl",  // 64
        "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijkm",  // 64
        "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz", // 78
        "",
    }};
};

namespace {

// from_token finds every token of E, and nothing for a near miss of each.
template <class E>
void check_token_lookup()
{
    const auto& tokens = xso::enum_traits<E>::tokens;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        const std::string token(tokens[i]);
        CAPTURE(token);
        REQUIRE(xso::from_token<E>(token));
        CHECK(*xso::from_token<E>(token) == static_cast<E>(i));
        std::string other = token + "x";
        if (std::find(tokens.begin(), tokens.end(), other) == tokens.end()) CHECK_FALSE(xso::from_token<E>(other));
        if (!token.empty()) {
            other = token;
            other.back() = other.back() == '#' ? '$' : '#';
            CHECK_FALSE(xso::from_token<E>(other));
            other = token.substr(1);
            if (std::find(tokens.begin(), tokens.end(), other) == tokens.end()) CHECK_FALSE(xso::from_token<E>(other));
        }
    }
}

} // namespace

TEST_CASE("enum tokens: every token is found, near misses are not")
{
    check_token_lookup<xso::stanza::IqType>();          // four tokens: a plain scan
    check_token_lookup<xso::stanza::DefinedCondition>(); // 23 tokens, several of equal length
    check_token_lookup<xso::pubsub::errors::Condition>();
    check_token_lookup<xso::xdata::FieldType>();
    check_token_lookup<long_tokens>();
    CHECK_FALSE(xso::from_token<long_tokens>("abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijkn"));
    CHECK(xso::from_token<long_tokens>("") == long_tokens::h);

    // Stanza errors and PubSub errors pick their condition by the element's name.
    auto iq = parsed<xso::stanza::Iq>(
        "<iq type='error' id='c1'><error type='cancel'><item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>"
        "<unsupported xmlns='http://jabber.org/protocol/pubsub#errors' feature='purge-nodes'/></error></iq>");
    REQUIRE(iq.error);
    CHECK(iq.error->condition.condition == xso::stanza::DefinedCondition::item_not_found);
    // A misspelt condition is no condition: kept as unknown content, the required one is missing.
    expect_parse_error<xso::stanza::Iq>(
        "<iq type='error' id='c2'><error type='cancel'><item-not-fund xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>",
        errc::missing_child, "iq/error/condition");
}

// ---------------------------------------------------------------------------------------
TEST_CASE("jid: parts of full, bare and domain JIDs")
{
    xso::jid full("juliet@capulet.lit/balcony");
    CHECK(full.local() == "juliet");
    CHECK(full.domain() == "capulet.lit");
    CHECK(full.resource() == "balcony");
    CHECK(full.bare() == "juliet@capulet.lit");
    CHECK_FALSE(full.is_bare());
    CHECK(full.check().empty());

    xso::jid domain("pubsub.shakespeare.lit");
    CHECK(domain.local().empty());
    CHECK(domain.domain() == "pubsub.shakespeare.lit");
    CHECK(domain.resource().empty());
    CHECK(domain.is_bare());
    CHECK(domain.check().empty());

    // RFC 7622 §3.1: the resource starts at the first '/', and may contain '/' and '@'.
    xso::jid odd("juliet@capulet.lit/balcony/left@night");
    CHECK(odd.resource() == "balcony/left@night");
    CHECK(odd.bare() == "juliet@capulet.lit");
    // An '@' after the first '/' is part of the resource: no localpart here.
    xso::jid slash_first("capulet.lit/juliet@home");
    CHECK(slash_first.local().empty());
    CHECK(slash_first.domain() == "capulet.lit");
    CHECK(slash_first.resource() == "juliet@home");
    CHECK(slash_first.check().empty());

    CHECK(xso::jid("a@b") == xso::jid(std::string("a@b")));
    CHECK(xso::jid("a@b") != xso::jid("a@b/c"));
    CHECK(xso::jid("a@b") < xso::jid("b@b"));
    CHECK(xso::jid().empty());
}

TEST_CASE("jid: structural checks")
{
    CHECK(xso::jid("").check() == "empty JID");
    CHECK(xso::jid("@capulet.lit").check() == "empty localpart");
    CHECK(xso::jid("juliet@").check() == "empty domainpart");
    CHECK(xso::jid("juliet@/balcony").check() == "empty domainpart");
    CHECK(xso::jid("juliet@capulet.lit/").check() == "empty resourcepart");
    for (const char* bad : {"ju liet@capulet.lit", "ju\"liet@capulet.lit", "ju&liet@capulet.lit", "ju'liet@capulet.lit",
                            "ju:liet@capulet.lit", "ju<liet@capulet.lit", "ju>liet@capulet.lit", "ju\tliet@capulet.lit"}) {
        CAPTURE(bad);
        CHECK(xso::jid(bad).check() == "character not allowed in localpart");
    }
    CHECK(xso::jid("juliet@capu let.lit").check() == "character not allowed in domainpart");
    CHECK(xso::jid("juliet@capulet@lit").check() == "character not allowed in domainpart");
    CHECK(xso::jid("juliet@capulet.lit/bal\x01" "cony").check() == "control character in resourcepart");
    CHECK(xso::jid("juliet@capulet.lit/bal\x7f" "cony").check() == "control character in resourcepart");

    // Spaces are fine in a resource, non-ASCII anywhere (no PRECIS profile is applied).
    CHECK(xso::jid("juliet@capulet.lit/the balcony").check().empty());
    CHECK(xso::jid("j\xc3\xbcliet@capulet.lit").check().empty());
    CHECK(xso::jid("[::1]").check().empty());

    // Each part may hold 1023 bytes, not 1024 (RFC 7622 §3.2-3.4).
    const std::string k1023(1023, 'a'), k1024(1024, 'a');
    CHECK(xso::jid(k1023 + "@capulet.lit").check().empty());
    CHECK(xso::jid(k1024 + "@capulet.lit").check() == "part longer than 1023 bytes");
    CHECK(xso::jid("juliet@" + k1023).check().empty());
    CHECK(xso::jid("juliet@" + k1024).check() == "part longer than 1023 bytes");
    CHECK(xso::jid("juliet@capulet.lit/" + k1023).check().empty());
    CHECK(xso::jid("juliet@capulet.lit/" + k1024).check() == "resourcepart longer than 1023 bytes");
}

TEST_CASE("jid: checked on parse and on serialize")
{
    const std::string xml = "<iq type='get' id='j1' to='@capulet.lit'/>";
    xso::error e = expect_parse_error_at<xso::stanza::Iq>(xml, errc::invalid_value, "iq/@to", "to=");
    CHECK(e.detail.find("empty localpart") != std::string::npos);

    auto iq = parsed<xso::stanza::Iq>("<iq type='get' id='j1' from='juliet@capulet.lit/balcony'/>");
    REQUIRE(iq.from);
    CHECK(iq.from->resource() == "balcony");

    iq.to = xso::jid("juliet@capulet.lit/");
    xso::error w = serialize_error(iq);
    CHECK(w.code == errc::invalid_value);
    CHECK(w.path == "iq/@to");
    CHECK(w.detail.find("empty resourcepart") != std::string::npos);
}

// Parse marks the JIDs and DateTimes it checked, and serialize then skips their check: the
// mark must not outlive the string it vouches for.
TEST_CASE("jid, datetime: a parsed value is checked again once it is moved from or replaced")
{
    auto iq = parsed<xso::stanza::Iq>("<iq type='get' id='j2' from='juliet@capulet.lit/balcony' to='pubsub.capulet.lit'/>");
    REQUIRE(iq.from);
    REQUIRE(iq.to);
    CHECK(iq.from->check().empty());
    CHECK(serialized(iq).find("from='juliet@capulet.lit/balcony'") != std::string::npos);

    // A copy is as valid as what it copies.
    xso::stanza::Iq copy = iq;
    CHECK(serialized(copy) == serialized(iq));

    // What was moved from holds an unspecified string: it is checked like any other.
    xso::jid taken = std::move(*iq.from);
    CHECK(taken.str() == "juliet@capulet.lit/balcony");
    if (iq.from->str().empty()) {
        CHECK(iq.from->check() == "empty JID");
        xso::error w = serialize_error(iq);
        CHECK(w.code == errc::invalid_value);
        CHECK(w.path == "iq/@from");
    }
    xso::jid moved_into;
    moved_into = std::move(*iq.to);
    CHECK(moved_into.check().empty());
    if (iq.to->str().empty()) CHECK(iq.to->check() == "empty JID");

    // A value assigned over a parsed one is the caller's, and checked.
    copy.from = xso::jid("juliet@capulet.lit/");
    xso::error w = serialize_error(copy);
    CHECK(w.code == errc::invalid_value);
    CHECK(w.path == "iq/@from");

    auto delay = parsed<xso::delay::Delay>("<delay xmlns='urn:xmpp:delay' stamp='2003-12-13T23:58:37Z'/>");
    xso::datetime stamp = std::move(delay.stamp);
    CHECK(stamp.check().empty());
    if (delay.stamp.str().empty()) {
        CHECK_FALSE(delay.stamp.check().empty());
        CHECK(serialize_error(delay).path == "delay/@stamp");
    }
    delay.stamp = xso::datetime("2003-12-13 23:58:37Z");
    CHECK(serialize_error(delay).path == "delay/@stamp");
}

// ---------------------------------------------------------------------------------------
TEST_CASE("datetime: XEP-0082 forms decode to fields and UNIX time")
{
    xso::datetime utc("1969-07-21T02:56:15Z");
    REQUIRE(utc.check().empty());
    auto f = utc.fields();
    REQUIRE(f);
    CHECK(f->year == 1969);
    CHECK(f->month == 7);
    CHECK(f->day == 21);
    CHECK(f->hour == 2);
    CHECK(f->minute == 56);
    CHECK(f->second == 15);
    CHECK(f->nanosecond == 0);
    CHECK(f->offset_minutes == 0);
    CHECK(utc.unix_seconds() == -14159025); // XEP-0082 §3.2's example instant

    // The same instant with an offset (XEP-0082 §3.2: 1969-07-20T21:56:15-05:00).
    xso::datetime offset("1969-07-20T21:56:15-05:00");
    REQUIRE(offset.fields());
    CHECK(offset.fields()->offset_minutes == -300);
    CHECK(offset.unix_seconds() == utc.unix_seconds());
    // The lexical form is kept, so equality is lexical, not by instant.
    CHECK(offset != utc);
    CHECK(offset.str() == "1969-07-20T21:56:15-05:00");

    CHECK(xso::datetime("1970-01-01T00:00:00Z").unix_seconds() == 0);
    CHECK(xso::datetime("2038-01-19T03:14:08Z").unix_seconds() == 2147483648LL);
    CHECK(xso::datetime("2000-02-29T12:00:00+01:00").unix_seconds() == 951822000);
    CHECK(xso::datetime("2006-12-19T17:58:35+05:30").fields()->offset_minutes == 330);

    // Fractions of a second: any number of digits, nanoseconds kept (beyond 9 digits cut).
    xso::datetime frac("2006-12-19T17:58:35.5Z");
    REQUIRE(frac.fields());
    CHECK(frac.fields()->nanosecond == 500000000u);
    CHECK(frac.unix_seconds() == xso::datetime("2006-12-19T17:58:35Z").unix_seconds());
    CHECK(xso::datetime("2006-12-19T17:58:35.123456789999Z").fields()->nanosecond == 123456789u);
    CHECK(xso::datetime("2006-12-19T17:58:35.000001-08:00").fields()->nanosecond == 1000u);

    // Leap years, and a leap second (not counted in UNIX time).
    CHECK(xso::datetime("2004-02-29T00:00:00Z").check().empty());
    CHECK(xso::datetime("2000-02-29T00:00:00Z").check().empty());
    CHECK(xso::datetime("1998-12-31T23:59:60Z").unix_seconds() == xso::datetime("1999-01-01T00:00:00Z").unix_seconds());
}

TEST_CASE("datetime: invalid forms")
{
    for (const char* bad : {
             "",
             "2006-12-19",                  // a Date, not a DateTime
             "17:58:35Z",                   // a Time
             "2006-12-19T17:58:35",         // no time zone
             "2006-12-19T17:58Z",           // no seconds
             "2006-12-19 17:58:35Z",        // space instead of T
             "2006-12-19t17:58:35Z",        // lower-case t
             "06-12-19T17:58:35Z",          // two-digit year
             "2006-12-19T17:58:35.Z",       // empty fraction
             "2006-12-19T17:58:35+0100",    // offset without colon
             "2006-12-19T17:58:35+24:00",   // offset hour out of range
             "2006-12-19T17:58:35+01:60",   // offset minute out of range
             "2006-12-19T17:58:35Zjunk",    // trailing characters
             " 2006-12-19T17:58:35Z",       // leading space
             "2006-13-01T00:00:00Z",        // month 13
             "2006-00-10T00:00:00Z",        // month 0
             "2006-04-31T00:00:00Z",        // April has 30 days
             "2006-02-29T00:00:00Z",        // not a leap year
             "1900-02-29T00:00:00Z",        // divisible by 100, not by 400
             "2006-12-00T00:00:00Z",        // day 0
             "2006-12-19T24:00:00Z",        // hour 24
             "2006-12-19T23:60:00Z",        // minute 60
             "2006-12-19T23:59:61Z",        // second 61
         }) {
        CAPTURE(bad);
        xso::datetime d(bad);
        CHECK_FALSE(d.check().empty());
        CHECK_FALSE(d.fields());
        CHECK_FALSE(d.unix_seconds());
    }
}

TEST_CASE("datetime: checked on parse and on serialize")
{
    auto delay = parsed<xso::delay::Delay>("<delay xmlns='urn:xmpp:delay' from='pubsub.shakespeare.lit' stamp='2003-12-13T23:58:37Z'/>");
    CHECK(delay.stamp.unix_seconds() == 1071359917);

    const std::string xml = "<delay xmlns='urn:xmpp:delay' stamp='2003-12-13 23:58:37Z'/>";
    xso::error e = expect_parse_error_at<xso::delay::Delay>(xml, errc::invalid_value, "delay/@stamp", "stamp=");

    xso::delay::Delay unset; // stamp is required and empty
    xso::error w = serialize_error(unset);
    CHECK(w.code == errc::invalid_value);
    CHECK(w.path == "delay/@stamp");
}

// ---------------------------------------------------------------------------------------
TEST_CASE("open_enum: known tokens map to enumerators, unknown ones are kept verbatim")
{
    using Feature = xso::pubsub::errors::Feature;
    using open = xso::open_enum<Feature>;

    open known = open::from_token("retract-items");
    CHECK(known.is_known());
    CHECK(known.known() == Feature::retract_items);
    CHECK(known == Feature::retract_items);
    CHECK(known != Feature::publish);
    CHECK(known.token() == "retract-items");
    CHECK(known == open(Feature::retract_items));

    open other = open::from_token("x-shakespeare-quills");
    CHECK_FALSE(other.is_known());
    CHECK_FALSE(other.known().has_value());
    CHECK(other.token() == "x-shakespeare-quills");
    CHECK(other != Feature::publish);
    CHECK(other == open::from_token("x-shakespeare-quills"));
    CHECK(other != known);

    // Tokens are case-sensitive: "Publish" is not the registered "publish".
    CHECK_FALSE(open::from_token("Publish").is_known());

    CHECK(open().token().empty());
    CHECK_FALSE(open().is_known());
}

TEST_CASE("open_enum: an unknown feature survives a round trip; an empty one is refused")
{
    const std::string xml = "<unsupported xmlns='http://jabber.org/protocol/pubsub#errors' feature='x-shakespeare-quills'/>";
    auto err = parsed<xso::pubsub::errors::PubsubError>(xml);
    CHECK(err.condition == xso::pubsub::errors::Condition::unsupported);
    REQUIRE(err.feature);
    CHECK(err.feature->token() == "x-shakespeare-quills");
    CHECK(serialized(err) == xml);

    err.feature = xso::open_enum<xso::pubsub::errors::Feature>();
    xso::error w = serialize_error(err);
    CHECK(w.code == errc::invalid_value);
    CHECK(w.path == "unsupported/@feature");
}

// ---------------------------------------------------------------------------------------
TEST_CASE("booleans: true, false, 1 and 0, surrounding whitespace allowed")
{
    CHECK(limits_ok("flag", "true").flag == true);
    CHECK(limits_ok("flag", "false").flag == false);
    CHECK(limits_ok("flag", "1").flag == true);
    CHECK(limits_ok("flag", "0").flag == false);
    // xs:boolean collapses whitespace.
    CHECK(limits_ok("flag", "  true ").flag == true);
    CHECK(limits_ok("flag", "\t0\n").flag == false);

    for (const char* bad : {"", "TRUE", "True", "yes", "no", "on", "t", "2", "-1", "01", "true false", "truefalse"}) {
        CAPTURE(bad);
        check_bad_attribute("flag", bad, "not a boolean");
    }

    // Written in canonical form: "1" comes back as "true".
    ranges::Limits l = limits_ok("flag", "1");
    CHECK(serialized(l) == "<limits xmlns='urn:xso:test:ranges' flag='true'/>");
    l.flag = false;
    CHECK(serialized(l) == "<limits xmlns='urn:xso:test:ranges' flag='false'/>");

    // The same rules in a real attribute: XEP-0060 §7.2.2.1 retract/@notify.
    auto iq = parsed<xso::stanza::Iq>("<iq type='set' id='r1'><pubsub xmlns='http://jabber.org/protocol/pubsub'>"
                                      "<retract node='n' notify='1'><item id='a'/></retract></pubsub></iq>");
    CHECK(xso_test::payload_of<xso::pubsub::Pubsub>(iq).retract->notify == true);
    const std::string bad = "<iq type='set' id='r1'><pubsub xmlns='http://jabber.org/protocol/pubsub'>"
                            "<retract node='n' notify='yes'><item id='a'/></retract></pubsub></iq>";
    xso::error e =
        expect_parse_error_at<xso::stanza::Iq>(bad, errc::invalid_value, "iq/pubsub/retract/@notify", "notify=");
}

// ---------------------------------------------------------------------------------------
TEST_CASE("integers: signs, whitespace and what is not a number")
{
    CHECK(limits_ok("small", "42").small == 42);
    CHECK(limits_ok("small", "+42").small == 42);
    CHECK(limits_ok("small", "-42").small == -42);
    CHECK(limits_ok("small", "0042").small == 42);
    CHECK(limits_ok("small", " 7\t").small == 7);
    CHECK(limits_ok("small", "-0").small == 0);
    CHECK(limits_ok("small", "+0").small == 0);
    // xs:nonNegativeInteger allows a sign on zero, including '-'.
    CHECK(limits_ok("byte", "-0").byte == 0);
    CHECK(limits_ok("byte", "-000").byte == 0);
    CHECK(limits_ok("byte", "+255").byte == 255);

    for (const char* bad : {"", " ", "+", "-", "++1", "+-1", "-+1", "--1", "1-", "+ 1", "1 2", "1.0", "1e3", "0x10", "ten",
                            "\xd9\xa3" /* ARABIC-INDIC DIGIT THREE */}) {
        CAPTURE(bad);
        check_bad_attribute("small", bad, "not an integer");
    }
    // An unsigned value with a minus sign is refused before anything else is looked at.
    check_bad_attribute("byte", "-1", "negative value");
    check_bad_attribute("huge", "-18446744073709551615", "negative value");
    // Unsigned: a sign other than on zero, and the invalid forms above.
    for (const char* bad : {"+-0", "1.5", "0x1"}) {
        CAPTURE(bad);
        check_bad_attribute("byte", bad, "not an integer");
    }
}

TEST_CASE("integers: the C++ type's range")
{
    CHECK(limits_ok("byte", "255").byte == 255);
    check_bad_attribute("byte", "256", "out of range");

    CHECK(limits_ok("wide", "-9223372036854775808").wide == std::numeric_limits<std::int64_t>::min());
    CHECK(limits_ok("wide", "9223372036854775807").wide == std::numeric_limits<std::int64_t>::max());
    check_bad_attribute("wide", "9223372036854775808", "out of range");
    check_bad_attribute("wide", "-9223372036854775809", "out of range");

    CHECK(limits_ok("huge", "18446744073709551615").huge == std::numeric_limits<std::uint64_t>::max());
    check_bad_attribute("huge", "18446744073709551616", "out of range");
    check_bad_attribute("huge", "99999999999999999999999999999999", "out of range");

    // int8 holds 127, but its schema range stops at 100 (below): 128 fails on the type.
    check_bad_attribute("small", "128", "out of range");
    check_bad_attribute("small", "-129", "out of range");
}

TEST_CASE("integers: the schema's min-value and max-value")
{
    // small: int8, -100..100
    CHECK(limits_ok("small", "-100").small == -100);
    CHECK(limits_ok("small", "100").small == 100);
    check_bad_attribute("small", "101", "above the maximum 100");
    check_bad_attribute("small", "127", "above the maximum 100");
    check_bad_attribute("small", "-101", "below the minimum -100");

    // count: uint, 1..10
    CHECK(limits_ok("count", "1").count == 1u);
    CHECK(limits_ok("count", "10").count == 10u);
    check_bad_attribute("count", "0", "below the minimum 1");
    check_bad_attribute("count", "-0", "below the minimum 1");
    check_bad_attribute("count", "11", "above the maximum 10");
    check_bad_attribute("count", "18446744073709551615", "above the maximum 10");

    // XEP-0060 items/@max_items: uint, at least 1.
    const std::string zero = "<iq type='get' id='m1'><pubsub xmlns='http://jabber.org/protocol/pubsub'>"
                             "<items node='n' max_items='0'/></pubsub></iq>";
    xso::error e =
        expect_parse_error_at<xso::stanza::Iq>(zero, errc::invalid_value, "iq/pubsub/items/@max_items", "max_items=");
    CHECK(e.detail.find("below the minimum 1") != std::string::npos);
}

TEST_CASE("integers: leaves and text content")
{
    auto l = parsed<ranges::Limits>("<limits xmlns='urn:xso:test:ranges'><percent> 100\n</percent><offset>-5</offset></limits>");
    CHECK(l.percent == 100);
    CHECK(l.offset == -5);

    const std::string above = "<limits xmlns='urn:xso:test:ranges'><offset>0</offset><percent>101</percent></limits>";
    xso::error e = expect_parse_error_at<ranges::Limits>(above, errc::invalid_value, "limits/percent", "<percent>");
    CHECK(e.detail.find("above the maximum 100") != std::string::npos);

    const std::string below = "<limits xmlns='urn:xso:test:ranges'><offset>-6</offset></limits>";
    e = parse_error<ranges::Limits>(below);
    CHECK(e.path == "limits/offset");
    CHECK(e.detail.find("below the minimum -5") != std::string::npos);

    e = parse_error<ranges::Limits>("<limits xmlns='urn:xso:test:ranges'><offset>2147483648</offset></limits>");
    CHECK(e.path == "limits/offset");
    CHECK(e.detail.find("out of range") != std::string::npos);

    // RSM's max (uint) inside XEP-0060 pubsub.
    expect_parse_error<xso::stanza::Iq>(
        "<iq type='get' id='r'><pubsub xmlns='http://jabber.org/protocol/pubsub'><items node='n'/>"
        "<set xmlns='http://jabber.org/protocol/rsm'><max>ten</max></set></pubsub></iq>",
        errc::invalid_value, "iq/pubsub/set/max");

    // Required integer text, -1000..1000.
    CHECK(parsed<ranges::Score>("<score xmlns='urn:xso:test:ranges'>-1000</score>").value == -1000);
    CHECK(parsed<ranges::Score>("<score xmlns='urn:xso:test:ranges'> 1000 </score>").value == 1000);
    const std::string big = "<score xmlns='urn:xso:test:ranges'>1001</score>";
    expect_parse_error_at<ranges::Score>(big, errc::invalid_value, "score/text()", "1001");
    expect_parse_error<ranges::Score>("<score xmlns='urn:xso:test:ranges'/>", errc::invalid_value, "score/text()");
}

TEST_CASE("integers: ranges are enforced on serialize too")
{
    ranges::Limits l;
    l.small = -5;
    l.count = 3;
    l.color = ranges::Color::dark_green;
    l.percent = 7;
    l.offset = -5;
    CHECK(serialized(l) == "<limits xmlns='urn:xso:test:ranges' small='-5' count='3' color='dark-green'>"
                           "<percent>7</percent><offset>-5</offset></limits>");

    l.small = 101;
    xso::error e = serialize_error(l);
    CHECK(e.code == errc::invalid_value);
    CHECK(e.path == "limits/@small");
    l.small = std::nullopt;
    l.count = 0;
    e = serialize_error(l);
    CHECK(e.code == errc::invalid_value);
    CHECK(e.path == "limits/@count");
    l.count = std::nullopt;
    l.percent = 101;
    e = serialize_error(l);
    CHECK(e.code == errc::invalid_value);
    CHECK(e.path == "limits/percent");
    l.percent = std::nullopt;
    l.offset = -6;
    e = serialize_error(l);
    CHECK(e.path == "limits/offset");

    ranges::Score s;
    s.value = -1001;
    e = serialize_error(s);
    CHECK(e.code == errc::invalid_value);
    CHECK(e.path == "score/text()");
}

// ---------------------------------------------------------------------------------------
TEST_CASE("enum tokens: mapping, and an invalid token lists the expected ones")
{
    using xso::stanza::IqType;
    CHECK(xso::to_token(IqType::result) == "result");
    CHECK(xso::from_token<IqType>("error") == IqType::error);
    CHECK_FALSE(xso::from_token<IqType>("Error"));
    CHECK(xso::to_token(static_cast<IqType>(200)).empty());
    CHECK(xso::enum_traits<IqType>::name == "IqType");
    // A token that is not a C++ identifier, and one that is a keyword.
    CHECK(xso::to_token(xso::pubsub::Affiliation::publish_only) == "publish-only");
    CHECK(xso::to_token(xso::stanza::ErrorType::continue_) == "continue");

    const std::string xml = "<iq type='fetch' id='e1'/>";
    xso::error e = expect_parse_error_at<xso::stanza::Iq>(xml, errc::invalid_value, "iq/@type", "type=");
    CHECK(e.detail.find("'fetch'") != std::string::npos);
    CHECK(e.detail.find("expected one of:") != std::string::npos);
    for (const char* token : {"get", "set", "result", "error"}) CHECK(e.detail.find(token) != std::string::npos);

    check_bad_attribute("color", "green", "expected one of: red dark-green blue");
    check_bad_attribute("color", "Red", "expected one of:");
    CHECK(limits_ok("color", "dark-green").color == ranges::Color::dark_green);

    // XEP-0060 subscription/@subscription.
    const std::string sub = "<iq type='result' id='s1'><pubsub xmlns='http://jabber.org/protocol/pubsub'>"
                            "<subscription jid='francisco@denmark.lit' subscription='maybe'/></pubsub></iq>";
    e = expect_parse_error<xso::stanza::Iq>(sub, errc::invalid_value, "iq/pubsub/subscription/@subscription");
    CHECK(e.detail.find("none pending subscribed unconfigured") != std::string::npos);

    // An enumerator outside the enumeration cannot be written.
    xso::stanza::Iq iq;
    iq.type = static_cast<IqType>(200);
    iq.id = "x";
    e = serialize_error(iq);
    CHECK(e.code == errc::invalid_value);
    CHECK(e.path == "iq/@type");
}

// Enumerations, booleans and integers are written without the scan for markup characters
// only when no value can need escaping: a schema's tokens may contain '&', quotes or '<'.
static_assert(xso::detail::plain_text_value<ranges::Color>());
static_assert(xso::detail::plain_text_value<bool>());
static_assert(xso::detail::plain_text_value<std::int64_t>());
static_assert(!xso::detail::plain_text_value<ranges::Mark>());
static_assert(!xso::detail::plain_text_value<std::string>());
static_assert(!xso::detail::plain_text_value<xso::jid>());

TEST_CASE("enum tokens: tokens with markup characters are escaped, as attributes and as leaves")
{
    ranges::OddNamespace odd;
    odd.name = "n";
    odd.mark = ranges::Mark::it_s;
    odd.level = ranges::Mark::_tag_;
    const std::string out = serialized(odd);
    CHECK(out.find(" mark='it&apos;s'") != std::string::npos);
    CHECK(out.find("<level>&lt;tag&gt;</level>") != std::string::npos);
    auto back = xso::parse<ranges::OddNamespace>(out);
    REQUIRE(back);
    CHECK(*back == odd);

    odd.mark = ranges::Mark::a_b;
    odd.level = ranges::Mark::a_b;
    const std::string amp = serialized(odd);
    CHECK(amp.find(" mark='a&amp;b'") != std::string::npos);
    CHECK(amp.find("<level>a&amp;b</level>") != std::string::npos);
    back = xso::parse<ranges::OddNamespace>(amp);
    REQUIRE(back);
    CHECK(*back == odd);
}
