// xsoc: compiles xso schema files into C++ headers.
//
//   xsoc --out-dir DIR [--namespace a::b] [--include-prefix p/q] [--import-dir D]...
//        [--depfile FILE] SCHEMA.xml
//   xsoc --check [--namespace …] [--include-prefix …] [--import-dir D]... SCHEMA.xml...
//   xsoc --version | --help
//
// Exit status: 0 success, 1 schema errors (printed as file:line: message), 2 usage errors.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>
#include <system_error>
#include <vector>

#include "diagnostics.hpp"
#include "emitter.hpp"
#include "loader.hpp"
#include "model.hpp"
#include "names.hpp"

namespace fs = std::filesystem;

namespace {

constexpr int exit_ok = 0;
constexpr int exit_schema_error = 1;
constexpr int exit_usage = 2;

const char* const usage_text =
    "usage: xsoc --out-dir DIR [--namespace NS] [--include-prefix PREFIX]\n"
    "            [--import-dir DIR]... [--depfile FILE] SCHEMA.xml\n"
    "       xsoc --check [--namespace NS] [--include-prefix PREFIX] [--import-dir DIR]... SCHEMA.xml...\n"
    "       xsoc --version\n"
    "\n"
    "Writes DIR/<include-prefix>/<schema stem>.hpp (only when its content changes).\n"
    "  --out-dir DIR          root directory of the generated headers\n"
    "  --namespace NS         C++ namespace (a::b) for schemas without cpp-namespace\n"
    "  --include-prefix P     header directory (p/q) for schemas without include-prefix\n"
    "  --import-dir DIR       also look for imported schemas here (repeatable)\n"
    "  --depfile FILE         write a Makefile depfile: the header and every schema read\n"
    "  --check                validate the schemas only, write nothing\n"
    "Exit status: 0 ok, 1 schema errors, 2 usage errors.\n";

int usage_error(const std::string& message)
{
    std::cerr << "xsoc: " << message << "\n" << usage_text;
    return exit_usage;
}

std::string read_file(const fs::path& p, bool& exists)
{
    std::ifstream in(p, std::ios::binary);
    exists = static_cast<bool>(in);
    if (!exists) return {};
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// Writes `content` to `path` unless the file already holds exactly that, so that build
// tools see an unchanged timestamp. Writes through a temporary file and a rename.
bool write_if_changed(const fs::path& path, const std::string& content, std::string& error)
{
    bool exists = false;
    if (read_file(path, exists) == content && exists) return true;
    std::error_code ec;
    if (path.has_parent_path()) {
        fs::create_directories(path.parent_path(), ec);
        if (ec) {
            error = "cannot create directory '" + path.parent_path().string() + "': " + ec.message();
            return false;
        }
    }
    fs::path tmp = path;
    tmp += ".xsoc-tmp";
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        out << content;
        out.close();
        if (!out) {
            error = "cannot write '" + tmp.string() + "'";
            return false;
        }
    }
    fs::rename(tmp, path, ec);
    if (ec) {
        fs::remove(tmp, ec);
        error = "cannot write '" + path.string() + "'";
        return false;
    }
    return true;
}

// Makefile syntax: spaces, '#' and '$' escaped.
std::string make_escape(const std::string& s)
{
    std::string r;
    for (char c : s) {
        if (c == ' ' || c == '#') r += '\\';
        if (c == '$') r += '$';
        r += c;
    }
    return r;
}

} // namespace

int main(int argc, char** argv)
{
    std::vector<std::string> args(argv + 1, argv + argc);
    bool check = false;
    std::optional<std::string> out_dir, depfile;
    xsoc::LoadOptions load;
    std::vector<std::string> schemas;

    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        std::string opt = a, value;
        bool has_inline_value = false;
        if (a.rfind("--", 0) == 0) {
            auto eq = a.find('=');
            if (eq != std::string::npos) {
                opt = a.substr(0, eq);
                value = a.substr(eq + 1);
                has_inline_value = true;
            }
        }
        auto take_value = [&]() -> bool {
            if (has_inline_value) return true;
            if (i + 1 >= args.size()) return false;
            value = args[++i];
            return true;
        };
        if (opt == "--version") {
            std::cout << "xsoc " << xsoc::version << "\n";
            return exit_ok;
        } else if (opt == "--help" || opt == "-h") {
            std::cout << usage_text;
            return exit_ok;
        } else if (opt == "--check") {
            if (has_inline_value) return usage_error("--check takes no value");
            check = true;
        } else if (opt == "--out-dir" || opt == "--namespace" || opt == "--include-prefix" ||
                   opt == "--import-dir" || opt == "--depfile") {
            if (!take_value()) return usage_error(opt + " needs a value");
            if (opt == "--out-dir") {
                if (value.empty()) return usage_error("--out-dir must not be empty");
                out_dir = value;
            } else if (opt == "--depfile") {
                if (value.empty()) return usage_error("--depfile must not be empty");
                depfile = value;
            } else if (opt == "--import-dir") {
                load.import_dirs.emplace_back(value);
            } else if (opt == "--namespace") {
                auto why = xsoc::cpp_namespace_problem(value);
                if (!why.empty()) return usage_error("--namespace '" + value + "' " + why);
                load.cpp_namespace = value;
            } else {
                auto why = xsoc::include_prefix_problem(value);
                if (!why.empty()) return usage_error("--include-prefix '" + value + "' " + why);
                load.include_prefix = value;
            }
        } else if (a.size() > 1 && a[0] == '-') {
            return usage_error("unknown option '" + a + "'");
        } else {
            schemas.push_back(a);
        }
    }

    if (schemas.empty()) return usage_error("no schema file given");
    if (check) {
        if (out_dir || depfile) return usage_error("--check writes nothing: --out-dir and --depfile are not allowed");
    } else {
        if (!out_dir) return usage_error("--out-dir is required");
        if (schemas.size() != 1) return usage_error("exactly one schema file per run (or use --check)");
    }

    load.require_output_settings = !check;
    xsoc::Diagnostics diags;
    xsoc::Loader loader(load, diags);
    std::vector<const xsoc::Schema*> loaded;
    for (const auto& path : schemas) loaded.push_back(loader.load(path));

    if (!diags.empty()) {
        diags.print(std::cerr);
        return exit_schema_error;
    }
    if (check) return exit_ok;

    const xsoc::Schema& schema = *loaded.front();
    const fs::path header = fs::path(*out_dir) / schema.header_path();
    std::string error;
    if (!write_if_changed(header, xsoc::emit_header(schema), error)) {
        std::cerr << "xsoc: " << error << "\n";
        return exit_schema_error;
    }
    if (depfile) {
        std::string deps = make_escape(header.string()) + ":";
        for (const auto& f : loader.files_read()) deps += " " + make_escape(f);
        deps += "\n";
        if (!write_if_changed(*depfile, deps, error)) {
            std::cerr << "xsoc: " << error << "\n";
            return exit_schema_error;
        }
    }
    return exit_ok;
}
