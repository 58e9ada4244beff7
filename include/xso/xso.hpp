// The xso core: results and errors, values, opaque elements, and the generic parse,
// serialize, print and canonical comparison that work on any generated type.
#pragma once

#include <xso/version.hpp>
#include <xso/core/canonical.hpp>
#include <xso/core/element.hpp>
#include <xso/core/meta.hpp>
#include <xso/core/parse.hpp>
#include <xso/core/print.hpp>
#include <xso/core/qname.hpp>
#include <xso/core/result.hpp>
#include <xso/core/serialize.hpp>
#include <xso/core/values.hpp>
