// xso's PubSub client over libstrophe: two accounts on one server run the three typical
// flows of flows.hpp.
//
//   pubsub_strophe [--host 127.0.0.1] [--port 5222] [--domain localhost] [--service pubsub.localhost]
//                  [--owner owner] [--owner-pass owner-pass] [--subscriber subscriber]
//                  [--subscriber-pass subscriber-pass]
//
// The owner must be allowed to create nodes on the service (on Prosody's pubsub component:
// a server admin). What happens:
//   1. the owner creates a node; the subscriber subscribes to it (flow 1: follow);
//   2. the owner configures it with a typed NodeConfigForm (flow 3: configure);
//   3. the owner publishes with publish-options access_model=open to it (flow 2), and the
//      subscriber's handler sees the item; then on the owner's PEP service, to a node that
//      is not open: precondition-not-met, the flow opens the node and publishes again;
//   4. the owner deletes both nodes; the subscriber sees the deletion.
// Exit status 0 when every step worked. scripts/test.d/60-prosody-live.sh runs it against a
// throw-away Prosody.
#include <cstdlib>
#include <iostream>
#include <random>
#include <string>

#include "flows.hpp"
#include "strophe_transport.hpp"

namespace ps = xso::pubsub;

namespace {

struct options {
    std::string host = "127.0.0.1";
    unsigned short port = 5222;
    std::string domain = "localhost";
    std::string service = "pubsub.localhost";
    std::string owner = "owner", owner_pass = "owner-pass";
    std::string subscriber = "subscriber", subscriber_pass = "subscriber-pass";
};

xso::element atom_entry(const std::string& title)
{
    auto e = xso::element::parse("<entry xmlns='http://www.w3.org/2005/Atom'><title>" + title + "</title></entry>");
    return e ? *e : xso::element();
}

} // namespace

int main(int argc, char** argv)
{
    options o;
    for (int i = 1; i + 1 < argc; i += 2) {
        std::string k = argv[i], v = argv[i + 1];
        if (k == "--host")
            o.host = v;
        else if (k == "--port")
            o.port = static_cast<unsigned short>(std::atoi(v.c_str()));
        else if (k == "--domain")
            o.domain = v;
        else if (k == "--service")
            o.service = v;
        else if (k == "--owner")
            o.owner = v;
        else if (k == "--owner-pass")
            o.owner_pass = v;
        else if (k == "--subscriber")
            o.subscriber = v;
        else if (k == "--subscriber-pass")
            o.subscriber_pass = v;
        else {
            std::cerr << "pubsub_strophe: unknown option " << k << "\n";
            return 2;
        }
    }
    if (argc % 2 == 0) {
        std::cerr << "pubsub_strophe: options come in pairs (--name value)\n";
        return 2;
    }

    // One libstrophe session and one xso client per account.
    xso_strophe::session owner_link, sub_link;
    if (!owner_link.connect(o.owner + "@" + o.domain + "/example", o.owner_pass, o.host, o.port) ||
        !sub_link.connect(o.subscriber + "@" + o.domain + "/example", o.subscriber_pass, o.host, o.port)) {
        std::cerr << "login failed: " << owner_link.error() << " " << sub_link.error() << "\n";
        return 1;
    }
    ps::client owner(xso::jid(owner_link.bound_jid()));
    ps::client subscriber(xso::jid(sub_link.bound_jid()));
    owner_link.attach(owner); // incoming stanzas -> owner.receive(bytes)
    sub_link.attach(subscriber);
    flows::send_fn send_owner = [&](const std::string& bytes) { owner_link.send(bytes); };
    flows::send_fn send_sub = [&](const std::string& bytes) { sub_link.send(bytes); };

    int failures = 0;
    std::vector<std::string> seen; // what the subscriber's handlers reported
    auto log_as = [](std::string who) {
        return [who](const std::string& line) { std::cout << who << ": " << line << "\n"; };
    };
    auto wait = [&](const std::function<bool()>& done, const char* what) {
        if (!xso_strophe::run_until({&owner_link, &sub_link}, done, 5000)) {
            std::cerr << "timeout: " << what << "\n";
            ++failures;
        }
    };
    auto step = [&](bool& finished) {
        return [&finished, &failures](bool ok) {
            finished = true;
            if (!ok) ++failures;
        };
    };

    const xso::jid service(o.service);
    std::random_device rd;
    const std::string node = "xso-example-" + std::to_string(rd() % 1000000);
    const std::string pep_node = "urn:xso:example:" + std::to_string(rd() % 1000000);

    // 1. A node, and a subscriber.
    bool created = false;
    owner_link.send(owner.create(service, node, [&](ps::reply<std::string> r) {
        std::cout << "owner: create " << node << ": " << r.describe() << "\n";
        if (!r) ++failures;
        created = true;
    }));
    wait([&] { return created; }, "create");

    bool subscribed = false;
    flows::follow(
        subscriber, send_sub, service, node,
        [&](const std::string& line) {
            std::cout << "subscriber: " << line << "\n";
            seen.push_back(line);
        },
        step(subscribed));
    wait([&] { return subscribed; }, "subscribe");

    // 2. Typed configuration.
    bool configured = false;
    flows::configure(owner, send_owner, service, node, "Example node", 25, log_as("owner"), step(configured));
    wait([&] { return configured; }, "configure");

    // 3. Publish with preconditions: on the open node, then on a PEP node that is not open.
    ps::Item first;
    first.id = "first";
    first.payload = atom_entry("Hello");
    bool published = false;
    flows::publish_open(owner, send_owner, service, node, first, log_as("owner"), step(published));
    wait([&] { return published; }, "publish");
    wait([&] { return !seen.empty() && seen.back().rfind("published " + node + "/first", 0) == 0; }, "notification");

    bool pep_created = false;
    ps::Item mine;
    mine.id = "current";
    mine.payload = atom_entry("Mine");
    owner_link.send(owner.publish(std::nullopt, pep_node, std::vector<ps::Item>{mine}, [&](auto r) {
        std::cout << "owner: PEP node " << pep_node << " with the default access model: " << r.describe() << "\n";
        if (!r) ++failures;
        pep_created = true;
    }));
    wait([&] { return pep_created; }, "PEP publish");
    bool pep_published = false;
    flows::publish_open(owner, send_owner, std::nullopt, pep_node, mine, log_as("owner"), step(pep_published));
    wait([&] { return pep_published; }, "PEP publish with preconditions");

    // 4. Clean up; the subscriber learns that the node is gone.
    int deleted = 0;
    owner_link.send(owner.delete_node(service, node, [&](ps::reply<ps::done> r) { deleted += r ? 1 : 100; }));
    owner_link.send(owner.delete_node(std::nullopt, pep_node, [&](ps::reply<ps::done> r) { deleted += r ? 1 : 100; }));
    wait([&] { return deleted >= 2; }, "delete");
    if (deleted != 2) ++failures;
    wait([&] { return !seen.empty() && seen.back().rfind("deleted " + node, 0) == 0; }, "deletion notification");

    owner_link.disconnect();
    sub_link.disconnect();
    std::cout << (failures == 0 ? "pubsub_strophe: all flows worked\n" : "pubsub_strophe: some steps failed\n");
    return failures == 0 ? 0 : 1;
}
