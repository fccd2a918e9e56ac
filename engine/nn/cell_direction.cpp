#include "engine/nn/cell_direction.h"

#include "engine/nn/gru_cell.h"
#include "engine/nn/init.h"
#include "engine/nn/lstm_cell.h"
#include "engine/nn/recurrent_kernels.h"
#include "engine/nn/simd.h"

namespace lstmlab {

template <typename Scalar, typename Cell>
CellDirection<Scalar, Cell>::CellDirection(Parameters<Scalar>& params, const std::string& prefix,
                                           const std::string& suffix, int input, int hidden, bool reverse)
    : m_params(params), m_input(input), m_hidden(hidden), m_reverse(reverse)
{
    const int rows = Cell::gates * hidden;
    m_weight_ih = params.declare_matrix(prefix + "weight_ih" + suffix, rows, input);
    m_weight_hh = params.declare_matrix(prefix + "weight_hh" + suffix, rows, hidden);
    m_bias_ih = params.declare_vector(prefix + "bias_ih" + suffix, rows);
    m_bias_hh = params.declare_vector(prefix + "bias_hh" + suffix, rows);
}

template <typename Scalar, typename Cell>
void CellDirection<Scalar, Cell>::initialize(Rng& rng)
{
    // PyTorch: every weight and bias of an RNN ~ U(-1/sqrt(H), 1/sqrt(H)), in declaration order.
    const double bound = 1.0 / std::sqrt(static_cast<double>(m_hidden));
    for (int index : {m_weight_ih, m_weight_hh, m_bias_ih, m_bias_hh})
        fill_uniform(m_params.mutable_value(index), rng, bound);
}

template <typename Scalar, typename Cell>
int CellDirection<Scalar, Cell>::members_for_steps(ComputeContext<Scalar>& compute, bool by_units) const
{
    const double step_work = double(Cell::gates) * m_hidden * (m_input + m_hidden) * m_batch;
    return by_units ? compute.members_for(step_work, ComputeContext<Scalar>::min_step_work_per_member)
                    : compute.members_for(step_work * m_steps);
}

template <typename Scalar, typename Cell>
void CellDirection<Scalar, Cell>::forward(const ConstSeqRef<Scalar>& x, int steps, int batch, Mode mode)
{
    constexpr int G = Cell::gates;
    const int H = m_hidden;
    const int B = batch;
    const Eigen::Index TB = Eigen::Index(steps) * B;
    const StepOrder order{steps, m_reverse};
    m_steps = steps;
    m_batch = batch;

    RecurrentStepData<Scalar> data;
    data.input = m_input;
    data.hidden = H;
    data.batch = B;
    data.order = order;
    data.x = x.data();
    data.ldx = x.outerStride();
    data.gates = m_gates.view(G * H, TB).data();            // (G H, T*B)
    data.saved = m_saved.view(H, TB).data();                // (H, T*B)
    data.states = m_states.view(H, TB + B).data();          // (H, (T+1)*B)
    data.packed = m_packed.view(Eigen::Index(forward_packed_size<Scalar, Cell>(m_input, H)), 1).data();
    data.store_activations = this->keeps_activations(mode);
    // The four tensors are declared one after the other: one span of the flat buffer holds them.
    const TensorInfo& first = m_params.tensors()[std::size_t(m_weight_ih)];
    const TensorInfo& last = m_params.tensors()[std::size_t(m_bias_hh)];
    const bool repack = m_snapshot.update(m_params, first.offset, last.offset + last.size() - first.offset);
    m_states.current().middleCols(Eigen::Index(order.initial_block()) * B, B).setZero();
    if constexpr (Cell::keeps_cells) {
        data.cells = m_cells.view(H, TB + B).data();        // (H, (T+1)*B)
        m_cells.current().middleCols(Eigen::Index(order.initial_block()) * B, B).setZero();
    }

    const Scalar* w_ih = m_params.value(m_weight_ih).data();
    const Scalar* w_hh = m_params.value(m_weight_hh).data();
    const Scalar* b_ih = m_params.value_vector(m_bias_ih).data();
    const Scalar* b_hh = m_params.value_vector(m_bias_hh).data();
    Scalar* packed = m_packed.current().data();
    ComputeContext<Scalar>& compute = this->context();
    const int blocks = forward_blocks<Scalar>(H);
    const bool by_units = split_by_units(B, compute.threads(), gemm_blocking::columns);
    const int members = members_for_steps(compute, by_units);
    // Projected by units, or by one member over every window (never by several over windows).
    data.projected = projects_inputs(B, m_input) && (by_units || members == 1);
    compute.run(members, [&](int member, int team_size) {
        // Each member packs the unit blocks it runs when splitting by units (they stay in its cache).
        const Range units = split_range(blocks, member, team_size, 1);
        if (repack)
            pack_forward<Scalar, Cell>(w_ih, w_hh, b_ih, b_hh, m_input, H, int(units.begin), int(units.end), packed);
        if (by_units) {
            if (data.projected)
                project_inputs<Scalar, Cell>(data, 0, TB, int(units.begin), int(units.end));
            for (int k = 0; k < steps; ++k) {
                // The other members wrote their units of h_{t-1}: ask for all of it before the chain of
                // multiply-adds reaches it (stacked LSTM h128x2, one window, 2 threads: ~5 % faster).
                const int t = order.time_at(k);
                simd::prefetch(data.states + Eigen::Index(order.previous_block(t)) * B * H, sizeof(Scalar) * B * H);
                forward_step<Scalar, Cell>(data, t, 0, B, int(units.begin), int(units.end));
                compute.barrier(team_size);
            }
            return;
        }
        compute.barrier(team_size);
        const Range columns = compute.share(B, member, team_size, 1);
        const Stopwatch timer;
        if (data.projected)
            project_inputs<Scalar, Cell>(data, 0, TB, 0, blocks);
        for (int k = 0; k < steps; ++k)
            forward_step<Scalar, Cell>(data, order.time_at(k), columns.begin, columns.end, 0, blocks);
        compute.record(member, columns, timer.seconds());
    });
}

template <typename Scalar, typename Cell>
Eigen::Map<const ColMatrix<Scalar>> CellDirection<Scalar, Cell>::output() const
{
    const StepOrder order{m_steps, m_reverse};
    const Eigen::Index B = m_batch;
    const auto states = m_states.current();
    return Eigen::Map<const ColMatrix<Scalar>>(states.data() + order.output_first_block() * B * m_hidden,
                                               m_hidden, Eigen::Index(m_steps) * B);
}

template <typename Scalar, typename Cell>
void CellDirection<Scalar, Cell>::backward(const ConstSeqRef<Scalar>& x, const ConstSeqRef<Scalar>& dy,
                                           SeqMap<Scalar>* dx)
{
    this->require_training_forward(Cell::name);
    constexpr int G = Cell::gates;
    const int H = m_hidden;
    const int I = m_input;
    const int B = m_batch;
    const Eigen::Index TB = Eigen::Index(m_steps) * B;
    const StepOrder order{m_steps, m_reverse};

    RecurrentStepData<Scalar> data;
    data.input = I;
    data.hidden = H;
    data.batch = B;
    data.order = order;
    data.gates = m_gates.current().data();
    data.saved = m_saved.current().data();
    data.states = m_states.current().data();
    if constexpr (Cell::keeps_cells)
        data.cells = m_cells.current().data();
    data.dy = dy.data();
    data.lddy = dy.outerStride();
    data.input_grads = m_input_grads.view(G * H, TB).data();           // (G H, T*B)
    data.hidden_grads = Cell::separate_hidden_grads ? m_hidden_grads.view(G * H, TB).data() : data.input_grads;
    auto carry = m_carry.view(H, B);                                   // (H, B)
    carry.setZero();
    data.carry = carry.data();
    data.packed = m_packed_t.view(Eigen::Index(backward_packed_size<Scalar, Cell>(H)), 1).data();
    const bool repack = m_packed_t_generation != m_snapshot.generation();   // the forward's weights
    m_packed_t_generation = m_snapshot.generation();

    const Scalar* w_hh = m_params.value(m_weight_hh).data();
    Scalar* packed = m_packed_t.current().data();
    ComputeContext<Scalar>& compute = this->context();
    const int tiles = backward_tiles<Scalar>(H);
    const bool by_units = split_by_units(B, compute.threads(), gemm_blocking::columns);
    const int members = members_for_steps(compute, by_units);
    compute.run(members, [&](int member, int team_size) {
        const Range units = split_range(tiles, member, team_size, 1);
        if (repack)
            pack_backward<Scalar, Cell>(w_hh, H, int(units.begin), int(units.end), packed);
        const auto later = [&](int k) { return k + 1 < m_steps ? order.time_at(k + 1) : -1; };
        if (by_units) {
            for (int k = m_steps - 1; k >= 0; --k) {
                backward_step<Scalar, Cell>(data, order.time_at(k), later(k), 0, B, int(units.begin), int(units.end));
                compute.barrier(team_size);
            }
            return;
        }
        compute.barrier(team_size);
        const Range columns = compute.share(B, member, team_size, 1);
        const Stopwatch timer;
        for (int k = m_steps - 1; k >= 0; --k)
            backward_step<Scalar, Cell>(data, order.time_at(k), later(k), columns.begin, columns.end, 0, tiles);
        compute.record(member, columns, timer.seconds());
    });

    const Scalar* h_prev = data.states + Eigen::Index(order.previous_first_block()) * B * H;   // (H, T*B)
    const auto x_rows = MatrixView<Scalar>::column_major(x.data(), I, TB, x.outerStride());
    const auto h_rows = MatrixView<Scalar>::column_major(h_prev, H, TB, H);
    if constexpr (Cell::separate_hidden_grads) {
        add_weight_grads(StackedRows<Scalar>(x_rows), {m_weight_ih}, data.input_grads, {m_bias_ih});
        add_weight_grads(StackedRows<Scalar>(h_rows), {m_weight_hh}, data.hidden_grads, {m_bias_hh});
    } else {
        StackedRows<Scalar> rows(x_rows);
        rows.append(h_rows);
        add_weight_grads(rows, {m_weight_ih, m_weight_hh}, data.input_grads, {m_bias_ih, m_bias_hh});
    }
    if (dx)
        compute.gemm(StackedRows<Scalar>(MatrixView<Scalar>::column_major(m_params.value(m_weight_ih).data(), I,
                                                                          G * H, I)),
                     MatrixView<Scalar>::column_major(data.input_grads, G * H, TB, G * H), dx->data(), dx->rows(), true);
}

template <typename Scalar, typename Cell>
void CellDirection<Scalar, Cell>::add_weight_grads(const StackedRows<Scalar>& rows, std::initializer_list<int> weights,
                                                   const Scalar* grads, std::initializer_list<int> biases)
{
    const int GH = Cell::gates * m_hidden;
    const Eigen::Index TB = rows.cols();
    const Eigen::Index K = rows.rows() + 1;
    StackedRows<Scalar> inputs = rows;
    inputs.append(MatrixView<Scalar>::ones(1, TB));
    Scalar* sums = m_weight_grads.view(K, GH).data();
    this->context().gemm(inputs, MatrixView<Scalar>::transposed(grads, TB, GH, GH), sums, K, false);
    Scalar* weight_grads[2];   // (G H, cols of part p) row-major, one per part of rows
    Scalar* bias_grads[2];
    int parts = 0;
    for (int weight : weights)
        weight_grads[parts++] = m_params.grad(weight).data();
    int bias_count = 0;
    for (int bias : biases)
        bias_grads[bias_count++] = m_params.grad_vector(bias).data();
    for (int row = 0; row < GH; ++row) {
        const Scalar* column = sums + Eigen::Index(row) * K;
        for (int part = 0; part < parts; ++part) {
            const Eigen::Index cols = rows.parts[std::size_t(part)].rows;
            Scalar* grad = weight_grads[part] + Eigen::Index(row) * cols;
            for (Eigen::Index k = 0; k < cols; ++k)
                grad[k] += column[k];
            column += cols;
        }
        for (int b = 0; b < bias_count; ++b)
            bias_grads[b][row] += *column;
    }
}

template class CellDirection<float, LstmCell>;
template class CellDirection<double, LstmCell>;
template class CellDirection<float, GruCell>;
template class CellDirection<double, GruCell>;

} // namespace lstmlab
