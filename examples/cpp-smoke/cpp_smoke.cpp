// What C++ programs ask of an OS through their runtime: iostreams, containers, strings,
// exceptions (unwinding), and fstream files. Works in the directory given as argv[1] (default
// /tmp) and removes what it creates.
#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <memory>
#include <numeric>
#include <sstream>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <vector>

namespace {

struct Shape {
    virtual ~Shape() = default;
    virtual double area() const = 0;
    virtual std::string name() const = 0;
};
struct Square : Shape {
    explicit Square(double side) : side(side) { }
    double area() const override { return side * side; }
    std::string name() const override { return "square"; }
    double side;
};
struct Circle : Shape {
    explicit Circle(double radius) : radius(radius) { }
    double area() const override { return 3.141592653589793 * radius * radius; }
    std::string name() const override { return "circle"; }
    double radius;
};

int parse_positive(const std::string& text)
{
    int value = std::stoi(text);
    if (value <= 0)
        throw std::invalid_argument("not positive: " + text);
    return value;
}

} // namespace

int main(int argc, char** argv)
{
    std::vector<int> numbers(20);
    std::iota(numbers.begin(), numbers.end(), 1);
    std::reverse(numbers.begin(), numbers.end());
    std::sort(numbers.begin(), numbers.end(), [](int a, int b) { return a % 7 < b % 7 || (a % 7 == b % 7 && a < b); });
    for (int n : numbers)
        std::cout << n << ' ';
    std::cout << '\n';

    std::map<std::string, int> words;
    std::istringstream text("the quick brown fox jumps over the lazy dog the end");
    for (std::string word; text >> word;)
        ++words[word];
    for (const auto& [word, count] : words)
        std::cout << word << '=' << count << ' ';
    std::cout << '\n';

    std::unordered_map<int, std::string> squares;
    for (int i = 0; i < 1000; ++i)
        squares[i] = std::to_string(i * i);
    std::cout << "squares[999] = " << squares[999] << ", size " << squares.size() << '\n';

    std::vector<std::unique_ptr<Shape>> shapes;
    shapes.push_back(std::make_unique<Square>(3));
    shapes.push_back(std::make_unique<Circle>(1.5));
    for (const auto& shape : shapes)
        std::cout << shape->name() << ' ' << std::fixed << std::setprecision(4) << shape->area() << '\n';

    for (const char* input : { "42", "-3", "abc" }) {
        try {
            int value = parse_positive(input);
            std::cout << "parsed " << value << '\n';
        } catch (const std::invalid_argument& error) {
            std::cout << "caught invalid_argument: " << error.what() << '\n';
        }
    }

    std::string directory = argc > 1 ? argv[1] : "/tmp";
    std::string path = directory + "/cpp-smoke.txt";
    {
        std::ofstream out(path);
        for (int i = 0; i < 5; ++i)
            out << "line " << i << '\n';
    }
    std::ifstream in(path);
    std::string line, last;
    int lines = 0;
    while (std::getline(in, line)) {
        ++lines;
        last = line;
    }
    std::cout << "read back " << lines << " lines, last: " << last << '\n';
    if (std::remove(path.c_str()) != 0)
        std::cout << "remove failed\n";
    std::ifstream gone(path);
    std::cout << "after remove, open: " << (gone ? "succeeded" : "failed") << '\n';
    return 0;
}
