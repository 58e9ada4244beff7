#include "odr_common.hpp"

#include <cstdio>

xso_odr::view xso_odr::unit_b() { return make_view(); }

int main()
{
    const xso_odr::view a = xso_odr::unit_a();
    const xso_odr::view b = xso_odr::unit_b();
    int failures = 0;
    const std::size_t n = a.addresses.size() - 1; // the last one is the control
    if (a.addresses[n] == b.addresses[n]) {
        std::printf("the control variable has one address: the check cannot detect anything\n");
        ++failures;
    }
    for (std::size_t i = 0; i < n; ++i)
        if (a.addresses[i] != b.addresses[i]) {
            std::printf("variable %zu of xso_odr::addresses() has two addresses: not inline\n", i);
            ++failures;
        }
    if (a.serialized.empty() || a.serialized != b.serialized || !a.parsed || !b.parsed) {
        std::printf("the two units disagree: '%s' vs '%s'\n", a.serialized.c_str(), b.serialized.c_str());
        ++failures;
    }
    if (failures) return 1;
    std::printf("odr check: %zu header variables with one address, identical output in both units\n",
                n);
    return 0;
}
