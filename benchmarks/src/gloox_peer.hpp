// gloox (Debian's libgloox-dev) on the benchmark cases: its parser into a Tag tree, then
// gloox's public typed objects where its API has them, and Tag::xml() back to bytes.
#pragma once

#include <string>

#include "cases.hpp"

namespace xso_bench::gloox_peer {

// Empty when gloox parsed the case into what benchmarks/cases/README.md says and
// Tag::xml() gives back canonically equal XML; else what went wrong. Differences of the
// typed objects' own output are printed as notes, not failures (gloox's typed path is
// known to drop xml:lang and reorder form children).
std::string check(const bench_case& c);

void register_benchmarks(const bench_case& c);

std::string version();

} // namespace xso_bench::gloox_peer
