// A C++ vApp from outside the ZeroOS tree, built with the installed zeroos-c++ for RISC-V and for
// the host (app_cxx, static musl), and with g++ (app_cxx-glibc): the standard library, an
// exception and a thread.
#include <iostream>
#include <map>
#include <numeric>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace {

unsigned long parse(const std::string& text)
{
    if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos)
        throw std::invalid_argument("not a number: " + text);
    return std::stoul(text);
}

} // namespace

int main(int argc, char** argv)
{
    std::vector<unsigned long> terms;
    std::map<std::string, int> rejected;
    for (int i = 1; i < argc; ++i) {
        try {
            terms.push_back(parse(argv[i]));
        } catch (const std::invalid_argument& error) {
            ++rejected[error.what()];
        }
    }
    unsigned long sum = 0;
    std::thread adder([&] { sum = std::accumulate(terms.begin(), terms.end(), 0UL); });
    adder.join();
    std::cout << "installed zeroos-c++: " << terms.size() << " terms, sum " << sum << '\n';
    for (const auto& [what, count] : rejected)
        std::cout << "installed zeroos-c++: " << what << " (" << count << ")\n";
    return 0;
}
