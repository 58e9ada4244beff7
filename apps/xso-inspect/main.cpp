// xso-inspect: parse XMPP stanzas with xso, show their typed form, check round trips.
//
//   xso-inspect [--roundtrip] [--strict] FILE...      (FILE "-" reads standard input)
//
// A file holds one stanza or a sequence of top-level stanzas; stanzas that declare no
// namespace are in jabber:client, as inside a client stream.
//   default      each stanza's typed structure, then whether re-serializing it from the
//                typed model gives back canonically equal XML
//   --roundtrip  each stanza re-serialized from the typed model, one per line
//   --strict     content in one of our namespaces that binds to no member is an error
// Data forms whose FORM_TYPE is one of the PubSub forms are also shown typed
// (`max_items = 10`, `access_model = open`), wherever they sit in the stanza.
// Exit status: 0 when everything parsed, 1 when a stanza failed (error on stderr with
// file:line:column and path), 2 on usage errors.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include <xso/pubsub.hpp>

namespace {

constexpr std::string_view usage =
    "usage: xso-inspect [--roundtrip] [--strict] FILE...\n"
    "  Parses XMPP stanzas (one or several per file, '-' for stdin), prints their typed form\n"
    "  and whether they round-trip.\n"
    "  --roundtrip  print each stanza re-serialized from the typed model, one per line\n"
    "  --strict     report content in our namespaces that binds to no typed member\n";

bool read_input(const std::string& name, std::string& out)
{
    if (name == "-") {
        out.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
        return true;
    }
    std::ifstream f(name, std::ios::binary);
    if (!f) return false;
    std::ostringstream ss;
    ss << f.rdbuf();
    out = ss.str();
    return true;
}

// Line (1-based) of an element of the parsed input.
std::size_t line_of(std::string_view input, const xso::element& e)
{
    const auto* store = e.store().get();
    std::size_t off = xso::detail::node_offset(store, e.node());
    return off == xso::npos ? 0 : xso::locate(input, off).line;
}

// The data forms ({jabber:x:data}x) of a stanza, with their paths, in document order.
std::vector<std::pair<pugi::xml_node, std::string>> data_forms(const xso::element& stanza)
{
    std::vector<std::pair<pugi::xml_node, std::string>> out;
    std::vector<std::pair<pugi::xml_node, std::string>> todo{{stanza.node(), std::string(stanza.local())}};
    while (!todo.empty()) {
        auto [n, path] = todo.back();
        todo.pop_back();
        const xso::element e(stanza.store(), n);
        if (e.name() == xso::qname{"jabber:x:data", "x"}) {
            out.emplace_back(n, path);
            continue;
        }
        for (pugi::xml_node c = n.last_child(); c; c = c.previous_sibling())
            if (c.type() == pugi::node_element)
                todo.emplace_back(c, path + "/" + std::string(xso::element(stanza.store(), c).local()));
    }
    return out;
}

// Prints the PubSub forms of a stanza typed; forms of other FORM_TYPEs are left to the
// generic listing above.
void print_typed_forms(const xso::element& stanza)
{
    for (const auto& [node, path] : data_forms(stanza)) {
        auto generic = xso::parse<xso::xdata::Form>(node);
        if (!generic) continue; // the stanza's own parse reports it
        auto type = xso::forms::form_type(*generic);
        if (!type) continue;
        auto typed = xso::forms::read_any<xso::pubsub::any_form>(*generic);
        if (!typed && typed.error().code == xso::errc::form_type_mismatch) continue; // not a PubSub form
        std::cout << "  typed form at " << path << ":\n";
        if (!typed) {
            std::cout << "    cannot read: " << typed.error().message() << "\n";
            continue;
        }
        std::visit([](const auto& form) { std::cout << xso::forms::to_debug_string(form, 2); }, *typed);
    }
}

} // namespace

int main(int argc, char** argv)
{
    bool roundtrip = false;
    xso::parse_options opts;
    std::vector<std::string> files;
    for (int i = 1; i < argc; ++i) {
        std::string_view a = argv[i];
        if (a == "--roundtrip") roundtrip = true;
        else if (a == "--strict") opts.strict = true;
        else if (a == "-h" || a == "--help") {
            std::cout << usage;
            return 0;
        } else if (a.size() > 1 && a[0] == '-' && a != "-") {
            std::cerr << "xso-inspect: unknown option " << a << "\n" << usage;
            return 2;
        } else {
            files.emplace_back(a);
        }
    }
    if (files.empty()) {
        std::cerr << usage;
        return 2;
    }

    int status = 0;
    std::size_t stanzas = 0, lossless = 0, failed = 0;
    for (const std::string& file : files) {
        std::string input;
        if (!read_input(file, input)) {
            std::cerr << "xso-inspect: cannot read " << file << "\n";
            return 2;
        }
        // Each top-level element first as an opaque element (the input as received), then
        // bound to the typed model.
        auto elements = xso::parse_sequence<xso::element>(input, opts);
        if (!elements) {
            std::cerr << xso::format_error(elements.error(), input, file) << "\n";
            status = 1;
            ++failed;
            continue;
        }
        if (!roundtrip)
            std::cout << "== " << file << ": " << elements->size() << (elements->size() == 1 ? " stanza\n" : " stanzas\n");
        std::size_t index = 0;
        for (const xso::element& raw : *elements) {
            ++index;
            ++stanzas;
            auto typed = xso::parse<xso::stanza::any_stanza>(raw, opts);
            if (!typed) {
                std::cerr << xso::format_error(typed.error(), input, file) << "\n";
                status = 1;
                ++failed;
                continue;
            }
            auto out = xso::serialize(*typed);
            if (!out) {
                std::cerr << file << ": stanza " << index << ": cannot serialize: " << out.error().message() << "\n";
                status = 1;
                ++failed;
                continue;
            }
            if (roundtrip) {
                std::cout << *out << "\n";
                continue;
            }
            std::cout << "-- stanza " << index << " (line " << line_of(input, raw) << ")\n";
            std::cout << xso::to_debug_string(*typed, 1);
            print_typed_forms(raw);
            auto original = xso::serialize(raw);
            std::string diff;
            auto same = original ? xso::canonical_equal(*original, *out, {}, &diff) : xso::result<bool>(original.error());
            if (!same) {
                std::cout << "  round trip: could not compare: " << same.error().message() << "\n";
            } else if (*same) {
                ++lossless;
                std::cout << "  round trip: lossless (re-serialized XML is canonically equal)\n";
            } else {
                std::cout << "  round trip: DIFFERS\n" << diff << "\n";
            }
        }
    }
    if (!roundtrip)
        std::cout << "== " << stanzas << " stanzas, " << (stanzas - failed) << " parsed, " << lossless
                  << " round-tripped losslessly, " << failed << " failed\n";
    return status;
}
