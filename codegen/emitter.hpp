// Rendering a checked schema as the C++ header described in docs/generated-code.md.
#pragma once

#include <string>
#include <vector>

#include "model.hpp"

namespace xsoc {

// The whole header text. Deterministic: depends only on the models (no paths beyond file
// names, no time). The schema and its imports must have checked without errors.
std::string emit_header(const Schema& schema);

// The name part of a header's compiled-bindings macros, XSO_COMPILED_<id> and
// XSO_INSTANTIATE_<id>: its path without ".hpp", upper-cased, with every character other
// than a letter or a digit made '_' ("xso/generated/pubsub.hpp": XSO_GENERATED_PUBSUB).
// cmake/XsoGenerate.cmake derives the same name.
std::string compiled_id(const std::string& header_path);

// The order in which the structs of `schema` are emitted: declaration order, except that
// a struct used by value (single/optional child or choice) comes before its user, and,
// where no cycle prevents it, a struct used in a list comes before its user too.
std::vector<const StructDecl*> emission_order(const Schema& schema);

// Every element namespace reachable from `decl` (its own, leaves, flags, children and
// choice alternatives, transitively, across imports), sorted and deduplicated.
std::vector<std::string> known_namespaces(const StructDecl& decl);

} // namespace xsoc
