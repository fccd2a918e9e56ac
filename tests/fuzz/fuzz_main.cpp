// The libFuzzer entry point of one harness; LSTMLAB_FUZZ_HARNESS names it (see CMakeLists.txt).
#include "tests/fuzz/harness/fuzz_harness.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    (void)LSTMLAB_FUZZ_HARNESS(lstmlab::fuzz::Bytes(data, size));
    return 0;
}
