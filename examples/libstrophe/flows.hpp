// The three typical PubSub flows with xso's sans-I/O client. Nothing here knows the
// transport: each flow gets a `send` function (your stack's) and the client, and your stack
// hands every incoming stanza to client.receive(). pubsub_strophe.cpp runs them over
// libstrophe against a server; tests/client/flows.cpp runs them against recorded Prosody
// replies. README.md quotes the marked regions (tests/client/flows.cpp checks they match).
//
// Data forms are typed (NodeConfigForm, PublishOptionsForm …: schema/pubsub_forms.xml): the
// client renders them as submit forms and reads the service's forms into them.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>

#include <xso/pubsub.hpp>
#include <xso/pubsub/client.hpp>

namespace flows {

namespace ps = xso::pubsub;

using send_fn = std::function<void(const std::string& bytes)>; // your stack sends these bytes
using log_fn = std::function<void(const std::string& line)>;
using done_fn = std::function<void(bool ok)>;

// README: subscribe begin
// Flow 1: subscribe to a node and handle its notifications.
inline void follow(ps::client& pubsub, const send_fn& send, const xso::jid& service, const std::string& node,
                   log_fn log, done_fn subscribed)
{
    pubsub.handlers.on_item_published = [log](const ps::item_published& e) {
        std::string what = e.item.payload ? std::string(e.item.payload->local()) : "no payload";
        log("published " + e.node + "/" + e.item.id.value_or("?") + " (" + what + ")");
    };
    pubsub.handlers.on_item_retracted = [log](const ps::item_retracted& e) { log("retracted " + e.node + "/" + e.id); };
    pubsub.handlers.on_node_purged = [log](const ps::node_purged& e) { log("purged " + e.node); };
    pubsub.handlers.on_node_deleted = [log](const ps::node_deleted& e) {
        log("deleted " + e.node + (e.redirect_uri ? ", now at " + *e.redirect_uri : std::string()));
    };

    auto request =
        pubsub.subscribe(service, node, [log, node, subscribed](ps::reply<std::optional<ps::Subscription>> r) {
            if (!r) {
                log("subscribing to " + node + " failed: " + r.describe()); // e.g. "forbidden"
                return subscribed(false);
            }
            bool pending = r->has_value() && (*r)->subscription == ps::SubscriptionState::pending;
            log(pending ? "subscription to " + node + " awaits approval" : "subscribed to " + node);
            subscribed(true);
        });
    send(request.bytes);
    // From now on, for every <message/> and <iq/> your stack receives: pubsub.receive(bytes);
}
// README: end

// README: publish begin
// Flow 2: publish only to a node whose access model is open (publish-options, XEP-0060
// §7.1.5). When the node is configured otherwise, the service refuses with
// precondition-not-met; the owner then opens the node and publishes again.
inline void publish_open(ps::client& pubsub, send_fn send, std::optional<xso::jid> service, std::string node,
                         ps::Item item, log_fn log, done_fn done, bool retried = false)
{
    ps::PublishOptionsForm preconditions;
    preconditions.access_model = ps::AccessModel::open;

    auto on_reply = [&pubsub, send, service, node, item, log, done, retried](ps::reply<std::vector<std::string>> r) {
        if (r) {
            log("published " + (r->empty() ? std::string("?") : r->front()) + " to " + node);
            return done(true);
        }
        if (r.pubsub_condition() != ps::errors::Condition::precondition_not_met || retried) {
            log("publish failed: " + r.describe());
            return done(false);
        }
        log("precondition not met (" + r.describe() + "): opening " + node);
        ps::NodeConfigForm change;
        change.access_model = ps::AccessModel::open;
        auto reconfigure = pubsub.set_node_config(
            service, node, change, [&pubsub, send, service, node, item, log, done](ps::reply<ps::done> c) {
                if (!c) {
                    log("reconfiguring failed: " + c.describe());
                    return done(false);
                }
                publish_open(pubsub, send, service, node, item, log, done, true); // once more, same preconditions
            });
        send(reconfigure.bytes);
    };
    send(pubsub.publish(service, node, std::vector<ps::Item>{item}, on_reply, preconditions).bytes);
}
// README: end

// README: configure begin
// Flow 3: read a node's configuration as a typed NodeConfigForm, change it, submit it.
inline void configure(ps::client& pubsub, send_fn send, const xso::jid& service, std::string node, std::string title,
                      std::uint64_t max_items, log_fn log, done_fn done)
{
    auto request = pubsub.get_node_config(service, node, [=, &pubsub](ps::reply<ps::NodeConfigForm> r) {
        if (!r) {
            log("reading the configuration failed: " + r.describe());
            return done(false);
        }
        ps::NodeConfigForm config = *r; // every field the service sent, typed (std::optional members)
        log("title was '" + config.title.value_or("") + "', access model " +
            std::string(config.access_model ? config.access_model->token() : "unset"));
        config.title = title;
        config.max_items = max_items;
        config.notify_retract = true;
        auto change = pubsub.set_node_config(service, node, config, [=](ps::reply<ps::done> c) {
            log(c ? "configured " + node : "configuring failed: " + c.describe());
            done(bool(c));
        });
        send(change.bytes);
    });
    send(request.bytes);
}
// README: end

} // namespace flows
