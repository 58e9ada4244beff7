// Shared by the benchmark translation units: allocation counters (and, when counting
// instructions, callgrind's) around a timed loop, and how the ops are registered and named.
#pragma once

#include <algorithm>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>

#if __has_include(<valgrind/callgrind.h>)
#include <valgrind/callgrind.h>
#define XSO_BENCH_HAVE_CALLGRIND 1
#endif

#include "alloc_count.hpp"

namespace xso_bench {

// Instruction counting (`xso_bench --instructions K`, run under callgrind with
// --instr-atstart=no by benchmarks/tools/instructions.py): each op runs once uncounted,
// then with 1 iteration and with 1 + K; callgrind counts only the timed loop and dumps the
// count under the op's name. The difference of the two counts over K is the op's
// instructions in steady state, whatever the machine's load.
struct instruction_counting {
    static inline long extra_iterations = 0; // K; 0: timing as usual
    static inline std::string label;         // the running op, "<op>/<case>/iterations:<n>"; empty: not counted
};

// Put right before the timed loop: reports heap allocations and bytes per iteration as
// the counters "allocs" and "alloc_bytes".
class count_allocations {
public:
    explicit count_allocations(benchmark::State& state) : state_(state), start_(allocations())
    {
#ifdef XSO_BENCH_HAVE_CALLGRIND
        if (!instruction_counting::label.empty()) {
            CALLGRIND_START_INSTRUMENTATION;
            CALLGRIND_ZERO_STATS;
        }
#endif
    }
    ~count_allocations()
    {
#ifdef XSO_BENCH_HAVE_CALLGRIND
        if (!instruction_counting::label.empty()) {
            CALLGRIND_STOP_INSTRUMENTATION;
            CALLGRIND_DUMP_STATS_AT(instruction_counting::label.c_str());
        }
#endif
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

// Registers op `fn(state, args...)` as "<op>/<case>": for timing, with the minimum among its
// aggregates; when counting instructions, twice, with 1 and 1 + K iterations.
template <class Fn, class... Args>
void register_op(const char* op, const std::string& case_name, Fn fn, Args... args)
{
    const std::string name = bench_name(op, case_name);
    const long k = instruction_counting::extra_iterations;
    if (k == 0) {
        report_minimum(benchmark::RegisterBenchmark(name.c_str(), fn, args...));
        return;
    }
    // First a run that is not counted: one-time costs (the dynamic linker resolving a
    // library's functions on their first call, say) would otherwise land in one of the two.
    for (long n : {0L, 1L, 1 + k}) {
        const std::string label = n ? name + "/iterations:" + std::to_string(n) : std::string();
        benchmark::RegisterBenchmark(name.c_str(), [=](benchmark::State& state) {
            instruction_counting::label = label;
            fn(state, args...);
        })->Iterations(n ? n : 1);
    }
}

} // namespace xso_bench
