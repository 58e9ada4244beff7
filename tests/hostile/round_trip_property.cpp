// Round-trip property tests (issue 6, §5): for every generated type, random values built
// through the reflection metadata serialize, parse back to an equal value, and serialize
// again to the same bytes. Seeded, so a failure names the seed that reproduces it.
//
// XSO_PROPERTY_ITERATIONS sets the number of values per type. Default: 10000 in optimized
// builds (scripts/test.d/35-property.sh runs them in Release), 1000 in Debug builds, where
// 10000 per type would take minutes of the ordinary test run.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <set>
#include <string>
#include <utility>

#include <pugixml.hpp>

#include <xso/pubsub.hpp>

#include "../support/arbitrary.hpp"
#include "../support/files.hpp"

namespace {

std::size_t iterations()
{
    if (const char* s = std::getenv("XSO_PROPERTY_ITERATIONS")) return static_cast<std::size_t>(std::strtoull(s, nullptr, 10));
#ifdef NDEBUG
    return 10000;
#else
    return 1000;
#endif
}

std::vector<xso_test::type_entry> all_types()
{
    return xso_test::reachable_types<xso::stanza::Iq, xso::stanza::Message, xso::stanza::Presence>();
}

// {namespace, local} of every <element> and the namespace of every <conditions> that the
// schemas of schema/ declare: what "every generated type" means, taken from the source.
std::set<std::pair<std::string, std::string>> declared_in_schemas()
{
    std::set<std::pair<std::string, std::string>> out;
    for (const auto& p : xso_test::files_in(XSO_SCHEMA_DIR)) {
        pugi::xml_document doc;
        REQUIRE(doc.load_file(p.c_str()));
        pugi::xml_node schema = doc.child("schema");
        std::string file_ns = schema.attribute("namespace").value();
        for (pugi::xml_node n : schema.children("element"))
            out.emplace(n.attribute("ns") ? n.attribute("ns").value() : file_ns, n.attribute("name").value());
        for (pugi::xml_node n : schema.children("conditions"))
            out.emplace(n.attribute("ns") ? n.attribute("ns").value() : file_ns, "");
    }
    return out;
}

} // namespace

// Their own suite: CTest runs it as a test of its own (xso_tests.property), beside the rest.
TEST_SUITE_BEGIN("property");

TEST_CASE("the property tests reach every type the schemas declare")
{
    std::set<std::pair<std::string, std::string>> reached;
    for (const auto& t : all_types()) reached.emplace(std::string(t.desc->ns), std::string(t.desc->local));
    auto declared = declared_in_schemas();
    for (const auto& d : declared) CHECK_MESSAGE(reached.count(d), "not reachable from the stanzas: {" << d.first << "}" << d.second);
    CHECK(declared.size() >= 60); // 64 when this test was written
}

TEST_CASE("random values of every generated type round-trip")
{
    const std::size_t n = iterations();
    std::size_t total = 0;
    for (const auto& t : all_types()) {
        CAPTURE(t.name);
        for (std::size_t i = 0; i < n; ++i) {
            const std::uint64_t seed = 0x5eed0000u + i;
            xso_test::entropy e(seed ^ std::hash<std::string>{}(t.name));
            std::string problem = t.round_trip(e, xso_test::gen_config{});
            if (!problem.empty()) {
                FAIL_CHECK(t.name << ", value " << i << ": " << problem);
                break;
            }
            ++total;
        }
    }
    std::cout << "round-trip property: " << all_types().size() << " types, " << n << " random values each, " << total
              << " round trips\n";
}

TEST_CASE("random values with invalid characters are refused locally, never written")
{
    xso_test::gen_config cfg;
    cfg.valid_only = false;
    const std::size_t n = std::max<std::size_t>(iterations() / 10, 100);
    std::size_t refused = 0, written = 0;
    for (const auto& t : all_types()) {
        CAPTURE(t.name);
        for (std::size_t i = 0; i < n; ++i) {
            xso_test::entropy e(0xbad0000u + i + 7919u * std::hash<std::string>{}(t.name));
            // round_trip() checks: a refusal is a local error; what is written parses back equal.
            std::string problem = t.round_trip(e, cfg);
            if (!problem.empty()) {
                FAIL_CHECK(t.name << ", value " << i << ": " << problem);
                break;
            }
            xso_test::entropy again(0xbad0000u + i + 7919u * std::hash<std::string>{}(t.name));
            (t.sample(again, cfg) ? written : refused)++;
        }
    }
    std::cout << "invalid-character property: " << refused << " values refused, " << written << " written and read back\n";
    CHECK(refused > 0);
}

TEST_SUITE_END();
