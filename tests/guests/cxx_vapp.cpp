// The C++ language features a vApp gets from its runtime (libsupc++ and musl on the host musl and
// RISC-V builds, libstdc++ and glibc on the glibc build). All print the same lines:
// the pre-initialiser, global constructors in priority then definition order, virtual dispatch,
// templates, lambdas, placement and aligned new, new/delete counts (this program replaces the
// global operator new and delete, as C++ allows), a function-local static initialised once even
// when a second thread reaches it while its initialiser sleeps, a function of a C source (compiled
// as C) and global destructors at exit.
#include <new>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

extern "C" int c_part_sum_of_squares(int count); // cxx_vapp_c.c

namespace {

long g_allocations = 0;
long g_deallocations = 0;

} // namespace

// Replacements: the array and sized forms of the runtime forward here. Not inlined, or gcc takes
// their malloc and free for a mismatch with new and delete.
[[gnu::noinline]] void* operator new(size_t size)
{
    ++g_allocations;
    void* pointer = malloc(size ? size : 1);
    if (!pointer)
        abort();
    return pointer;
}

[[gnu::noinline]] void operator delete(void* pointer) noexcept
{
    if (pointer)
        ++g_deallocations;
    free(pointer);
}

void operator delete(void* pointer, size_t) noexcept { ::operator delete(pointer); }

namespace {

// --- start-up and exit ---

struct Announced {
    const char* name;
    explicit Announced(const char* name_)
        : name(name_)
    {
        printf("construct %s\n", name);
    }
    ~Announced() { printf("destroy %s\n", name); }
};

Announced g_first("first global");
Announced g_second("second global");
__attribute__((init_priority(200))) Announced g_early("early global (init_priority 200)");

void pre_initialise() { printf("preinit_array entry\n"); }
__attribute__((section(".preinit_array"), used)) void (*const g_pre_initialiser)() = pre_initialise;

__attribute__((constructor)) void constructor_function() { printf("constructor function\n"); }
__attribute__((destructor)) void destructor_function() { printf("destructor function (.fini_array)\n"); }

void at_exit() { printf("atexit handler\n"); }

// --- virtual dispatch ---

struct Shape {
    virtual ~Shape() { ++destroyed; }
    virtual const char* name() const = 0;
    virtual long area() const = 0;
    static int destroyed;
};
int Shape::destroyed = 0;

struct Rectangle : Shape {
    long width, height;
    Rectangle(long width_, long height_)
        : width(width_)
        , height(height_)
    {
    }
    const char* name() const override { return "rectangle"; }
    long area() const override { return width * height; }
};

struct Square final : Rectangle {
    explicit Square(long side)
        : Rectangle(side, side)
    {
    }
    const char* name() const override { return "square"; }
};

struct Triangle final : Shape {
    long base, height;
    Triangle(long base_, long height_)
        : base(base_)
        , height(height_)
    {
    }
    const char* name() const override { return "triangle"; }
    long area() const override { return base * height / 2; }
};

// --- templates, constexpr, lambdas ---

template<typename T, size_t N> struct FixedStack {
    T items[N];
    size_t count = 0;
    bool push(const T& item)
    {
        if (count == N)
            return false;
        items[count++] = item;
        return true;
    }
    template<typename F> void for_each(F&& visit) const
    {
        for (size_t i = 0; i < count; ++i)
            visit(items[i]);
    }
};

constexpr unsigned long factorial(unsigned n) { return n <= 1 ? 1 : n * factorial(n - 1); }
static_assert(factorial(10) == 3628800);

template<typename... Values> constexpr auto sum(Values... values) { return (values + ... + 0); }

// --- function-local statics ---

int g_slow_constructions = 0;
bool g_other_thread_arrived = false;

struct Slow {
    int value;
    Slow()
    {
        ++g_slow_constructions;
        // A blocking call: the other thread runs and reaches slow() while this one initialises.
        usleep(1000);
        value = __atomic_load_n(&g_other_thread_arrived, __ATOMIC_ACQUIRE) ? 42 : -1;
    }
};

Slow& slow()
{
    static Slow instance;
    return instance;
}

void* reach_slow(void* result)
{
    __atomic_store_n(&g_other_thread_arrived, true, __ATOMIC_RELEASE);
    *static_cast<int*>(result) = slow().value;
    return nullptr;
}

int next_ticket()
{
    static int tickets = printf("ticket counter initialised once\n") > 0 ? 100 : 0;
    return tickets++;
}

// --- new and delete ---

struct alignas(64) CacheLine {
    unsigned char bytes[64];
};

struct Widget {
    int id;
    explicit Widget(int id_)
        : id(id_)
    {
        printf("widget %d built in place\n", id);
    }
    ~Widget() { printf("widget %d destroyed in place\n", id); }
};

bool aligned_to(const void* pointer, uintptr_t alignment) { return reinterpret_cast<uintptr_t>(pointer) % alignment == 0; }

void dispatch()
{
    Shape* shapes[] = { new Rectangle(3, 4), new Square(5), new Triangle(6, 7) };
    long total = 0;
    for (Shape* shape : shapes) {
        printf("%s: area %ld\n", shape->name(), shape->area());
        total += shape->area();
    }
    for (Shape* shape : shapes)
        delete shape;
    printf("total area %ld, %d shapes destroyed through the base\n", total, Shape::destroyed);
}

void generics()
{
    FixedStack<int, 4> stack;
    int pushed = 0;
    for (int i = 1; i <= 6; ++i)
        pushed += stack.push(i * i);
    int accumulated = 0;
    int scale = 2;
    stack.for_each([&accumulated, scale](int item) { accumulated += item * scale; });
    printf("stack took %d of 6, scaled sum %d\n", pushed, accumulated);
    auto twice = [](auto value) { return value + value; };
    printf("generic lambda: %d %ld\n", twice(21), twice(1000000000000L));
    printf("constexpr factorial(20) %lu, fold sum %d\n", factorial(20), sum(1, 2, 3, 4));
}

void allocations()
{
    long allocations = g_allocations, deallocations = g_deallocations;
    int* one = new int(7);
    int* many = new int[10]();
    many[9] = *one;
    delete one;
    delete[] many;
    printf("new/delete: %ld allocations, %ld deallocations\n", g_allocations - allocations, g_deallocations - deallocations);

    CacheLine* line = new CacheLine;
    CacheLine* lines = new CacheLine[3];
    void* raw = ::operator new(100, std::align_val_t(256));
    printf("aligned new: 64 %s, array 64 %s, explicit 256 %s\n", aligned_to(line, 64) ? "yes" : "no", aligned_to(lines, 64) ? "yes" : "no",
        aligned_to(raw, 256) ? "yes" : "no");
    ::operator delete(raw, std::align_val_t(256));
    delete[] lines;
    delete line;

    int* quiet = new (std::nothrow) int(3);
    printf("nothrow new: %d\n", quiet ? *quiet : -1);
    delete quiet;

    alignas(Widget) unsigned char storage[sizeof(Widget)];
    Widget* widget = new (storage) Widget(9);
    printf("placement new at the storage: %s\n", static_cast<void*>(widget) == storage ? "yes" : "no");
    widget->~Widget();
}

void statics()
{
    pthread_t thread;
    int seen_by_thread = 0;
    if (pthread_create(&thread, nullptr, reach_slow, &seen_by_thread) != 0)
        abort();
    int seen_here = slow().value;
    pthread_join(thread, nullptr);
    printf("static local: %d construction, value %d here and %d in the other thread\n", g_slow_constructions, seen_here, seen_by_thread);
    int first = next_ticket(), second = next_ticket(), third = next_ticket();
    printf("tickets %d %d %d\n", first, second, third);
}

} // namespace

int main()
{
    printf("main\n");
    atexit(at_exit);
    dispatch();
    generics();
    allocations();
    statics();
    printf("from C: sum of the first 10 squares %d\n", c_part_sum_of_squares(10));
    printf("main returns 3\n");
    return 3;
}
