// Shared by the benchmark translation units: allocation counters around a timed loop and
// the names under which results are reported.
#pragma once

#include <algorithm>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>

#include "alloc_count.hpp"

namespace xso_bench {

// Put right before the timed loop: reports heap allocations and bytes per iteration as
// the counters "allocs" and "alloc_bytes".
class count_allocations {
public:
    explicit count_allocations(benchmark::State& state) : state_(state), start_(allocations()) {}
    ~count_allocations()
    {
        alloc_totals end = allocations();
        state_.counters["allocs"] = benchmark::Counter(double(end.count - start_.count), benchmark::Counter::kAvgIterations);
        state_.counters["alloc_bytes"] = benchmark::Counter(double(end.bytes - start_.bytes), benchmark::Counter::kAvgIterations);
    }
    count_allocations(const count_allocations&) = delete;
    count_allocations& operator=(const count_allocations&) = delete;

private:
    benchmark::State& state_;
    alloc_totals start_;
};

// Benchmark names are "<op>/<case>", e.g. "xso_parse_bytes/items_100".
inline std::string bench_name(const char* op, const std::string& case_name)
{
    return std::string(op) + "/" + case_name;
}

// Adds the fastest repetition to Google Benchmark's aggregates (mean, median, stddev, cv):
// on a shared machine, other tenants only ever add time, so the report shows the targets'
// ratios from the minima next to the judged ones from the medians.
inline void report_minimum(benchmark::internal::Benchmark* b)
{
    b->ComputeStatistics("min", [](const std::vector<double>& v) { return *std::min_element(v.begin(), v.end()); });
}

} // namespace xso_bench
