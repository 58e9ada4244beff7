// The generated PubSub forms against their sources: every field registered in XEP-0060
// §16.4 (tests/fixtures/xep0060/form-fields.tsv) and every field of aioxmpp's
// NodeConfigForm (tests/fixtures/aioxmpp/node-config-form.tsv) is declared, with its field
// type, its label and its options.
#include <doctest/doctest.h>

#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <xso/pubsub.hpp>

#include "../support/files.hpp"

namespace {

namespace ps = xso::pubsub;
using xso::forms::field_info;

// Rows of a tab-separated file with a header line, as column -> value maps.
std::vector<std::map<std::string, std::string>> read_tsv(const std::string& rel)
{
    std::istringstream in(xso_test::fixture(rel));
    std::vector<std::map<std::string, std::string>> rows;
    std::vector<std::string> header;
    for (std::string line; std::getline(in, line);) {
        std::vector<std::string> cells;
        std::size_t start = 0;
        for (;;) {
            auto tab = line.find('\t', start);
            cells.push_back(line.substr(start, tab == std::string::npos ? std::string::npos : tab - start));
            if (tab == std::string::npos) break;
            start = tab + 1;
        }
        if (header.empty()) {
            header = cells;
            continue;
        }
        std::map<std::string, std::string> row;
        for (std::size_t i = 0; i < header.size(); ++i) row[header[i]] = i < cells.size() ? cells[i] : "";
        rows.push_back(std::move(row));
    }
    return rows;
}

std::vector<std::string> split_bar(const std::string& s)
{
    std::vector<std::string> out;
    if (s.empty()) return out;
    std::size_t start = 0;
    for (;;) {
        auto bar = s.find('|', start);
        out.push_back(s.substr(start, bar == std::string::npos ? std::string::npos : bar - start));
        if (bar == std::string::npos) break;
        start = bar + 1;
    }
    return out;
}

const field_info* declared(const std::string& form_type, const std::string& var)
{
    if (form_type == "pubsub#node_config") return xso::forms::field_of<ps::NodeConfigForm>(var);
    if (form_type == "pubsub#subscribe_options") return xso::forms::field_of<ps::SubscribeOptionsForm>(var);
    if (form_type == "pubsub#meta-data") return xso::forms::field_of<ps::MetadataForm>(var);
    if (form_type == "pubsub#subscribe_authorization") return xso::forms::field_of<ps::SubscribeAuthorizationForm>(var);
    return nullptr;
}

} // namespace

TEST_CASE("forms: every registered field (XEP-0060 §16.4) is declared with its type, label and options")
{
    const auto seed = read_tsv("aioxmpp/node-config-form.tsv");
    auto seed_has = [&](const std::string& var) {
        for (const auto& r : seed)
            if (r.at("var") == var) return true;
        return false;
    };
    const auto rows = read_tsv("xep0060/form-fields.tsv");
    CHECK(rows.size() == 54);
    for (const auto& r : rows) {
        CAPTURE(r.at("form_type"));
        CAPTURE(r.at("var"));
        const field_info* f = declared(r.at("form_type"), r.at("var"));
        REQUIRE(f);
        CHECK(xso::forms::to_token(f->type) == r.at("type"));
        // node_config fields take aioxmpp's label when aioxmpp has the field (checked below).
        if (!(r.at("form_type") == "pubsub#node_config" && seed_has(r.at("var"))))
            CHECK(f->label_text == r.at("label"));
        const auto values = split_bar(r.at("options"));
        const auto labels = split_bar(r.at("option_labels"));
        REQUIRE(f->option_count == values.size());
        for (std::size_t i = 0; i < values.size(); ++i) {
            CHECK(f->option_list[i].value == values[i]);
            CHECK(f->option_list[i].label == (i < labels.size() ? labels[i] : ""));
        }
    }
    // And nothing beyond them, except aioxmpp's collection fields in node_config.
    CHECK(xso::forms::field_count<ps::SubscribeOptionsForm> - 1 == 8);
    CHECK(xso::forms::field_count<ps::MetadataForm> - 1 == 13);
    CHECK(xso::forms::field_count<ps::SubscribeAuthorizationForm> - 1 == 4);
}

TEST_CASE("forms: NodeConfigForm has every field of aioxmpp's NodeConfigForm, named and labelled alike")
{
    const auto seed = read_tsv("aioxmpp/node-config-form.tsv");
    CHECK(seed.size() == 33);
    for (const auto& r : seed) {
        CAPTURE(r.at("var"));
        const field_info* f = xso::forms::field_of<ps::NodeConfigForm>(r.at("var"));
        REQUIRE(f);
        CHECK(f->member == r.at("attribute"));
        CHECK(xso::forms::to_token(f->type) == r.at("type"));
        CHECK(f->label_text == r.at("label"));
    }
    // The 29 registered node_config fields and aioxmpp's 33 overlap in 28: 34 in all.
    CHECK(xso::forms::field_count<ps::NodeConfigForm> - 1 == 34);
    CHECK(xso::forms::field_of<ps::NodeConfigForm>("pubsub#publish_node_full"));
}

TEST_CASE("forms: publish-options preconditions are the node configuration fields")
{
    constexpr std::size_t n = xso::forms::field_count<ps::NodeConfigForm>;
    static_assert(n == xso::forms::field_count<ps::PublishOptionsForm>);
    for (std::size_t i = 0; i + 1 < n; ++i) {
        const auto& a = ps::NodeConfigForm::xso_fields[i];
        const auto& b = ps::PublishOptionsForm::xso_fields[i];
        CHECK(a.var == b.var);
        CHECK(a.member == b.member);
        CHECK(a.type == b.type);
        CHECK(a.label_text == b.label_text);
    }
    static_assert(std::is_same_v<decltype(ps::PublishOptionsForm::access_model), decltype(ps::NodeConfigForm::access_model)>);
}
