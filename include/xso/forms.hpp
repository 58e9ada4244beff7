// Typed data forms: generic XEP-0004 forms (xso::xdata::Form) read into the typed forms
// that schema <form> declarations generate, written back losslessly, rendered as submit,
// form or result forms, and set into / read from the elements that carry them.
// The PubSub forms (NodeConfigForm, SubscribeOptionsForm, MetadataForm,
// SubscribeAuthorizationForm, PublishOptionsForm) come with <xso/pubsub.hpp>.
#pragma once

#include <xso/forms/access.hpp>
#include <xso/forms/convert.hpp>
#include <xso/forms/meta.hpp>
#include <xso/forms/print.hpp>
