// Your own PubSub payloads with xso: XEP-0118 User Tune and XEP-0080 User Location,
// generated at build time from schema/tune.xml and schema/geoloc.xml (see CMakeLists.txt).
//
// 1. publish a tune through PEP without writing XML by hand;
// 2. read the notifications a contact's server sends, binding each payload to its type;
// 3. report a broken payload with its location in the received bytes.
//
// The bytes would go through your XMPP stack (examples/interop/ shows libstrophe, gloox
// and a plain pugixml DOM); here they are printed. Exit status 0 when every step gave
// what it should, so the example doubles as a test.
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <variant>

#include <xso/payload.hpp>
#include <xso/pubsub.hpp>

#include <example/payloads/geoloc.hpp>
#include <example/payloads/tune.hpp>

namespace ps = xso::pubsub;

namespace {

int failures = 0;

void expect(bool ok, const char* what)
{
    if (!ok) {
        std::fprintf(stderr, "unexpected: %s\n", what);
        ++failures;
    }
}

// 1. Publishing: the tune is a plain struct; make_item turns it into the item's payload.
xso::result<std::string> publish_tune(const example::Tune& tune)
{
    auto item = xso::make_item(tune, std::string("current")); // XEP-0163: one current item
    if (!item) return item.error();                             // a local error: the tune is invalid

    ps::Publish publish{};
    publish.node = std::string(example::ns_tune); // PEP nodes are named after the namespace
    publish.item.push_back(*item);
    ps::Pubsub pubsub{};
    pubsub.publish = publish;

    xso::stanza::Iq iq{};
    iq.type = xso::stanza::IqType::set;
    iq.id = "tune1";
    iq.payload = pubsub; // no `to`: PEP publishes to the user's own account
    return xso::serialize(iq);
}

// 2. Reading: every payload type this application understands, as one variant.
using known_payloads = xso::payload_set<example::Tune, example::Geoloc>;

void show(const example::Tune& tune)
{
    if (!tune.title && !tune.artist) {
        std::printf("  stopped listening\n");
        return;
    }
    std::printf("  listening to \"%s\" by %s", tune.title.value_or("?").c_str(), tune.artist.value_or("?").c_str());
    if (tune.length) std::printf(" (%u:%02u)", unsigned(*tune.length / 60), unsigned(*tune.length % 60));
    if (tune.rating) std::printf(", rated %u/10", unsigned(*tune.rating));
    std::printf("\n");
}

void show(const example::Geoloc& where)
{
    // Coordinates are decimal text in XEP-0080; convert where numbers are needed.
    double lat = where.lat ? std::strtod(where.lat->c_str(), nullptr) : 0.0;
    double lon = where.lon ? std::strtod(where.lon->c_str(), nullptr) : 0.0;
    std::printf("  at %.4f, %.4f (%s, %s)\n", lat, lon, where.locality.value_or("?").c_str(),
                where.country.value_or("?").c_str());
}

void show(const xso::element& other) // a payload none of our types binds, kept as is
{
    std::printf("  a payload this application does not know: {%.*s}%.*s\n", int(other.ns().size()), other.ns().data(),
                int(other.local().size()), other.local().data());
}

// Returns how many payloads were shown, or -1 after reporting an error.
int on_notification(std::string_view bytes)
{
    auto message = xso::parse<xso::stanza::Message>(bytes);
    if (!message) {
        std::printf("%s\n", xso::format_error(message.error(), bytes).c_str());
        return -1;
    }
    const auto* items = message->event ? std::get_if<ps::event::Items>(&message->event->payload) : nullptr;
    if (!items) return 0;
    std::printf("%s published to %s:\n", message->from ? message->from->str().c_str() : "?", items->node.c_str());
    int shown = 0;
    for (const ps::event::Item& item : items->item) {
        if (!item.payload) continue; // a notification without payload
        auto payload = known_payloads::read(item);
        if (!payload) { // the element is a tune or a location, but a broken one
            std::printf("%s\n", xso::format_error(payload.error(), bytes, "notification").c_str());
            return -1;
        }
        std::visit([](const auto& value) { show(value); }, *payload);
        ++shown;
    }
    return shown;
}

} // namespace

int main()
{
    // 1. Publish.
    example::Tune tune{};
    tune.artist = "Nina Simone";
    tune.length = 177;
    tune.rating = 9;
    tune.source = "I Put a Spell on You";
    tune.title = "Feeling Good";
    tune.track = "7";
    tune.uri = "https://music.example.com/track/feeling-good";
    auto request = publish_tune(tune);
    expect(bool(request), "the tune serializes");
    if (request) std::printf("publish request:\n  %s\n\n", request->c_str());

    example::Tune too_good = tune;
    too_good.rating = 11; // the schema says 1..10
    auto refused = publish_tune(too_good);
    expect(!refused && refused.error().code == xso::errc::invalid_value && refused.error().origin == xso::origin::local,
           "a rating of 11 is refused before anything is sent");
    if (!refused) std::printf("refused: %s\n\n", xso::format_error(refused.error()).c_str());

    // 2. Notifications as the contact's server delivers them.
    const std::string tune_event =
        "<message from='alice@example.org' to='bob@example.net/phone' type='headline' id='t1'>"
        "<event xmlns='http://jabber.org/protocol/pubsub#event'>"
        "<items node='http://jabber.org/protocol/tune'><item id='current'>"
        "<tune xmlns='http://jabber.org/protocol/tune'><artist>Nina Simone</artist><length>177</length><rating>9</rating>"
        "<source>I Put a Spell on You</source><title>Feeling Good</title><track>7</track>"
        "<uri>https://music.example.com/track/feeling-good</uri></tune>"
        "</item></items></event></message>";
    expect(on_notification(tune_event) == 1, "the tune notification shows one payload");

    // The payload read back is the tune we would have published.
    auto message = xso::parse<xso::stanza::Message>(tune_event);
    if (message && message->event)
        if (const auto* items = std::get_if<ps::event::Items>(&message->event->payload); items && !items->item.empty()) {
            auto received = xso::payload_as<example::Tune>(items->item.front());
            expect(received && *received == tune, "the received tune equals the published one");
            auto as_location = xso::payload_as<example::Geoloc>(items->item.front());
            expect(!as_location && as_location.error().code == xso::errc::unexpected_element,
                   "a tune is not a location (typed error)");
        }

    const std::string geoloc_event =
        "<message from='carol@example.org' to='bob@example.net' id='g1'>"
        "<event xmlns='http://jabber.org/protocol/pubsub#event'>"
        "<items node='http://jabber.org/protocol/geoloc'><item id='current'>"
        "<geoloc xmlns='http://jabber.org/protocol/geoloc' xml:lang='en'>"
        "<accuracy>15</accuracy><country>France</country><countrycode>FR</countrycode><lat>45.7640</lat>"
        "<locality>Lyon</locality><lon>4.8357</lon><timestamp>2026-11-25T18:00:00Z</timestamp></geoloc>"
        "</item>"
        "<item id='mood'><mood xmlns='http://jabber.org/protocol/mood'><happy/></mood></item>"
        "</items></event></message>";
    expect(on_notification(geoloc_event) == 2, "the location notification shows two payloads");

    // 3. A broken payload: the error names the element and points into the bytes.
    const std::string broken_event =
        "<message from='alice@example.org' id='t2'>\n"
        "<event xmlns='http://jabber.org/protocol/pubsub#event'>\n"
        "<items node='http://jabber.org/protocol/tune'><item id='current'>\n"
        "<tune xmlns='http://jabber.org/protocol/tune'><title>Sinnerman</title><length>10:19</length></tune>\n"
        "</item></items></event></message>";
    expect(on_notification(broken_event) == -1, "a broken tune is reported");

    if (failures) return 1;
    std::printf("\nall user-payload steps behaved as expected\n");
    return 0;
}
