#include "gloox_peer.hpp"

#include <cstdio>
#include <memory>
#include <vector>

#include <benchmark/benchmark.h>
#include <gloox/dataform.h>
#include <gloox/dataformfield.h>
#include <gloox/error.h>
#include <gloox/gloox.h>
#include <gloox/jid.h>
#include <gloox/parser.h>
#include <gloox/pubsubevent.h>
#include <gloox/pubsubitem.h>
#include <gloox/tag.h>
#include <gloox/taghandler.h>

#include <xso/core/canonical.hpp>

#include "common.hpp"

namespace xso_bench::gloox_peer {
namespace {

const std::string ns_client = "jabber:client";
const std::string ns_pubsub = "http://jabber.org/protocol/pubsub";
const std::string ns_owner = "http://jabber.org/protocol/pubsub#owner";
const std::string ns_event = "http://jabber.org/protocol/pubsub#event";
const std::string ns_xdata = "jabber:x:data";

// What gloox's public API gives for a case: the envelope's attributes (its IQ and Message
// classes build from a Tag only inside ClientBase) with JIDs parsed as gloox's Stanza
// would, and the typed payload objects. Items results have no public typed decoder
// (Manager::PubSub is private); one PubSub::Item per <item/> is the public equivalent.
struct typed_stanza {
    std::string name, type, id;
    gloox::JID from, to;
    std::string node;
    std::vector<std::unique_ptr<gloox::PubSub::Item>> items;
    std::unique_ptr<gloox::PubSub::Event> event;
    std::unique_ptr<gloox::DataForm> form;
    std::unique_ptr<gloox::Error> error;
};

bool build_typed(const gloox::Tag* t, case_kind kind, typed_stanza& out)
{
    out.name = t->name();
    out.type = t->findAttribute("type");
    out.id = t->findAttribute("id");
    out.from.setJID(t->findAttribute("from"));
    out.to.setJID(t->findAttribute("to"));
    switch (kind) {
    case case_kind::items: {
        const gloox::Tag* pubsub = t->findChild("pubsub", "xmlns", ns_pubsub);
        const gloox::Tag* items = pubsub ? pubsub->findChild("items") : nullptr;
        if (!items) return false;
        out.node = items->findAttribute("node");
        for (const gloox::Tag* item : items->findChildren("item")) out.items.emplace_back(new gloox::PubSub::Item(item));
        return true;
    }
    case case_kind::event: {
        const gloox::Tag* event = t->findChild("event", "xmlns", ns_event);
        if (!event) return false;
        out.event.reset(new gloox::PubSub::Event(event));
        return true;
    }
    case case_kind::form: {
        const gloox::Tag* pubsub = t->findChild("pubsub", "xmlns", ns_owner);
        const gloox::Tag* configure = pubsub ? pubsub->findChild("configure") : nullptr;
        const gloox::Tag* x = configure ? configure->findChild("x", "xmlns", ns_xdata) : nullptr;
        if (!x) return false;
        out.node = configure->findAttribute("node");
        out.form.reset(new gloox::DataForm(x));
        return true;
    }
    case case_kind::error: {
        const gloox::Tag* error = t->findChild("error");
        if (!error) return false;
        out.error.reset(new gloox::Error(error));
        return true;
    }
    }
    return false;
}

// The typed objects' tag() inside an envelope built from the typed fields, as XML.
std::string typed_xml(const typed_stanza& s)
{
    gloox::Tag root(s.name, "xmlns", ns_client);
    if (!s.type.empty()) root.addAttribute("type", s.type);
    if (!s.from.full().empty()) root.addAttribute("from", s.from.full());
    if (!s.to.full().empty()) root.addAttribute("to", s.to.full());
    if (!s.id.empty()) root.addAttribute("id", s.id);
    if (s.event) {
        root.addChild(s.event->tag());
    } else if (s.form) {
        gloox::Tag* pubsub = new gloox::Tag(&root, "pubsub", "xmlns", ns_owner);
        gloox::Tag* configure = new gloox::Tag(pubsub, "configure", "node", s.node);
        configure->addChild(s.form->tag());
    } else if (s.error) {
        root.addChild(s.error->tag());
    } else {
        gloox::Tag* pubsub = new gloox::Tag(&root, "pubsub", "xmlns", ns_pubsub);
        gloox::Tag* items = new gloox::Tag(pubsub, "items", "node", s.node);
        for (const auto& item : s.items) items->addChild(item->tag());
    }
    return root.xml();
}

std::string check_typed(const bench_case& c, const typed_stanza& s)
{
    switch (c.kind) {
    case case_kind::items:
        if (s.items.size() != c.item_count)
            return std::to_string(s.items.size()) + " items, expected " + std::to_string(c.item_count);
        for (std::size_t i = 0; i < s.items.size(); ++i) {
            const gloox::Tag* payload = s.items[i]->payload();
            if (!payload || payload->name() != "entry") return "item " + std::to_string(i + 1) + " has no entry";
            if (c.generated && s.items[i]->id() != generated_item_id(i)) return "item " + std::to_string(i + 1) + " has the wrong id";
        }
        return {};
    case case_kind::event: {
        const auto& ops = s.event->items();
        if (ops.size() != 1 || ops.front()->item != "7e50d0323ac6b74ba3a59f2bdb265058" || !ops.front()->payload)
            return "not the one event item with its payload";
        return {};
    }
    case case_kind::form: {
        if (s.form->fields().size() != 35) return std::to_string(s.form->fields().size()) + " fields, expected 35";
        const gloox::DataFormField* max_items = s.form->field("pubsub#max_items");
        const gloox::DataFormField* access = s.form->field("pubsub#access_model");
        if (!max_items || max_items->value() != "100") return "pubsub#max_items is not 100";
        if (!access || access->value() != "whitelist") return "pubsub#access_model is not whitelist";
        return {};
    }
    case case_kind::error: {
        if (s.error->error() != gloox::StanzaErrorFeatureNotImplemented) return "condition is not feature-not-implemented";
        const gloox::Tag* app = s.error->appError();
        if (!app || app->name() != "unsupported" || app->findAttribute("feature") != "publish-options")
            return "application condition is not unsupported/publish-options";
        return {};
    }
    }
    return "unknown case kind";
}

// Receives the parsed stanza; the parser deletes it after handleTag (as on a stream).
struct tag_sink : gloox::TagHandler {
    case_kind kind = case_kind::items;
    bool typed = false;
    std::size_t stanzas = 0;
    std::unique_ptr<typed_stanza> result;
    bool keep_next = false;           // keep a copy of the Tag (checks, Tag::xml() benchmark)
    std::unique_ptr<gloox::Tag> keep;

    void handleTag(gloox::Tag* tag) override
    {
        ++stanzas;
        if (typed) {
            result.reset(new typed_stanza);
            if (!build_typed(tag, kind, *result)) result.reset();
        }
        if (keep_next) keep.reset(tag->clone());
    }
};

std::string canonical_problem(const std::string& expected, const std::string& actual)
{
    std::string diff;
    auto eq = xso::canonical_equal(expected, actual, {}, &diff);
    if (!eq) return "output does not parse: " + eq.error().detail;
    if (!*eq) return diff;
    return {};
}

void bench_parse(benchmark::State& state, const bench_case* c, bool typed)
{
    tag_sink sink;
    sink.kind = c->kind;
    sink.typed = typed;
    gloox::Parser parser(&sink);
    std::string buffer;
    count_allocations counted(state);
    for (auto _ : state) {
        buffer = c->bytes; // feed() consumes its argument
        if (parser.feed(buffer) != -1) state.SkipWithError("gloox parse failed");
        if (typed) {
            if (!sink.result) state.SkipWithError("gloox typed parse failed");
            sink.result.reset();
        }
    }
    state.SetBytesProcessed(std::int64_t(state.iterations()) * std::int64_t(c->bytes.size()));
}

bool parse_once(const bench_case& c, tag_sink& sink)
{
    gloox::Parser parser(&sink);
    std::string buffer = c.bytes;
    return parser.feed(buffer) == -1 && sink.stanzas == 1;
}

void bench_xml_tag(benchmark::State& state, const bench_case* c)
{
    tag_sink sink;
    sink.keep_next = true;
    if (!parse_once(*c, sink) || !sink.keep) {
        state.SkipWithError("gloox parse failed");
        return;
    }
    std::size_t bytes = 0;
    count_allocations counted(state);
    for (auto _ : state) {
        std::string out = sink.keep->xml();
        bytes += out.size();
        benchmark::DoNotOptimize(out.data());
    }
    state.SetBytesProcessed(std::int64_t(bytes));
}

void bench_xml_typed(benchmark::State& state, const bench_case* c)
{
    tag_sink sink;
    sink.kind = c->kind;
    sink.typed = true;
    if (!parse_once(*c, sink) || !sink.result) {
        state.SkipWithError("gloox typed parse failed");
        return;
    }
    std::size_t bytes = 0;
    count_allocations counted(state);
    for (auto _ : state) {
        std::string out = typed_xml(*sink.result);
        bytes += out.size();
        benchmark::DoNotOptimize(out.data());
    }
    state.SetBytesProcessed(std::int64_t(bytes));
}

} // namespace

std::string version() { return gloox::GLOOX_VERSION; }

std::string check(const bench_case& c)
{
    tag_sink sink;
    sink.kind = c.kind;
    sink.typed = true;
    sink.keep_next = true;
    if (!parse_once(c, sink) || !sink.keep) return "the parser did not deliver one stanza";
    if (!sink.result) return "no typed object could be built";
    if (std::string why = check_typed(c, *sink.result); !why.empty()) return "typed: " + why;
    if (std::string why = canonical_problem(c.bytes, sink.keep->xml()); !why.empty()) return "Tag::xml() round trip: " + why;
    if (std::string why = canonical_problem(c.bytes, typed_xml(*sink.result)); !why.empty())
        std::fprintf(stderr, "note  %-17s gloox typed objects do not round-trip: %s\n", c.name.c_str(), why.c_str());
    return {};
}

void register_benchmarks(const bench_case& c)
{
    const bench_case* p = &c;
    register_op("gloox_parse_tag", c.name, bench_parse, p, false);
    register_op("gloox_parse_typed", c.name, bench_parse, p, true);
    register_op("gloox_xml_tag", c.name, bench_xml_tag, p);
    register_op("gloox_xml_typed", c.name, bench_xml_typed, p);
}

} // namespace xso_bench::gloox_peer
