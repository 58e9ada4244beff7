// The properties the fuzzers (fuzz/) check on each input, written once so that the
// regression tests (tests/hostile/fuzz_regressions.cpp) replay saved inputs through exactly
// the same code. Each function returns "" when every property holds, else what failed;
// the fuzz harnesses abort on a non-empty answer, the tests report it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <tuple>
#include <variant>
#include <vector>

#include <pugixml.hpp>

#include <xso/pubsub.hpp>
#include <xso/pubsub/client.hpp>

#include "arbitrary.hpp"

namespace xso_test::fuzz {

// An error must be well-formed: a known code, blamed on the input, located inside it.
inline std::string check_error(const xso::error& e, std::size_t input_size, xso::origin expected = xso::origin::remote)
{
    if (to_string(e.code) == "unknown") return "error with an unknown code";
    if (e.origin != expected) return "error with the wrong origin: " + e.message();
    if (e.offset != xso::npos && e.offset > input_size)
        return "error offset " + std::to_string(e.offset) + " beyond the input (" + std::to_string(input_size) + " bytes)";
    return {};
}

// A value that parsed: it serializes, parses back equal, and serializing again gives the
// same bytes. `must_serialize`: refusing to serialize is a failure (the value came from
// checked bytes, so everything in it is writable).
template <class T>
std::string check_value(const T& v, bool must_serialize, const xso::parse_options& opts = {})
{
    auto out = xso::serialize(v);
    if (!out) {
        if (must_serialize) return "parsed value does not serialize: " + out.error().message();
        if (out.error().origin != xso::origin::local) return "serialize error not local: " + out.error().message();
        return {};
    }
    auto back = xso::parse<T>(*out, opts);
    if (!back) return "serialized value does not parse: " + back.error().message() + "\n  output: " + *out;
    if (!(*back == v)) return "parse(serialize(v)) != v\n  output: " + *out;
    auto again = xso::serialize(*back);
    if (!again) return "re-serialize failed: " + again.error().message();
    if (*again != *out) return "serialize is not a fixed point\n  1: " + *out + "\n  2: " + *again;
    return {};
}

// The byte check of opaque subtrees (xso::detail::plain_subtree) may vouch only for what
// the DOM walk it replaces (validate_subtree) accepts: asked of every element of input that
// loads, under the default limits and tight ones.
inline std::string plain_subtree_agrees(std::string_view in)
{
    for (std::size_t tight : {std::size_t(0), std::size_t(3)}) {
        xso::parse_options opts;
        if (tight) opts.limits.max_depth = opts.limits.max_attributes = tight;
        xso::detail::element_store store;
        xso::error err;
        if (!xso::detail::load(store, in, opts, err)) return {};
        std::size_t depth = 0; // element ancestors of n
        for (pugi::xml_node n = store.doc.first_child(); n;) {
            if (n.type() == pugi::node_element) {
                const std::size_t at = xso::detail::node_offset(&store, n);
                if (at != xso::npos && depth < opts.limits.max_depth &&
                    xso::detail::plain_subtree(store.source, at, opts.limits.max_depth - depth, opts.limits.max_attributes)) {
                    xso::detail::ns_scope scope(store.default_ns);
                    scope.seed_from_ancestors(n);
                    std::string rel;
                    // No store: validate_subtree then walks the DOM, whatever the bytes say.
                    if (!xso::detail::validate_subtree(n, scope, depth, opts, nullptr, err, rel))
                        return "the byte check vouched for <" + std::string(n.name()) + "> at " + std::to_string(at) +
                               ", which the DOM walk refuses: " + err.message() + " at " + rel;
                }
                if (pugi::xml_node c = n.first_child()) {
                    n = c;
                    ++depth;
                    continue;
                }
            }
            while (n && !n.next_sibling()) {
                n = n.parent();
                if (n && n.type() == pugi::node_element) --depth;
            }
            if (n) n = n.next_sibling();
        }
    }
    return {};
}

// Harness parse_bytes: stanza parse from bytes, one stanza and a sequence, lenient and
// strict, and the opaque element reader.
inline std::string parse_bytes(std::string_view in)
{
    for (bool strict : {false, true}) {
        xso::parse_options opts;
        opts.strict = strict;
        auto r = xso::parse<xso::stanza::any_stanza>(in, opts);
        if (!r) {
            if (auto p = check_error(r.error(), in.size()); !p.empty()) return p;
            (void)xso::format_error(r.error(), in, "input");
        } else if (auto p = check_value(*r, true, opts); !p.empty()) {
            return std::string(strict ? "strict: " : "lenient: ") + p;
        }
    }
    auto seq = xso::parse_sequence<xso::stanza::any_stanza>(in);
    if (!seq) {
        if (auto p = check_error(seq.error(), in.size()); !p.empty()) return "sequence: " + p;
    } else {
        for (const auto& s : *seq)
            if (auto p = check_value(s, true); !p.empty()) return "sequence: " + p;
    }
    auto el = xso::element::parse(in);
    if (!el) {
        if (auto p = check_error(el.error(), in.size()); !p.empty()) return "element: " + p;
    } else {
        auto out = xso::serialize(*el);
        if (!out) return "element does not serialize: " + out.error().message();
        auto back = xso::element::parse(*out);
        if (!back) return "serialized element does not parse: " + back.error().message();
        if (!(*back == *el)) return "element round trip differs\n  output: " + *out;
    }
    return plain_subtree_agrees(in);
}

template <class T>
std::string parse_node_as(pugi::xml_node n)
{
    auto r = xso::parse<T>(n);
    if (!r) return check_error(r.error(), xso::npos - 1);
    // A caller's DOM is not checked like bytes are (pugixml decodes &#1; into a control
    // character, for instance): serialize may refuse such a value, locally.
    if constexpr (std::is_same_v<T, xso::element>) {
        auto out = xso::serialize(*r);
        if (!out) return out.error().origin == xso::origin::local ? std::string() : "element: serialize error not local";
        auto back = xso::element::parse(*out);
        if (!back) return "serialized element does not parse: " + back.error().message() + "\n  output: " + *out;
        if (!(*back == *r)) return "element round trip differs\n  output: " + *out;
        return {};
    } else {
        if (auto p = check_value(*r, false); !p.empty()) return p;
        // Serializing into a DOM as well.
        pugi::xml_document doc;
        auto s = xso::serialize(*r, doc);
        if (!s && s.error().origin != xso::origin::local) return "serialize into a DOM: error not local";
        return {};
    }
}

// The top-level types one may parse from a node of one's own DOM.
using node_types = std::tuple<xso::stanza::any_stanza*, xso::pubsub::Pubsub*, xso::pubsub::owner::Pubsub*,
                              xso::pubsub::event::Event*, xso::pubsub::errors::PubsubError*, xso::stanza::StanzaCondition*,
                              xso::xdata::Form*, xso::disco::InfoQuery*, xso::disco::ItemsQuery*, xso::rsm::Set*,
                              xso::shim::Headers*, xso::delay::Delay*, xso::element*>;

// Harness parse_node: the input is loaded by pugixml with flags taken from its first byte
// (the caller's DOM may hold comments, PIs, a DOCTYPE...), then every element of it (up to
// 64) is parsed as every top-level type.
inline std::string parse_node(std::string_view in)
{
    if (in.empty()) return {};
    const auto f = static_cast<unsigned char>(in[0]);
    unsigned flags = pugi::parse_default;
    if (f & 1) flags |= pugi::parse_comments;
    if (f & 2) flags |= pugi::parse_pi;
    if (f & 4) flags |= pugi::parse_doctype;
    if (f & 8) flags |= pugi::parse_declaration;
    if (f & 16) flags |= pugi::parse_ws_pcdata;
    if (f & 32) flags |= pugi::parse_fragment;
    in.remove_prefix(1);
    pugi::xml_document doc;
    if (!doc.load_buffer(in.data(), in.size(), flags, pugi::encoding_utf8)) return {};
    std::size_t visited = 0;
    for (pugi::xml_node n = doc.first_child(); n && visited < 64;) {
        if (n.type() == pugi::node_element) {
            ++visited;
            std::string problem;
            std::apply(
                [&](auto*... t) {
                    ((problem.empty() ? (void)(problem = parse_node_as<std::remove_pointer_t<decltype(t)>>(n)) : (void)0), ...);
                },
                node_types{});
            if (!problem.empty()) return "node " + std::to_string(visited) + " <" + n.name() + ">: " + problem;
        }
        // Document order, iteratively.
        if (pugi::xml_node c = n.first_child()) {
            n = c;
            continue;
        }
        while (n && !n.next_sibling()) n = n.parent();
        if (n) n = n.next_sibling();
    }
    return {};
}

// Reads a data form as typed form F (include/xso/forms/): what reads must render, and the
// rendering must read back and render to the same data form.
template <class F>
std::string typed_form(const xso::xdata::Form& x)
{
    for (bool allow_missing : {false, true}) {
        xso::forms::read_options ro;
        ro.allow_missing_form_type = allow_missing;
        auto r = xso::forms::read<F>(std::vector<xso::xdata::Form>{x}, ro);
        if (!r) {
            if (auto p = check_error(r.error(), xso::npos - 1); !p.empty()) return "typed form: " + p;
            continue;
        }
        for (auto type : {xso::xdata::FormType::submit, xso::xdata::FormType::form, xso::xdata::FormType::result}) {
            auto rendered = xso::forms::render(*r, type);
            if (!rendered) {
                if (rendered.error().origin != xso::origin::local) return "typed form: render error not local";
                continue;
            }
            auto again = xso::forms::read<F>(std::vector<xso::xdata::Form>{*rendered}, ro);
            if (!again) return "typed form: rendered form does not read back: " + again.error().message();
            auto twice = xso::forms::render(*again, type);
            if (!twice) return "typed form: re-render failed: " + twice.error().message();
            if (!(*twice == *rendered)) return "typed form: render(read(render(f))) != render(f)";
            if (auto p = check_value(*rendered, true); !p.empty()) return "typed form: rendered: " + p;
        }
    }
    return {};
}

// Harness form: every jabber:x:data form in the input (a form or a stanza holding some)
// is read as a data form and round-tripped, then read as each typed XEP-0060 form.
inline std::string form(std::string_view in)
{
    auto el = xso::element::parse(in);
    if (!el) return check_error(el.error(), in.size());
    std::size_t forms = 0;
    for (pugi::xml_node n = el->node(); n && forms < 16;) {
        if (n.type() == pugi::node_element) {
            xso::element e(el->store(), n);
            if (e.name() == xso::qname{xso::xdata::ns_xdata, "x"}) {
                ++forms;
                auto f = xso::parse<xso::xdata::Form>(e);
                if (!f) {
                    if (auto p = check_error(f.error(), in.size()); !p.empty()) return p;
                } else {
                    if (auto p = check_value(*f, true); !p.empty()) return "form: " + p;
                    std::string p;
                    std::apply([&](auto*... t) { ((p.empty() ? (void)(p = typed_form<std::remove_pointer_t<decltype(t)>>(*f)) : (void)0), ...); },
                               std::tuple<xso::pubsub::NodeConfigForm*, xso::pubsub::SubscribeOptionsForm*, xso::pubsub::MetadataForm*,
                                          xso::pubsub::SubscribeAuthorizationForm*, xso::pubsub::PublishOptionsForm*>{});
                    if (!p.empty()) return p;
                }
            }
        }
        if (pugi::xml_node c = n.first_child()) {
            n = c;
            continue;
        }
        while (n && n != el->node() && !n.next_sibling()) n = n.parent();
        if (!n || n == el->node()) break;
        n = n.next_sibling();
    }
    return {};
}

// Harness round_trip (structure-aware): the bytes choose a generated type and then every
// decision of building a value of it (tests/support/arbitrary.hpp). Valid values must
// round-trip; with invalid characters allowed (first byte odd), serialize may refuse, locally.
inline std::string round_trip(const std::uint8_t* data, std::size_t size)
{
    static const std::vector<type_entry> types =
        reachable_types_round_trip_only<xso::stanza::Iq, xso::stanza::Message, xso::stanza::Presence>();
    if (size < 2) return {};
    gen_config cfg;
    cfg.valid_only = (data[0] & 1) == 0;
    cfg.max_depth = 3 + (data[0] >> 6);
    const type_entry& t = types[data[1] % types.size()];
    entropy e(data + 2, size - 2);
    std::string p = t.round_trip(e, cfg);
    return p.empty() ? p : t.name + ": " + p;
}

// Harness notifications: incoming stanzas fed to the client's receive(), with a handler for
// every notification kind. Each event counted must have reached exactly one handler.
inline std::string notifications(std::string_view in)
{
    namespace ps = xso::pubsub;
    ps::client::options o;
    o.id_prefix = "f-";
    ps::client c(xso::jid("juliet@capulet.lit/balcony"), o);
    std::size_t calls = 0;
    std::size_t touched = 0; // reads every field handed to the handlers (ASan checks lifetimes)
    auto ctx = [&](const ps::notification_context& x) { touched += x.service.str().size() + x.subids.size(); };
    c.handlers.on_item_published = [&](const ps::item_published& e) {
        ++calls, ctx(e.context);
        touched += e.node.size() + (e.item.id ? e.item.id->size() : 0) + (e.item.payload ? e.item.payload->local().size() : 0);
    };
    c.handlers.on_item_retracted = [&](const ps::item_retracted& e) { ++calls, ctx(e.context), touched += e.node.size() + e.id.size(); };
    c.handlers.on_node_deleted = [&](const ps::node_deleted& e) {
        ++calls, ctx(e.context), touched += e.node.size() + (e.redirect_uri ? e.redirect_uri->size() : 0);
    };
    c.handlers.on_node_purged = [&](const ps::node_purged& e) { ++calls, ctx(e.context), touched += e.node.size(); };
    c.handlers.on_node_configured = [&](const ps::node_configured& e) {
        ++calls, ctx(e.context), touched += (e.node ? e.node->size() : 0) + (e.form ? e.form->field.size() : 0);
    };
    c.handlers.on_subscription_changed = [&](const ps::subscription_changed& e) {
        ++calls, ctx(e.context), touched += e.subscriber.str().size() + (e.subid ? e.subid->size() : 0);
    };
    c.handlers.on_affiliation_changed = [&](const ps::affiliation_changed& e) {
        ++calls, ctx(e.context), touched += e.entity ? e.entity->str().size() : 0;
    };
    c.handlers.on_collection_changed = [&](const ps::collection_changed& e) { ++calls, ctx(e.context), touched += e.node.size(); };
    c.handlers.on_authorization_requested = [&](const ps::authorization_requested& e) {
        ++calls, ctx(e.context), touched += e.form.field.size();
    };
    auto r = c.receive(in);
    if (r.status == ps::client::receive_status::invalid) return check_error(r.error, in.size());
    if (r.status == ps::client::receive_status::notification && r.events != calls)
        return "notification: " + std::to_string(r.events) + " events counted, " + std::to_string(calls) + " handler calls";
    if (r.status != ps::client::receive_status::notification && calls != 0) return "handlers called for a non-notification";
    (void)touched;
    return {};
}

// Harness responses: a client with one pending request of every kind; the input's first
// byte picks one of them and the rest is a reply stanza, whose id (and, by the first
// byte's top bit, sender) is set to that request's, so that every reply decoder meets
// arbitrary replies. Every callback must run exactly once (by the reply or by cancel()).
inline std::string responses(std::string_view in)
{
    namespace ps = xso::pubsub;
    if (in.empty()) return {};
    const auto sel = static_cast<unsigned char>(in[0]);
    in.remove_prefix(1);
    ps::client::options o;
    o.id_prefix = "f-";
    ps::client c(xso::jid("juliet@capulet.lit/balcony"), o);
    const xso::jid service("pubsub.shakespeare.lit");
    std::vector<std::string> ids;
    std::vector<int> runs;
    std::size_t touched = 0;
    runs.reserve(32);
    // One callback per request, generic over the reply type (the client's API decides it).
    auto cb = [&] {
        runs.push_back(0);
        std::size_t k = runs.size() - 1;
        return [&, k](const auto& r) {
            ++runs[k];
            touched += r.describe().size();
            if (r) touched += 1;
            else if (r.stanza_error()) touched += r.condition() ? 2 : 3;
        };
    };
    auto add = [&](ps::outgoing out) { ids.push_back(out.id); };
    add(c.get_features(service, cb()));
    add(c.get_nodes(service, cb()));
    add(c.subscribe(service, "n", cb()));
    add(c.unsubscribe(service, "n", cb()));
    add(c.get_subscription_config(service, "n", cb()));
    add(c.set_subscription_config(service, "n", {}, cb()));
    add(c.get_default_subscription_config(service, cb()));
    add(c.get_items(service, "n", cb()));
    add(c.get_items_by_id(service, "n", {"a", "b"}, cb()));
    add(c.get_subscriptions(service, cb()));
    add(c.get_affiliations(service, cb()));
    add(c.notify(service, "n", cb()));
    add(c.retract(service, "n", {"a"}, cb()));
    add(c.create(service, std::nullopt, cb()));
    add(c.delete_node(service, "n", cb()));
    add(c.purge(service, "n", cb()));
    add(c.get_node_config(service, "n", cb()));
    add(c.set_node_config(service, "n", {}, cb()));
    add(c.get_default_config(service, cb()));
    add(c.get_node_affiliations(service, "n", cb()));
    add(c.get_node_subscriptions(service, "n", cb()));
    const std::size_t requests = runs.size();
    if (c.pending() != requests) return "pending() != requests issued";

    auto s = xso::parse<xso::stanza::any_stanza>(in);
    if (!s) return check_error(s.error(), in.size());
    const std::size_t target = sel % requests;
    if (auto* iq = std::get_if<xso::stanza::Iq>(&*s)) {
        iq->id = ids[target];
        if (sel & 0x80) iq->from = service;
    }
    auto r = c.receive(*s);
    using st = ps::client::receive_status;
    if (r.status == st::response) {
        if (r.id != ids[target]) return "response matched another request";
        if (runs[target] != 1) return "the matched request's callback ran " + std::to_string(runs[target]) + " times";
        if (c.pending() != requests - 1) return "pending() not decremented";
    } else if (c.pending() != requests) {
        return "pending() changed without a response";
    }
    // A duplicate reply must not complete anything again.
    auto again = c.receive(*s);
    if (again.status == st::response) return "the same reply completed a request twice";
    for (const auto& id : ids) (void)c.cancel(id);
    for (std::size_t k = 0; k < runs.size(); ++k)
        if (runs[k] != 1) return "callback " + std::to_string(k) + " ran " + std::to_string(runs[k]) + " times";
    if (c.pending() != 0) return "requests still pending after cancel()";
    (void)touched;
    return {};
}

} // namespace xso_test::fuzz
