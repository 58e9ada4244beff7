// Every data form of the XEP-0060, XEP-0004 and XEP-0059 examples and of the Prosody
// transcripts, wherever it sits in the stanza (PubSub elements, messages, disco#info,
// ad-hoc commands kept as opaque elements): when its FORM_TYPE is one of the PubSub forms,
// it reads into its typed form, and writing that back gives canonically equal XML.
#include <doctest/doctest.h>

#include <cstddef>
#include <filesystem>
#include <iostream>
#include <iterator>
#include <map>
#include <regex>
#include <string>
#include <vector>

#include <xso/pubsub.hpp>

#include "../support/files.hpp"

namespace {

namespace fs = std::filesystem;
namespace ps = xso::pubsub;

// Every {jabber:x:data}x element of a stanza (the stanza's DOM, so that forms inside
// content no schema describes are found too).
std::vector<pugi::xml_node> data_forms(const xso::element& stanza)
{
    std::vector<pugi::xml_node> out;
    std::vector<pugi::xml_node> todo{stanza.node()};
    while (!todo.empty()) {
        pugi::xml_node n = todo.back();
        todo.pop_back();
        if (xso::element(stanza.store(), n).name() == xso::qname{"jabber:x:data", "x"}) out.push_back(n);
        for (pugi::xml_node c = n.last_child(); c; c = c.previous_sibling())
            if (c.type() == pugi::node_element) todo.push_back(c);
    }
    return out;
}

// FORM_TYPE values found by a plain text scan of the file, independently of the parser:
// `var='FORM_TYPE'` … `<value>URI</value>`.
std::map<std::string, int> form_types_in_text(const std::string& text)
{
    static const std::regex re(R"(var=['"]FORM_TYPE['"][^>]*>\s*<value>\s*([^<\s]*)\s*</value>)");
    std::map<std::string, int> out;
    for (auto it = std::sregex_iterator(text.begin(), text.end(), re); it != std::sregex_iterator(); ++it)
        ++out[(*it)[1].str()];
    return out;
}

// `<x xmlns='jabber:x:data'` start tags, by the same kind of text scan (every form of the
// fixtures is written that way).
int forms_in_text(const std::string& text)
{
    static const std::regex re(R"(<x\s+xmlns=['"]jabber:x:data['"])");
    return static_cast<int>(std::distance(std::sregex_iterator(text.begin(), text.end(), re), std::sregex_iterator()));
}

struct tally {
    std::map<std::string, int> typed;    // forms read into a typed form, by FORM_TYPE
    std::map<std::string, int> expected; // FORM_TYPEs found by the text scan
    int forms_expected = 0;              // forms found by the text scan
    int forms = 0;
    int untyped = 0; // forms without FORM_TYPE or with one we do not type
};

bool is_pubsub_form_type(std::string_view t)
{
    for (auto known : {ps::NodeConfigForm::xso_form_type, ps::SubscribeOptionsForm::xso_form_type,
                       ps::MetadataForm::xso_form_type, ps::SubscribeAuthorizationForm::xso_form_type,
                       ps::PublishOptionsForm::xso_form_type})
        if (t == known) return true;
    return false;
}

void check_form(const std::string& rel, pugi::xml_node node, tally& n)
{
    ++n.forms;
    auto generic = xso::parse<xso::xdata::Form>(node);
    REQUIRE_MESSAGE(generic, rel << ": " << generic.error().message());
    auto type = xso::forms::form_type(*generic);
    if (!type || !is_pubsub_form_type(*type)) {
        ++n.untyped;
        return;
    }
    auto typed = xso::forms::read_any<ps::any_form>(*generic);
    REQUIRE_MESSAGE(typed, rel << ": " << typed.error().message());
    ++n.typed[std::string(*type)];

    auto back = std::visit([](const auto& f) { return xso::forms::to_xdata(f); }, *typed);
    REQUIRE_MESSAGE(back, rel << ": " << back.error().message());
    auto written = xso::serialize(*back);
    REQUIRE_MESSAGE(written, rel << ": " << written.error().message());
    auto original = xso::serialize(xso::element::copy_of(node));
    REQUIRE(original);
    std::string diff;
    auto same = xso::canonical_equal(*original, *written, {}, &diff);
    REQUIRE(same);
    CHECK_MESSAGE(*same, rel << ": typed form written back differs:\n" << diff);

    // And reading what was written gives the same typed form.
    auto again = xso::forms::read_any<ps::any_form>(*back);
    REQUIRE_MESSAGE(again, rel << ": " << again.error().message());
    CHECK_MESSAGE(*again == *typed, rel << ": read(to_xdata(f)) != f");
}

tally run_form_folder(const std::string& folder)
{
    tally n;
    for (const fs::path& p : xso_test::files_in(fs::path(XSO_FIXTURES_DIR) / folder)) {
        const std::string rel = folder + "/" + p.filename().string();
        const std::string text = xso_test::read_file(p);
        for (auto& [type, count] : form_types_in_text(text)) n.expected[type] += count;
        n.forms_expected += forms_in_text(text);
        auto stanzas = xso::parse_sequence<xso::element>(text);
        if (!stanzas) continue; // the XMPP URI examples hold no XML (the conformance test counts them)
        for (const xso::element& s : *stanzas)
            for (pugi::xml_node x : data_forms(s)) check_form(rel, x, n);
    }
    return n;
}

void check_counts(const std::string& name, const tally& n)
{
    int typed = 0;
    for (auto& [type, count] : n.typed) typed += count;
    std::cout << name << ": " << n.forms << " data forms, " << typed << " typed and written back canonically equal, "
              << n.untyped << " of other or no FORM_TYPE\n";
    // Every form the text scan finds was found, and every PubSub FORM_TYPE it finds was read
    // into its typed form.
    CHECK_MESSAGE(n.forms == n.forms_expected, name);
    for (const auto& expected : n.expected) {
        // Named copies: doctest's assertion macros capture in a lambda, and clang 14 cannot
        // capture structured bindings.
        const auto& type = expected.first;
        const auto count = expected.second;
        if (!is_pubsub_form_type(type)) continue;
        auto it = n.typed.find(type);
        CHECK_MESSAGE((it == n.typed.end() ? 0 : it->second) == count, name << ": " << type);
    }
}

} // namespace

TEST_CASE("forms: every PubSub data form of the XEP-0060 examples reads typed and writes back equal")
{
    tally n = run_form_folder("xep0060");
    check_counts("XEP-0060", n);
    // The examples use all five FORM_TYPEs.
    CHECK(n.typed.size() == 5);
    CHECK(n.typed["http://jabber.org/protocol/pubsub#node_config"] >= 5);
}

TEST_CASE("forms: the data forms of the XEP-0004 and XEP-0059 examples")
{
    // Their FORM_TYPEs are not PubSub's (or absent): the forms are found and left generic.
    tally a = run_form_folder("xep0004");
    check_counts("XEP-0004", a);
    CHECK(a.forms > 0);
    CHECK(a.typed.empty());
    tally b = run_form_folder("xep0059");
    check_counts("XEP-0059", b);
    CHECK(b.forms == 0);
}

TEST_CASE("forms: every data form of the Prosody transcripts reads typed and writes back equal")
{
    tally n = run_form_folder("prosody");
    check_counts("Prosody", n);
    CHECK(n.untyped == 0);
    CHECK(n.typed["http://jabber.org/protocol/pubsub#node_config"] >= 4);
    CHECK(n.typed["http://jabber.org/protocol/pubsub#meta-data"] == 1);
    CHECK(n.typed["http://jabber.org/protocol/pubsub#subscribe_options"] >= 2);
    CHECK(n.typed["http://jabber.org/protocol/pubsub#publish-options"] >= 3);
}

TEST_CASE("forms: the benchmark's node configuration form")
{
    // benchmarks/cases/node_config_form.xml: a full node_config form with labels and options.
    const std::string text = xso_test::read_file(fs::path(XSO_SOURCE_DIR) / "benchmarks/cases/node_config_form.xml");
    auto iq = xso::parse<xso::stanza::Iq>(text);
    REQUIRE_MESSAGE(iq, iq.error().message());
    const auto* owner = std::get_if<ps::owner::Pubsub>(&*iq->payload);
    REQUIRE(owner);
    const auto* configure = std::get_if<ps::owner::Configure>(&owner->payload);
    REQUIRE(configure);
    auto config = xso::forms::read<ps::NodeConfigForm>(*configure);
    REQUIRE_MESSAGE(config, config.error().message());
    auto back = xso::forms::to_xdata(*config);
    REQUIRE(back);
    auto a = xso::serialize(*configure->form);
    auto b = xso::serialize(*back);
    REQUIRE(a);
    REQUIRE(b);
    std::string diff;
    auto same = xso::canonical_equal(*a, *b, {}, &diff);
    REQUIRE(same);
    CHECK_MESSAGE(*same, diff);
}
