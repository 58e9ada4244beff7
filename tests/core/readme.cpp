// The README's code, compiled and run: if this file changes, change README.md with it.
#include <doctest/doctest.h>

#include <filesystem>
#include <string>

#include "../support/files.hpp"

// README: begin
#include <xso/pubsub.hpp>

namespace ps = xso::pubsub;

// Reading: the items result your XMPP stack received.
std::string summarize(std::string_view bytes)
{
    auto iq = xso::parse<xso::stanza::Iq>(bytes);
    if (!iq) return xso::format_error(iq.error(), bytes); // code, path, line:column, excerpt
    std::string out;
    const ps::Pubsub* pubsub = iq->payload ? std::get_if<ps::Pubsub>(&*iq->payload) : nullptr;
    if (pubsub && pubsub->items)
        for (const ps::Item& item : pubsub->items->item)
            out += item.id.value_or("?") + ": " + std::string(item.payload ? item.payload->local() : "(none)") + "\n";
    return out;
}

// Writing: a publish request; the bytes go out through your stack.
xso::result<std::string> publish_request()
{
    auto entry = xso::element::parse("<entry xmlns='http://www.w3.org/2005/Atom'><title>Soliloquy</title></entry>");
    if (!entry) return entry.error();

    ps::Item item;
    item.id = "bnd81g37d61f49fgn581";
    item.payload = *entry;
    ps::Publish publish;
    publish.node = "princely_musings";
    publish.item.push_back(item);
    ps::Pubsub pubsub;
    pubsub.publish = publish;

    xso::stanza::Iq iq;
    iq.type = xso::stanza::IqType::set;
    iq.id = "publish1";
    iq.to = xso::jid("pubsub.shakespeare.lit");
    iq.payload = pubsub;
    return xso::serialize(iq); // compact, xmlns only where it changes, every value escaped
}
// README: end

TEST_CASE("README: its code block is this file's marked region")
{
    std::string readme = xso_test::read_file(std::filesystem::path(XSO_SOURCE_DIR) / "README.md");
    std::string self = xso_test::read_file(std::filesystem::path(XSO_SOURCE_DIR) / "tests/core/readme.cpp");
    auto region = [](const std::string& s, const std::string& from, const std::string& to) {
        auto b = s.find(from);
        auto e = s.find(to, b == std::string::npos ? 0 : b);
        if (b == std::string::npos || e == std::string::npos) return std::string();
        b = s.find('\n', b + from.size() - 1) + 1; // the line after the marker
        return s.substr(b, e - b);
    };
    std::string code = region(self, "// README: begin", "// README: end");
    std::string block = region(readme, "<!-- code: tests/core/readme.cpp -->\n```cpp", "```\n<!-- end code -->");
    REQUIRE_FALSE(code.empty());
    CHECK(block == code);
}

TEST_CASE("README: reading an items result")
{
    std::string bytes = "<iq xmlns='jabber:client' type='result' id='i1'><pubsub xmlns='http://jabber.org/protocol/pubsub'>"
                        "<items node='n'><item id='a'><entry xmlns='http://www.w3.org/2005/Atom'/></item></items></pubsub></iq>";
    CHECK(summarize(bytes) == "a: entry\n");
    std::string bad = "<iq xmlns='jabber:client' type='result' id='i1'><pubsub xmlns='http://jabber.org/protocol/pubsub'>"
                      "<items><item id='a'/></items></pubsub></iq>";
    CHECK(summarize(bad).find("iq/pubsub/items/@node: missing_attribute") != std::string::npos);
}

TEST_CASE("README: writing a publish request")
{
    auto out = publish_request();
    REQUIRE(out);
    CHECK(*out == "<iq xmlns='jabber:client' type='set' id='publish1' to='pubsub.shakespeare.lit'>"
                  "<pubsub xmlns='http://jabber.org/protocol/pubsub'><publish node='princely_musings'>"
                  "<item id='bnd81g37d61f49fgn581'><entry xmlns='http://www.w3.org/2005/Atom'><title>Soliloquy</title></entry>"
                  "</item></publish></pubsub></iq>");
}
