// Compiled with -fno-exceptions (tests/noexcept/CMakeLists.txt): the core needs no
// exceptions to parse, serialize, bind payloads and report errors.
#if defined(__cpp_exceptions) || defined(__EXCEPTIONS)
#error "this translation unit must be compiled with -fno-exceptions"
#endif

#include <cstdint>
#include <cstdio>
#include <string>
#include <variant>

#include <xso/pubsub.hpp>

namespace {

int failures = 0;

void check(bool ok, const char* what)
{
    if (!ok) {
        std::fprintf(stderr, "FAILED: %s\n", what);
        ++failures;
    }
}

} // namespace

int main()
{
    namespace ps = xso::pubsub;
    const std::string input = "<iq xmlns='jabber:client' type='result' id='items1' from='pubsub.shakespeare.lit'>"
                              "<pubsub xmlns='http://jabber.org/protocol/pubsub'><items node='princely_musings'>"
                              "<item id='368866411b877c30064a5f62b917cffe'><entry xmlns='http://www.w3.org/2005/Atom'>"
                              "<title>The Uses of This World</title></entry></item></items></pubsub></iq>";
    auto iq = xso::parse<xso::stanza::Iq>(input);
    check(static_cast<bool>(iq), "parse an items result");
    if (iq) {
        const auto* pubsub = std::get_if<ps::Pubsub>(&*iq->payload);
        check(pubsub && pubsub->items && pubsub->items->item.size() == 1, "typed items");
        auto out = xso::serialize(*iq);
        check(static_cast<bool>(out), "serialize");
        if (out) {
            auto same = xso::canonical_equal(input, *out);
            check(same && *same, "lossless round trip");
            auto again = xso::parse<xso::stanza::any_stanza>(*out);
            check(again && std::get<xso::stanza::Iq>(*again) == *iq, "parse(serialize(x)) == x");
        }
        if (pubsub && pubsub->items && pubsub->items->item[0].payload) {
            auto entry = pubsub->items->item[0].payload;
            check(entry->name() == xso::qname{"http://www.w3.org/2005/Atom", "entry"}, "payload name");
        }
    }
    // Errors are values, located.
    auto bad = xso::parse<xso::stanza::any_stanza>(
        "<iq xmlns='jabber:client' type='get' id='1'><pubsub xmlns='http://jabber.org/protocol/pubsub'>"
        "<items node='n' max_items='zero'/></pubsub></iq>");
    check(!bad && bad.error().code == xso::errc::invalid_value && bad.error().path == "iq/pubsub/items/@max_items",
          "located error");
    auto forbidden = xso::parse<xso::stanza::any_stanza>("<!DOCTYPE x><iq/>");
    check(!forbidden && forbidden.error().code == xso::errc::forbidden_markup, "DOCTYPE refused");
    // A typed data form (XEP-0004 through pubsub#node_config), read and refused.
    auto x = xso::parse<xso::xdata::Form>(
        "<x xmlns='jabber:x:data' type='form'>"
        "<field var='FORM_TYPE' type='hidden'><value>http://jabber.org/protocol/pubsub#node_config</value></field>"
        "<field var='pubsub#max_items'><value>10</value></field></x>");
    check(static_cast<bool>(x), "parse a data form");
    if (x) {
        auto config = xso::forms::read<ps::NodeConfigForm>(*x);
        check(config && config->max_items && *config->max_items == std::uint64_t{10}, "typed node configuration");
        x->field[1].value[0] = "ten";
        auto bad_value = xso::forms::read<ps::NodeConfigForm>(*x);
        check(!bad_value && bad_value.error().code == xso::errc::invalid_value, "bad form value refused");
    }
    // The caller's invalid object is refused locally.
    xso::stanza::Iq empty;
    empty.type = xso::stanza::IqType::get;
    auto refused = xso::serialize(empty);
    check(!refused && refused.error().origin == xso::origin::local, "missing id refused at serialize");
    xso::stanza::Message m;
    m.body.emplace_back().value = std::string("bell \x07");
    auto control = xso::serialize(m);
    check(!control && control.error().code == xso::errc::invalid_char, "control character refused");
    std::printf("xso_noexcept: %s\n", failures ? "FAILED" : "parse, serialize, typed forms and errors work without exceptions");
    return failures ? 1 : 0;
}
