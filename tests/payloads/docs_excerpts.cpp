// docs/custom-payloads.md quotes the example project: every code block marked
// `<!-- excerpt: PATH -->` must appear verbatim in PATH, so the page cannot drift from code
// that CI builds and runs.
#include <doctest/doctest.h>

#include <cstddef>
#include <filesystem>
#include <string>

#include "../support/files.hpp"

TEST_CASE("docs/custom-payloads.md: quoted code matches the example project")
{
    const std::filesystem::path root(XSO_SOURCE_DIR);
    const std::string doc = xso_test::read_file(root / "docs/custom-payloads.md");
    REQUIRE_FALSE(doc.empty());

    const std::string marker = "<!-- excerpt: ";
    std::size_t checked = 0;
    for (std::size_t at = doc.find(marker); at != std::string::npos; at = doc.find(marker, at + 1)) {
        const std::size_t path_begin = at + marker.size();
        const std::size_t path_end = doc.find(" -->", path_begin);
        REQUIRE(path_end != std::string::npos);
        const std::string path = doc.substr(path_begin, path_end - path_begin);
        // The fenced block right after the marker.
        const std::size_t fence = doc.find("```", path_end);
        REQUIRE(fence != std::string::npos);
        const std::size_t body = doc.find('\n', fence) + 1;
        const std::size_t close = doc.find("\n```", body);
        REQUIRE(close != std::string::npos);
        const std::string block = doc.substr(body, close - body + 1);

        const std::string source = xso_test::read_file(root / path);
        INFO("excerpt of " << path << ":\n" << block);
        REQUIRE_FALSE(source.empty());
        CHECK(source.find(block) != std::string::npos);
        ++checked;
    }
    CHECK(checked >= 5);
}
