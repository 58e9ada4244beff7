#include "handwritten.hpp"

#include <charconv>
#include <cstring>
#include <string_view>

namespace xso_bench::hand {
namespace {

namespace ps = xso::pubsub;
namespace st = xso::stanza;

constexpr std::string_view ns_client = "jabber:client";
constexpr std::string_view ns_pubsub = "http://jabber.org/protocol/pubsub";
constexpr std::string_view ns_owner = "http://jabber.org/protocol/pubsub#owner";
constexpr std::string_view ns_event = "http://jabber.org/protocol/pubsub#event";
constexpr std::string_view ns_errors = "http://jabber.org/protocol/pubsub#errors";
constexpr std::string_view ns_stanzas = "urn:ietf:params:xml:ns:xmpp-stanzas";
constexpr std::string_view ns_xdata = "jabber:x:data";

// The namespace of `n`: its own xmlns, else its parent's (`inherited`).
std::string_view ns_of(pugi::xml_node n, std::string_view inherited)
{
    if (pugi::xml_attribute a = n.attribute("xmlns")) return a.value();
    return inherited;
}

bool is(pugi::xml_node n, const char* local)
{
    return std::strcmp(n.name(), local) == 0;
}

template <class E>
bool read_enum(const char* text, E& out)
{
    auto e = xso::from_token<E>(text);
    if (!e) return false;
    out = *e;
    return true;
}

bool read_jid(pugi::xml_attribute a, std::optional<xso::jid>& out)
{
    if (!a) return true;
    if (!xso::jid::check(a.value()).empty()) return false;
    out.emplace(a.value());
    return true;
}

bool read_optional_string(pugi::xml_attribute a, std::optional<std::string>& out)
{
    if (a) out.emplace(a.value());
    return true;
}

bool read_item(pugi::xml_node n, const payload_store& payloads, std::optional<std::string>& id,
               std::optional<xso::jid>& publisher, std::optional<xso::element>& payload)
{
    read_optional_string(n.attribute("id"), id);
    if (!read_jid(n.attribute("publisher"), publisher)) return false;
    for (pugi::xml_node c = n.first_child(); c; c = c.next_sibling()) {
        if (c.type() != pugi::node_element) continue;
        if (payload) return false; // one payload per item
        payload = payloads.take(c);
    }
    return true;
}

bool read_items(pugi::xml_node n, std::string_view ns, const payload_store& payloads, ps::Items& out)
{
    pugi::xml_attribute node = n.attribute("node");
    if (!node) return false;
    out.node = node.value();
    read_optional_string(n.attribute("subid"), out.subid);
    if (pugi::xml_attribute max = n.attribute("max_items")) {
        std::string_view v = max.value();
        std::uint64_t m = 0;
        auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), m);
        if (ec != std::errc() || end != v.data() + v.size() || m < 1) return false;
        out.max_items = m;
    }
    for (pugi::xml_node c = n.first_child(); c; c = c.next_sibling()) {
        if (c.type() != pugi::node_element) continue;
        if (!is(c, "item") || ns_of(c, ns) != ns_pubsub) return false;
        ps::Item& item = out.item.emplace_back();
        if (!read_item(c, payloads, item.id, item.publisher, item.payload)) return false;
    }
    return true;
}

bool read_field(pugi::xml_node n, xso::xdata::Field& out)
{
    read_optional_string(n.attribute("label"), out.label);
    read_optional_string(n.attribute("var"), out.var);
    if (pugi::xml_attribute t = n.attribute("type")) out.type = xso::open_enum<xso::xdata::FieldType>::from_token(t.value());
    for (pugi::xml_node c = n.first_child(); c; c = c.next_sibling()) {
        if (c.type() != pugi::node_element) continue;
        if (ns_of(c, ns_xdata) != ns_xdata) return false;
        if (is(c, "value")) {
            out.value.emplace_back(c.child_value());
        } else if (is(c, "option")) {
            xso::xdata::Option& o = out.option.emplace_back();
            read_optional_string(c.attribute("label"), o.label);
            pugi::xml_node v = c.child("value");
            if (!v) return false;
            o.value = v.child_value();
        } else if (is(c, "desc")) {
            out.desc.emplace(c.child_value());
        } else if (is(c, "required")) {
            out.required = true;
        } else {
            return false;
        }
    }
    return true;
}

bool read_form(pugi::xml_node n, xso::xdata::Form& out)
{
    if (!read_enum(n.attribute("type").value(), out.type)) return false;
    for (pugi::xml_node c = n.first_child(); c; c = c.next_sibling()) {
        if (c.type() != pugi::node_element) continue;
        if (ns_of(c, ns_xdata) != ns_xdata) return false;
        if (is(c, "field")) {
            if (!read_field(c, out.field.emplace_back())) return false;
        } else if (is(c, "instructions")) {
            out.instructions.emplace_back(c.child_value());
        } else if (is(c, "title")) {
            out.title.emplace(c.child_value());
        } else {
            return false;
        }
    }
    return true;
}

bool read_pubsub(pugi::xml_node n, const payload_store& payloads, ps::Pubsub& out)
{
    for (pugi::xml_node c = n.first_child(); c; c = c.next_sibling()) {
        if (c.type() != pugi::node_element) continue;
        std::string_view ns = ns_of(c, ns_pubsub);
        if (!is(c, "items") || ns != ns_pubsub || out.items) return false;
        if (!read_items(c, ns, payloads, out.items.emplace())) return false;
    }
    return true;
}

bool read_owner_pubsub(pugi::xml_node n, ps::owner::Pubsub& out)
{
    pugi::xml_node c = n.first_child();
    if (!c || c.next_sibling() || !is(c, "configure") || ns_of(c, ns_owner) != ns_owner) return false;
    ps::owner::Configure& configure = out.payload.emplace<ps::owner::Configure>();
    read_optional_string(c.attribute("node"), configure.node);
    for (pugi::xml_node x = c.first_child(); x; x = x.next_sibling()) {
        if (x.type() != pugi::node_element) continue;
        if (!is(x, "x") || ns_of(x, ns_owner) != ns_xdata || configure.form) return false;
        if (!read_form(x, configure.form.emplace())) return false;
    }
    return true;
}

bool read_error(pugi::xml_node n, std::string_view ns, const payload_store& payloads, st::Error& out)
{
    if (!read_enum(n.attribute("type").value(), out.type)) return false;
    if (!read_jid(n.attribute("by"), out.by)) return false;
    bool have_condition = false;
    for (pugi::xml_node c = n.first_child(); c; c = c.next_sibling()) {
        if (c.type() != pugi::node_element) continue;
        std::string_view cns = ns_of(c, ns);
        if (cns == ns_stanzas) {
            if (is(c, "text")) {
                st::Text& text = out.text.emplace();
                read_optional_string(c.attribute("xml:lang"), text.lang);
                text.value = c.child_value();
            } else {
                if (have_condition || !read_enum(c.name(), out.condition.condition)) return false;
                have_condition = true;
            }
        } else if (cns == ns_errors) {
            auto& app = out.app_condition.emplace().emplace<ps::errors::PubsubError>();
            if (!read_enum(c.name(), app.condition)) return false;
            if (pugi::xml_attribute f = c.attribute("feature"))
                app.feature = xso::open_enum<ps::errors::Feature>::from_token(f.value());
        } else {
            out.app_condition.emplace().emplace<xso::element>(payloads.take(c));
        }
    }
    return have_condition;
}

} // namespace

bool read_iq(pugi::xml_node n, const payload_store& payloads, st::Iq& out)
{
    const std::string_view ns = ns_of(n, ns_client);
    if (!is(n, "iq") || ns != ns_client) return false;
    if (!read_enum(n.attribute("type").value(), out.type)) return false;
    pugi::xml_attribute id = n.attribute("id");
    if (!id) return false;
    out.id = id.value();
    if (!read_jid(n.attribute("from"), out.from) || !read_jid(n.attribute("to"), out.to)) return false;
    read_optional_string(n.attribute("xml:lang"), out.lang);
    for (pugi::xml_node c = n.first_child(); c; c = c.next_sibling()) {
        if (c.type() != pugi::node_element) continue;
        std::string_view cns = ns_of(c, ns);
        if (is(c, "error") && cns == ns_client) {
            if (out.error || !read_error(c, cns, payloads, out.error.emplace())) return false;
        } else if (out.payload) {
            return false;
        } else if (is(c, "pubsub") && cns == ns_pubsub) {
            if (!read_pubsub(c, payloads, out.payload.emplace().emplace<ps::Pubsub>())) return false;
        } else if (is(c, "pubsub") && cns == ns_owner) {
            if (!read_owner_pubsub(c, out.payload.emplace().emplace<ps::owner::Pubsub>())) return false;
        } else {
            out.payload.emplace().emplace<xso::element>(payloads.take(c));
        }
    }
    return true;
}

bool read_message(pugi::xml_node n, const payload_store& payloads, st::Message& out)
{
    const std::string_view ns = ns_of(n, ns_client);
    if (!is(n, "message") || ns != ns_client) return false;
    if (pugi::xml_attribute t = n.attribute("type")) {
        if (!read_enum(t.value(), out.type.emplace())) return false;
    }
    read_optional_string(n.attribute("id"), out.id);
    if (!read_jid(n.attribute("from"), out.from) || !read_jid(n.attribute("to"), out.to)) return false;
    read_optional_string(n.attribute("xml:lang"), out.lang);
    for (pugi::xml_node c = n.first_child(); c; c = c.next_sibling()) {
        if (c.type() != pugi::node_element) continue;
        if (!is(c, "event") || ns_of(c, ns) != ns_event || out.event) return false;
        pugi::xml_node items = c.first_child();
        if (!items || items.next_sibling() || !is(items, "items") || ns_of(items, ns_event) != ns_event) return false;
        auto& ev = out.event.emplace().payload.emplace<ps::event::Items>();
        pugi::xml_attribute node = items.attribute("node");
        if (!node) return false;
        ev.node = node.value();
        for (pugi::xml_node i = items.first_child(); i; i = i.next_sibling()) {
            if (i.type() != pugi::node_element) continue;
            if (!is(i, "item") || ns_of(i, ns_event) != ns_event) return false;
            ps::event::Item& item = ev.item.emplace_back();
            if (!read_item(i, payloads, item.id, item.publisher, item.payload)) return false;
        }
    }
    return true;
}

} // namespace xso_bench::hand
