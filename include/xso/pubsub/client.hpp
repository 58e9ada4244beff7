// A sans-I/O XEP-0060 client: builds request stanzas, matches the replies to them and
// dispatches notifications. It never opens a socket: every request method returns the
// bytes (and the typed stanza) for your stack to send; your stack hands every incoming
// stanza to receive(), which completes the matching request or calls the notification
// handlers.
//
//   xso::pubsub::client pubsub(xso::jid("juliet@capulet.lit/balcony"));
//   auto out = pubsub.subscribe(xso::jid("pubsub.shakespeare.lit"), "princely_musings",
//                               [](xso::pubsub::reply<std::optional<xso::pubsub::Subscription>> r) { ... });
//   my_stack.send(out.bytes);
//   ...
//   my_stack.on_stanza([&](std::string_view bytes) { pubsub.receive(bytes); });
//
// Timeouts and retries belong to the transport: cancel() ends a pending request.
#pragma once

#include <algorithm>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include <xso/pubsub.hpp>

namespace xso::pubsub {

// ---------------------------------------------------------------------------------------
// Replies

// What a request ends with: its typed result, the stanza error the service answered
// with (typed, with PubSub's application condition), or a local problem (a malformed or
// unexpected reply, a cancelled request). `!r` means failure, as for xso::result.
template <class T> class reply {
public:
    reply(T value) : v_(std::in_place_index<0>, std::move(value)) {}
    reply(stanza::Error e) : v_(std::in_place_index<1>, std::move(e)) {}
    reply(xso::error e) : v_(std::in_place_index<2>, std::move(e)) {}

    explicit operator bool() const noexcept { return v_.index() == 0; }
    const T& value() const { return std::get<0>(v_); }
    T& value() { return std::get<0>(v_); }
    const T& operator*() const { return value(); }
    const T* operator->() const { return &value(); }

    // The service said no (an IQ of type error).
    const stanza::Error* stanza_error() const noexcept { return std::get_if<1>(&v_); }
    // Something went wrong on our side of the exchange.
    const xso::error* local_error() const noexcept { return std::get_if<2>(&v_); }

    std::optional<stanza::DefinedCondition> condition() const
    {
        if (auto* e = stanza_error()) return e->condition.condition;
        return std::nullopt;
    }
    // The XEP-0060 application condition (precondition-not-met, unsupported …), if any.
    const errors::PubsubError* pubsub_error() const
    {
        if (auto* e = stanza_error())
            if (e->app_condition) return std::get_if<errors::PubsubError>(&*e->app_condition);
        return nullptr;
    }
    std::optional<errors::Condition> pubsub_condition() const
    {
        if (auto* p = pubsub_error()) return p->condition;
        return std::nullopt;
    }

    // "conflict/precondition-not-met: Field does not match: access_model", or the local error.
    std::string describe() const
    {
        if (*this) return "ok";
        if (auto* l = local_error()) return l->message();
        const stanza::Error& e = *stanza_error();
        std::string s(to_token(e.condition.condition));
        if (auto* p = pubsub_error()) {
            s += '/';
            s.append(to_token(p->condition));
            if (p->feature) s += " (feature " + std::string(p->feature->token()) + ")";
        }
        if (e.text) s += ": " + e.text->value;
        return s;
    }

private:
    std::variant<T, stanza::Error, xso::error> v_;
};

// The result of requests whose success carries no data.
struct done {
    friend bool operator==(done, done) noexcept { return true; }
};

template <class T> using callback = std::function<void(reply<T>)>;

// A request ready to send.
struct outgoing {
    std::string id;
    stanza::Iq stanza; // for stacks that build their own envelope
    std::string bytes; // the stanza, serialized
};

// A message to send (subscription authorization answers).
struct outgoing_message {
    stanza::Message stanza;
    std::string bytes;
};

// ---------------------------------------------------------------------------------------
// Service features (disco#info)

inline constexpr std::string_view feature_prefix = "http://jabber.org/protocol/pubsub#";

struct service_info {
    std::vector<errors::Feature> features;          // the pubsub#… features xso knows
    std::vector<std::string> other_pubsub_features; // pubsub#… features it does not (kept)
    std::vector<std::string> other_features;        // everything else the service advertises
    std::vector<disco::Identity> identities;
    std::vector<xdata::Form> forms; // XEP-0128 extensions (e.g. pubsub#meta-data)

    bool has(errors::Feature f) const { return std::find(features.begin(), features.end(), f) != features.end(); }
};

// A page of items (XEP-0059 when the service pages).
struct items_page {
    std::string node;
    std::vector<Item> items;
    std::optional<rsm::Set> page;
};

// ---------------------------------------------------------------------------------------
// Notifications

struct notification_context {
    const jid& service; // the message's sender (the pubsub service or PEP account)
    const stanza::Message& message;
    std::vector<std::string> subids; // SHIM SubID headers: the subscriptions this was sent for (§12.16)
};

struct item_published {
    notification_context context;
    const std::string& node;
    const event::Item& item;
};
struct item_retracted {
    notification_context context;
    const std::string& node;
    const std::string& id;
};
struct node_deleted {
    notification_context context;
    const std::string& node;
    std::optional<std::string> redirect_uri;
};
struct node_purged {
    notification_context context;
    const std::string& node;
};
struct node_configured {
    notification_context context;
    std::optional<std::string> node;
    const xdata::Form* form;                 // when the service includes the new configuration
    std::optional<NodeConfigForm> config;    // that form, typed (when it reads as a node configuration)
};
struct subscription_changed {
    notification_context context;
    std::optional<std::string> node;
    const jid& subscriber;
    std::optional<SubscriptionState> state;
    std::optional<std::string> subid;
    std::optional<datetime> expiry;
};
struct affiliation_changed {
    notification_context context;
    std::optional<std::string> node;
    std::optional<jid> entity;
    Affiliation affiliation;
};
struct collection_changed {
    notification_context context;
    std::optional<std::string> collection;
    const std::string& node;
    bool associated; // false: disassociated
};
struct authorization_requested {
    notification_context context;
    const xdata::Form& form;                // FORM_TYPE pubsub#subscribe_authorization, as received
    // Typed (node, subscriber_jid, subid): set `allow` and pass it to answer_authorization().
    // Empty when a field does not read (form_error says which).
    std::optional<SubscribeAuthorizationForm> request;
    std::optional<xso::error> form_error;
};

struct notification_handlers {
    std::function<void(const item_published&)> on_item_published;
    std::function<void(const item_retracted&)> on_item_retracted;
    std::function<void(const node_deleted&)> on_node_deleted;
    std::function<void(const node_purged&)> on_node_purged;
    std::function<void(const node_configured&)> on_node_configured;
    std::function<void(const subscription_changed&)> on_subscription_changed;
    std::function<void(const affiliation_changed&)> on_affiliation_changed;
    std::function<void(const collection_changed&)> on_collection_changed;
    std::function<void(const authorization_requested&)> on_authorization_requested;
};

// ---------------------------------------------------------------------------------------

namespace detail {

inline std::string lower_ascii(std::string_view s)
{
    std::string r(s);
    for (char& c : r)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return r;
}

// JIDs compare with case-insensitive local and domain parts (ASCII), exact resource.
inline bool same_jid(const jid& a, const jid& b)
{
    return lower_ascii(a.bare()) == lower_ascii(b.bare()) && a.resource() == b.resource();
}

inline std::optional<std::string> form_type_of(const xdata::Form& f)
{
    for (const xdata::Field& field : f.field)
        if (field.var && *field.var == "FORM_TYPE" && !field.value.empty()) return field.value.front();
    return std::nullopt;
}

inline std::vector<std::string> shim_subids(const stanza::Message& m)
{
    std::vector<std::string> ids;
    if (m.headers)
        for (const shim::Header& h : m.headers->header)
            if (h.name == "SubID") ids.push_back(h.value);
    return ids;
}

} // namespace detail

class client {
public:
    struct options {
        // Prefix of request ids; empty: a random one per client, so that ids of two clients
        // (or two runs) never collide.
        std::string id_prefix;
        // The namespace of the stream the bytes go into: stanzas in it are written without
        // an xmlns attribute. Empty: always write xmlns='jabber:client'.
        std::string stream_ns = "jabber:client";
    };

    // `account`: the full JID of the session; its bare JID is the PEP service and the
    // sender of replies that carry no `from` (RFC 6120 §8.1.2.1).
    explicit client(jid account) : client(std::move(account), options{}) {}
    client(jid account, options opts) : account_(std::move(account)), opts_(std::move(opts))
    {
        if (opts_.id_prefix.empty()) {
            std::random_device rd;
            std::uint64_t r = (std::uint64_t(rd()) << 32) ^ rd();
            static const char hex[] = "0123456789abcdef";
            opts_.id_prefix = "xso-";
            for (int i = 0; i < 10; ++i)
                opts_.id_prefix += hex[(r >> (i * 4)) & 0xF];
            opts_.id_prefix += '-';
        }
    }

    const jid& account() const noexcept { return account_; }
    notification_handlers handlers;

    // ---- Discovery ----------------------------------------------------------------

    // disco#info of the service (or of a node, for its meta-data form).
    outgoing get_features(std::optional<jid> service, callback<service_info> cb = {},
                          std::optional<std::string> node = {})
    {
        disco::InfoQuery q;
        q.node = std::move(node);
        return send_iq(service, stanza::IqType::get, q,
                       make_decoder<service_info>(std::move(cb), [](const stanza::Iq& r) -> reply<service_info> {
                           const auto* info = payload_of<disco::InfoQuery>(r);
                           if (!info) return unexpected("a disco#info result");
                           service_info s;
                           for (const disco::Feature& f : info->feature) {
                               std::string_view var = f.var;
                               if (var.substr(0, feature_prefix.size()) == feature_prefix) {
                                   auto token = var.substr(feature_prefix.size());
                                   if (auto known = from_token<errors::Feature>(token))
                                       s.features.push_back(*known);
                                   else
                                       s.other_pubsub_features.emplace_back(var);
                               } else {
                                   s.other_features.emplace_back(var);
                               }
                           }
                           s.identities = info->identity;
                           s.forms = info->forms;
                           return s;
                       }));
    }

    // The meta-data of a node (disco#info of the node, §5.4): its pubsub#meta-data form.
    outgoing get_node_metadata(std::optional<jid> service, std::string node, callback<MetadataForm> cb = {})
    {
        disco::InfoQuery q;
        q.node = std::move(node);
        return send_iq(service, stanza::IqType::get, q,
                       make_decoder<MetadataForm>(std::move(cb), [](const stanza::Iq& r) -> reply<MetadataForm> {
                           const auto* info = payload_of<disco::InfoQuery>(r);
                           if (!info) return unexpected("a disco#info result");
                           return typed<MetadataForm>(*info);
                       }));
    }

    // disco#items: the nodes of a service, or the children of a collection node.
    outgoing get_nodes(std::optional<jid> service, callback<std::vector<disco::DiscoItem>> cb = {},
                       std::optional<std::string> node = {})
    {
        disco::ItemsQuery q;
        q.node = std::move(node);
        return send_iq(service, stanza::IqType::get, q,
                       make_decoder<std::vector<disco::DiscoItem>>(
                           std::move(cb), [](const stanza::Iq& r) -> reply<std::vector<disco::DiscoItem>> {
                               const auto* items = payload_of<disco::ItemsQuery>(r);
                               if (!items) return unexpected("a disco#items result");
                               return items->item;
                           }));
    }

    // ---- Subscriber -----------------------------------------------------------------

    // Subscribes `subscriber` (default: this account's bare JID), optionally configuring the
    // subscription in the same request (§6.3.7).
    outgoing subscribe(std::optional<jid> service, std::string node, callback<std::optional<Subscription>> cb = {},
                       std::optional<jid> subscriber = {}, const std::optional<SubscribeOptionsForm>& options = {})
    {
        Pubsub p;
        Subscribe s;
        s.node = node;
        s.jid = subscriber.value_or(jid(account_.bare()));
        p.subscribe = s;
        if (options) {
            Options o;
            xso::error err;
            o.form = submit_of(*options, err);
            if (!o.form) return refused(cb, std::move(err));
            p.options = std::move(o);
        }
        return send_iq(service, stanza::IqType::set, p,
                       make_decoder<std::optional<Subscription>>(
                           std::move(cb), [](const stanza::Iq& r) -> reply<std::optional<Subscription>> {
                               if (!r.payload) return std::optional<Subscription>{}; // an empty result: subscribed
                               const auto* ps = payload_of<Pubsub>(r);
                               if (!ps) return unexpected("a pubsub result");
                               return ps->subscription;
                           }));
    }

    outgoing unsubscribe(std::optional<jid> service, std::string node, callback<done> cb = {},
                         std::optional<jid> subscriber = {}, std::optional<std::string> subid = {})
    {
        Pubsub p;
        Unsubscribe u;
        u.node = std::move(node);
        u.jid = subscriber.value_or(jid(account_.bare()));
        u.subid = std::move(subid);
        p.unsubscribe = std::move(u);
        return send_iq(service, stanza::IqType::set, p, done_decoder(std::move(cb)));
    }

    // The subscription options form (§6.3.2).
    outgoing get_subscription_config(std::optional<jid> service, std::string node, callback<SubscribeOptionsForm> cb = {},
                                     std::optional<jid> subscriber = {}, std::optional<std::string> subid = {})
    {
        Pubsub p;
        Options o;
        o.node = std::move(node);
        o.jid = subscriber.value_or(jid(account_.bare()));
        o.subid = std::move(subid);
        p.options = std::move(o);
        return send_iq(service, stanza::IqType::get, p,
                       make_decoder<SubscribeOptionsForm>(std::move(cb), [](const stanza::Iq& r) -> reply<SubscribeOptionsForm> {
                           const auto* ps = payload_of<Pubsub>(r);
                           if (!ps || !ps->options) return unexpected("<options>");
                           return typed<SubscribeOptionsForm>(*ps->options);
                       }));
    }

    outgoing set_subscription_config(std::optional<jid> service, std::string node, const SubscribeOptionsForm& options,
                                     callback<done> cb = {}, std::optional<jid> subscriber = {},
                                     std::optional<std::string> subid = {})
    {
        Pubsub p;
        Options o;
        o.node = std::move(node);
        o.jid = subscriber.value_or(jid(account_.bare()));
        o.subid = std::move(subid);
        xso::error err;
        o.form = submit_of(options, err);
        if (!o.form) return refused(cb, std::move(err));
        p.options = std::move(o);
        return send_iq(service, stanza::IqType::set, p, done_decoder(std::move(cb)));
    }

    // The default subscription options of a node or service (§6.4).
    outgoing get_default_subscription_config(std::optional<jid> service, callback<SubscribeOptionsForm> cb = {},
                                             std::optional<std::string> node = {})
    {
        Pubsub p;
        Default d;
        d.node = std::move(node);
        p.default_ = std::move(d);
        return send_iq(service, stanza::IqType::get, p,
                       make_decoder<SubscribeOptionsForm>(std::move(cb), [](const stanza::Iq& r) -> reply<SubscribeOptionsForm> {
                           const auto* ps = payload_of<Pubsub>(r);
                           if (!ps || !ps->default_) return unexpected("<default>");
                           return typed<SubscribeOptionsForm>(*ps->default_);
                       }));
    }

    // Items of a node: the most recent `max_items`, or a page (XEP-0059 `page`).
    outgoing get_items(std::optional<jid> service, std::string node, callback<items_page> cb = {},
                       std::optional<std::uint64_t> max_items = {}, std::optional<rsm::Set> page = {})
    {
        Pubsub p;
        Items it;
        it.node = std::move(node);
        it.max_items = max_items;
        p.items = std::move(it);
        p.set = std::move(page);
        return send_iq(service, stanza::IqType::get, p, items_decoder(std::move(cb)));
    }

    outgoing get_items_by_id(std::optional<jid> service, std::string node, const std::vector<std::string>& ids,
                             callback<items_page> cb = {})
    {
        Pubsub p;
        Items it;
        it.node = std::move(node);
        for (const std::string& id : ids) {
            Item i;
            i.id = id;
            it.item.push_back(std::move(i));
        }
        p.items = std::move(it);
        return send_iq(service, stanza::IqType::get, p, items_decoder(std::move(cb)));
    }

    // Every item of a node, page by page (XEP-0059): each next page's request is handed to
    // `send` as soon as the previous page arrives; `cb` gets all items at the end (or the
    // first error). Services that do not page answer everything at once, which ends the walk.
    outgoing get_all_items(std::optional<jid> service, std::string node, std::uint64_t page_size,
                           std::function<void(const outgoing&)> send, callback<std::vector<Item>> cb)
    {
        auto walk = std::make_shared<items_walk>();
        walk->service = std::move(service);
        walk->node = std::move(node);
        walk->page_size = page_size;
        walk->send = std::move(send);
        walk->done = std::move(cb);
        return request_page(walk, std::nullopt);
    }

    // This account's subscriptions (at one node, or at the whole service).
    outgoing get_subscriptions(std::optional<jid> service, callback<std::vector<Subscription>> cb = {},
                               std::optional<std::string> node = {})
    {
        Pubsub p;
        Subscriptions s;
        s.node = std::move(node);
        p.subscriptions = std::move(s);
        return send_iq(service, stanza::IqType::get, p,
                       make_decoder<std::vector<Subscription>>(
                           std::move(cb), [](const stanza::Iq& r) -> reply<std::vector<Subscription>> {
                               const auto* ps = payload_of<Pubsub>(r);
                               if (!ps || !ps->subscriptions) return unexpected("<subscriptions>");
                               return ps->subscriptions->subscription;
                           }));
    }

    // This account's affiliations (§5.7).
    outgoing get_affiliations(std::optional<jid> service, callback<std::vector<AffiliationEntry>> cb = {},
                              std::optional<std::string> node = {})
    {
        Pubsub p;
        Affiliations a;
        a.node = std::move(node);
        p.affiliations = std::move(a);
        return send_iq(service, stanza::IqType::get, p,
                       make_decoder<std::vector<AffiliationEntry>>(
                           std::move(cb), [](const stanza::Iq& r) -> reply<std::vector<AffiliationEntry>> {
                               const auto* ps = payload_of<Pubsub>(r);
                               if (!ps || !ps->affiliations) return unexpected("<affiliations>");
                               return ps->affiliations->affiliation;
                           }));
    }

    // ---- Publisher ------------------------------------------------------------------

    // Publishes items (each an id, possibly empty for service-assigned ids, and a payload).
    // The reply holds the ids of the published items: the service's when it sends them,
    // else those of the request.
    outgoing publish(std::optional<jid> service, std::string node, std::vector<Item> items,
                     callback<std::vector<std::string>> cb = {},
                     const std::optional<PublishOptionsForm>& publish_options = {})
    {
        Pubsub p;
        Publish pub;
        pub.node = std::move(node);
        std::vector<std::string> requested;
        for (const Item& i : items)
            requested.push_back(i.id.value_or(std::string()));
        pub.item = std::move(items);
        p.publish = std::move(pub);
        if (publish_options) {
            PublishOptions po;
            xso::error err;
            po.form = submit_of(*publish_options, err);
            if (!po.form) return refused(cb, std::move(err));
            p.publish_options = std::move(po);
        }
        return send_iq(service, stanza::IqType::set, p,
                       make_decoder<std::vector<std::string>>(
                           std::move(cb), [requested](const stanza::Iq& r) -> reply<std::vector<std::string>> {
                               const auto* ps = r.payload ? payload_of<Pubsub>(r) : nullptr;
                               if (ps && ps->publish && !ps->publish->item.empty()) {
                                   std::vector<std::string> ids;
                                   for (const Item& i : ps->publish->item)
                                       ids.push_back(i.id.value_or(std::string()));
                                   return ids;
                               }
                               if (r.payload && !ps) return unexpected("a pubsub result");
                               return requested;
                           }));
    }

    // Publishes one payload (a convenience over publish()).
    outgoing publish(std::optional<jid> service, std::string node, element payload, std::optional<std::string> id,
                     callback<std::vector<std::string>> cb = {},
                     const std::optional<PublishOptionsForm>& publish_options = {})
    {
        Item i;
        i.id = std::move(id);
        i.payload = std::move(payload);
        return publish(std::move(service), std::move(node), std::vector<Item>{std::move(i)}, std::move(cb),
                       publish_options);
    }

    // Notifies subscribers without publishing an item (a transient, payload-less node).
    outgoing notify(std::optional<jid> service, std::string node, callback<done> cb = {})
    {
        Pubsub p;
        Publish pub;
        pub.node = std::move(node);
        p.publish = std::move(pub);
        return send_iq(service, stanza::IqType::set, p, done_decoder(std::move(cb)));
    }

    outgoing retract(std::optional<jid> service, std::string node, const std::vector<std::string>& ids,
                     callback<done> cb = {}, bool notify_subscribers = false)
    {
        Pubsub p;
        Retract r;
        r.node = std::move(node);
        if (notify_subscribers) r.notify = true;
        for (const std::string& id : ids) {
            Item i;
            i.id = id;
            r.item.push_back(std::move(i));
        }
        p.retract = std::move(r);
        return send_iq(service, stanza::IqType::set, p, done_decoder(std::move(cb)));
    }

    // ---- Owner ----------------------------------------------------------------------

    // Creates a node (an instant node when `node` is empty), optionally configured. The
    // reply holds the node's name (the service's, for instant nodes).
    outgoing create(std::optional<jid> service, std::optional<std::string> node, callback<std::string> cb = {},
                    const std::optional<NodeConfigForm>& config = {})
    {
        Pubsub p;
        Create c;
        c.node = node;
        p.create = std::move(c);
        if (config) {
            Configure conf;
            xso::error err;
            conf.form = submit_of(*config, err);
            if (!conf.form) return refused(cb, std::move(err));
            p.configure = std::move(conf);
        }
        return send_iq(service, stanza::IqType::set, p,
                       make_decoder<std::string>(std::move(cb), [node](const stanza::Iq& r) -> reply<std::string> {
                           const auto* ps = r.payload ? payload_of<Pubsub>(r) : nullptr;
                           if (ps && ps->create && ps->create->node) return *ps->create->node;
                           if (node) return *node;
                           return unexpected("the name of the instant node");
                       }));
    }

    outgoing delete_node(std::optional<jid> service, std::string node, callback<done> cb = {},
                         std::optional<std::string> redirect_uri = {})
    {
        owner::Delete d;
        d.node = std::move(node);
        if (redirect_uri) {
            owner::Redirect r;
            r.uri = std::move(*redirect_uri);
            d.redirect = std::move(r);
        }
        return send_iq(service, stanza::IqType::set, owner::Pubsub{std::move(d), {}}, done_decoder(std::move(cb)));
    }

    outgoing purge(std::optional<jid> service, std::string node, callback<done> cb = {})
    {
        owner::Purge pu;
        pu.node = std::move(node);
        return send_iq(service, stanza::IqType::set, owner::Pubsub{std::move(pu), {}}, done_decoder(std::move(cb)));
    }

    // The node configuration form (§8.2).
    outgoing get_node_config(std::optional<jid> service, std::string node, callback<NodeConfigForm> cb = {})
    {
        owner::Configure c;
        c.node = std::move(node);
        return send_iq(service, stanza::IqType::get, owner::Pubsub{std::move(c), {}},
                       make_decoder<NodeConfigForm>(std::move(cb), [](const stanza::Iq& r) -> reply<NodeConfigForm> {
                           const auto* op = payload_of<owner::Pubsub>(r);
                           const auto* conf = op ? std::get_if<owner::Configure>(&op->payload) : nullptr;
                           if (!conf) return unexpected("owner <configure>");
                           return typed<NodeConfigForm>(*conf);
                       }));
    }

    outgoing set_node_config(std::optional<jid> service, std::string node, const NodeConfigForm& config,
                             callback<done> cb = {})
    {
        owner::Configure c;
        c.node = std::move(node);
        xso::error err;
        c.form = submit_of(config, err);
        if (!c.form) return refused(cb, std::move(err));
        return send_iq(service, stanza::IqType::set, owner::Pubsub{std::move(c), {}}, done_decoder(std::move(cb)));
    }

    // The default node configuration of the service (§8.3).
    outgoing get_default_config(std::optional<jid> service, callback<NodeConfigForm> cb = {},
                                std::optional<owner::NodeType> type = {})
    {
        owner::Default d;
        d.type = type;
        return send_iq(service, stanza::IqType::get, owner::Pubsub{std::move(d), {}},
                       make_decoder<NodeConfigForm>(std::move(cb), [](const stanza::Iq& r) -> reply<NodeConfigForm> {
                           const auto* op = payload_of<owner::Pubsub>(r);
                           const auto* def = op ? std::get_if<owner::Default>(&op->payload) : nullptr;
                           if (!def) return unexpected("owner <default>");
                           return typed<NodeConfigForm>(*def);
                       }));
    }

    outgoing get_node_affiliations(std::optional<jid> service, std::string node,
                                   callback<std::vector<owner::AffiliationEntry>> cb = {})
    {
        owner::Affiliations a;
        a.node = std::move(node);
        return send_iq(service, stanza::IqType::get, owner::Pubsub{std::move(a), {}},
                       make_decoder<std::vector<owner::AffiliationEntry>>(
                           std::move(cb), [](const stanza::Iq& r) -> reply<std::vector<owner::AffiliationEntry>> {
                               const auto* op = payload_of<owner::Pubsub>(r);
                               const auto* a = op ? std::get_if<owner::Affiliations>(&op->payload) : nullptr;
                               if (!a) return unexpected("owner <affiliations>");
                               return a->affiliation;
                           }));
    }

    outgoing change_node_affiliations(std::optional<jid> service, std::string node,
                                      const std::vector<std::pair<jid, Affiliation>>& changes, callback<done> cb = {})
    {
        owner::Affiliations a;
        a.node = std::move(node);
        for (const auto& [who, what] : changes) {
            owner::AffiliationEntry e;
            e.jid = who;
            e.affiliation = what;
            a.affiliation.push_back(std::move(e));
        }
        return send_iq(service, stanza::IqType::set, owner::Pubsub{std::move(a), {}}, done_decoder(std::move(cb)));
    }

    outgoing get_node_subscriptions(std::optional<jid> service, std::string node,
                                    callback<std::vector<owner::Subscription>> cb = {})
    {
        owner::Subscriptions s;
        s.node = std::move(node);
        return send_iq(service, stanza::IqType::get, owner::Pubsub{std::move(s), {}},
                       make_decoder<std::vector<owner::Subscription>>(
                           std::move(cb), [](const stanza::Iq& r) -> reply<std::vector<owner::Subscription>> {
                               const auto* op = payload_of<owner::Pubsub>(r);
                               const auto* s = op ? std::get_if<owner::Subscriptions>(&op->payload) : nullptr;
                               if (!s) return unexpected("owner <subscriptions>");
                               return s->subscription;
                           }));
    }

    outgoing change_node_subscriptions(std::optional<jid> service, std::string node,
                                       const std::vector<std::pair<jid, SubscriptionState>>& changes,
                                       callback<done> cb = {})
    {
        owner::Subscriptions s;
        s.node = std::move(node);
        for (const auto& [who, state] : changes) {
            owner::Subscription e;
            e.jid = who;
            e.subscription = state;
            s.subscription.push_back(std::move(e));
        }
        return send_iq(service, stanza::IqType::set, owner::Pubsub{std::move(s), {}}, done_decoder(std::move(cb)));
    }

    // Answers a subscription authorization request (§8.6): the submitted form in a
    // message to the service.
    // `answer`: the request's form with `allow` set (true: approve, false: deny).
    result<outgoing_message> answer_authorization(const jid& service, const SubscribeAuthorizationForm& answer) const
    {
        stanza::Message m;
        m.to = service;
        auto submit = forms::to_submit(answer);
        if (!submit) return std::move(submit).error();
        m.forms.push_back(std::move(*submit));
        outgoing_message out;
        out.stanza = m;
        serialize_options so;
        so.context_ns = opts_.stream_ns;
        auto bytes = serialize(m, so);
        if (!bytes) return std::move(bytes).error();
        out.bytes = std::move(*bytes);
        return out;
    }

    // ---- Incoming -------------------------------------------------------------------

    enum class receive_status {
        response,     // completed a pending request (its callback ran)
        notification, // a PubSub notification; `events` handlers were called
        not_pubsub,   // a stanza that is not for this client: left alone
        unmatched,    // an IQ result/error whose id no pending request has
        wrong_sender, // an IQ reply with a pending id, from another entity than the one asked
        invalid,      // bytes that do not parse (`error` says why)
    };
    struct received {
        receive_status status = receive_status::not_pubsub;
        std::string id;         // the request id for responses
        std::size_t events = 0; // notifications dispatched
        xso::error error;       // for invalid
    };

    // Feeds one incoming stanza.
    received receive(std::string_view bytes)
    {
        parse_options po;
        po.default_ns = opts_.stream_ns.empty() ? std::string_view("jabber:client") : std::string_view(opts_.stream_ns);
        auto s = parse<stanza::any_stanza>(bytes, po);
        if (!s) {
            received r;
            r.status = receive_status::invalid;
            r.error = s.error();
            return r;
        }
        return receive(*s);
    }
    received receive(const stanza::any_stanza& s)
    {
        if (const auto* iq = std::get_if<stanza::Iq>(&s)) return receive(*iq);
        if (const auto* m = std::get_if<stanza::Message>(&s)) return receive(*m);
        return {};
    }

    received receive(const stanza::Iq& iq)
    {
        received r;
        if (iq.type != stanza::IqType::result && iq.type != stanza::IqType::error) return r; // requests are not ours
        auto it = pending_.find(iq.id);
        if (it == pending_.end()) {
            r.status = receive_status::unmatched;
            r.id = iq.id;
            return r;
        }
        jid from = iq.from ? *iq.from : jid(account_.bare());
        if (!detail::same_jid(from, it->second.expected_from) &&
            !(it->second.expected_from == jid(account_.bare()) && detail::same_jid(from, account_))) {
            r.status = receive_status::wrong_sender;
            r.id = iq.id;
            return r;
        }
        auto complete = std::move(it->second.complete);
        pending_.erase(it);
        r.status = receive_status::response;
        r.id = iq.id;
        complete(&iq, nullptr);
        return r;
    }

    received receive(const stanza::Message& m)
    {
        received r;
        jid service = m.from ? *m.from : jid(account_.bare());
        notification_context ctx{service, m, detail::shim_subids(m)};
        std::size_t n = 0;
        bool pubsub = false;
        if (m.event) {
            pubsub = true;
            n += dispatch_event(*m.event, ctx);
        }
        if (m.pubsub) {
            pubsub = true;
            n += dispatch_pubsub(*m.pubsub, ctx);
        }
        for (const xdata::Form& f : m.forms) {
            if (detail::form_type_of(f) ==
                std::optional<std::string>("http://jabber.org/protocol/pubsub#subscribe_authorization")) {
                pubsub = true;
                ++n;
                if (handlers.on_authorization_requested) {
                    auto typed_request = forms::read<SubscribeAuthorizationForm>(f);
                    authorization_requested e{ctx, f, std::nullopt, std::nullopt};
                    if (typed_request) e.request = std::move(*typed_request);
                    else e.form_error = typed_request.error();
                    handlers.on_authorization_requested(e);
                }
            }
        }
        if (pubsub) {
            r.status = receive_status::notification;
            r.events = n;
        }
        return r;
    }

    // Ends a pending request: its callback runs with a local `errc::no_match` error
    // ("cancelled"), and a late reply is reported as unmatched. False if not pending.
    bool cancel(const std::string& id)
    {
        auto it = pending_.find(id);
        if (it == pending_.end()) return false;
        auto complete = std::move(it->second.complete);
        pending_.erase(it);
        xso::error e = make_error(errc::no_match, {}, "request " + id + " cancelled", npos, origin::local);
        complete(nullptr, &e);
        return true;
    }

    std::size_t pending() const noexcept { return pending_.size(); }
    bool is_pending(const std::string& id) const { return pending_.count(id) != 0; }

private:
    using completion = std::function<void(const stanza::Iq*, const xso::error*)>;
    struct pending_request {
        jid expected_from;
        completion complete;
    };

    // The submit form of a typed form; on failure `err` says why (a local error: the caller's
    // values do not make a valid form) and the request is not sent.
    template <class F>
    static std::optional<xdata::Form> submit_of(const F& f, xso::error& err)
    {
        auto x = forms::to_submit(f);
        if (!x) {
            err = std::move(x).error();
            return std::nullopt;
        }
        return std::move(*x);
    }

    // Reads the typed form an element carries into a reply.
    template <class F, class E>
    static reply<F> typed(const E& element)
    {
        auto f = forms::read<F>(element);
        if (!f) return std::move(f).error();
        return std::move(*f);
    }

    // Ends a request that cannot be sent.
    template <class T>
    static outgoing refused(const callback<T>& cb, xso::error err)
    {
        err.origin = origin::local;
        if (cb) cb(reply<T>(std::move(err)));
        return outgoing{};
    }

    static xso::error unexpected(std::string_view what)
    {
        return make_error(errc::no_match, {}, "the reply does not carry " + std::string(what), npos, origin::remote);
    }

    template <class P> static const P* payload_of(const stanza::Iq& iq)
    {
        if (!iq.payload) return nullptr;
        return std::get_if<P>(&*iq.payload);
    }

    // Runs the decoder on a result, or passes the stanza error on; calls the callback.
    template <class T, class Decode> static void finish(const callback<T>& cb, const stanza::Iq& iq, Decode&& decode)
    {
        if (!cb) return;
        if (iq.type == stanza::IqType::error) {
            if (iq.error)
                cb(reply<T>(*iq.error));
            else
                cb(reply<T>(make_error(errc::missing_child, "iq/error", "IQ of type error without <error/>")));
            return;
        }
        cb(decode(iq));
    }

    // How a pending request ends: with the reply IQ, or with a local error (cancelled,
    // or a request the serializer refused).
    struct decoder {
        std::function<void(const stanza::Iq&)> on_iq;
        std::function<void(const xso::error&)> on_local;
    };

    // A decoder that turns a result IQ into reply<T> with `decode`, passes stanza errors
    // and local errors on, and calls `cb` (if any) exactly once.
    template <class T, class Decode> static decoder make_decoder(callback<T> cb, Decode decode)
    {
        decoder d;
        d.on_iq = [cb, decode](const stanza::Iq& iq) { finish<T>(cb, iq, decode); };
        d.on_local = [cb](const xso::error& e) {
            if (cb) cb(reply<T>(e));
        };
        return d;
    }

    static decoder done_decoder(callback<done> cb)
    {
        return make_decoder<done>(std::move(cb), [](const stanza::Iq&) -> reply<done> { return done{}; });
    }

    static decoder items_decoder(callback<items_page> cb)
    {
        return make_decoder<items_page>(std::move(cb), [](const stanza::Iq& r) -> reply<items_page> {
            const auto* ps = payload_of<Pubsub>(r);
            if (!ps || !ps->items) return unexpected("<items>");
            items_page page;
            page.node = ps->items->node;
            page.items = ps->items->item;
            page.page = ps->set;
            return page;
        });
    }

    struct items_walk {
        std::optional<jid> service;
        std::string node;
        std::uint64_t page_size = 0;
        std::function<void(const outgoing&)> send;
        callback<std::vector<Item>> done;
        std::vector<Item> items;
        std::optional<std::string> last;
    };

    outgoing request_page(std::shared_ptr<items_walk> walk, std::optional<std::string> after)
    {
        rsm::Set set;
        set.max = walk->page_size;
        set.after = std::move(after);
        return get_items(
            walk->service, walk->node,
            [this, walk](reply<items_page> r) {
                if (!r) {
                    if (walk->done) {
                        if (auto* e = r.stanza_error())
                            walk->done(reply<std::vector<Item>>(*e));
                        else
                            walk->done(reply<std::vector<Item>>(*r.local_error()));
                    }
                    return;
                }
                const items_page& page = r.value();
                for (const Item& i : page.items)
                    walk->items.push_back(i);
                // Another page when the service pages, returned something, and moved forward.
                bool more = page.page && page.page->last && !page.items.empty() && page.page->last != walk->last;
                if (more && page.page->count) more = walk->items.size() < *page.page->count;
                if (!more) {
                    if (walk->done) walk->done(std::move(walk->items));
                    return;
                }
                walk->last = page.page->last;
                outgoing next = request_page(walk, walk->last);
                if (walk->send) walk->send(next);
            },
            std::nullopt, std::move(set));
    }

    std::string next_id() { return opts_.id_prefix + std::to_string(++counter_); }

    template <class Payload>
    outgoing send_iq(const std::optional<jid>& service, stanza::IqType type, Payload payload, decoder d)
    {
        outgoing out;
        out.id = next_id();
        out.stanza.type = type;
        out.stanza.id = out.id;
        if (service) out.stanza.to = *service;
        out.stanza.payload = std::move(payload);
        serialize_options so;
        so.context_ns = opts_.stream_ns;
        auto bytes = serialize(out.stanza, so);
        if (!bytes) {
            // The request itself is invalid (a caller value the serializer refuses): it is
            // never sent, and the callback learns why right away.
            d.on_local(bytes.error());
            out.id.clear();
            return out;
        }
        out.bytes = std::move(*bytes);
        pending_request p;
        p.expected_from = service ? *service : jid(account_.bare());
        p.complete = [d = std::move(d)](const stanza::Iq* iq, const xso::error* e) {
            if (iq)
                d.on_iq(*iq);
            else
                d.on_local(*e);
        };
        pending_.emplace(out.id, std::move(p));
        return out;
    }

    std::size_t dispatch_event(const event::Event& ev, const notification_context& ctx)
    {
        std::size_t n = 0;
        if (const auto* items = std::get_if<event::Items>(&ev.payload)) {
            for (const event::Item& i : items->item) {
                ++n;
                if (handlers.on_item_published) handlers.on_item_published({ctx, items->node, i});
            }
            for (const event::Retract& rt : items->retract) {
                ++n;
                if (handlers.on_item_retracted) handlers.on_item_retracted({ctx, items->node, rt.id});
            }
        } else if (const auto* del = std::get_if<event::Delete>(&ev.payload)) {
            ++n;
            std::optional<std::string> redirect;
            if (del->redirect) redirect = del->redirect->uri;
            if (handlers.on_node_deleted) handlers.on_node_deleted({ctx, del->node, redirect});
        } else if (const auto* pu = std::get_if<event::Purge>(&ev.payload)) {
            ++n;
            if (handlers.on_node_purged) handlers.on_node_purged({ctx, pu->node});
        } else if (const auto* conf = std::get_if<event::Configuration>(&ev.payload)) {
            ++n;
            if (handlers.on_node_configured)
            {
                std::optional<NodeConfigForm> typed_config;
                if (conf->form)
                    if (auto f = forms::read<NodeConfigForm>(*conf->form)) typed_config = std::move(*f);
                handlers.on_node_configured({ctx, conf->node, conf->form ? &*conf->form : nullptr, std::move(typed_config)});
            }
        } else if (const auto* sub = std::get_if<event::Subscription>(&ev.payload)) {
            ++n;
            if (handlers.on_subscription_changed)
                handlers.on_subscription_changed(
                    {ctx, sub->node, sub->jid, sub->subscription, sub->subid, sub->expiry});
        } else if (const auto* col = std::get_if<event::Collection>(&ev.payload)) {
            ++n;
            if (handlers.on_collection_changed) {
                if (const auto* a = std::get_if<event::Associate>(&col->association))
                    handlers.on_collection_changed({ctx, col->node, a->node, true});
                else if (const auto* d = std::get_if<event::Disassociate>(&col->association))
                    handlers.on_collection_changed({ctx, col->node, d->node, false});
            }
        }
        return n;
    }

    // Notifications in the generic namespace: affiliation changes (§8.9.4) and
    // subscription changes some services send that way.
    std::size_t dispatch_pubsub(const Pubsub& p, const notification_context& ctx)
    {
        std::size_t n = 0;
        if (p.affiliations)
            for (const AffiliationEntry& a : p.affiliations->affiliation) {
                ++n;
                if (handlers.on_affiliation_changed)
                    handlers.on_affiliation_changed(
                        {ctx, a.node ? a.node : p.affiliations->node, a.jid, a.affiliation});
            }
        auto subscription = [&](const Subscription& s, const std::optional<std::string>& parent_node) {
            ++n;
            if (handlers.on_subscription_changed)
                handlers.on_subscription_changed(
                    {ctx, s.node ? s.node : parent_node, s.jid, s.subscription, s.subid, std::nullopt});
        };
        if (p.subscription) subscription(*p.subscription, std::nullopt);
        if (p.subscriptions)
            for (const Subscription& s : p.subscriptions->subscription)
                subscription(s, p.subscriptions->node);
        return n;
    }

    jid account_;
    options opts_;
    std::uint64_t counter_ = 0;
    std::map<std::string, pending_request> pending_;
};

} // namespace xso::pubsub
