// Configure a PubSub node with the typed NodeConfigForm (XEP-0060 §8.2):
//  1. the service answered our configure request with its form (here: the exact bytes
//     Prosody 0.12 sent, tests/fixtures/prosody/18-configure-get-result.xml);
//  2. read it into xso::pubsub::NodeConfigForm and look at a few fields;
//  3. change two of them;
//  4. build the IQ that submits the new configuration.
// The program checks its own results and exits with 1 when one is wrong.
#include <cstdlib>
#include <iostream>
#include <string_view>

#include <xso/pubsub.hpp>

namespace ps = xso::pubsub;

namespace {

constexpr std::string_view service_answer =
    "<iq from='pubsub.localhost' type='result' id='18-configure-get' to='user1@localhost/probe'>"
    "<pubsub xmlns='http://jabber.org/protocol/pubsub#owner'><configure node='princely_musings'>"
    "<x xmlns='jabber:x:data' type='form'>"
    "<field type='hidden' var='FORM_TYPE'><value>http://jabber.org/protocol/pubsub#node_config</value></field>"
    "<field label='Title' type='text-single' var='pubsub#title'><value>Princely Musings (Atom)</value></field>"
    "<field label='Description' type='text-single' var='pubsub#description'/>"
    "<field label='Max # of items to persist' type='text-single' var='pubsub#max_items'>"
    "<validate xmlns='http://jabber.org/protocol/xdata-validate' datatype='pubsub:integer-or-max'><range min='1' max='256'/></validate>"
    "<value>10</value></field>"
    "<field label='Persist items to storage' type='boolean' var='pubsub#persist_items'><value>1</value></field>"
    "<field label='Specify the subscriber model' type='list-single' var='pubsub#access_model'>"
    "<option label='authorize'><value>authorize</value></option><option label='open'><value>open</value></option>"
    "<option label='presence'><value>presence</value></option><option label='roster'><value>roster</value></option>"
    "<option label='whitelist'><value>whitelist</value></option><value>open</value></field>"
    "<field label='Whether to deliver event notifications' type='boolean' var='pubsub#deliver_notifications'><value>1</value></field>"
    "</x></configure></pubsub></iq>";

bool failed = false;
void expect(bool ok, const char* what)
{
    if (!ok) {
        std::cerr << "unexpected: " << what << "\n";
        failed = true;
    }
}

} // namespace

int main()
{
    // 1. The service's answer, parsed as any stanza would be.
    auto iq = xso::parse<xso::stanza::Iq>(service_answer);
    if (!iq) {
        std::cerr << xso::format_error(iq.error(), service_answer) << "\n";
        return 1;
    }
    const auto* owner = iq->payload ? std::get_if<ps::owner::Pubsub>(&*iq->payload) : nullptr;
    const auto* configure = owner ? std::get_if<ps::owner::Configure>(&owner->payload) : nullptr;
    if (!configure) {
        std::cerr << "not a node configuration result\n";
        return 1;
    }

    // 2. Typed: FORM_TYPE checked, every value converted (a bad one is an error naming its field).
    auto config = xso::forms::read<ps::NodeConfigForm>(*configure);
    if (!config) {
        std::cerr << "bad configuration form: " << config.error().message() << "\n";
        return 1;
    }
    std::cout << "The service's form:\n" << xso::forms::to_debug_string(*config, 1);
    expect(config->max_items == std::uint64_t{10}, "max_items is 10");
    expect(config->access_model == ps::AccessModel::open, "access_model is open");
    expect(config->persist_items == true, "persist_items is on");

    // 3. Keep at most 50 items, and only let whitelisted entities in.
    config->max_items = 50;
    config->access_model = ps::AccessModel::whitelist;

    // 4. The request: owner <configure/> with the submit form (FORM_TYPE and the fields
    // that are set, values only).
    ps::owner::Configure submit;
    submit.node = configure->node;
    if (auto r = xso::forms::set(submit, *config); !r) {
        std::cerr << "cannot build the submit form: " << r.error().message() << "\n";
        return 1;
    }
    ps::owner::Pubsub pubsub;
    pubsub.payload = submit;
    xso::stanza::Iq request;
    request.type = xso::stanza::IqType::set;
    request.id = "configure-2";
    request.to = xso::jid("pubsub.localhost");
    request.payload = pubsub;
    auto bytes = xso::serialize(request);
    if (!bytes) {
        std::cerr << "cannot serialize: " << bytes.error().message() << "\n";
        return 1;
    }
    std::cout << "\nThe request to send:\n" << *bytes << "\n";

    // What the service will read: the two changes, the rest as it was.
    auto check = xso::forms::read<ps::NodeConfigForm>(submit);
    expect(static_cast<bool>(check), "the submit form reads back");
    if (check) {
        expect(check->rest.received->type == xso::xdata::FormType::submit, "a submit form");
        expect(check->max_items == std::uint64_t{50}, "max_items is now 50");
        expect(check->access_model == ps::AccessModel::whitelist, "access_model is now whitelist");
        expect(check->title == config->title, "title unchanged");
        expect(check->persist_items == true, "persist_items unchanged");
        expect(!check->description, "description: not set, not sent");
    }
    return failed ? 1 : 0;
}
