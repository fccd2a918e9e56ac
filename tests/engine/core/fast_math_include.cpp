// Compiled with -ffast-math by the test fast_math_refused: engine headers must refuse it (#error).
#include "engine/core/error.h"
