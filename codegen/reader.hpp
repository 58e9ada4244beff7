// Reading one schema file: XML syntax, the elements and attributes of the schema language,
// and every check that needs no other file (names and occurrences as written, enumerators,
// numbers). Imports are recorded, not followed: the loader does that.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "diagnostics.hpp"
#include "model.hpp"

namespace xsoc {

// Returns null when the file cannot be read, is not well-formed XML or its root is not a
// schema (all reported). Otherwise returns the model, possibly with reported errors.
std::unique_ptr<Schema> read_schema(const std::filesystem::path& path, const std::string& display,
                                    Diagnostics& diags);

} // namespace xsoc
