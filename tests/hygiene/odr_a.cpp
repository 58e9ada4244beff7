#include "odr_common.hpp"

xso_odr::view xso_odr::unit_a() { return make_view(); }
