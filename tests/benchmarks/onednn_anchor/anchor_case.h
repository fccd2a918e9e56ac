// The anchor's cases and the engine's side of them.
//
// A case is the recurrent part of one tutorial configuration (the attention model's is its LSTM
// h32x2; the head, loss and optimiser are not oneDNN's business). EngineStack is that part in the
// engine: the RecurrentStack a Model builds, on its own Parameters and thread team.
//   x  (I, T*B)  input windows; dy (H_top, T*B) gradient of the loss w.r.t. every output
// train_step() is one training step's recurrent work: weights marked changed (so the kernels repack
// them, as after every optimiser update), gradients zeroed, training forward, backward with dx.
#pragma once

#include "engine/nn/compute_context.h"
#include "engine/nn/model_spec.h"
#include "engine/nn/recurrent_stack.h"
#include "tests/benchmarks/onednn_anchor/gate_layout.h"

#include <memory>
#include <string>
#include <vector>

namespace lstmlab::anchor {

struct AnchorCase {
    std::string name;             // lstmlab-cli bench's name: single_h32, ..., single_h512
    Cell cell = Cell::lstm;
    std::vector<int> hidden;
    int features = 10;
    int steps = 20;
    int batch = 64;
    ModelSpec spec() const;       // the recurrent part as a ModelSpec (no attention, one output)
};

// The six configurations of `lstmlab-cli bench` (engine/train/benchmark.h) at `batch`.
std::vector<AnchorCase> anchor_cases(int batch = 64);

class EngineStack {
public:
    EngineStack(const AnchorCase& c, std::uint64_t seed);

    void set_threads(int threads);
    void train_step();                    // forward (training) + backward with dx, on x and dy
    void forward_training();              // the forward half of train_step()
    // An inference forward of the first `batch` windows of x (batch <= the case's): weights unchanged.
    void forward_inference(int batch);
    // Those windows, (I, T*batch).
    const ColMatrix<float>& inference_input(int batch);

    const AnchorCase& config() const { return m_case; }
    Parameters<float>& parameters() { return m_params; }
    ColMatrix<float>& x() { return m_x; }
    ColMatrix<float>& dy() { return m_dy; }
    const ColMatrix<float>& dx() const { return m_dx; }
    Eigen::Map<const ColMatrix<float>> output() const { return m_stack.output(); }

private:
    AnchorCase m_case;
    Parameters<float> m_params;
    RecurrentStack<float> m_stack;
    std::unique_ptr<ComputeContext<float>> m_context;
    ColMatrix<float> m_x, m_dy, m_dx;
    ColMatrix<float> m_window;            // inference input, (I, T*b)
};

} // namespace lstmlab::anchor
