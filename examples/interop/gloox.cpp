// gloox <-> xso: a gloox::Tag (what TagHandler::handleTag or Stanza::tag() give you)
// becomes bytes, then typed values; the typed reply becomes bytes, then a gloox::Tag for
// ClientBase::send(Tag*).
//
//   gloox::Tag --Tag::xml()--> bytes --xso::parse--> typed
//   typed --xso::serialize--> bytes --gloox::Parser--> gloox::Tag --client.send(tag)
//
// No server is contacted. Exit status 0 when the round trip gave what it should.
#include <cstdio>
#include <memory>
#include <string>
#include <variant>

#include <gloox/parser.h>
#include <gloox/tag.h>
#include <gloox/taghandler.h>

#include <xso/pubsub.hpp>

namespace ps = xso::pubsub;

namespace {

// bytes -> gloox::Tag, through gloox's own parser. nullptr when gloox cannot parse them.
std::unique_ptr<gloox::Tag> to_tag(std::string bytes)
{
    struct keep_first : gloox::TagHandler {
        std::unique_ptr<gloox::Tag> tag;
        void handleTag(gloox::Tag* t) override
        {
            if (!tag) tag.reset(t->clone()); // the parser deletes its own copy afterwards
        }
    } handler;
    gloox::Parser parser(&handler);
    if (parser.feed(bytes) != -1) return nullptr; // -1 means success in gloox
    return std::move(handler.tag);
}

// gloox::Tag -> bytes.
std::string to_bytes(const gloox::Tag& tag) { return tag.xml(); }

// What a handler does with xso: the service's answer to a subscription request, as a Tag.
std::unique_ptr<gloox::Tag> answer_subscribe(const gloox::Tag& request)
{
    const std::string bytes = to_bytes(request);
    auto iq = xso::parse<xso::stanza::Iq>(bytes);
    if (!iq) {
        std::fprintf(stderr, "%s\n", xso::format_error(iq.error(), bytes, "gloox tag").c_str());
        return nullptr;
    }
    const auto* pubsub = iq->payload ? std::get_if<ps::Pubsub>(&*iq->payload) : nullptr;
    if (!pubsub || !pubsub->subscribe || !pubsub->subscribe->jid) return nullptr;

    ps::Subscription subscription{};
    subscription.node = pubsub->subscribe->node;
    subscription.jid = *pubsub->subscribe->jid;
    subscription.subid = "sub-1";
    subscription.subscription = ps::SubscriptionState::subscribed;
    ps::Pubsub result_payload{};
    result_payload.subscription = subscription;
    xso::stanza::Iq result{};
    result.type = xso::stanza::IqType::result;
    result.id = iq->id;
    result.to = iq->from;
    result.from = iq->to;
    result.payload = result_payload;
    auto reply = xso::serialize(result);
    if (!reply) {
        std::fprintf(stderr, "%s\n", xso::format_error(reply.error()).c_str());
        return nullptr;
    }
    return to_tag(*reply);
}

} // namespace

int main()
{
    int failures = 0;

    // A request as gloox delivers it; a prefixed namespace to show that only the URI counts.
    auto request = to_tag("<iq xmlns='jabber:client' type='set' from='bob@example.net/phone' to='pubsub.example.org' id='s1'>"
                          "<ps:pubsub xmlns:ps='http://jabber.org/protocol/pubsub'>"
                          "<ps:subscribe node='news' jid='bob@example.net'/></ps:pubsub></iq>");
    if (!request) {
        std::fprintf(stderr, "gloox could not parse the request\n");
        return 1;
    }

    std::unique_ptr<gloox::Tag> reply = answer_subscribe(*request);
    if (!reply) return 1;
    std::printf("reply for gloox: %s\n", reply->xml().c_str());

    // The reply is an ordinary gloox::Tag: inspect it the gloox way (client.send(reply.release())).
    gloox::Tag* pubsub = reply->findChild("pubsub", "xmlns", "http://jabber.org/protocol/pubsub");
    gloox::Tag* subscription = pubsub ? pubsub->findChild("subscription") : nullptr;
    if (reply->name() != "iq" || reply->findAttribute("type") != "result" || reply->findAttribute("id") != "s1" ||
        reply->findAttribute("to") != "bob@example.net/phone" || !subscription ||
        subscription->findAttribute("subscription") != "subscribed" || subscription->findAttribute("node") != "news") {
        std::fprintf(stderr, "the reply is not the expected subscription result\n");
        ++failures;
    }

    // And a gloox Tag built by hand (no xmlns on the stanza: xso assumes jabber:client).
    gloox::Tag message("message");
    message.addAttribute("from", "pubsub.example.org");
    gloox::Tag* event = new gloox::Tag(&message, "event");
    event->setXmlns("http://jabber.org/protocol/pubsub#event");
    gloox::Tag* purge = new gloox::Tag(event, "purge");
    purge->addAttribute("node", "news");
    auto notification = xso::parse<xso::stanza::Message>(to_bytes(message));
    const auto* purged = notification && notification->event ? std::get_if<ps::event::Purge>(&notification->event->payload) : nullptr;
    if (!purged || purged->node != "news") {
        std::fprintf(stderr, "the hand-built gloox message did not parse as a purge notification\n");
        ++failures;
    }

    if (failures) return 1;
    std::printf("gloox interop: ok\n");
    return 0;
}
