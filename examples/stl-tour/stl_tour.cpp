// A tour of the C++ standard library as a vApp uses it: exceptions thrown across frames, RTTI,
// threads with a mutex, a condition variable and futures, fstream and std::filesystem, maps, float
// formatting through iostream and printf, <random> with a fixed seed and chrono durations. The
// output depends on nothing that differs between runs, so it is the same natively, under
// zeroos-run and on RISC-V. Works in the directory given as argv[1] (default /tmp) and removes
// what it creates. With "terminate" as argv[1] it throws an exception nobody catches.
#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <future>
#include <iomanip>
#include <iostream>
#include <map>
#include <mutex>
#include <numeric>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <typeinfo>
#include <unordered_map>
#include <vector>

namespace {

struct ParseError : std::runtime_error {
    ParseError(const std::string& what, int line)
        : std::runtime_error(what)
        , line(line)
    {
    }
    int line;
};

int parse_digit(char c, int line)
{
    if (c < '0' || c > '9')
        throw ParseError(std::string("not a digit: ") + c, line);
    return c - '0';
}

// Three frames between the throw and the catch, each with an object to destroy on the way.
int sum_digits(const std::string& text, int line, int& destroyed)
{
    struct Guard {
        int& count;
        ~Guard() { ++count; }
    } guard { destroyed };
    int sum = 0;
    for (char c : text)
        sum += parse_digit(c, line);
    return sum;
}

void exceptions()
{
    int destroyed = 0;
    const char* inputs[] = { "1234", "12x4", "999" };
    for (int line = 0; line < 3; ++line) {
        try {
            int sum = sum_digits(inputs[line], line, destroyed);
            std::cout << "sum " << sum << '\n';
        } catch (const std::runtime_error& error) {
            const auto* parse = dynamic_cast<const ParseError*>(&error);
            std::cout << "caught " << error.what() << " at line " << (parse ? parse->line : -1) << '\n';
        }
    }
    std::cout << "guards destroyed: " << destroyed << '\n';
    try {
        try {
            std::vector<int>().at(3);
        } catch (const std::out_of_range&) {
            std::throw_with_nested(std::logic_error("lookup failed"));
        }
    } catch (const std::logic_error& outer) {
        std::cout << "outer: " << outer.what() << '\n';
        try {
            std::rethrow_if_nested(outer);
        } catch (const std::exception& inner) {
            std::cout << "inner is a " << typeid(inner).name() << '\n';
        }
    }
}

struct Animal {
    virtual ~Animal() = default;
    virtual std::string sound() const = 0;
};
struct Dog : Animal {
    std::string sound() const override { return "woof"; }
};
struct Cat : Animal {
    std::string sound() const override { return "meow"; }
};

void rtti()
{
    std::vector<std::unique_ptr<Animal>> animals;
    animals.push_back(std::make_unique<Dog>());
    animals.push_back(std::make_unique<Cat>());
    for (const auto& animal : animals)
        std::cout << typeid(*animal).name() << " says " << animal->sound() << (dynamic_cast<Dog*>(animal.get()) ? " (a dog)" : "") << '\n';
    std::cout << "typeid(int) == typeid(long): " << std::boolalpha << (typeid(int) == typeid(long)) << '\n';
}

void threads()
{
    // Four workers add into one total under a mutex.
    std::mutex mutex;
    long total = 0;
    std::vector<std::thread> workers;
    for (int t = 0; t < 4; ++t)
        workers.emplace_back([&, t] {
            for (int i = 0; i < 1000; ++i) {
                std::lock_guard lock(mutex);
                total += t * 1000 + i;
            }
        });
    for (auto& worker : workers)
        worker.join();
    std::cout << "total " << total << '\n';

    // A producer hands numbers to a consumer through a condition variable, in order.
    std::condition_variable ready;
    std::vector<int> queue;
    bool done = false;
    std::thread consumer([&] {
        std::vector<int> seen;
        std::unique_lock lock(mutex);
        for (;;) {
            ready.wait(lock, [&] { return !queue.empty() || done; });
            seen.insert(seen.end(), queue.begin(), queue.end());
            queue.clear();
            if (done)
                break;
        }
        std::cout << "consumed " << seen.size() << " numbers, sum " << std::accumulate(seen.begin(), seen.end(), 0) << '\n';
    });
    for (int i = 1; i <= 100; ++i) {
        std::lock_guard lock(mutex);
        queue.push_back(i);
        ready.notify_one();
    }
    {
        std::lock_guard lock(mutex);
        done = true;
    }
    ready.notify_one();
    consumer.join();

    // Futures: a value from std::async and an exception carried back through one.
    auto square = std::async(std::launch::async, [] { return 12 * 12; });
    auto failing = std::async(std::launch::async, []() -> int { throw std::domain_error("from another thread"); });
    std::promise<std::string> promise;
    std::thread sender([&] { promise.set_value("promised"); });
    std::cout << "async " << square.get() << ", " << promise.get_future().get() << '\n';
    sender.join();
    try {
        failing.get();
    } catch (const std::domain_error& error) {
        std::cout << "future rethrew: " << error.what() << '\n';
    }
}

void files(const std::filesystem::path& base)
{
    namespace fs = std::filesystem;
    fs::path root = base / "stl-tour";
    fs::remove_all(root);
    fs::create_directories(root / "nested" / "deeper");
    {
        std::ofstream out(root / "numbers.txt");
        for (int i = 1; i <= 5; ++i)
            out << i * i << '\n';
    }
    std::ifstream in(root / "numbers.txt");
    int sum = 0;
    for (int value; in >> value;)
        sum += value;
    std::cout << "file sum " << sum << ", size " << fs::file_size(root / "numbers.txt") << '\n';
    fs::rename(root / "numbers.txt", root / "nested" / "squares.txt");
    std::ofstream(root / "nested" / "deeper" / "empty.txt").close();
    std::vector<std::string> entries;
    for (const auto& entry : fs::recursive_directory_iterator(root))
        entries.push_back(fs::relative(entry.path(), root).string() + (entry.is_directory() ? "/" : ""));
    std::sort(entries.begin(), entries.end()); // directory order is the file system's
    for (const auto& entry : entries)
        std::cout << "  " << entry << '\n';
    try {
        std::cout << fs::file_size(root / "missing") << '\n';
    } catch (const fs::filesystem_error& error) {
        std::cout << "filesystem_error: " << error.code().message() << '\n';
    }
    std::cout << "removed " << fs::remove_all(root) << " entries\n";
}

void containers()
{
    std::map<std::string, int> words;
    std::istringstream text("to be or not to be that is the question");
    for (std::string word; text >> word;)
        ++words[word];
    for (const auto& [word, count] : words)
        std::cout << word << ':' << count << ' ';
    std::cout << '\n';
    std::unordered_map<int, int> collatz;
    for (int start = 1; start <= 30; ++start) {
        int steps = 0;
        for (long n = start; n != 1; n = n % 2 ? 3 * n + 1 : n / 2)
            ++steps;
        collatz[start] = steps;
    }
    auto longest = std::max_element(collatz.begin(), collatz.end(),
        [](auto& a, auto& b) { return a.second < b.second || (a.second == b.second && a.first > b.first); });
    std::cout << "longest collatz below 31: " << longest->first << " (" << longest->second << " steps)\n";
}

void numbers()
{
    const double values[] = { 3.141592653589793, 1e-7, 123456789.125, -0.0, 2.0 / 3.0 };
    for (double value : values) {
        std::cout << std::defaultfloat << value << ' ' << std::fixed << std::setprecision(3) << value << ' ' << std::scientific
                  << std::setprecision(10) << value << std::defaultfloat << std::setprecision(6) << '\n';
        std::printf("%g %.17g %a\n", value, value, value);
    }
    std::cout << std::stod("2.5e3") << ' ' << std::to_string(1.0 / 8) << '\n';

    std::mt19937_64 engine(42); // a fixed seed: random_device would differ natively
    std::uniform_int_distribution<int> die(1, 6);
    std::normal_distribution<double> normal(0.0, 1.0);
    for (int i = 0; i < 8; ++i)
        std::cout << die(engine) << ' ';
    std::cout << std::fixed << std::setprecision(6) << normal(engine) << std::defaultfloat << '\n';
    std::vector<int> deck(10);
    std::iota(deck.begin(), deck.end(), 0);
    std::shuffle(deck.begin(), deck.end(), std::mt19937(7));
    for (int card : deck)
        std::cout << card << ' ';
    std::cout << '\n';

    using namespace std::chrono_literals;
    auto duration = 1h + 23min + 45s + 678ms;
    std::cout << std::chrono::duration_cast<std::chrono::seconds>(duration).count()
              << " s = " << std::chrono::duration<double, std::ratio<60>>(duration).count() << " min\n";
    auto before = std::chrono::steady_clock::now();
    std::this_thread::sleep_for(20ms);
    std::cout << "slept at least 20 ms: " << std::boolalpha << (std::chrono::steady_clock::now() - before >= 20ms) << '\n';
}

} // namespace

int main(int argc, char** argv)
{
    std::string directory = argc > 1 ? argv[1] : "/tmp";
    if (directory == "terminate")
        throw std::runtime_error("nobody catches this");
    exceptions();
    rtti();
    threads();
    files(directory);
    containers();
    numbers();
    std::cout << "done" << std::endl;
    return 0;
}
