// A plain pugixml DOM <-> xso, without going through bytes: stanzas that live in a
// document your code owns (here, the children of a stream element, which declares the
// default namespace and the stream prefix) are parsed in place, and replies are appended
// to a parent node.
//
//   pugi::xml_node --xso::parse<T>(node)--> typed
//   typed --xso::serialize(value, parent)--> new last child of parent
//
// Exit status 0 when every step gave what it should.
#include <cstdio>
#include <string>
#include <variant>

#include <pugixml.hpp>

#include <xso/pubsub.hpp>

namespace ps = xso::pubsub;

int main()
{
    int failures = 0;
    pugi::xml_document incoming;
    // The stanzas inherit jabber:client from the stream element: xso resolves namespaces
    // through the node's ancestors, as it does for bytes.
    if (!incoming.load_string("<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'>"
                              "<iq type='get' id='i1' from='bob@example.net/phone' to='pubsub.example.org'>"
                              "<pubsub xmlns='http://jabber.org/protocol/pubsub'><items node='news' max_items='2'/></pubsub></iq>"
                              "</stream:stream>")) {
        std::fprintf(stderr, "pugixml could not load the stream\n");
        return 1;
    }
    pugi::xml_node stanza = incoming.first_child().first_child();

    auto iq = xso::parse<xso::stanza::Iq>(stanza);
    const ps::Pubsub* request = iq && iq->payload ? std::get_if<ps::Pubsub>(&*iq->payload) : nullptr;
    if (!request || !request->items || request->items->node != "news" || request->items->max_items != 2u) {
        std::fprintf(stderr, "the items request did not parse from the DOM node\n");
        return 1;
    }

    // The answer, appended to an outgoing document (the stream we write to).
    ps::Items items{};
    items.node = request->items->node;
    for (const char* id : {"a1", "a2"}) {
        auto entry = xso::element::parse("<entry xmlns='http://www.w3.org/2005/Atom'><title>News</title></entry>");
        if (!entry) return 1;
        ps::Item item{};
        item.id = id;
        item.payload = *entry;
        items.item.push_back(item);
    }
    ps::Pubsub answer{};
    answer.items = items;
    xso::stanza::Iq result{};
    result.type = xso::stanza::IqType::result;
    result.id = iq->id;
    result.to = iq->from;
    result.from = iq->to;
    result.payload = answer;

    pugi::xml_document outgoing;
    pugi::xml_node stream = outgoing.append_child("stream:stream");
    stream.append_attribute("xmlns") = "jabber:client";
    stream.append_attribute("xmlns:stream") = "http://etherx.jabber.org/streams";
    auto written = xso::serialize(result, stream);
    if (!written) {
        std::fprintf(stderr, "%s\n", xso::format_error(written.error()).c_str());
        return 1;
    }

    // The new child is plain pugixml: no xmlns repeated on the stanza (the stream gives it).
    pugi::xml_node reply = stream.last_child();
    if (std::string(reply.name()) != "iq" || reply.attribute("xmlns") || std::string(reply.attribute("id").value()) != "i1" ||
        std::string(reply.child("pubsub").attribute("xmlns").value()) != "http://jabber.org/protocol/pubsub") {
        std::fprintf(stderr, "the reply was not appended as expected\n");
        ++failures;
    }
    // And it parses back, in place, to the value that was written.
    auto again = xso::parse<xso::stanza::Iq>(reply);
    if (!again || !(*again == result)) {
        std::fprintf(stderr, "the appended reply does not parse back to the same value\n");
        ++failures;
    }
    struct to_string : pugi::xml_writer {
        std::string text;
        void write(const void* data, size_t size) override { text.append(static_cast<const char*>(data), size); }
    } out;
    outgoing.print(out, "", pugi::format_raw | pugi::format_no_declaration);
    std::printf("outgoing stream: %s\n", out.text.c_str());
    if (failures) return 1;
    std::printf("pugixml interop: ok\n");
    return 0;
}
