// Linked against xso::compiled: the stanza bindings it calls are declared extern here
// (XSO_COMPILED_* from the library), so the link succeeds only with the library built.
#include <xso/pubsub.hpp>

int main()
{
    auto iq = xso::parse<xso::stanza::Iq>("<iq xmlns='jabber:client' type='get' id='v1'/>");
    std::string out;
    return iq && iq->id == "v1" && xso::serialize(*iq, out) ? 0 : 1;
}
