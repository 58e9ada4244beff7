// A program written as a user of xso would write it, built by the consumer projects
// (installed package, and add_subdirectory) against the bindings generated from
// common/schema/device_status.xml. Exit status 0 when every check holds; each failed
// check is printed.
#include <cstdio>
#include <string>
#include <variant>

#include <xso/payload.hpp>
#include <xso/pubsub.hpp>
#include <xso/version.hpp>

#include <consumer/device_status.hpp>

namespace ps = xso::pubsub;

namespace {

int failures = 0;

void check(bool ok, const char* what)
{
    std::printf("%s %s\n", ok ? "ok  " : "FAIL", what);
    if (!ok) ++failures;
}

consumer::Status sample_status()
{
    consumer::Status status{};
    status.device = xso::jid("lamp@devices.example.org/hall");
    status.since = xso::datetime("2026-11-25T07:30:00+01:00");
    status.power = consumer::Power::standby;
    status.battery = 80;

    xso::xdata::Field brightness{};
    brightness.var = "brightness";
    brightness.value = {"40"};
    xso::xdata::Form settings{};
    settings.type = xso::xdata::FormType::result;
    settings.field.push_back(brightness);
    status.settings = settings;

    xso::shim::Header header{};
    header.name = "Origin";
    header.value = "hall controller";
    xso::shim::Headers headers{};
    headers.header.push_back(header);
    status.headers = headers;
    return status;
}

} // namespace

int main()
{
    std::printf("xso %s\n", XSO_VERSION_STRING);

    // Publish: the generated struct becomes the item payload.
    const consumer::Status status = sample_status();
    auto item = xso::make_item(status, std::string("hall-lamp"));
    check(bool(item), "make_item accepts a valid status");
    if (!item) return 1;
    ps::Publish publish{};
    publish.node = "devices";
    publish.item.push_back(*item);
    ps::Pubsub pubsub{};
    pubsub.publish = publish;
    xso::stanza::Iq iq{};
    iq.type = xso::stanza::IqType::set;
    iq.id = "p1";
    iq.to = xso::jid("pubsub.example.org");
    iq.payload = pubsub;
    auto request = xso::serialize(iq);
    check(bool(request), "the publish request serializes");
    if (!request) return 1;
    std::printf("%s\n", request->c_str());

    // The request as the service receives it: parse it back and bind the payload.
    auto received = xso::parse<xso::stanza::Iq>(*request);
    check(bool(received), "the publish request parses");
    const ps::Pubsub* got = received && received->payload ? std::get_if<ps::Pubsub>(&*received->payload) : nullptr;
    check(got && got->publish && got->publish->item.size() == 1, "one published item");
    if (got && got->publish && got->publish->item.size() == 1) {
        auto back = xso::payload_as<consumer::Status>(got->publish->item[0]);
        check(back && *back == status, "the payload binds back to an equal Status");
    }

    // A notification carrying a status, an unknown payload and a broken status.
    const std::string notification =
        "<message from='pubsub.example.org' to='ops@example.org' id='n1'>"
        "<event xmlns='http://jabber.org/protocol/pubsub#event'><items node='devices'>"
        "<item id='a'><status xmlns='urn:example:device-status:0' device='fan@devices.example.org'>"
        "<power>on</power><x xmlns='jabber:x:data' type='result'><field var='speed'><value>3</value></field></x>"
        "</status></item>"
        "<item id='b'><geoloc xmlns='http://jabber.org/protocol/geoloc'/></item>"
        "<item id='c'><status xmlns='urn:example:device-status:0' device='fan@devices.example.org'>"
        "<power>exploded</power></status></item>"
        "</items></event></message>";
    auto message = xso::parse<xso::stanza::Message>(notification);
    check(bool(message), "the notification parses");
    const ps::event::Items* items =
        message && message->event ? std::get_if<ps::event::Items>(&message->event->payload) : nullptr;
    check(items && items->item.size() == 3, "three notified items");
    if (!items || items->item.size() != 3) return 1;

    using known = xso::payload_set<consumer::Status>;
    auto a = known::read(items->item[0]);
    const consumer::Status* fan = a ? std::get_if<consumer::Status>(&*a) : nullptr;
    check(fan && fan->device == xso::jid("fan@devices.example.org") && fan->power == consumer::Power::on,
          "item a is a Status of the fan, power on");
    check(fan && fan->settings && fan->settings->field.size() == 1 && fan->settings->field[0].value == std::vector<std::string>{"3"},
          "its embedded data form (an imported xso type) is typed");

    auto b = known::read(items->item[1]);
    check(b && std::holds_alternative<xso::element>(*b) && std::get<xso::element>(*b).local() == "geoloc",
          "item b stays an opaque element");

    auto c = known::read(items->item[2]);
    check(!c && c.error().code == xso::errc::invalid_value && c.error().path == "item/status/power" &&
              c.error().offset == notification.find("<power>exploded"),
          "item c is a broken Status: invalid_value at item/status/power, with its byte offset");
    if (!c) std::printf("%s\n", xso::format_error(c.error(), notification).c_str());

    auto not_status = xso::payload_as<consumer::Status>(items->item[1]);
    check(!not_status && not_status.error().code == xso::errc::unexpected_element, "a geoloc is not a Status");

    // Invalid objects are refused locally, before anything is sent.
    consumer::Status bad = status;
    bad.battery = 101;
    auto refused = xso::make_item(bad);
    check(!refused && refused.error().origin == xso::origin::local && refused.error().path == "status/battery",
          "a battery of 101% is refused with a local error");

    std::printf("%s\n", failures ? "consumer: FAILED" : "consumer: all checks passed");
    return failures ? 1 : 0;
}
