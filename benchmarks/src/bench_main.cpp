// xso_bench: parse and serialize of the benchmark cases by xso, by pugixml alone (the
// floor), by a hand-written pugixml traversal filling the same structs, and by gloox, all in
// one Google Benchmark run. Every contender's output is checked before anything is timed.
//
//   xso_bench [--cases DIR] [--check-only] [--write-generated DIR] [--instructions K]
//             [benchmark flags...]
//
// --cases DIR            where the frozen cases and SHA256SUMS are (default: the source tree's)
// --check-only           run the correctness checks and exit (0 when all pass)
// --write-generated DIR  also write the generated cases (items_1000.xml) into DIR, so that
//                        the Python peer reads the same bytes
// --instructions K       for counting instructions under callgrind (common.hpp,
//                        benchmarks/tools/instructions.py) instead of timing
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <memory>
#include <string>
#include <type_traits>
#include <vector>

#include <benchmark/benchmark.h>
#include <pugixml.hpp>

#include <xso/pubsub.hpp>

#include "alloc_count.hpp"
#include "cases.hpp"
#include "common.hpp"
#include "handwritten.hpp"
#include "pugixml_floor.hpp"

#ifdef XSO_BENCH_WITH_GLOOX
#include "gloox_peer.hpp"
#endif

namespace {

using namespace xso_bench;
namespace ps = xso::pubsub;
namespace st = xso::stanza;

// ---------------------------------------------------------------------------------------
// Helpers shared by checks and benchmarks.

template <class T>
bool hand_read(pugi::xml_node n, const hand::payload_store& payloads, T& out)
{
    if constexpr (std::is_same_v<T, st::Iq>) return hand::read_iq(n, payloads, out);
    else return hand::read_message(n, payloads, out);
}

// Hand-written parse from bytes: pugixml loads into a store the payloads share.
template <class T>
bool hand_parse_bytes(const std::string& bytes, T& out)
{
    hand::payload_store payloads{std::make_shared<xso::detail::element_store>(), false};
    payloads.store->default_ns = "jabber:client";
    if (!payloads.store->doc.load_buffer(bytes.data(), bytes.size(), pugi::parse_default, pugi::encoding_utf8)) return false;
    return hand_read(payloads.store->doc.document_element(), payloads, out);
}

// Hand-written parse of a caller's DOM: payloads are copied into a store of their own.
template <class T>
bool hand_parse_node(pugi::xml_node root, T& out)
{
    hand::payload_store payloads{std::make_shared<xso::detail::element_store>(), true};
    return hand_read(root, payloads, out);
}

bool load_dom(pugi::xml_document& doc, const std::string& bytes)
{
    return static_cast<bool>(doc.load_buffer(bytes.data(), bytes.size(), pugi::parse_default, pugi::encoding_utf8));
}

// ---------------------------------------------------------------------------------------
// Checks: the typed results hold what benchmarks/cases/README.md says they hold.

const ps::Items* items_of(const st::Iq& iq)
{
    const auto* pubsub = iq.payload ? std::get_if<ps::Pubsub>(&*iq.payload) : nullptr;
    return pubsub && pubsub->items ? &*pubsub->items : nullptr;
}

const xso::xdata::Field* field_of(const xso::xdata::Form& form, std::string_view var)
{
    for (const auto& f : form.field)
        if (f.var && *f.var == var) return &f;
    return nullptr;
}

std::string check_expected(const bench_case& c, const st::Iq& iq)
{
    constexpr std::string_view atom = "http://www.w3.org/2005/Atom";
    switch (c.kind) {
    case case_kind::items: {
        if (iq.type != st::IqType::result) return "not a result";
        const ps::Items* items = items_of(iq);
        if (!items) return "no <pubsub><items/>";
        if (items->item.size() != c.item_count)
            return std::to_string(items->item.size()) + " items, expected " + std::to_string(c.item_count);
        for (std::size_t i = 0; i < items->item.size(); ++i) {
            const ps::Item& item = items->item[i];
            if (!item.payload || item.payload->ns() != atom || item.payload->local() != "entry")
                return "item " + std::to_string(i + 1) + " has no Atom entry";
            if (c.generated && item.id != generated_item_id(i)) return "item " + std::to_string(i + 1) + " has the wrong id";
        }
        return {};
    }
    case case_kind::form: {
        const auto* owner = iq.payload ? std::get_if<ps::owner::Pubsub>(&*iq.payload) : nullptr;
        const auto* configure = owner ? std::get_if<ps::owner::Configure>(&owner->payload) : nullptr;
        if (!configure || !configure->form) return "no <pubsub#owner><configure><x/>";
        const auto& form = *configure->form;
        if (form.field.size() != 35) return std::to_string(form.field.size()) + " fields, expected 35 (FORM_TYPE + 34)";
        const auto* max_items = field_of(form, "pubsub#max_items");
        const auto* access = field_of(form, "pubsub#access_model");
        if (!max_items || max_items->value != std::vector<std::string>{"100"}) return "pubsub#max_items is not 100";
        if (!access || access->value != std::vector<std::string>{"whitelist"}) return "pubsub#access_model is not whitelist";
        return {};
    }
    case case_kind::error: {
        if (!iq.error) return "no <error/>";
        if (iq.error->condition.condition != st::DefinedCondition::feature_not_implemented)
            return "condition is not feature-not-implemented";
        const auto* app = iq.error->app_condition ? std::get_if<ps::errors::PubsubError>(&*iq.error->app_condition) : nullptr;
        if (!app || app->condition != ps::errors::Condition::unsupported) return "application condition is not unsupported";
        if (!app->feature || app->feature->token() != "publish-options") return "feature is not publish-options";
        return {};
    }
    case case_kind::event: return "an event case parsed as an iq";
    }
    return "unknown case kind";
}

std::string check_expected(const bench_case& c, const st::Message& m)
{
    if (c.kind != case_kind::event) return "not an event case";
    if (!m.event) return "no <event/>";
    const auto* items = std::get_if<ps::event::Items>(&m.event->payload);
    if (!items || items->item.size() != 1) return "not one event item";
    if (items->item[0].id != std::string("7e50d0323ac6b74ba3a59f2bdb265058")) return "wrong item id";
    if (!items->item[0].payload || items->item[0].payload->local() != "entry") return "no Atom entry";
    return {};
}

std::string canonical_check(const std::string& expected, const std::string& actual)
{
    std::string diff;
    auto eq = xso::canonical_equal(expected, actual, {}, &diff);
    if (!eq) return "output does not parse: " + eq.error().detail;
    if (!*eq) return "output differs canonically: " + diff;
    return {};
}

template <class T>
std::string check_case(const bench_case& c)
{
    auto typed = xso::parse<T>(c.bytes);
    if (!typed) return "xso::parse: " + xso::format_error(typed.error(), c.bytes);
    if (std::string why = check_expected(c, *typed); !why.empty()) return "xso::parse: " + why;

    std::string out;
    if (auto r = xso::serialize(*typed, out); !r) return "xso::serialize: " + r.error().detail;
    if (std::string why = canonical_check(c.bytes, out); !why.empty()) return "xso round trip: " + why;
    auto again = xso::parse<T>(out);
    if (!again || !(*again == *typed)) return "xso round trip: parsing the output gives another value";

    pugi::xml_document doc;
    if (!load_dom(doc, c.bytes)) return "pugixml cannot load the case";
    auto from_node = xso::parse<T>(doc.document_element());
    if (!from_node || !(*from_node == *typed)) return "xso::parse(pugi::xml_node) differs from xso::parse(bytes)";

    T hand_bytes{}, hand_node{};
    if (!hand_parse_bytes(c.bytes, hand_bytes) || !(hand_bytes == *typed)) return "hand-written parse (bytes) differs from xso::parse";
    if (!hand_parse_node(doc.document_element(), hand_node) || !(hand_node == *typed))
        return "hand-written parse (node) differs from xso::parse";

    std::string saved;
    string_writer w(saved);
    doc.save(w, "", pugixml_save_flags, pugi::encoding_utf8);
    if (std::string why = canonical_check(c.bytes, saved); !why.empty()) return "pugixml save: " + why;

    plain_node model = plain_node::from(doc.document_element());
    pugi::xml_document built;
    model.build_into(built);
    std::string built_out;
    string_writer bw(built_out);
    built.save(bw, "", pugixml_save_flags, pugi::encoding_utf8);
    if (std::string why = canonical_check(c.bytes, built_out); !why.empty()) return "pugixml build + save: " + why;
    if (touch_every_node(doc.document_element()) == 0) return "the walk touched nothing";
    return {};
}

// ---------------------------------------------------------------------------------------
// Benchmarks. Each op starts from the same bytes; serializers from an object built once.

void bench_pugixml_parse(benchmark::State& state, const bench_case* c)
{
    count_allocations counted(state);
    for (auto _ : state) {
        pugi::xml_document doc;
        auto r = doc.load_buffer(c->bytes.data(), c->bytes.size(), pugi::parse_default, pugi::encoding_utf8);
        benchmark::DoNotOptimize(r.status);
    }
    state.SetBytesProcessed(std::int64_t(state.iterations()) * std::int64_t(c->bytes.size()));
}

void bench_pugixml_parse_walk(benchmark::State& state, const bench_case* c)
{
    count_allocations counted(state);
    for (auto _ : state) {
        pugi::xml_document doc;
        doc.load_buffer(c->bytes.data(), c->bytes.size(), pugi::parse_default, pugi::encoding_utf8);
        benchmark::DoNotOptimize(touch_every_node(doc.document_element()));
    }
    state.SetBytesProcessed(std::int64_t(state.iterations()) * std::int64_t(c->bytes.size()));
}

template <class T>
void bench_xso_parse_bytes(benchmark::State& state, const bench_case* c)
{
    count_allocations counted(state);
    for (auto _ : state) {
        auto r = xso::parse<T>(c->bytes);
        if (!r) state.SkipWithError("parse failed");
        benchmark::DoNotOptimize(r);
    }
    state.SetBytesProcessed(std::int64_t(state.iterations()) * std::int64_t(c->bytes.size()));
}

template <class T>
void bench_xso_parse_node(benchmark::State& state, const bench_case* c)
{
    pugi::xml_document doc;
    load_dom(doc, c->bytes);
    const pugi::xml_node root = doc.document_element();
    count_allocations counted(state);
    for (auto _ : state) {
        auto r = xso::parse<T>(root);
        if (!r) state.SkipWithError("parse failed");
        benchmark::DoNotOptimize(r);
    }
    state.SetBytesProcessed(std::int64_t(state.iterations()) * std::int64_t(c->bytes.size()));
}

template <class T>
void bench_hand_parse_bytes(benchmark::State& state, const bench_case* c)
{
    count_allocations counted(state);
    for (auto _ : state) {
        T out{};
        if (!hand_parse_bytes(c->bytes, out)) state.SkipWithError("parse failed");
        benchmark::DoNotOptimize(out);
    }
    state.SetBytesProcessed(std::int64_t(state.iterations()) * std::int64_t(c->bytes.size()));
}

template <class T>
void bench_hand_parse_node(benchmark::State& state, const bench_case* c)
{
    pugi::xml_document doc;
    load_dom(doc, c->bytes);
    const pugi::xml_node root = doc.document_element();
    count_allocations counted(state);
    for (auto _ : state) {
        T out{};
        if (!hand_parse_node(root, out)) state.SkipWithError("parse failed");
        benchmark::DoNotOptimize(out);
    }
    state.SetBytesProcessed(std::int64_t(state.iterations()) * std::int64_t(c->bytes.size()));
}

template <class T>
void bench_xso_serialize(benchmark::State& state, const bench_case* c)
{
    auto value = xso::parse<T>(c->bytes);
    if (!value) {
        state.SkipWithError("parse failed");
        return;
    }
    std::string out;
    std::size_t bytes = 0;
    count_allocations counted(state);
    for (auto _ : state) {
        out.clear();
        if (!xso::serialize(*value, out)) state.SkipWithError("serialize failed");
        bytes += out.size();
        benchmark::DoNotOptimize(out.data());
    }
    state.SetBytesProcessed(std::int64_t(bytes));
}

void bench_pugixml_save(benchmark::State& state, const bench_case* c)
{
    pugi::xml_document doc;
    load_dom(doc, c->bytes);
    std::string out;
    string_writer w(out);
    std::size_t bytes = 0;
    count_allocations counted(state);
    for (auto _ : state) {
        out.clear();
        doc.save(w, "", pugixml_save_flags, pugi::encoding_utf8);
        bytes += out.size();
        benchmark::DoNotOptimize(out.data());
    }
    state.SetBytesProcessed(std::int64_t(bytes));
}

void bench_pugixml_build_save(benchmark::State& state, const bench_case* c)
{
    pugi::xml_document source;
    load_dom(source, c->bytes);
    const plain_node model = plain_node::from(source.document_element());
    std::string out;
    string_writer w(out);
    std::size_t bytes = 0;
    count_allocations counted(state);
    for (auto _ : state) {
        pugi::xml_document doc;
        model.build_into(doc);
        out.clear();
        doc.save(w, "", pugixml_save_flags, pugi::encoding_utf8);
        bytes += out.size();
        benchmark::DoNotOptimize(out.data());
    }
    state.SetBytesProcessed(std::int64_t(bytes));
}

template <class T>
void register_case(const bench_case& c)
{
    const bench_case* p = &c;
    register_op("pugixml_parse", c.name, bench_pugixml_parse, p);
    register_op("pugixml_parse_walk", c.name, bench_pugixml_parse_walk, p);
    register_op("xso_parse_bytes", c.name, bench_xso_parse_bytes<T>, p);
    register_op("xso_parse_node", c.name, bench_xso_parse_node<T>, p);
    register_op("hand_parse_bytes", c.name, bench_hand_parse_bytes<T>, p);
    register_op("hand_parse_node", c.name, bench_hand_parse_node<T>, p);
    register_op("xso_serialize", c.name, bench_xso_serialize<T>, p);
    register_op("pugixml_save", c.name, bench_pugixml_save, p);
    register_op("pugixml_build_save", c.name, bench_pugixml_build_save, p);
}

bool write_file(const std::string& path, const std::string& bytes)
{
    std::ofstream out(path, std::ios::binary);
    out << bytes;
    return static_cast<bool>(out);
}

} // namespace

int main(int argc, char** argv)
{
    count_pugixml_allocations();

    std::string cases_dir = XSO_BENCH_CASES_DIR;
    std::string generated_dir;
    bool check_only = false;
    // Our options are taken out of argv; the rest goes to Google Benchmark.
    int kept = 1;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        if (a == "--cases" && i + 1 < argc) cases_dir = argv[++i];
        else if (a == "--write-generated" && i + 1 < argc) generated_dir = argv[++i];
        else if (a == "--check-only") check_only = true;
        else if (a == "--instructions" && i + 1 < argc) instruction_counting::extra_iterations = std::atol(argv[++i]);
        else argv[kept++] = argv[i];
    }
    argc = kept;
#ifndef XSO_BENCH_HAVE_CALLGRIND
    if (instruction_counting::extra_iterations) {
        std::fprintf(stderr, "xso_bench: built without <valgrind/callgrind.h>: --instructions is not available\n");
        return 2;
    }
#endif
    if (instruction_counting::extra_iterations < 0) {
        std::fprintf(stderr, "xso_bench: --instructions takes a positive count\n");
        return 2;
    }

    std::vector<bench_case> cases;
    std::string why;
    if (!load_cases(cases_dir, cases, why)) {
        std::fprintf(stderr, "xso_bench: %s\n", why.c_str());
        return 1;
    }

    // Correctness first: nothing is timed unless every contender produced the right thing.
    bool ok = true;
    for (const bench_case& c : cases) {
        std::string problem = c.kind == case_kind::event ? check_case<st::Message>(c) : check_case<st::Iq>(c);
        std::fprintf(stderr, "check %-17s %7zu bytes  sha256 %.12s  xso, hand-written, pugixml: %s\n", c.name.c_str(),
                     c.bytes.size(), c.sha256.c_str(), problem.empty() ? "ok" : problem.c_str());
        ok = ok && problem.empty();
#ifdef XSO_BENCH_WITH_GLOOX
        std::string gloox_problem = gloox_peer::check(c);
        std::fprintf(stderr, "check %-17s gloox: %s\n", c.name.c_str(), gloox_problem.empty() ? "ok" : gloox_problem.c_str());
        ok = ok && gloox_problem.empty();
#endif
    }
    if (!generated_dir.empty()) {
        for (const bench_case& c : cases)
            if (c.generated && !write_file(generated_dir + "/" + c.name + ".xml", c.bytes)) {
                std::fprintf(stderr, "xso_bench: cannot write %s/%s.xml\n", generated_dir.c_str(), c.name.c_str());
                return 1;
            }
    }
    if (!ok) {
        std::fprintf(stderr, "xso_bench: correctness checks failed; nothing timed\n");
        return 1;
    }
    if (check_only) return 0;

    for (const bench_case& c : cases) {
        if (c.kind == case_kind::event) register_case<st::Message>(c);
        else register_case<st::Iq>(c);
#ifdef XSO_BENCH_WITH_GLOOX
        gloox_peer::register_benchmarks(c);
#endif
    }

    benchmark::AddCustomContext("xso_compiler", XSO_BENCH_COMPILER);
    benchmark::AddCustomContext("xso_cxx_flags", XSO_BENCH_CXX_FLAGS);
    benchmark::AddCustomContext("xso_cxx_standard", std::to_string(__cplusplus));
    benchmark::AddCustomContext("pugixml_version", std::to_string(PUGIXML_VERSION));
#ifdef XSO_BENCH_WITH_GLOOX
    benchmark::AddCustomContext("gloox_version", gloox_peer::version());
#endif
    for (const bench_case& c : cases)
        benchmark::AddCustomContext("case_" + c.name, std::to_string(c.bytes.size()) + " bytes, sha256 " + c.sha256 +
                                                          (c.generated ? " (generated)" : " (frozen)"));

    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 2;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
