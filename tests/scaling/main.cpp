// Parses one input of SHAPE with N units, instrumented for callgrind around the parse only
// (the input is generated before instrumentation starts).
//   xso_parse_scaling items|depth|fields|attribute|payload N
// Exit status 1 if the parse fails (limits are raised to fit the input).
#include <cstdio>
#include <cstdlib>
#include <string>

#include <valgrind/callgrind.h>

#include <xso/pubsub.hpp>

namespace {

std::string make_input(const std::string& shape, std::size_t n)
{
    std::string s;
    const std::string iq = "<iq xmlns='jabber:client' type='result' id='1'><pubsub xmlns='http://jabber.org/protocol/pubsub'>";
    if (shape == "items") {
        s = iq + "<items node='n'>";
        for (std::size_t i = 0; i < n; ++i) s += "<item id='" + std::to_string(i) + "'><entry xmlns='urn:a'>t</entry></item>";
        s += "</items></pubsub></iq>";
    } else if (shape == "depth") {
        s = iq + "<items node='n'><item id='1'><e xmlns='urn:deep'>";
        for (std::size_t i = 1; i < n; ++i) s += "<e>";
        for (std::size_t i = 1; i < n; ++i) s += "</e>";
        s += "</e></item></items></pubsub></iq>";
    } else if (shape == "fields") {
        s = iq + "<options node='n' jid='a@b'><x xmlns='jabber:x:data' type='submit'>";
        for (std::size_t i = 0; i < n; ++i) s += "<field var='f" + std::to_string(i) + "'><value>v</value></field>";
        s += "</x></options></pubsub></iq>";
    } else if (shape == "attribute") {
        s = "<iq xmlns='jabber:client' type='get' id='" + std::string(n, 'a') + "'/>";
    } else if (shape == "payload") {
        // One wide opaque payload: n siblings with attributes and text.
        s = iq + "<items node='n'><item id='1'><feed xmlns='urn:a' xmlns:p='urn:p'>";
        for (std::size_t i = 0; i < n; ++i) s += "<p:e k='" + std::to_string(i) + "' p:v='x'>text &amp; more</p:e>";
        s += "</feed></item></items></pubsub></iq>";
    }
    return s;
}

} // namespace

int main(int argc, char** argv)
{
    if (argc != 3) {
        std::fprintf(stderr, "usage: xso_parse_scaling items|depth|fields|attribute|payload N\n");
        return 2;
    }
    const std::string input = make_input(argv[1], std::strtoull(argv[2], nullptr, 10));
    if (input.empty()) return 2;
    xso::parse_options o;
    o.limits.max_bytes = std::size_t(1) << 30;
    o.limits.max_depth = std::size_t(1) << 30;
    o.limits.max_elements = std::size_t(1) << 30;
    CALLGRIND_START_INSTRUMENTATION;
    auto r = xso::parse<xso::stanza::any_stanza>(input, o);
    CALLGRIND_STOP_INSTRUMENTATION;
    if (!r) {
        std::fprintf(stderr, "parse failed: %s\n", r.error().message().c_str());
        return 1;
    }
    std::printf("%zu bytes parsed\n", input.size());
    return 0;
}
