// The benchmark inputs: the five frozen stanzas of benchmarks/cases/ (checked against
// SHA256SUMS before use) and an items result with 1000 items that the benchmark generates.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace xso_bench {

// What a case's stanza is, and so which typed checks apply to it.
enum class case_kind { items, event, form, error };

struct bench_case {
    std::string name;   // file stem: items_1, items_100, ...
    std::string bytes;  // the stanza, exactly
    std::string sha256; // of `bytes`
    case_kind kind;
    bool generated = false;     // false: frozen file checked against SHA256SUMS
    std::size_t item_count = 0; // items cases: how many <item/> the result holds
};

// Reads `dir`/SHA256SUMS and every file it lists, and appends the generated items_1000.
// Fails (false, `why`) when a file is missing or its SHA-256 differs.
bool load_cases(const std::string& dir, std::vector<bench_case>& out, std::string& why);

// An items result (XEP-0060 §6.5) with `n` items holding Atom entries, in the frozen cases'
// conventions (jabber:client root, compact, single quotes). Deterministic; some entries
// carry escaped markup and non-ASCII text.
std::string make_items_result(std::size_t n);

// Item id i of make_items_result (32 lowercase hex digits).
std::string generated_item_id(std::size_t i);

} // namespace xso_bench
