// C++ threads under ZeroOS (libstdc++ over glibc, over musl, and on RISC-V): std::thread,
// std::mutex, std::condition_variable, std::async and std::promise. Output is fixed whatever the
// scheduling.
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <future>
#include <mutex>
#include <numeric>
#include <thread>
#include <vector>

int main()
{
    std::mutex lock;
    long counter = 0;
    std::vector<std::thread> workers;
    for (int i = 0; i < 4; ++i)
        workers.emplace_back([&] {
            for (int n = 0; n < 5000; ++n) {
                std::lock_guard<std::mutex> guard(lock);
                ++counter;
            }
        });
    for (auto& worker : workers)
        worker.join();
    std::printf("std::mutex: counter %ld\n", counter);

    std::condition_variable changed;
    std::deque<int> queue;
    bool done = false;
    long sum = 0;
    std::thread consumer([&] {
        std::unique_lock<std::mutex> guard(lock);
        for (;;) {
            changed.wait(guard, [&] { return !queue.empty() || done; });
            while (!queue.empty()) {
                sum += queue.front();
                queue.pop_front();
            }
            if (done)
                return;
        }
    });
    for (int item = 1; item <= 200; ++item) {
        std::lock_guard<std::mutex> guard(lock);
        queue.push_back(item);
        changed.notify_one();
    }
    {
        std::lock_guard<std::mutex> guard(lock);
        done = true;
    }
    changed.notify_one();
    consumer.join();
    std::printf("std::condition_variable: consumer summed %ld\n", sum);

    std::vector<std::future<long>> parts;
    for (long part = 0; part < 4; ++part)
        parts.push_back(std::async(std::launch::async, [part] {
            long total = 0;
            for (long n = part * 250 + 1; n <= (part + 1) * 250; ++n)
                total += n * n;
            return total;
        }));
    long squares = 0;
    for (auto& part : parts)
        squares += part.get();
    std::printf("std::async: sum of squares 1..1000 = %ld\n", squares);

    std::promise<std::thread::id> promise;
    auto answer = promise.get_future();
    std::thread teller([&] { promise.set_value(std::this_thread::get_id()); });
    bool different = answer.get() != std::this_thread::get_id();
    teller.join();
    std::printf("std::promise: the other thread has %s id\n", different ? "a different" : "the same");
    return 0;
}
