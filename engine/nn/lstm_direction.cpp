#include "engine/nn/lstm_direction.h"

#include "engine/nn/init.h"
#include "engine/nn/lstm_kernels.h"
#include "engine/nn/simd.h"

namespace lstmlab {

template <typename Scalar>
LstmDirection<Scalar>::LstmDirection(Parameters<Scalar>& params, const std::string& prefix,
                                     const std::string& suffix, int input, int hidden, bool reverse)
    : m_params(params), m_input(input), m_hidden(hidden), m_reverse(reverse)
{
    m_weight_ih = params.declare_matrix(prefix + "weight_ih" + suffix, 4 * hidden, input);
    m_weight_hh = params.declare_matrix(prefix + "weight_hh" + suffix, 4 * hidden, hidden);
    m_bias_ih = params.declare_vector(prefix + "bias_ih" + suffix, 4 * hidden);
    m_bias_hh = params.declare_vector(prefix + "bias_hh" + suffix, 4 * hidden);
}

template <typename Scalar>
void LstmDirection<Scalar>::initialize(Rng& rng)
{
    // PyTorch: every weight and bias of an RNN ~ U(-1/sqrt(H), 1/sqrt(H)), in declaration order.
    const double bound = 1.0 / std::sqrt(static_cast<double>(m_hidden));
    for (int index : {m_weight_ih, m_weight_hh, m_bias_ih, m_bias_hh})
        fill_uniform(m_params.mutable_value(index), rng, bound);
}

template <typename Scalar>
void LstmDirection<Scalar>::forward(const ConstSeqRef<Scalar>& x, int steps, int batch, Mode mode)
{
    const int H = m_hidden;
    const int B = batch;
    const Eigen::Index TB = Eigen::Index(steps) * B;
    const StepOrder order{steps, m_reverse};
    m_steps = steps;
    m_batch = batch;

    LstmStepData<Scalar> data;
    data.input = m_input;
    data.hidden = H;
    data.batch = B;
    data.order = order;
    data.x = x.data();
    data.ldx = x.outerStride();
    data.gates = m_gates.view(4 * H, TB).data();            // (4H, T*B)
    data.cells = m_cells.view(H, TB + B).data();            // (H, (T+1)*B)
    data.cell_tanh = m_cell_tanh.view(H, TB).data();        // (H, T*B)
    data.states = m_states.view(H, TB + B).data();          // (H, (T+1)*B)
    data.packed = m_packed.view(Eigen::Index(lstm_forward_packed_size<Scalar>(m_input, H)), 1).data();
    data.store_activations = this->keeps_activations(mode);
    // The four tensors are declared one after the other: one span of the flat buffer holds them.
    const TensorInfo& first = m_params.tensors()[std::size_t(m_weight_ih)];
    const TensorInfo& last = m_params.tensors()[std::size_t(m_bias_hh)];
    const bool repack = m_snapshot.update(m_params, first.offset,
                                          last.offset + last.size() - first.offset);
    m_cells.current().middleCols(Eigen::Index(order.initial_block()) * B, B).setZero();
    m_states.current().middleCols(Eigen::Index(order.initial_block()) * B, B).setZero();

    const Scalar* w_ih = m_params.value(m_weight_ih).data();
    const Scalar* w_hh = m_params.value(m_weight_hh).data();
    const Scalar* b_ih = m_params.value_vector(m_bias_ih).data();
    const Scalar* b_hh = m_params.value_vector(m_bias_hh).data();
    Scalar* packed = m_packed.current().data();
    ComputeContext<Scalar>& compute = this->context();
    const int blocks = lstm_forward_blocks<Scalar>(H);
    const double step_work = 4.0 * H * (m_input + H) * B;   // multiply-adds of one step
    const bool by_units = split_by_units(B, compute.threads(), gemm_blocking::columns);
    const int members = by_units ? compute.members_for(step_work, ComputeContext<Scalar>::min_step_work_per_member)
                                 : compute.members_for(step_work * m_steps);
    // Projected by units, or by one member over every window (never by several over windows).
    data.projected = lstm_projects_inputs(B, m_input) && (by_units || members == 1);
    compute.run(members, [&](int member, int team_size) {
        // Each member packs the unit blocks it runs when splitting by units (they stay in its cache).
        const Range units = split_range(blocks, member, team_size, 1);
        if (repack)
            pack_lstm_forward(w_ih, w_hh, b_ih, b_hh, m_input, H, int(units.begin), int(units.end), packed);
        if (by_units) {
            if (data.projected)
                lstm_project_inputs(data, 0, TB, int(units.begin), int(units.end));
            for (int k = 0; k < steps; ++k) {
                // The other members wrote their units of h_{t-1}: ask for all of it before the chain of
                // multiply-adds reaches it (stacked h128x2, one window, 2 threads: ~5 % faster).
                const int t = order.time_at(k);
                simd::prefetch(data.states + Eigen::Index(order.previous_block(t)) * B * H, sizeof(Scalar) * B * H);
                lstm_forward_step(data, t, 0, B, int(units.begin), int(units.end));
                compute.barrier(team_size);
            }
            return;
        }
        compute.barrier(team_size);
        const Range columns = compute.share(B, member, team_size, 1);
        const Stopwatch timer;
        if (data.projected)
            lstm_project_inputs(data, 0, TB, 0, blocks);
        for (int k = 0; k < steps; ++k)
            lstm_forward_step(data, order.time_at(k), columns.begin, columns.end, 0, blocks);
        compute.record(member, columns, timer.seconds());
    });
}

template <typename Scalar>
Eigen::Map<const ColMatrix<Scalar>> LstmDirection<Scalar>::output() const
{
    const StepOrder order{m_steps, m_reverse};
    const Eigen::Index B = m_batch;
    const auto states = m_states.current();
    return Eigen::Map<const ColMatrix<Scalar>>(states.data() + order.output_first_block() * B * m_hidden,
                                               m_hidden, Eigen::Index(m_steps) * B);
}

template <typename Scalar>
void LstmDirection<Scalar>::backward(const ConstSeqRef<Scalar>& x, const ConstSeqRef<Scalar>& dy, SeqMap<Scalar>* dx)
{
    this->require_training_forward("LstmDirection");
    const int H = m_hidden;
    const int I = m_input;
    const int B = m_batch;
    const Eigen::Index TB = Eigen::Index(m_steps) * B;
    const StepOrder order{m_steps, m_reverse};

    LstmStepData<Scalar> data;
    data.input = I;
    data.hidden = H;
    data.batch = B;
    data.order = order;
    data.gates = m_gates.current().data();
    data.cells = m_cells.current().data();
    data.cell_tanh = m_cell_tanh.current().data();
    data.states = m_states.current().data();
    data.dy = dy.data();
    data.lddy = dy.outerStride();
    data.gate_grads = m_gate_grads.view(4 * H, TB).data();   // (4H, T*B)
    auto dc = m_dc.view(H, B);                               // (H, B)
    dc.setZero();
    data.cell_grad = dc.data();
    data.packed = m_packed_t.view(Eigen::Index(lstm_backward_packed_size<Scalar>(H)), 1).data();
    const bool repack = m_packed_t_generation != m_snapshot.generation();   // the forward's weights
    m_packed_t_generation = m_snapshot.generation();

    const Scalar* w_hh = m_params.value(m_weight_hh).data();
    Scalar* packed = m_packed_t.current().data();
    ComputeContext<Scalar>& compute = this->context();
    const int tiles = lstm_backward_tiles<Scalar>(H);
    const double step_work = 4.0 * H * (m_input + H) * B;   // multiply-adds of one step
    const bool by_units = split_by_units(B, compute.threads(), gemm_blocking::columns);
    const int members = by_units ? compute.members_for(step_work, ComputeContext<Scalar>::min_step_work_per_member)
                                 : compute.members_for(step_work * m_steps);
    compute.run(members, [&](int member, int team_size) {
        const Range units = split_range(tiles, member, team_size, 1);
        if (repack)
            pack_lstm_backward(w_hh, H, int(units.begin), int(units.end), packed);
        if (by_units) {
            for (int k = m_steps - 1; k >= 0; --k) {
                lstm_backward_step(data, order.time_at(k), k + 1 < m_steps ? order.time_at(k + 1) : -1, 0, B,
                                   int(units.begin), int(units.end));
                compute.barrier(team_size);
            }
            return;
        }
        compute.barrier(team_size);
        const Range columns = compute.share(B, member, team_size, 1);
        const Stopwatch timer;
        for (int k = m_steps - 1; k >= 0; --k)
            lstm_backward_step(data, order.time_at(k), k + 1 < m_steps ? order.time_at(k + 1) : -1, columns.begin,
                               columns.end, 0, tiles);
        compute.record(member, columns, timer.seconds());
    });

    // [dW_ih^T; dW_hh^T; db^T] (I+H+1, 4H) = [x; h_prev; 1] da^T, one product over all steps.
    const Eigen::Index K = I + H + 1;
    const Scalar* h_prev = data.states + Eigen::Index(order.previous_first_block()) * B * H;   // (H, T*B)
    StackedRows<Scalar> inputs(MatrixView<Scalar>::column_major(x.data(), I, TB, x.outerStride()));
    inputs.append(MatrixView<Scalar>::column_major(h_prev, H, TB, H));
    inputs.append(MatrixView<Scalar>::ones(1, TB));
    Scalar* sums = m_weight_grads.view(K, 4 * H).data();
    compute.gemm(inputs, MatrixView<Scalar>::transposed(data.gate_grads, TB, 4 * H, 4 * H), sums, K, false);
    Scalar* grad_ih = m_params.grad(m_weight_ih).data();
    Scalar* grad_hh = m_params.grad(m_weight_hh).data();
    Scalar* grad_b_ih = m_params.grad_vector(m_bias_ih).data();
    Scalar* grad_b_hh = m_params.grad_vector(m_bias_hh).data();
    for (int row = 0; row < 4 * H; ++row) {
        const Scalar* column = sums + Eigen::Index(row) * K;
        for (int k = 0; k < I; ++k)
            grad_ih[Eigen::Index(row) * I + k] += column[k];
        for (int k = 0; k < H; ++k)
            grad_hh[Eigen::Index(row) * H + k] += column[I + k];
        grad_b_ih[row] += column[I + H];
        grad_b_hh[row] += column[I + H];
    }
    if (dx)
        compute.gemm(StackedRows<Scalar>(MatrixView<Scalar>::column_major(m_params.value(m_weight_ih).data(), I,
                                                                          4 * H, I)),
                     MatrixView<Scalar>::column_major(data.gate_grads, 4 * H, TB, 4 * H), dx->data(), dx->rows(), true);
}

template class LstmDirection<float>;
template class LstmDirection<double>;

} // namespace lstmlab
