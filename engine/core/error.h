// Error: the one exception type the engine throws.
//
// Every message is one sentence a user can act on: it names the file, line and column, the option
// or the tensor that is wrong, and why ("ohlcv.csv:12:5 (column \"Close\"): \"abc\" is not a number").
// The apps print `what()` as is; nothing else needs to be added.
#pragma once

#include "engine/core/float_checks.h"   // refuses -ffast-math; runs the IEEE self-test at startup

#include <stdexcept>
#include <string>

namespace lstmlab {

class Error : public std::runtime_error {
public:
    explicit Error(const std::string& message) : std::runtime_error(message) {}
};

// Thrown when a caller's progress callback asks to stop a long operation (loading, training).
class Cancelled : public Error {
public:
    Cancelled() : Error("cancelled by the user") {}
};

} // namespace lstmlab
