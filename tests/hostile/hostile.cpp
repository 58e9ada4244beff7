// Hostile and malformed input (issue 6, §3). Three parts:
//
// - the negative corpus: tests/hostile/cases/*.xml, each with its expected outcome in
//   tests/hostile/cases.tsv (an error code and path, or `ok`), parsed as any stanza;
// - truncation at every byte of a few stanzas (generated here);
// - sizes and resource limits: 10 MB attribute values, 100 000 levels of nesting,
//   1 000 000 items, a form of 100 000 fields, too many attributes (generated here, not
//   committed), each refused with errc::limit_exceeded under the default limits and,
//   where the limit is raised, processed without recursion or blow-up.
//
// Every accepted case must also round-trip (serialize, parse back equal) and be
// canonically equal to its input; every error must be remote and located (offset inside
// the input).
#include <doctest/doctest.h>

#include <algorithm>
#include <cstddef>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <xso/pubsub.hpp>

#include "../support/files.hpp"

namespace {

namespace fs = std::filesystem;

const fs::path hostile_dir = fs::path(XSO_SOURCE_DIR) / "tests" / "hostile";

struct expected_case {
    std::string file;
    bool strict = false;
    std::string expected; // errc name or "ok"
    std::string path;     // "" when the error is located by offset only
};

std::vector<expected_case> read_index()
{
    std::vector<expected_case> out;
    std::ifstream in(hostile_dir / "cases.tsv");
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        std::istringstream fields(line);
        expected_case c;
        std::string mode;
        std::getline(fields, c.file, '\t');
        std::getline(fields, mode, '\t');
        std::getline(fields, c.expected, '\t');
        std::getline(fields, c.path, '\t');
        REQUIRE_MESSAGE((mode == "strict" || mode == "lenient"), line);
        c.strict = mode == "strict";
        if (c.path == "-") c.path.clear();
        out.push_back(c);
    }
    return out;
}

// What every error from bytes must satisfy.
void check_located(const xso::error& e, std::string_view input)
{
    CHECK(e.origin == xso::origin::remote);
    CHECK_MESSAGE(e.offset != xso::npos, e.message());
    CHECK_MESSAGE((e.offset == xso::npos || e.offset <= input.size()), e.message());
    CHECK(xso::to_string(e.code) != "unknown");
}

// An accepted input: round trip and lossless (canonically equal to the input).
// A stanza read from a jabber:server or component stream does not remember its stream: it
// is written back in that stream's namespace when the caller names it (context_ns), as a
// server writing to that stream does.
template <class T>
void check_accepted(const T& v, std::string_view input, const xso::parse_options& opts)
{
    auto root = xso::element::parse(input, opts);
    REQUIRE_MESSAGE(root, root.error().message());
    const std::string stream_ns(root->ns());
    xso::serialize_options so;
    so.context_ns = stream_ns;
    auto out = xso::serialize(v, so);
    REQUIRE_MESSAGE(out, out.error().message());
    xso::parse_options back_opts = opts;
    back_opts.default_ns = stream_ns;
    auto back = xso::parse<T>(*out, back_opts);
    REQUIRE_MESSAGE(back, back.error().message() << "\n  output: " << *out);
    CHECK_MESSAGE(*back == v, "output: " << *out);
    std::string diff;
    xso::canonical_options co;
    co.default_ns = stream_ns;
    auto same = xso::canonical_equal(input, *out, co, &diff);
    REQUIRE_MESSAGE(same, same.error().message());
    CHECK_MESSAGE(*same, "not lossless:\n" << diff);
}

std::string category_of(const std::string& file) { return file.substr(0, file.find('-')); }

} // namespace

TEST_CASE("negative corpus: every case fails (or is accepted) as its index says")
{
    auto cases = read_index();
    std::map<std::string, int> by_category;
    std::size_t files_on_disk = xso_test::files_in(hostile_dir / "cases").size();
    CHECK_MESSAGE(cases.size() == files_on_disk, "cases.tsv and tests/hostile/cases/ disagree");
    for (const auto& c : cases) {
        CAPTURE(c.file);
        const std::string input = xso_test::read_file(hostile_dir / "cases" / c.file);
        REQUIRE_MESSAGE((fs::exists(hostile_dir / "cases" / c.file)), c.file);
        xso::parse_options opts;
        opts.strict = c.strict;
        auto r = xso::parse<xso::stanza::any_stanza>(input, opts);
        ++by_category[category_of(c.file)];
        if (c.expected == "ok") {
            if (!r) {
                FAIL_CHECK(c.file << ": " << r.error().message());
                continue;
            }
            check_accepted(*r, input, opts);
            continue;
        }
        if (c.expected == "normalized") {
            if (!r) {
                FAIL_CHECK(c.file << ": " << r.error().message());
                continue;
            }
            auto out = xso::serialize(*r);
            REQUIRE_MESSAGE(out, out.error().message());
            auto back = xso::parse<xso::stanza::any_stanza>(*out, opts);
            REQUIRE_MESSAGE(back, back.error().message());
            CHECK(*back == *r);
            auto same = xso::canonical_equal(input, *out);
            REQUIRE(same);
            CHECK_MESSAGE(!*same, c.file << ": written unchanged, so the case is 'ok', not 'normalized'");
            continue;
        }
        if (r) {
            FAIL_CHECK(c.file << " was accepted, expected " << c.expected);
            continue;
        }
        CHECK_MESSAGE(xso::to_string(r.error().code) == c.expected, c.file << ": " << r.error().message());
        CHECK_MESSAGE(r.error().path == c.path, c.file << ": " << r.error().message());
        check_located(r.error(), input);
    }
    std::ostringstream summary;
    summary << "negative corpus: " << cases.size() << " cases:";
    for (const auto& [cat, n] : by_category) summary << " " << cat << " " << n;
    std::cout << summary.str() << "\n";
    CHECK(cases.size() >= 200);
}

TEST_CASE("truncated input at every byte is a located error, never a crash")
{
    const char* stanzas[] = {
        "prosody/13-items-result.xml",
        "prosody/11-publish-options-mismatch-error.xml",
        "prosody/09-publish-event-user2.xml",
        "xep0060/140.xml", // a node configuration form
    };
    std::size_t prefixes = 0;
    for (const char* rel : stanzas) {
        CAPTURE(rel);
        std::string full = xso_test::fixture(rel);
        // Drop trailing whitespace: a prefix ending inside it would be complete.
        while (!full.empty() && (full.back() == '\n' || full.back() == ' ' || full.back() == '\r')) full.pop_back();
        REQUIRE(xso::parse<xso::stanza::any_stanza>(full));
        for (std::size_t n = 0; n < full.size(); ++n) {
            std::string_view prefix(full.data(), n);
            auto r = xso::parse<xso::stanza::any_stanza>(prefix);
            ++prefixes;
            if (r) {
                FAIL_CHECK("a truncated stanza parsed: " << n << " of " << full.size() << " bytes");
                continue;
            }
            const auto code = r.error().code;
            // Mid-sequence cuts are invalid UTF-8, mid-reference cuts undefined entities.
            CHECK_MESSAGE((code == xso::errc::xml_syntax || code == xso::errc::invalid_char ||
                           code == xso::errc::forbidden_markup),
                          n << ": " << r.error().message());
            CHECK_MESSAGE((r.error().offset == xso::npos || r.error().offset <= n), n << ": " << r.error().message());
            auto seq = xso::parse_sequence<xso::stanza::any_stanza>(prefix);
            CHECK((!seq || n == 0 || seq->empty()));
        }
    }
    std::cout << "truncation: " << prefixes << " truncated prefixes of " << std::size(stanzas) << " stanzas, all refused\n";
}

TEST_CASE("a '<' that starts nothing at the end of the input is refused")
{
    // pugixml drops a lone '<' at the end of its input when whitespace comes before it.
    const std::string stanza = "<iq xmlns='jabber:client' type='get' id='1'/>";
    for (std::string tail : {"<", "\n<", " <", "\r\n\t<"}) {
        CAPTURE(tail);
        const std::string input = stanza + tail;
        auto r = xso::parse<xso::stanza::any_stanza>(input);
        REQUIRE_FALSE(r);
        CHECK(r.error().code == xso::errc::xml_syntax);
        CHECK(r.error().offset == input.size() - 1);
        CHECK_FALSE(xso::parse_sequence<xso::stanza::any_stanza>(input));
        CHECK_FALSE(xso::element::parse(input));
    }
}

TEST_CASE("limits: the defaults are safe and documented")
{
    const xso::parse_limits d{};
    CHECK(d.max_bytes == std::size_t(16) << 20);
    CHECK(d.max_depth == 256);
    CHECK(d.max_elements == 200000);
    CHECK(d.max_attributes == 256);
}

TEST_CASE("limits: a 10 MB attribute value")
{
    std::string big(10u << 20, 'a');
    const std::string input = "<iq xmlns='jabber:client' type='get' id='" + big + "'/>";
    SUBCASE("accepted under the default 16 MB input limit, and written back")
    {
        auto r = xso::parse<xso::stanza::Iq>(input);
        REQUIRE_MESSAGE(r, r.error().message());
        CHECK(r->id.size() == big.size());
        auto out = xso::serialize(*r);
        REQUIRE(out);
        CHECK(*out == input);
    }
    SUBCASE("refused when max_bytes is lower")
    {
        xso::parse_options o;
        o.limits.max_bytes = 1u << 20;
        auto r = xso::parse<xso::stanza::Iq>(input, o);
        REQUIRE(!r);
        CHECK(r.error().code == xso::errc::limit_exceeded);
        CHECK(r.error().offset == 0);
    }
    SUBCASE("in a payload attribute, refused when max_bytes is lower")
    {
        const std::string in = "<iq xmlns='jabber:client' type='result' id='1'><pubsub xmlns='http://jabber.org/protocol/pubsub'>"
                               "<items node='n'><item id='1'><entry xmlns='urn:a' v='" + big + "'/></item></items></pubsub></iq>";
        xso::parse_options o;
        o.limits.max_bytes = big.size();
        auto r = xso::parse<xso::stanza::any_stanza>(in, o);
        REQUIRE(!r);
        CHECK(r.error().code == xso::errc::limit_exceeded);
        auto ok = xso::parse<xso::stanza::any_stanza>(in);
        REQUIRE_MESSAGE(ok, ok.error().message());
        auto out = xso::serialize(*ok);
        REQUIRE(out);
        CHECK(out->size() >= big.size());
    }
}

namespace {
// <iq><pubsub><items><item><e><e>...(depth levels)...</e></e></item></items></pubsub></iq>
std::string deep_payload(std::size_t depth)
{
    std::string s = "<iq xmlns='jabber:client' type='result' id='1'><pubsub xmlns='http://jabber.org/protocol/pubsub'>"
                    "<items node='n'><item id='1'>";
    s.reserve(s.size() + depth * 16 + 64);
    s += "<e xmlns='urn:deep'>";
    for (std::size_t i = 1; i < depth; ++i) s += "<e>";
    for (std::size_t i = 0; i < depth; ++i) s += "</e>";
    s += "</item></items></pubsub></iq>";
    return s;
}
} // namespace

TEST_CASE("limits: 100 000 levels of nesting")
{
    const std::string input = deep_payload(100000);
    SUBCASE("refused under the default depth limit, with a path into the payload")
    {
        auto r = xso::parse<xso::stanza::any_stanza>(input);
        REQUIRE(!r);
        CHECK(r.error().code == xso::errc::limit_exceeded);
        CHECK(r.error().path.rfind("iq/pubsub/items/item[1]/e/e/e", 0) == 0);
        CHECK(r.error().offset != xso::npos);
        check_located(r.error(), input);
    }
    SUBCASE("with the limit raised: parsed, compared, serialized, printed without recursion")
    {
        xso::parse_options o;
        o.limits.max_depth = 200000;
        auto r = xso::parse<xso::stanza::any_stanza>(input, o);
        REQUIRE_MESSAGE(r, r.error().message());
        auto copy = *r;
        CHECK(copy == *r); // element equality walks the whole payload
        auto out = xso::serialize(*r);
        REQUIRE_MESSAGE(out, out.error().message());
        CHECK(*out == input);
        auto back = xso::parse<xso::stanza::any_stanza>(*out, o);
        REQUIRE(back);
        CHECK(*back == *r);
        auto same = xso::canonical_equal(input, *out);
        REQUIRE(same);
        CHECK(*same);
        CHECK(!xso::to_debug_string(*r).empty());
        const auto& item = std::get<xso::pubsub::Pubsub>(*std::get<xso::stanza::Iq>(*r).payload).items->item.at(0);
        auto el = xso::to_element(item);
        REQUIRE(el);
    }
    SUBCASE("an opaque element alone")
    {
        std::string s = "<e xmlns='urn:deep'>";
        for (int i = 1; i < 100000; ++i) s += "<e>";
        for (int i = 0; i < 100000; ++i) s += "</e>";
        auto refused = xso::element::parse(s);
        REQUIRE(!refused);
        CHECK(refused.error().code == xso::errc::limit_exceeded);
        xso::parse_options o;
        o.default_ns = {};
        o.limits.max_depth = 100000;
        auto e = xso::element::parse(s, o);
        REQUIRE_MESSAGE(e, e.error().message());
        CHECK(*e == *e);
        auto out = xso::serialize(*e);
        REQUIRE(out);
        CHECK(*out == s);
    }
    SUBCASE("deep nesting of our own elements: unknown children, depth counted across them")
    {
        std::string s = "<message xmlns='jabber:client'>";
        for (int i = 0; i < 300; ++i) s += "<x xmlns='urn:u'>";
        for (int i = 0; i < 300; ++i) s += "</x>";
        s += "</message>";
        auto r = xso::parse<xso::stanza::any_stanza>(s);
        REQUIRE(!r);
        CHECK(r.error().code == xso::errc::limit_exceeded);
        CHECK(r.error().path.rfind("message/x/x", 0) == 0);
    }
}

namespace {
std::string many_items(std::size_t n)
{
    std::string s = "<iq xmlns='jabber:client' type='result' id='1'><pubsub xmlns='http://jabber.org/protocol/pubsub'><items node='n'>";
    s.reserve(s.size() + n * 20 + 64);
    for (std::size_t i = 0; i < n; ++i) {
        s += "<item id='";
        s += std::to_string(i);
        s += "'/>";
    }
    s += "</items></pubsub></iq>";
    return s;
}
} // namespace

TEST_CASE("limits: 1 000 000 items")
{
    const std::string input = many_items(1000000);
    SUBCASE("refused under the default limits (the input is larger than 16 MB)")
    {
        auto r = xso::parse<xso::stanza::any_stanza>(input);
        REQUIRE(!r);
        CHECK(r.error().code == xso::errc::limit_exceeded);
    }
    SUBCASE("refused by the element count when the size limit is raised")
    {
        xso::parse_options o;
        o.limits.max_bytes = 64u << 20;
        auto r = xso::parse<xso::stanza::any_stanza>(input, o);
        REQUIRE(!r);
        CHECK(r.error().code == xso::errc::limit_exceeded);
        // The scanner stops at the first element beyond the limit: <iq>, <pubsub> and
        // <items> come first, so item k is element k + 4 and element max + 1 is item max - 3.
        CHECK(r.error().offset == input.find("<item id='" + std::to_string(o.limits.max_elements - 3) + "'"));
    }
    SUBCASE("parsed when both limits allow it")
    {
        xso::parse_options o;
        o.limits.max_bytes = 64u << 20;
        o.limits.max_elements = 2000000;
        auto r = xso::parse<xso::stanza::Iq>(input, o);
        REQUIRE_MESSAGE(r, r.error().message());
        const auto& items = std::get<xso::pubsub::Pubsub>(*r->payload).items->item;
        CHECK(items.size() == 1000000);
        CHECK(items.back().id == std::string("999999"));
        auto out = xso::serialize(*r);
        REQUIRE(out);
        CHECK(*out == input);
    }
}

TEST_CASE("limits: a data form of 100 000 fields")
{
    std::string input = "<x xmlns='jabber:x:data' type='submit'>";
    for (int i = 0; i < 100000; ++i) input += "<field var='f" + std::to_string(i) + "'><value>v</value></field>";
    input += "</x>";
    auto refused = xso::parse<xso::xdata::Form>(input);
    REQUIRE(!refused);
    CHECK(refused.error().code == xso::errc::limit_exceeded);
    xso::parse_options o;
    o.limits.max_elements = 300001;
    auto r = xso::parse<xso::xdata::Form>(input, o);
    REQUIRE_MESSAGE(r, r.error().message());
    CHECK(r->field.size() == 100000);
    CHECK(r->field[99999].var == std::string("f99999"));
    auto out = xso::serialize(*r);
    REQUIRE(out);
    CHECK(*out == input);
}

TEST_CASE("limits: attributes per element")
{
    auto with_attributes = [](int n, bool in_payload) {
        std::string attrs;
        for (int i = 0; i < n; ++i) attrs += " a" + std::to_string(i) + "='v'";
        if (!in_payload) return "<iq xmlns='jabber:client' type='get' id='1'" + attrs + "/>";
        return "<iq xmlns='jabber:client' type='result' id='1'><pubsub xmlns='http://jabber.org/protocol/pubsub'><items node='n'>"
               "<item id='1'><entry xmlns='urn:a'" + attrs + "/></item></items></pubsub></iq>";
    };
    for (bool payload : {false, true}) {
        CAPTURE(payload);
        auto ok = xso::parse<xso::stanza::any_stanza>(with_attributes(250, payload));
        CHECK_MESSAGE(ok, (ok ? std::string() : ok.error().message()));
        const std::string big = with_attributes(300, payload);
        auto r = xso::parse<xso::stanza::any_stanza>(big);
        REQUIRE(!r);
        CHECK(r.error().code == xso::errc::limit_exceeded);
        check_located(r.error(), big);
        CHECK(r.error().path == (payload ? "iq/pubsub/items/item[1]/entry" : "iq"));
    }
    // Attribute checks are quadratic per element: the limit bounds them.
    xso::parse_options o;
    o.limits.max_attributes = 5000;
    auto many = xso::parse<xso::stanza::any_stanza>(with_attributes(4000, true), o);
    CHECK(many);
}

TEST_CASE("limits apply to parse from a node and to element::parse as well")
{
    const std::string input = deep_payload(1000);
    pugi::xml_document doc;
    REQUIRE(doc.load_buffer(input.data(), input.size()));
    auto r = xso::parse<xso::stanza::any_stanza>(doc.first_child());
    REQUIRE(!r);
    CHECK(r.error().code == xso::errc::limit_exceeded);
    CHECK(r.error().origin == xso::origin::remote);
    xso::parse_options o;
    o.limits.max_depth = 2000;
    CHECK(xso::parse<xso::stanza::any_stanza>(doc.first_child(), o));

    auto big = xso::element::parse(std::string(100, ' ') + "<a xmlns='urn:a'/>", [] {
        xso::parse_options p;
        p.default_ns = {};
        p.limits.max_bytes = 50;
        return p;
    }());
    REQUIRE(!big);
    CHECK(big.error().code == xso::errc::limit_exceeded);
}
