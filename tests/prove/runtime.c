/* The runtime functions generated code calls, for WP (tests/prove/run.sh
   runtime): including the header is enough, every function is static. */
#include "zerocast.h"
