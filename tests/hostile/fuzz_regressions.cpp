// Replays the inputs saved under tests/hostile/regressions/<harness>/ (minimized crashes,
// hangs and property violations the fuzzers of fuzz/ found, each fixed) through the very
// checks the harness runs (tests/support/fuzz_checks.hpp), and the fixtures' seed corpus
// through the byte-level harnesses, so that a fix cannot regress unnoticed.
#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "../support/files.hpp"
#include "../support/fuzz_checks.hpp"

namespace {

namespace fs = std::filesystem;

std::string run_harness(const std::string& harness, const std::string& input)
{
    namespace f = xso_test::fuzz;
    if (harness == "parse_bytes") return f::parse_bytes(input);
    if (harness == "parse_node") return f::parse_node(input);
    if (harness == "form") return f::form(input);
    if (harness == "notifications") return f::notifications(input);
    if (harness == "responses") return f::responses(input);
    if (harness == "round_trip")
        return f::round_trip(reinterpret_cast<const std::uint8_t*>(input.data()), input.size());
    return "unknown harness " + harness;
}

} // namespace

TEST_CASE("fuzzer regressions replay cleanly")
{
    const fs::path root = fs::path(XSO_SOURCE_DIR) / "tests" / "hostile" / "regressions";
    std::size_t n = 0;
    for (const auto& dir : fs::directory_iterator(root)) {
        if (!dir.is_directory()) continue;
        const std::string harness = dir.path().filename().string();
        for (const auto& file : fs::directory_iterator(dir.path())) {
            if (!file.is_regular_file() || file.path().extension() == ".md") continue;
            CAPTURE(file.path().string());
            std::string problem = run_harness(harness, xso_test::read_file(file.path()));
            CHECK_MESSAGE(problem.empty(), problem);
            ++n;
        }
    }
    MESSAGE(n << " regression inputs replayed");
}

TEST_CASE("the fuzzers' seed corpus passes every harness's checks")
{
    std::size_t n = 0;
    for (const char* folder : {"xep0060", "xep0004", "xep0059", "prosody"}) {
        for (const fs::path& p : xso_test::files_in(fs::path(XSO_FIXTURES_DIR) / folder)) {
            CAPTURE(p.string());
            const std::string input = xso_test::read_file(p);
            for (const char* h : {"parse_bytes", "form", "notifications"}) {
                std::string problem = run_harness(h, input);
                CHECK_MESSAGE(problem.empty(), h << ": " << problem);
            }
            for (const char* h : {"parse_node", "responses"}) {
                std::string problem = run_harness(h, std::string(1, static_cast<char>(n % 256)) + input);
                CHECK_MESSAGE(problem.empty(), h << ": " << problem);
            }
            ++n;
        }
    }
    CHECK(n > 300);
}

// The property the parse_bytes harness checks on the byte check of payloads, on inputs
// made to sit on its edges: each must be vouched for only where the DOM walk agrees.
TEST_CASE("the byte check of payloads vouches only for what the DOM walk accepts")
{
    const std::vector<std::string> inputs = {
        "<r><e xmlns='urn:e' a='1' b=\"2\" xml:lang='en'><f/>text<![CDATA[<g a='1' a='1'>]]></e></r>",
        "<r><e a='1' a='2'/></r>",
        "<r><e a = '1'  a='1'/></r>",
        "<r xmlns:p='urn:p'><e p:a='1'/><p:f/></r>",
        "<r><e xmlns:p='urn:p' p:a='1' p:b='2'/></r>",
        "<r xmlns:p='urn:p' xmlns:q='urn:p'><e p:a='1' q:a='1'/></r>",
        "<r><e xml:lang='en' xml:lang='de'/></r>",
        "<r><e xml:2a='1'/><f xml:a:b='1'/></r>",
        "<r><e xmlns='urn:e' xmlns='urn:e'/></r>",
        "<r><e><f><g><h/></g></f></e></r>",
        "<r><e a='1' b='2' c='3' d='4'/></r>",
        "<r><e a0='' a1='' a2='' a3='' a4='' a5='' a6='' a7='' a8='' a9='' b0='' b1='' b2='' b3='' b4='' b5='' a3=''/></r>",
        "<r><e a='&apos;' b=\"&quot;'\" c='>'/></r>",
    };
    for (const std::string& in : inputs) {
        CAPTURE(in);
        const std::string problem = xso_test::fuzz::plain_subtree_agrees(in);
        CHECK_MESSAGE(problem.empty(), problem);
    }
}
