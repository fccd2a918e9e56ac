#include "app/cli/last_resort.h"

#include "app/cli/cli.h"
#include "engine/core/error.h"

#include <cstdlib>
#include <exception>
#include <iostream>

namespace lstmlab::cli {
namespace {

[[noreturn]] void on_terminate()
{
    try {
        if (const std::exception_ptr current = std::current_exception())
            std::rethrow_exception(current);
    } catch (const std::exception& error) {
        last_resort(error.what());
    } catch (...) {
        last_resort("an exception of unknown type");
    }
    last_resort("the program had to stop (std::terminate without an exception)");
}

} // namespace

void last_resort(const char* what)
{
    std::cerr << "lstmlab-cli: internal error: " << one_line_message(what)
              << "; nothing more was done (please report this)" << std::endl;
    std::_Exit(exit_failure);
}

void install_last_resort() { std::set_terminate(on_terminate); }

} // namespace lstmlab::cli
