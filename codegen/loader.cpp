#include "loader.hpp"

#include <algorithm>
#include <system_error>

#include "checker.hpp"
#include "reader.hpp"

namespace xsoc {

namespace fs = std::filesystem;

namespace {

std::string canonical_key(const fs::path& p)
{
    std::error_code ec;
    auto c = fs::weakly_canonical(p, ec);
    if (ec) return fs::absolute(p, ec).lexically_normal().string();
    return c.string();
}

bool is_file(const fs::path& p)
{
    std::error_code ec;
    return fs::is_regular_file(p, ec);
}

} // namespace

const Schema* Loader::load(const fs::path& path) { return load_file(path, path.string()); }

void Loader::resolve_output_settings(Schema& s)
{
    if (s.cpp_namespace_attr)
        s.cpp_namespace = *s.cpp_namespace_attr;
    else if (options_.cpp_namespace)
        s.cpp_namespace = *options_.cpp_namespace;
    else if (options_.require_output_settings && !s.cpp_namespace_line) {
        diags_.error(s.display, s.line, "no cpp-namespace attribute and no --namespace option: the C++ namespace is unknown");
        s.has_errors = true;
    }

    if (s.include_prefix_attr) {
        s.include_prefix = *s.include_prefix_attr;
        s.has_include_prefix = true;
    } else if (options_.include_prefix) {
        s.include_prefix = *options_.include_prefix;
        s.has_include_prefix = true;
    } else if (options_.require_output_settings && !s.include_prefix_line) {
        diags_.error(s.display, s.line, "no include-prefix attribute and no --include-prefix option: the header path is unknown");
        s.has_errors = true;
    }
}

Schema* Loader::load_file(const fs::path& path, const std::string& display)
{
    const auto key = canonical_key(path);
    if (auto it = cache_.find(key); it != cache_.end()) return it->second.get();

    auto schema = read_schema(path, display, diags_);
    if (!schema) {
        cache_[key] = nullptr;
        return nullptr;
    }
    files_.push_back(display);
    resolve_output_settings(*schema);

    stack_.emplace_back(key, schema->file_name);
    for (auto& imp : schema->imports) {
        const fs::path rel(imp.file);
        std::vector<fs::path> candidates;
        if (rel.is_absolute()) {
            candidates.push_back(rel);
        } else {
            candidates.push_back((fs::path(display).parent_path() / rel).lexically_normal());
            for (auto& dir : options_.import_dirs) candidates.push_back((dir / rel).lexically_normal());
        }
        auto found = std::find_if(candidates.begin(), candidates.end(), is_file);
        if (found == candidates.end()) {
            std::string searched;
            for (auto& c : candidates) searched += (searched.empty() ? "" : ", ") + c.string();
            diags_.error(display, imp.line, "import '" + imp.file + "' not found (searched " + searched + ")");
            schema->has_errors = true;
            continue;
        }
        const auto import_key = canonical_key(*found);
        auto on_stack = std::find_if(stack_.begin(), stack_.end(),
                                     [&](const auto& entry) { return entry.first == import_key; });
        if (on_stack != stack_.end()) {
            std::string chain;
            for (auto it = on_stack; it != stack_.end(); ++it) chain += it->second + " -> ";
            chain += found->filename().string();
            diags_.error(display, imp.line, "import cycle: " + chain);
            schema->has_errors = true;
            continue;
        }
        imp.schema = load_file(*found, found->string());
    }
    stack_.pop_back();

    check_schema(*schema, diags_);
    auto* raw = schema.get();
    cache_[key] = std::move(schema);
    return raw;
}

} // namespace xsoc
