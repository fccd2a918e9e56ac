#include "fuzz_harness.h"

#include <cstdio>
#include <cstdlib>

namespace lstmlab::fuzz {

void fuzz_failure(std::string_view target, std::string_view what)
{
    std::fprintf(stderr, "fuzz harness %.*s: %.*s\n", int(target.size()), target.data(), int(what.size()), what.data());
    std::fflush(stderr);
    std::abort();
}

void check_message(std::string_view target, std::string_view message)
{
    if (message.empty())
        fuzz_failure(target, "an lstmlab::Error with an empty message");
    if (message.find('\n') != std::string_view::npos || message.find('\r') != std::string_view::npos)
        fuzz_failure(target, "an lstmlab::Error message spans several lines: " + std::string(message));
}

} // namespace lstmlab::fuzz
