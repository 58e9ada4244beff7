// libstrophe <-> xso: a stanza libstrophe hands to a handler becomes bytes, then typed
// values; the typed reply becomes bytes, then an xmpp_stanza_t to send.
//
//   received xmpp_stanza_t --xmpp_stanza_to_text--> bytes --xso::parse--> typed
//   typed --xso::serialize--> bytes --xmpp_stanza_new_from_string--> xmpp_stanza_t --xmpp_send
//
// No server is contacted: main() feeds the handler a stanza built the way libstrophe's own
// parser builds received ones. Exit status 0 when the round trip gave what it should.
#include <cstdio>
#include <cstring>
#include <string>
#include <variant>

#include <strophe.h>

#include <xso/pubsub.hpp>

namespace ps = xso::pubsub;

namespace {

// libstrophe -> bytes. The text is allocated by libstrophe and freed with xmpp_free.
std::string to_bytes(xmpp_ctx_t* ctx, xmpp_stanza_t* stanza)
{
    char* text = nullptr;
    size_t length = 0;
    if (xmpp_stanza_to_text(stanza, &text, &length) != XMPP_EOK) return {};
    std::string bytes(text, length);
    xmpp_free(ctx, text);
    return bytes;
}

// bytes -> libstrophe. nullptr when libstrophe cannot parse them.
xmpp_stanza_t* from_bytes(xmpp_ctx_t* ctx, const std::string& bytes)
{
    return xmpp_stanza_new_from_string(ctx, bytes.c_str());
}

// What a notification handler does with xso: returns the reply to send (a retraction of
// every notified item, for the sake of the example), or nullptr.
xmpp_stanza_t* handle_notification(xmpp_ctx_t* ctx, xmpp_stanza_t* stanza)
{
    const std::string bytes = to_bytes(ctx, stanza);
    auto message = xso::parse<xso::stanza::Message>(bytes);
    if (!message) {
        std::fprintf(stderr, "%s\n", xso::format_error(message.error(), bytes, "libstrophe stanza").c_str());
        return nullptr;
    }
    const auto* items = message->event ? std::get_if<ps::event::Items>(&message->event->payload) : nullptr;
    if (!items || items->item.empty()) return nullptr;

    ps::Retract retract{};
    retract.node = items->node;
    for (const ps::event::Item& notified : items->item) {
        std::printf("notified item %s, payload {%s}%s\n", notified.id.value_or("?").c_str(),
                    notified.payload ? std::string(notified.payload->ns()).c_str() : "",
                    notified.payload ? std::string(notified.payload->local()).c_str() : "(none)");
        ps::Item item{};
        item.id = notified.id;
        retract.item.push_back(item);
    }
    ps::Pubsub pubsub{};
    pubsub.retract = retract;
    xso::stanza::Iq iq{};
    iq.type = xso::stanza::IqType::set;
    iq.id = "retract1";
    iq.to = message->from;
    iq.payload = pubsub;
    auto reply = xso::serialize(iq);
    if (!reply) {
        std::fprintf(stderr, "%s\n", xso::format_error(reply.error()).c_str());
        return nullptr;
    }
    return from_bytes(ctx, *reply);
}

// The handler as registered on a connection: xmpp_handler_add(conn, on_message,
// "http://jabber.org/protocol/pubsub#event"... would filter on a child namespace, so it is
// registered for every message and lets xso decide.
int on_message(xmpp_conn_t* conn, xmpp_stanza_t* stanza, void* userdata)
{
    auto* ctx = static_cast<xmpp_ctx_t*>(userdata);
    if (xmpp_stanza_t* reply = handle_notification(ctx, stanza)) {
        xmpp_send(conn, reply);
        xmpp_stanza_release(reply);
    }
    return 1; // keep the handler
}

} // namespace

int main()
{
    xmpp_initialize();
    xmpp_ctx_t* ctx = xmpp_ctx_new(nullptr, nullptr);
    xmpp_conn_t* conn = xmpp_conn_new(ctx);
    xmpp_handler_add(conn, on_message, nullptr, "message", nullptr, ctx); // how a client wires it

    // A notification as libstrophe's parser delivers it (it reads the same XML from the stream).
    xmpp_stanza_t* received = from_bytes(ctx,
        "<message xmlns='jabber:client' from='pubsub.example.org' to='bob@example.net' id='n1'>"
        "<event xmlns='http://jabber.org/protocol/pubsub#event'><items node='news'>"
        "<item id='a1'><entry xmlns='http://www.w3.org/2005/Atom'><title>One &amp; two</title></entry></item>"
        "<item id='a2'><entry xmlns='http://www.w3.org/2005/Atom'><title>Three</title></entry></item>"
        "</items></event></message>");
    int failures = 0;
    if (!received) {
        std::fprintf(stderr, "libstrophe could not build the received stanza\n");
        return 1;
    }

    xmpp_stanza_t* reply = handle_notification(ctx, received);
    if (!reply) {
        ++failures;
    } else {
        // The reply is an ordinary libstrophe stanza: inspect it the libstrophe way.
        xmpp_stanza_t* pubsub = xmpp_stanza_get_child_by_ns(reply, "http://jabber.org/protocol/pubsub");
        xmpp_stanza_t* retract = pubsub ? xmpp_stanza_get_child_by_name(pubsub, "retract") : nullptr;
        const char* to = xmpp_stanza_get_attribute(reply, "to");
        int retracted = 0;
        for (xmpp_stanza_t* c = retract ? xmpp_stanza_get_children(retract) : nullptr; c; c = xmpp_stanza_get_next(c))
            if (xmpp_stanza_get_name(c) && std::strcmp(xmpp_stanza_get_name(c), "item") == 0) ++retracted;
        std::printf("reply for libstrophe: %s\n", to_bytes(ctx, reply).c_str());
        if (std::strcmp(xmpp_stanza_get_name(reply), "iq") != 0 || !to || std::strcmp(to, "pubsub.example.org") != 0 ||
            !retract || retracted != 2) {
            std::fprintf(stderr, "the reply is not the expected retract request\n");
            ++failures;
        }
        xmpp_stanza_release(reply);
    }

    // Text escaped by libstrophe comes out unescaped in xso's values.
    auto message = xso::parse<xso::stanza::Message>(to_bytes(ctx, received));
    const auto* items = message && message->event ? std::get_if<ps::event::Items>(&message->event->payload) : nullptr;
    const bool title_ok = items && items->item.size() == 2 && items->item[0].payload &&
                          std::string(items->item[0].payload->node().child("title").text().get()) == "One & two";
    if (!title_ok) {
        std::fprintf(stderr, "the Atom title did not survive the trip\n");
        ++failures;
    }

    xmpp_stanza_release(received);
    xmpp_conn_release(conn);
    xmpp_ctx_free(ctx);
    xmpp_shutdown();
    if (failures) return 1;
    std::printf("libstrophe interop: ok\n");
    return 0;
}
