// Semantic checks of one schema whose imports are loaded: type resolution, member names,
// value constraints, XML name clashes, recursion, requests.
#pragma once

#include "diagnostics.hpp"
#include "model.hpp"

namespace xsoc {

// Resolves type references in place, fills default member names, and reports every
// problem found. Sets schema.has_errors when it reported something.
void check_schema(Schema& schema, Diagnostics& diags);

} // namespace xsoc
