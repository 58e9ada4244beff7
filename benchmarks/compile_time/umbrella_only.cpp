// Compile-time probe: the cost of including the umbrella header and nothing else.
#include <xso/pubsub.hpp>
