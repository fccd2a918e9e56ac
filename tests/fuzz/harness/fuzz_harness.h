// Fuzz harnesses (docs/reliability.md R2): one function per parser that takes arbitrary bytes.
//
// Contract of every harness: for ANY input it returns, after the parser either accepted the
// bytes or threw lstmlab::Error (its one-sentence message, checked to be one non-empty line). Anything
// else is a bug and ends the process through fuzz_failure() (abort(), so libFuzzer and the replay test
// both see it): another exception type (std::bad_alloc, std::out_of_range, ...), a broken round trip,
// and of course whatever ASan / UBSan catch underneath.
//
// The same functions run in two places:
//   - tests/fuzz/fuzz_main.cpp: LLVMFuzzerTestOneInput of a libFuzzer binary (sanitizer tree by clang)
//     (smoke runs in `make test`, longer runs by hand, see tests/fuzz/README.md);
//   - tests/fuzz/tst_fuzz_replay.cpp: every committed corpus file and every regression input, in the
//     ordinary release and ASan builds, so a fixed crash stays fixed without clang.
//
//   target       parser                                                       input
//   csv          load_csv (3 option sets), inspect, prepare_data              a CSV file
//   checkpoint   load_checkpoint (R1 gate), make_model, one forward pass     a .safetensors file
//   json         parse_json + to_json round trip, ModelSpec / TrainConfig /  a JSON document
//                TrainState / FittedPipeline readers on the value and its members
//   experiment   ui/session experimentFromJson and its JSON round trip        an experiment file
//   sweep        parse_sweep, expand_sweep as `lstmlab-cli sweep` does         a sweep file
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

namespace lstmlab::fuzz {

using Bytes = std::span<const std::uint8_t>;

// Each returns true when its parser accepted the whole input (csv: the inspect-style load;
// checkpoint: load_checkpoint; json: parse_json; experiment: experimentFromJson; sweep: parse_sweep),
// false when it refused it with an lstmlab::Error. The replay test checks the seeds named ok_* and
// bad_* against it.
bool fuzz_csv(Bytes input);
bool fuzz_checkpoint(Bytes input);
bool fuzz_json(Bytes input);
bool fuzz_experiment(Bytes input);   // needs Qt Core (ui/session/experiment.cpp)
bool fuzz_sweep(Bytes input);

// Prints "fuzz harness <target>: <what>" to stderr and aborts.
[[noreturn]] void fuzz_failure(std::string_view target, std::string_view what);

// Checks an lstmlab::Error message: non-empty and one line (the apps print it as is).
void check_message(std::string_view target, std::string_view message);

// Runs `body`; an lstmlab::Error is an accepted outcome (its message is checked), any other
// exception is a failure. Returns true when `body` returned normally.
template <typename Body>
bool accepts(std::string_view target, Body&& body);

} // namespace lstmlab::fuzz

#include "engine/core/error.h"

#include <exception>
#include <string>
#include <typeinfo>

template <typename Body>
bool lstmlab::fuzz::accepts(std::string_view target, Body&& body)
{
    try {
        body();
        return true;
    } catch (const lstmlab::Error& error) {
        check_message(target, error.what());
        return false;
    } catch (const std::exception& error) {
        fuzz_failure(target, std::string("a non-lstmlab exception escaped: ") + typeid(error).name() + ": " + error.what());
    } catch (...) {
        fuzz_failure(target, "an exception of unknown type escaped");
    }
}
