#include "engine/core/task_pool.h"

#include "engine/core/error.h"

#include <algorithm>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace lstmlab {

void run_tasks(std::size_t count, int jobs, const std::function<void(std::size_t)>& task, const std::atomic<bool>* cancel)
{
    if (jobs < 1)
        throw Error("--jobs: must be at least 1");
    std::mutex mutex;
    std::atomic<std::size_t> next{0};
    std::exception_ptr failure;
    const auto worker = [&] {
        try {
            while (true) {
                const std::size_t k = next.fetch_add(1);
                if (k >= count || (cancel && cancel->load()))
                    return;
                task(k);
            }
        } catch (...) {
            const std::lock_guard lock(mutex);
            if (!failure)
                failure = std::current_exception();
            next.store(count);
        }
    };
    const std::size_t threads_wanted = std::min<std::size_t>(std::size_t(jobs), count);
    std::vector<std::thread> threads;
    for (std::size_t j = 1; j < threads_wanted; ++j)
        threads.emplace_back(worker);
    worker();
    for (std::thread& t : threads)
        t.join();
    if (failure)
        std::rethrow_exception(failure);
}

} // namespace lstmlab
