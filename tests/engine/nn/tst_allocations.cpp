// No heap allocation in a training step after warm-up: zero_grad -> forward -> loss -> backward ->
// clip -> Adam step, repeated with the same batch size, allocates nothing once the first steps have
// grown the layers' scratch buffers (tensor_types.h Buffer) - for LSTM, GRU, attention, bidirectional
// layers with dropout, on one thread and on a team of two. The same holds for inference forwards.
// Counted by replacing the global operator new (every C++ allocation, std::vector included) and, outside
// sanitizer builds, malloc itself (Eigen's aligned_malloc calls std::malloc for its temporaries).
// The trainer adds fill_batch, which resizes its batch matrices only when the batch size changes: the
// one short batch at the end of an epoch allocates once, the equal-sized steps before it do not.
#include "engine/nn/loss.h"
#include "engine/nn/model.h"
#include "engine/train/adam.h"
#include "engine/train/trainer.h"
#include "engine_metatypes.h"
#include "sanitizer.h"
#include "test_main.h"

#include <QtTest>

#include <atomic>
#include <cstdlib>
#include <new>

// Not wrapped in `namespace tst_allocations` like the other suites (test_main.h): the replacements of
// operator new below must be global, so this suite has an executable of its own (STANDALONE).

namespace {
std::atomic<long> g_allocations{0};
std::atomic<bool> g_counting{false};

inline void note_allocation()
{
    if (g_counting.load(std::memory_order_relaxed))
        g_allocations.fetch_add(1, std::memory_order_relaxed);
}
} // namespace

// Under AddressSanitizer malloc is the sanitizer's and must not be interposed.
#if !defined(LSTMLAB_ASAN)
extern "C" void* __libc_malloc(std::size_t);
// operator new counts itself, so it bypasses the interposed (counting) malloc below.
static void* raw_malloc(std::size_t size) { return __libc_malloc(size); }
#else
static void* raw_malloc(std::size_t size) { return std::malloc(size); }
#endif

// Every replaceable allocating form of operator new funnels through these two.
void* operator new(std::size_t size)
{
    note_allocation();
    if (void* p = raw_malloc(size ? size : 1))
        return p;
    throw std::bad_alloc();
}
void* operator new(std::size_t size, std::align_val_t align)
{
    note_allocation();
    void* p = nullptr;
    if (posix_memalign(&p, std::max(sizeof(void*), std::size_t(align)), size ? size : 1) != 0)
        throw std::bad_alloc();
    return p;
}
void* operator new[](std::size_t size) { return operator new(size); }
void* operator new[](std::size_t size, std::align_val_t align) { return operator new(size, align); }
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete(void* p, std::align_val_t) noexcept { std::free(p); }
void operator delete(void* p, std::size_t, std::align_val_t) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::align_val_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t, std::align_val_t) noexcept { std::free(p); }

#if !defined(LSTMLAB_ASAN)
// glibc lets a program interpose malloc; the originals stay reachable as __libc_*.
extern "C" {
void* __libc_calloc(std::size_t, std::size_t);
void* __libc_realloc(void*, std::size_t);
void* malloc(std::size_t size)
{
    note_allocation();
    return __libc_malloc(size);
}
void* calloc(std::size_t count, std::size_t size)
{
    note_allocation();
    return __libc_calloc(count, size);
}
void* realloc(void* p, std::size_t size)
{
    note_allocation();
    return __libc_realloc(p, size);
}
}
#endif

using namespace lstmlab;

namespace {

ModelSpec spec(CellType cell, std::vector<int> hidden, bool bidirectional, bool attention, double dropout)
{
    ModelSpec s;
    s.cell = cell;
    s.hidden = std::move(hidden);
    s.bidirectional = bidirectional;
    s.attention = attention;
    s.dropout = dropout;
    s.features = 10;
    s.outputs = 2;
    return s;
}

} // namespace

class TestAllocations : public QObject {
    Q_OBJECT
private slots:
    void trainingStepAllocatesNothing_data()
    {
        QTest::addColumn<ModelSpec>("model");
        QTest::addColumn<int>("threads");
        for (int threads : {1, 2}) {
            const QByteArray suffix = ", " + QByteArray::number(threads) + " thread(s)";
            QTest::newRow("lstm [64, 32]" + suffix) << spec(CellType::lstm, {64, 32}, false, false, 0.0) << threads;
            QTest::newRow("gru [48, 48]" + suffix) << spec(CellType::gru, {48, 48}, false, false, 0.0) << threads;
            QTest::newRow("lstm [32, 32] + attention" + suffix)
                << spec(CellType::lstm, {32, 32}, false, true, 0.0) << threads;
            QTest::newRow("bi-lstm [40, 24] + dropout" + suffix)
                << spec(CellType::lstm, {40, 24}, true, false, 0.2) << threads;
            QTest::newRow("bi-gru [24] + attention" + suffix)
                << spec(CellType::gru, {24}, true, true, 0.0) << threads;
            QTest::newRow("lstm [256], tiny batch" + suffix)
                << spec(CellType::lstm, {256}, false, false, 0.0) << threads;
        }
    }

    void trainingStepAllocatesNothing()
    {
        QFETCH(ModelSpec, model);
        QFETCH(int, threads);
        const int T = 20;
        const int B = model.hidden[0] == 256 ? 3 : 64;   // 3: the by-units split with two threads
        Model<float> net(model);
        Rng rng(3);
        net.initialize(rng);
        net.set_threads(threads);
        Adam<float> adam(AdamConfig{}, net.parameters().count());
        ColMatrix<float> x(model.features, T * B);
        ColMatrix<float> y(model.outputs, B);
        x.setRandom();
        y.setRandom();
        ColMatrix<float> d_predictions(model.outputs, B);
        SeqMap<float> d_map(d_predictions.data(), model.outputs, B);
        const auto step = [&] {
            net.parameters().zero_grad();
            const auto predictions = net.forward(x, T, B, Mode::training, &rng);
            compute_loss<float>(LossKind::mse, predictions, y, &d_map);
            net.backward(x, d_predictions);
            clip_global_norm(net.parameters().grads(), 1.0);
            adam.step(net.parameters().mutable_values(), net.parameters().grads(), net.compute());
            net.forward(x.leftCols(T), T, 1, Mode::inference);   // a single-window prediction too
        };
        for (int k = 0; k < 2; ++k)   // warm-up: the scratch buffers grow to their final size
            step();
        g_allocations = 0;
        g_counting = true;
        for (int k = 0; k < 3; ++k)
            step();
        g_counting = false;
        QCOMPARE(g_allocations.load(), 0L);
    }

    void theCounterCounts()
    {
        // The counter is live: a vector and an Eigen heap temporary are both seen.
        g_allocations = 0;
        g_counting = true;
        std::vector<int> numbers(1000);
        Eigen::MatrixXf big = Eigen::MatrixXf::Ones(300, 300);
        g_counting = false;
        QVERIFY(numbers.size() == 1000 && big(0, 0) == 1.0f);
#if !defined(LSTMLAB_ASAN)
        QCOMPARE(g_allocations.load(), 2L);
#else
        QCOMPARE(g_allocations.load(), 1L);   // Eigen's malloc is not interposed under ASan
#endif
    }
};

LSTMLAB_TEST_APPLESS_MAIN(TestAllocations)

#include "tst_allocations.moc"
