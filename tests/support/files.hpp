// Test helpers: reading fixture files.
#pragma once

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace xso_test {

inline std::string read_file(const std::filesystem::path& p)
{
    std::ifstream f(p, std::ios::binary);
    std::ostringstream ss;
    ss << f.rdbuf();
    return ss.str();
}

// The files of `dir` ending in `ext`, sorted by name.
inline std::vector<std::filesystem::path> files_in(const std::filesystem::path& dir, const std::string& ext = ".xml")
{
    std::vector<std::filesystem::path> v;
    for (const auto& e : std::filesystem::directory_iterator(dir))
        if (e.is_regular_file() && e.path().extension() == ext) v.push_back(e.path());
    std::sort(v.begin(), v.end());
    return v;
}

inline std::string fixture(const std::string& rel) { return read_file(std::filesystem::path(XSO_FIXTURES_DIR) / rel); }

} // namespace xso_test
