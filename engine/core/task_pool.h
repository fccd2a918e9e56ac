// Task pool: `count` independent tasks on up to `jobs` threads (the calling thread is one of them),
// each task taking the next index in order. The sweep runner runs its trials on it and walk-forward
// evaluation its folds. A task computes its result from its index alone and stores it by index, so
// the results do not depend on `jobs` or on which thread ran what.
//
// The first exception a task throws ends the pool: no thread starts another task, every thread is
// joined, and the exception is rethrown on the calling thread (left to escape a joinable thread it
// would call std::terminate). `cancel`, when given and set, also stops new tasks from starting.
#pragma once

#include <atomic>
#include <cstddef>
#include <functional>

namespace lstmlab {

// jobs >= 1 (Error otherwise).
void run_tasks(std::size_t count, int jobs, const std::function<void(std::size_t)>& task,
               const std::atomic<bool>* cancel = nullptr);

} // namespace lstmlab
