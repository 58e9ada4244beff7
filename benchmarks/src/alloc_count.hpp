// Heap allocations counted by the benchmark binary's replaced global operator new/delete
// (alloc_count.cpp) and by pugixml's allocation hook (pugixml calls malloc directly, not
// operator new). The benchmarks read the counters before and after their timed loop and
// report allocations and bytes per operation next to the times.
#pragma once

#include <cstddef>

namespace xso_bench {

struct alloc_totals {
    std::size_t count = 0; // calls of operator new (all forms)
    std::size_t bytes = 0; // bytes requested from them
};

// Totals since the program started. Single-threaded benchmarks only: the counters are plain
// integers so that counting does not slow the timed code down noticeably.
alloc_totals allocations() noexcept;

// Routes pugixml's allocations through the counters. Call before pugixml allocates anything.
void count_pugixml_allocations() noexcept;

} // namespace xso_bench
