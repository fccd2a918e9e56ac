#include "engine/nn/gru_direction.h"

#include "engine/nn/gru_kernels.h"
#include "engine/nn/init.h"
#include "engine/nn/simd.h"

namespace lstmlab {

template <typename Scalar>
GruDirection<Scalar>::GruDirection(Parameters<Scalar>& params, const std::string& prefix, const std::string& suffix,
                                   int input, int hidden, bool reverse)
    : m_params(params), m_input(input), m_hidden(hidden), m_reverse(reverse)
{
    m_weight_ih = params.declare_matrix(prefix + "weight_ih" + suffix, 3 * hidden, input);
    m_weight_hh = params.declare_matrix(prefix + "weight_hh" + suffix, 3 * hidden, hidden);
    m_bias_ih = params.declare_vector(prefix + "bias_ih" + suffix, 3 * hidden);
    m_bias_hh = params.declare_vector(prefix + "bias_hh" + suffix, 3 * hidden);
}

template <typename Scalar>
void GruDirection<Scalar>::initialize(Rng& rng)
{
    const double bound = 1.0 / std::sqrt(static_cast<double>(m_hidden));
    for (int index : {m_weight_ih, m_weight_hh, m_bias_ih, m_bias_hh})
        fill_uniform(m_params.mutable_value(index), rng, bound);
}

template <typename Scalar>
void GruDirection<Scalar>::forward(const ConstSeqRef<Scalar>& x, int steps, int batch, Mode mode)
{
    const int H = m_hidden;
    const int B = batch;
    const Eigen::Index TB = Eigen::Index(steps) * B;
    const StepOrder order{steps, m_reverse};
    m_steps = steps;
    m_batch = batch;

    GruStepData<Scalar> data;
    data.input = m_input;
    data.hidden = H;
    data.batch = B;
    data.order = order;
    data.x = x.data();
    data.ldx = x.outerStride();
    data.gates = m_gates.view(3 * H, TB).data();          // (3H, T*B)
    data.hidden_n = m_hidden_n.view(H, TB).data();        // (H, T*B)
    data.states = m_states.view(H, TB + B).data();        // (H, (T+1)*B)
    data.packed = m_packed.view(Eigen::Index(gru_forward_packed_size<Scalar>(m_input, H)), 1).data();
    data.store_activations = this->keeps_activations(mode);
    // The four tensors are declared one after the other: one span of the flat buffer holds them.
    const TensorInfo& first = m_params.tensors()[std::size_t(m_weight_ih)];
    const TensorInfo& last = m_params.tensors()[std::size_t(m_bias_hh)];
    const bool repack = m_snapshot.update(m_params, first.offset,
                                          last.offset + last.size() - first.offset);
    m_states.current().middleCols(Eigen::Index(order.initial_block()) * B, B).setZero();

    const Scalar* w_ih = m_params.value(m_weight_ih).data();
    const Scalar* w_hh = m_params.value(m_weight_hh).data();
    const Scalar* b_ih = m_params.value_vector(m_bias_ih).data();
    const Scalar* b_hh = m_params.value_vector(m_bias_hh).data();
    Scalar* packed = m_packed.current().data();
    ComputeContext<Scalar>& compute = this->context();
    const int blocks = gru_forward_blocks<Scalar>(H);
    const double step_work = 3.0 * H * (m_input + H) * B;   // multiply-adds of one step
    const bool by_units = split_by_units(B, compute.threads(), gemm_blocking::columns);
    const int members = by_units ? compute.members_for(step_work, ComputeContext<Scalar>::min_step_work_per_member)
                                 : compute.members_for(step_work * m_steps);
    compute.run(members, [&](int member, int team_size) {
        const Range units = split_range(blocks, member, team_size, 1);
        if (repack)
            pack_gru_forward(w_ih, w_hh, b_ih, b_hh, m_input, H, int(units.begin), int(units.end), packed);
        if (by_units) {
            for (int k = 0; k < steps; ++k) {
                // The other members wrote their units of h_{t-1}: ask for all of it first (as the LSTM).
                const int t = order.time_at(k);
                simd::prefetch(data.states + Eigen::Index(order.previous_block(t)) * B * H, sizeof(Scalar) * B * H);
                gru_forward_step(data, t, 0, B, int(units.begin), int(units.end));
                compute.barrier(team_size);
            }
            return;
        }
        compute.barrier(team_size);
        const Range columns = compute.share(B, member, team_size, 1);
        const Stopwatch timer;
        for (int k = 0; k < steps; ++k)
            gru_forward_step(data, order.time_at(k), columns.begin, columns.end, 0, blocks);
        compute.record(member, columns, timer.seconds());
    });
}

template <typename Scalar>
Eigen::Map<const ColMatrix<Scalar>> GruDirection<Scalar>::output() const
{
    const StepOrder order{m_steps, m_reverse};
    const Eigen::Index B = m_batch;
    const auto states = m_states.current();
    return Eigen::Map<const ColMatrix<Scalar>>(states.data() + order.output_first_block() * B * m_hidden,
                                               m_hidden, Eigen::Index(m_steps) * B);
}

template <typename Scalar>
void GruDirection<Scalar>::backward(const ConstSeqRef<Scalar>& x, const ConstSeqRef<Scalar>& dy, SeqMap<Scalar>* dx)
{
    this->require_training_forward("GruDirection");
    const int H = m_hidden;
    const int I = m_input;
    const int B = m_batch;
    const Eigen::Index TB = Eigen::Index(m_steps) * B;
    const StepOrder order{m_steps, m_reverse};

    GruStepData<Scalar> data;
    data.input = I;
    data.hidden = H;
    data.batch = B;
    data.order = order;
    data.gates = m_gates.current().data();
    data.hidden_n = m_hidden_n.current().data();
    data.states = m_states.current().data();
    data.dy = dy.data();
    data.lddy = dy.outerStride();
    data.input_grads = m_input_grads.view(3 * H, TB).data();    // (3H, T*B)
    data.hidden_grads = m_hidden_grads.view(3 * H, TB).data();  // (3H, T*B)
    data.state_grad = m_dh.view(H, B).data();                   // (H, B)
    data.packed = m_packed_t.view(Eigen::Index(gru_backward_packed_size<Scalar>(H)), 1).data();
    const bool repack = m_packed_t_generation != m_snapshot.generation();   // the forward's weights
    m_packed_t_generation = m_snapshot.generation();

    const Scalar* w_hh = m_params.value(m_weight_hh).data();
    Scalar* packed = m_packed_t.current().data();
    ComputeContext<Scalar>& compute = this->context();
    const int tiles = gru_backward_tiles<Scalar>(H);
    const double step_work = 3.0 * H * (m_input + H) * B;   // multiply-adds of one step
    const bool by_units = split_by_units(B, compute.threads(), gemm_blocking::columns);
    const int members = by_units ? compute.members_for(step_work, ComputeContext<Scalar>::min_step_work_per_member)
                                 : compute.members_for(step_work * m_steps);
    compute.run(members, [&](int member, int team_size) {
        const Range units = split_range(tiles, member, team_size, 1);
        if (repack)
            pack_gru_backward(w_hh, H, int(units.begin), int(units.end), packed);
        if (by_units) {
            for (int k = m_steps - 1; k >= 0; --k) {
                gru_backward_step(data, order.time_at(k), k + 1 < m_steps ? order.time_at(k + 1) : -1, 0, B,
                                  int(units.begin), int(units.end));
                compute.barrier(team_size);
            }
            return;
        }
        compute.barrier(team_size);
        const Range columns = compute.share(B, member, team_size, 1);
        const Stopwatch timer;
        for (int k = m_steps - 1; k >= 0; --k)
            gru_backward_step(data, order.time_at(k), k + 1 < m_steps ? order.time_at(k + 1) : -1, columns.begin,
                              columns.end, 0, tiles);
        compute.record(member, columns, timer.seconds());
    });

    // [dW^T; db^T] = [inputs; 1] grads^T over all steps, added to a weight's and a bias's gradient.
    const auto add_product = [&](const MatrixView<Scalar>& inputs, const Scalar* grads, int weight, int bias) {
        const Eigen::Index K = inputs.rows + 1;
        StackedRows<Scalar> rows(inputs);
        rows.append(MatrixView<Scalar>::ones(1, TB));
        Scalar* sums = m_weight_grads.view(K, 3 * H).data();
        compute.gemm(rows, MatrixView<Scalar>::transposed(grads, TB, 3 * H, 3 * H), sums, K, false);
        Scalar* grad_w = m_params.grad(weight).data();
        Scalar* grad_b = m_params.grad_vector(bias).data();
        for (int row = 0; row < 3 * H; ++row) {
            const Scalar* column = sums + Eigen::Index(row) * K;
            for (Eigen::Index k = 0; k + 1 < K; ++k)
                grad_w[Eigen::Index(row) * (K - 1) + k] += column[k];
            grad_b[row] += column[K - 1];
        }
    };
    const Scalar* h_prev = data.states + Eigen::Index(order.previous_first_block()) * B * H;   // (H, T*B)
    add_product(MatrixView<Scalar>::column_major(x.data(), I, TB, x.outerStride()), data.input_grads, m_weight_ih,
                m_bias_ih);
    add_product(MatrixView<Scalar>::column_major(h_prev, H, TB, H), data.hidden_grads, m_weight_hh, m_bias_hh);
    if (dx)
        compute.gemm(StackedRows<Scalar>(MatrixView<Scalar>::column_major(m_params.value(m_weight_ih).data(), I,
                                                                          3 * H, I)),
                     MatrixView<Scalar>::column_major(data.input_grads, 3 * H, TB, 3 * H), dx->data(), dx->rows(), true);
}

template class GruDirection<float>;
template class GruDirection<double>;

} // namespace lstmlab
