// Loading a schema and its transitive imports: import lookup, cycle detection, output
// settings (cpp-namespace, include-prefix) and the semantic checks of every file.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "diagnostics.hpp"
#include "model.hpp"

namespace xsoc {

struct LoadOptions {
    std::vector<std::filesystem::path> import_dirs;      // --import-dir, in order
    std::optional<std::string> cpp_namespace;            // --namespace (validated)
    std::optional<std::string> include_prefix;           // --include-prefix (validated)
    // Generation needs every schema's C++ namespace and include prefix; --check does not.
    bool require_output_settings = true;
};

class Loader {
public:
    Loader(LoadOptions options, Diagnostics& diags) : options_(std::move(options)), diags_(diags) {}

    // Loads `path` (shown as given in messages) and everything it imports. Returns null
    // when the file itself could not be read.
    const Schema* load(const std::filesystem::path& path);

    // Every schema file read so far, in the order first read, as shown in messages.
    const std::vector<std::string>& files_read() const { return files_; }

private:
    Schema* load_file(const std::filesystem::path& path, const std::string& display);
    void resolve_output_settings(Schema& s);

    LoadOptions options_;
    Diagnostics& diags_;
    std::map<std::string, std::unique_ptr<Schema>> cache_; // by canonical path; null = failed
    std::vector<std::pair<std::string, std::string>> stack_; // (canonical, file name) being loaded
    std::vector<std::string> files_;
};

} // namespace xsoc
