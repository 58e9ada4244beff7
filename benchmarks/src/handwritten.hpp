// A hand-written pugixml traversal that fills the same generated structs as xso::parse, for
// the shapes of the benchmark cases: what a careful programmer would write for exactly these
// stanzas without xso's generic, table-driven binding. Comparing it with xso::parse on the
// same DOM gives the cost of the abstraction.
//
// It checks element names and namespaces (from xmlns attributes; prefixed names are not
// supported), converts and validates values as xso does (enumerations, JIDs, integers), and
// keeps item payloads as xso::element. It does not keep unknown content, report located
// errors, or enforce the XMPP restrictions and limits xso::parse applies: it returns false on
// anything it does not expect.
#pragma once

#include <memory>

#include <pugixml.hpp>

#include <xso/pubsub.hpp>

namespace xso_bench::hand {

// Where payload elements live. From bytes: the store holds the DOM that was parsed, and
// payloads point into it. From a caller's DOM: payloads are copied into the store (as
// xso::parse does for a borrowed node), so the result does not depend on that DOM.
struct payload_store {
    std::shared_ptr<xso::detail::element_store> store;
    bool copy = false;

    xso::element take(pugi::xml_node n) const
    {
        if (!copy) return xso::element(store, n);
        return xso::element(store, store->doc.append_copy(n));
    }
};

bool read_iq(pugi::xml_node n, const payload_store& payloads, xso::stanza::Iq& out);
bool read_message(pugi::xml_node n, const payload_store& payloads, xso::stanza::Message& out);

} // namespace xso_bench::hand
