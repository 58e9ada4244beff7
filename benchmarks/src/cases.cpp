#include "cases.hpp"

#include <cstdint>
#include <fstream>
#include <sstream>
#include <string_view>

#include "sha256.hpp"

namespace xso_bench {
namespace {

bool read_file(const std::string& path, std::string& out)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) return false;
    std::ostringstream s;
    s << in.rdbuf();
    out = s.str();
    return true;
}

case_kind kind_of(std::string_view stem)
{
    if (stem.substr(0, 6) == "items_") return case_kind::items;
    if (stem == "event_item") return case_kind::event;
    if (stem == "node_config_form") return case_kind::form;
    return case_kind::error;
}

std::uint64_t splitmix64(std::uint64_t x)
{
    x += 0x9e3779b97f4a7c15ull;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
    return x ^ (x >> 31);
}

void append_2digits(std::string& s, unsigned v)
{
    s += static_cast<char>('0' + v / 10 % 10);
    s += static_cast<char>('0' + v % 10);
}

} // namespace

std::string generated_item_id(std::size_t i)
{
    static constexpr char hex[] = "0123456789abcdef";
    std::string id;
    for (std::uint64_t part : {splitmix64(2 * i + 1), splitmix64(2 * i + 2)})
        for (int shift = 60; shift >= 0; shift -= 4) id += hex[(part >> shift) & 0xf];
    return id;
}

std::string make_items_result(std::size_t n)
{
    // Escaped markup and multi-byte UTF-8 in some of them, as in items_100.
    static constexpr std::string_view titles[] = {
        "Release notes for the parser rewrite",
        "Q&amp;A from the storage-team retrospective",
        "Café meet-up recap — München edition",
        "Shipping the &lt;configure/&gt; form editor",
        "Why we moved the build to a single toolchain",
        "Profiling notes: allocation hot spots",
        "On naming things &amp; other hard problems",
    };
    static constexpr std::string_view summaries[] = {
        "The streaming parser now handles namespaced attributes without an extra copy.",
        "Thanks to everyone who came to the café — slides and the “whiteboard” photos are linked below.",
        "Items older than the configured age are purged nightly; owners can override the default per node.",
        "Node owners can now edit access_model, max_items &amp; friends from the web UI.",
        "A retry loop re-sent the same notification when the ack arrived after the timeout.",
    };
    std::string s;
    s.reserve(n * 560 + 300);
    s += "<iq xmlns='jabber:client' type='result' from='pubsub.example.org' to='bob@example.org/laptop' id='items-";
    s += std::to_string(n);
    s += "'><pubsub xmlns='http://jabber.org/protocol/pubsub'><items node='engineering-blog'>";
    for (std::size_t i = 0; i < n; ++i) {
        std::string date = std::to_string(2020 + i / 336) + "-";
        append_2digits(date, static_cast<unsigned>(1 + i / 28 % 12));
        date += '-';
        append_2digits(date, static_cast<unsigned>(1 + i % 28));
        date += 'T';
        append_2digits(date, static_cast<unsigned>(i % 24));
        date += ':';
        append_2digits(date, static_cast<unsigned>(i * 7 % 60));
        date += ':';
        append_2digits(date, static_cast<unsigned>(i * 13 % 60));
        date += 'Z';
        std::string number = std::to_string(i);
        s += "<item id='";
        s += generated_item_id(i);
        s += "'><entry xmlns='http://www.w3.org/2005/Atom'><title>";
        s += titles[i % std::size(titles)];
        s += " (";
        s += number;
        s += ")</title><summary>";
        s += summaries[i % std::size(summaries)];
        s += "</summary><link rel='alternate' type='text/html' href='https://blog.example.org/gen/post-";
        s += number;
        s += "'/><id>tag:blog.example.org,2024:gen-";
        s += number;
        s += "</id><published>";
        s += date;
        s += "</published><updated>";
        s += date;
        s += "</updated></entry></item>";
    }
    s += "</items></pubsub></iq>";
    return s;
}

bool load_cases(const std::string& dir, std::vector<bench_case>& out, std::string& why)
{
    std::string sums;
    if (!read_file(dir + "/SHA256SUMS", sums)) {
        why = "cannot read " + dir + "/SHA256SUMS";
        return false;
    }
    std::istringstream lines(sums);
    std::string line;
    while (std::getline(lines, line)) {
        if (line.empty()) continue;
        auto space = line.find(' ');
        if (space == std::string::npos) {
            why = "malformed line in SHA256SUMS: " + line;
            return false;
        }
        std::string expected = line.substr(0, space);
        std::string file = line.substr(line.find_first_not_of(" *", space));
        bench_case c;
        c.name = file.substr(0, file.rfind('.'));
        if (!read_file(dir + "/" + file, c.bytes)) {
            why = "cannot read " + dir + "/" + file;
            return false;
        }
        c.sha256 = sha256_hex(c.bytes);
        if (c.sha256 != expected) {
            why = file + ": SHA-256 " + c.sha256 + " differs from SHA256SUMS (" + expected + "): not the frozen input";
            return false;
        }
        c.kind = kind_of(c.name);
        if (c.name == "items_1") c.item_count = 1;
        if (c.name == "items_100") c.item_count = 100;
        out.push_back(std::move(c));
    }
    bench_case big;
    big.name = "items_1000";
    big.bytes = make_items_result(1000);
    big.sha256 = sha256_hex(big.bytes);
    big.kind = case_kind::items;
    big.generated = true;
    big.item_count = 1000;
    out.push_back(std::move(big));
    return true;
}

} // namespace xso_bench
