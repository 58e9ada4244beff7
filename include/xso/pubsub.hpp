// All of xso's XMPP vocabularies: XEP-0060 PubSub (generic, owner, event, errors), the
// stanza envelope and RFC 6120 errors, XEP-0004 data forms, XEP-0059 RSM, XEP-0030 disco,
// SHIM headers and delayed delivery, and the typed PubSub data forms (NodeConfigForm …,
// <xso/forms/pubsub.hpp>), and typed item payloads of your own types (<xso/payload.hpp>).
// The generated headers live in <xso/generated/>.
#pragma once

#include <variant>

#include <xso/xso.hpp>
#include <xso/generated/delay.hpp>
#include <xso/generated/disco_info.hpp>
#include <xso/generated/disco_items.hpp>
#include <xso/generated/pubsub.hpp>
#include <xso/generated/pubsub_errors.hpp>
#include <xso/generated/pubsub_event.hpp>
#include <xso/generated/pubsub_owner.hpp>
#include <xso/generated/rsm.hpp>
#include <xso/generated/shim.hpp>
#include <xso/generated/stanza.hpp>
#include <xso/generated/xdata.hpp>
#include <xso/forms/pubsub.hpp>
#include <xso/payload.hpp>

namespace xso::stanza {
// Any top-level stanza, chosen by the root element's name.
using any_stanza = std::variant<Iq, Message, Presence>;
} // namespace xso::stanza

// Compiled bindings of any_stanza, with those of stanza.hpp (xso::compiled instantiates them).
#if defined(XSO_INSTANTIATE_XSO_GENERATED_STANZA)
#include <xso/core/compiled.hpp>
XSO_INSTANTIATE_BINDINGS(::xso::stanza::any_stanza)
#elif defined(XSO_COMPILED_XSO_GENERATED_STANZA)
#include <xso/core/compiled.hpp>
XSO_EXTERN_BINDINGS(::xso::stanza::any_stanza)
#endif
