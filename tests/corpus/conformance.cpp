// Conformance over the specification's own examples (XEP-0060, XEP-0004, XEP-0059) and
// real Prosody 0.12 traffic: every stanza must parse in strict mode and round-trip to
// canonically equal XML, except the examples listed in `known_cases`, each with the
// behaviour we expect instead.
#include <doctest/doctest.h>

#include <cstring>
#include <iostream>
#include <sstream>
#include <map>
#include <string>

#include <xso/pubsub.hpp>

#include "../support/files.hpp"

namespace {

using xso::errc;
namespace fs = std::filesystem;

// Examples that are not valid XMPP as written in the specification, and what xso does
// with them: the error strict mode reports, and in the default (lenient) mode either a
// lossless round trip of the offending content (lenient_code == ok) or an error.
constexpr auto ok = static_cast<errc>(255);

struct known_case {
    const char* file;
    errc strict_code;
    const char* strict_path;
    errc lenient_code;
    const char* lenient_path;
    const char* why;
};

const known_case known_cases[] = {
    // Placeholder text ("[ ... ENTRY ... ]", "...") in element-only content: kept in
    // `unknown.text` and written back by default, reported in strict mode.
    {"xep0060/002.xml", errc::unexpected_text, "message/event/items/item[1]/text()", ok, "", "placeholder text in <item>"},
    {"xep0060/012.xml", errc::unexpected_text, "iq/query/text()", ok, "", "placeholder '...' in disco#info result"},
    {"xep0060/054.xml", errc::unexpected_text, "iq/query/text()", ok, "", "placeholder '...' in disco#info result"},
    {"xep0060/102.xml", errc::unexpected_text, "message/event/items/item[1]/text()", ok, "", "placeholder text in <item>"},
    {"xep0060/103.xml", errc::unexpected_text, "iq/pubsub/items/item[1]/text()", ok, "", "placeholder text in <item>"},
    {"xep0060/216.xml", errc::unexpected_text, "iq/pubsub/options/x/text()", ok, "", "placeholder '...' in a data form"},
    {"xep0060/221.xml", errc::unexpected_text, "iq/pubsub/options/x/text()", ok, "", "placeholder '...' in a data form"},
    {"xep0060/223.xml", errc::unexpected_text, "iq/pubsub/options/x/text()", ok, "", "placeholder '...' in a data form"},
    {"xep0060/224.xml", errc::unexpected_text, "iq/pubsub/options/x/text()", ok, "", "placeholder '...' in a data form"},
    {"xep0004/010.xml", errc::unexpected_text, "iq/query/text()", ok, "", "placeholder '...' in a disco#info result"},
    // The misspelled <affilation/> of §8.9.4: an element of the pubsub namespace that binds
    // to nothing; kept verbatim by default.
    {"xep0060/210.xml", errc::unknown_child, "message/pubsub/affiliations/affilation", ok, "", "misspelled <affilation/>"},
    // Addressing sketches of §1/§4: IQs with neither type nor id, holding placeholders or
    // an unqualified <query/>.
    {"xep0060/004.xml", errc::unexpected_text, "iq/text()", errc::missing_attribute, "iq/@type", "IQ sketch without type"},
    {"xep0060/005.xml", errc::unexpected_text, "iq/text()", errc::missing_attribute, "iq/@type", "IQ sketch without type"},
    {"xep0060/006.xml", errc::unknown_child, "iq/query", errc::missing_attribute, "iq/@type", "IQ sketch without type"},
    // "Resulting stanza" of XMPP URI query types: IQs without the id RFC 6120 requires.
    {"xep0060/232.xml", errc::missing_attribute, "iq/@id", errc::missing_attribute, "iq/@id", "IQ without id (URI illustration)"},
    {"xep0060/234.xml", errc::missing_attribute, "iq/@id", errc::missing_attribute, "iq/@id", "IQ without id (URI illustration)"},
    {"xep0060/236.xml", errc::missing_attribute, "iq/@id", errc::missing_attribute, "iq/@id", "IQ without id (URI illustration)"},
    // Requests the Prosody capture sent on purpose without the required node, to record
    // the nodeid-required errors that answer them.
    {"prosody/39-publish-missing-nodeid-request.xml", errc::missing_attribute, "iq/pubsub/publish/@node",
     errc::missing_attribute, "iq/pubsub/publish/@node", "deliberately invalid request"},
    {"prosody/40-items-missing-nodeid-request.xml", errc::missing_attribute, "iq/pubsub/items/@node", errc::missing_attribute,
     "iq/pubsub/items/@node", "deliberately invalid request"},
};

const known_case* find_known(const std::string& rel)
{
    for (const auto& k : known_cases)
        if (rel == k.file) return &k;
    return nullptr;
}

struct counts {
    int files = 0;
    int text_only = 0;     // URI examples without any element
    int stanzas = 0;
    int strict_ok = 0;     // stanzas parsed in strict mode
    int round_trip_ok = 0; // stanzas whose re-serialization is canonically equal
    int known = 0;         // files of known_cases, behaving as listed
    int rejected = 0;      // stanzas of known cases that are errors even in the default mode
};

// Checks one stanza: parse (strict or not), serialize, canonical comparison with the
// input, parse again to the same value.
void check_round_trip(const std::string& rel, const xso::element& raw, const xso::parse_options& opts, counts& n,
                      bool count_strict)
{
    auto typed = xso::parse<xso::stanza::any_stanza>(raw, opts);
    REQUIRE_MESSAGE(typed, rel << ": " << typed.error().message());
    if (count_strict) ++n.strict_ok;
    auto out = xso::serialize(*typed);
    REQUIRE_MESSAGE(out, rel << ": " << out.error().message());
    auto original = xso::serialize(raw);
    REQUIRE(original);
    std::string diff;
    auto same = xso::canonical_equal(*original, *out, {}, &diff);
    REQUIRE(same);
    CHECK_MESSAGE(*same, rel << ": round trip differs:\n" << diff);
    if (*same) ++n.round_trip_ok;
    auto again = xso::parse<xso::stanza::any_stanza>(*out, opts);
    REQUIRE_MESSAGE(again, rel << ": re-parse: " << again.error().message());
    CHECK_MESSAGE(*again == *typed, rel << ": parse(serialize(x)) != x");
}

counts run_folder(const std::string& folder)
{
    counts n;
    for (const fs::path& p : xso_test::files_in(fs::path(XSO_FIXTURES_DIR) / folder)) {
        const std::string rel = folder + "/" + p.filename().string();
        const std::string input = xso_test::read_file(p);
        ++n.files;
        CAPTURE(rel);
        auto raw = xso::parse_sequence<xso::element>(input);
        if (!raw && std::strstr(raw.error().detail.c_str(), "text outside of any element")) {
            ++n.text_only; // XMPP URI examples: no XML at all
            continue;
        }
        REQUIRE_MESSAGE(raw, rel << ": not well-formed: " << raw.error().message());
        xso::parse_options strict;
        strict.strict = true;
        const known_case* k = find_known(rel);
        if (!k) {
            for (const xso::element& s : *raw) {
                ++n.stanzas;
                check_round_trip(rel, s, strict, n, true);
            }
            continue;
        }
        // A known case: the first failing stanza fails as listed.
        ++n.known;
        bool failed_as_listed = false;
        for (const xso::element& s : *raw) {
            ++n.stanzas;
            auto r = xso::parse<xso::stanza::any_stanza>(s, strict);
            if (r) {
                check_round_trip(rel, s, strict, n, true);
                continue;
            }
            CHECK_MESSAGE(r.error().code == k->strict_code, rel << ": " << r.error().message());
            CHECK_MESSAGE(r.error().path == std::string(k->strict_path), rel << ": " << r.error().message());
            failed_as_listed = true;
            if (k->lenient_code == ok) {
                check_round_trip(rel, s, xso::parse_options{}, n, false);
            } else {
                auto lenient = xso::parse<xso::stanza::any_stanza>(s);
                REQUIRE_FALSE(lenient);
                ++n.rejected;
                CHECK_MESSAGE(lenient.error().code == k->lenient_code, rel << ": " << lenient.error().message());
                CHECK_MESSAGE(lenient.error().path == std::string(k->lenient_path), rel << ": " << lenient.error().message());
            }
        }
        CHECK_MESSAGE(failed_as_listed, rel << " is listed as a known case (" << k->why << ") but parses strictly");
    }
    return n;
}

void report(const std::string& name, const counts& n)
{
    std::ostringstream line;
    line << name << ": " << n.files << " files (" << n.text_only << " without XML), " << n.stanzas << " stanzas: "
         << n.strict_ok << " parsed strictly, " << n.round_trip_ok << " round-tripped canonically, " << n.rejected
         << " rejected as invalid; " << n.known << " files are listed known cases";
    std::cout << line.str() << "\n";
}

} // namespace

TEST_CASE("XEP-0060 examples parse strictly and round-trip")
{
    counts n = run_folder("xep0060");
    report("XEP-0060", n);
    CHECK(n.files == 236);
    CHECK(n.text_only == 7);
}

TEST_CASE("XEP-0004 examples parse strictly and round-trip")
{
    counts n = run_folder("xep0004");
    report("XEP-0004", n);
    CHECK(n.files == 10);
}

TEST_CASE("XEP-0059 examples parse strictly and round-trip")
{
    counts n = run_folder("xep0059");
    report("XEP-0059", n);
    CHECK(n.files == 21);
}

TEST_CASE("Prosody 0.12 transcripts parse strictly and round-trip")
{
    counts n = run_folder("prosody");
    report("Prosody", n);
    CHECK(n.files >= 120);
}

TEST_CASE("every known case names an existing fixture")
{
    for (const auto& k : known_cases) CHECK_MESSAGE(fs::exists(fs::path(XSO_FIXTURES_DIR) / k.file), k.file);
}
