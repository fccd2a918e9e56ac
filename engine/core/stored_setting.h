// Messages about settings read from files (a checkpoint's metadata, an experiment file).
#pragma once

#include <string>

namespace lstmlab {

// A check worded for the command line ("--features: 0 is outside 1..100000"), reworded for a setting
// read from a file at `where` (a checkpoint's metadata, an experiment file), which names no option:
// `m.safetensors metadata "model": features: 0 is outside 1..100000`.
inline std::string stored_setting_message(const std::string& where, const std::string& message)
{
    return where + ": " + (message.rfind("--", 0) == 0 ? message.substr(2) : message);
}

} // namespace lstmlab
