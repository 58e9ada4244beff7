// The typed data forms of XEP-0060, generated from schema/pubsub_forms.xml, with the forms
// runtime.
#pragma once

#include <variant>

#include <xso/forms.hpp>
#include <xso/generated/pubsub_forms.hpp>

namespace xso::pubsub {
// Any of the PubSub forms, chosen by FORM_TYPE: xso::forms::read_any<xso::pubsub::any_form>(x).
using any_form = std::variant<NodeConfigForm, SubscribeOptionsForm, MetadataForm, SubscribeAuthorizationForm,
                              PublishOptionsForm>;
} // namespace xso::pubsub
