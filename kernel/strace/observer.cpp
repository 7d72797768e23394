#include "strace/observer.h"

#include "base/memory.h"
#include "kernel.h"
#include "platform.h"
#include "strace/decode.h"

namespace zeroos::strace {

namespace {

    Observer* g_observer = nullptr;

    bool has_argument_format(const SyscallInfo& info, ArgFormat wanted)
    {
        for (size_t i = 0; i < info.arguments.count; ++i)
            if (info.arguments.formats[i] == wanted)
                return true;
        return false;
    }

    bool same(const char* a, size_t a_length, const char* b) { return a_length == str_length(b) && mem_compare(a, b, a_length) == 0; }

    void copy_token(const char* token, size_t length, char* bad, size_t capacity)
    {
        if (!capacity)
            return;
        size_t count = min(length, capacity - 1);
        mem_copy(bad, token, count);
        bad[count] = '\0';
    }

} // namespace

const TraceClass kTraceClasses[] = {
    { "file", "calls that take a file name (a path argument)" },
    { "desc", "calls that take a file descriptor" },
    { "memory", "memory mapping (the mm group)" },
    { "process", "process identity, limits and exit (the proc group)" },
    { "signal", "signals (the signal group)" },
    { "thread", "threads and futexes (the threads group)" },
    { "time", "clocks and sleeping (the time group)" },
    { "random", "randomness (the random group)" },
    { nullptr, nullptr },
};

bool class_contains(const char* class_name, const SyscallInfo& info)
{
    auto is = [&](const char* name) { return str_equal(class_name, name); };
    if (is("file"))
        return has_argument_format(info, ArgFormat::String);
    if (is("desc"))
        return has_argument_format(info, ArgFormat::FileDescriptor) || has_argument_format(info, ArgFormat::DirectoryFd);
    if (is("memory"))
        return info.group == SyscallGroup::mm;
    if (is("process"))
        return info.group == SyscallGroup::proc || info.group == SyscallGroup::sched;
    if (is("signal"))
        return info.group == SyscallGroup::signals;
    if (is("thread"))
        return info.group == SyscallGroup::threads;
    if (is("time"))
        return info.group == SyscallGroup::time;
    if (is("random"))
        return info.group == SyscallGroup::random;
    return false;
}

bool Selection::empty() const
{
    for (u64 word : bits)
        if (word)
            return false;
    return true;
}

bool parse_selection(const char* spec, Selection& selection, char* bad, size_t bad_capacity)
{
    size_t count = 0;
    const SyscallInfo* list = syscall_list(count);
    const char* cursor = spec;
    for (;;) {
        const char* token = cursor;
        while (*cursor && *cursor != ',')
            ++cursor;
        size_t length = static_cast<size_t>(cursor - token);
        bool known = false;
        if (same(token, length, "all")) {
            for (size_t i = 0; i < count; ++i)
                selection.add(list[i].number);
            known = true;
        } else if (length > 1 && token[0] == '%') {
            char name[16];
            if (length - 1 < sizeof(name)) {
                mem_copy(name, token + 1, length - 1);
                name[length - 1] = '\0';
                for (const TraceClass* c = kTraceClasses; c->name && !known; ++c)
                    known = str_equal(c->name, name);
                if (known)
                    for (size_t i = 0; i < count; ++i)
                        if (class_contains(name, list[i]))
                            selection.add(list[i].number);
            }
        } else {
            for (size_t i = 0; i < count && !known; ++i)
                if (same(token, length, list[i].name)) {
                    selection.add(list[i].number);
                    known = true;
                }
        }
        if (!known) {
            copy_token(token, length, bad, bad_capacity);
            return false;
        }
        if (!*cursor)
            return true;
        ++cursor;
    }
}

void install(Observer* observer) { g_observer = observer; }
Observer* installed() { return g_observer; }

SyscallOutcome observe(Kernel& kernel, const SyscallRequest& request, Observer& observer)
{
    u64 start = observer.counting ? platform::cost_counter() : 0;
    int caller = kernel.threads().current_tid(); // after a switch, the current thread is another
    SyscallOutcome outcome = serve_syscall_request(kernel, request);
    u64 served = observer.counting ? platform::cost_counter() : 0;
    bool in_range = request.number >= 0 && request.number < kSlots;
    if (observer.counting && in_range) {
        CallStatistics& statistics = observer.statistics[request.number];
        statistics.cost += served - start;
        ++statistics.calls;
        if (outcome.kind == SyscallOutcome::Kind::Return && outcome.value < 0 && outcome.value >= -4095)
            ++statistics.errors;
    }
    // Trace lines carry the calling thread's tid from the first time the guest has more than one
    // thread on (as strace -f does with pids); before that, none.
    if (kernel.threads().live_count() > 1)
        observer.prefix_threads = true;
    if (observer.tracing && observer.selection.contains(request.number))
        trace_call(kernel, request, outcome, observer.prefix_threads ? caller : 0);
    if (observer.counting)
        observer.own_cost += platform::cost_counter() - served;
    return outcome;
}

void trace_call(Kernel&, const SyscallRequest& request, const SyscallOutcome& outcome, int caller)
{
    const SyscallInfo* info = syscall_info(request.number);
    if (!info)
        return;

    char buffer[512];
    LineBuilder line(buffer, sizeof(buffer));
    if (caller)
        line.text("[tid ").decimal(caller).text("] ");
    CallView view;
    view.argument_names = false;
    view.finished = outcome.kind == SyscallOutcome::Kind::Return;
    view.result = outcome.value;
    format_syscall(line, info->name, &info->arguments, request.args, view);
    if (outcome.kind == SyscallOutcome::Kind::Return)
        format_result(line, outcome.value, info->group == SyscallGroup::mm);
    else if (outcome.kind == SyscallOutcome::Kind::Switch)
        line.text(" = ? <blocked>");
    else
        line.text(" = ?");
    platform::trace(buffer);
}

namespace {

    // "12.34": a share of `total` in hundredths of a percent, without floating point.
    void append_percent(LineBuilder& line, u64 part, u64 total)
    {
        u64 hundredths = total ? (part * 10000 + total / 2) / total : 0;
        line.unsigned_decimal(hundredths / 100).character('.');
        u64 fraction = hundredths % 100;
        line.character(static_cast<char>('0' + fraction / 10)).character(static_cast<char>('0' + fraction % 10));
    }

    // Right-aligns what `fill` appends in a column of `width` characters.
    template<typename Fill> void column(LineBuilder& line, size_t width, Fill fill)
    {
        char cell[32];
        LineBuilder text(cell, sizeof(cell));
        fill(text);
        for (size_t i = text.length(); i < width; ++i)
            line.character(' ');
        line.text(cell);
    }

    void append_row(LineBuilder& line, u64 cost, u64 total_cost, u64 calls, u64 errors, bool per_call, const char* name)
    {
        column(line, 6, [&](LineBuilder& text) { append_percent(text, cost, total_cost); });
        line.character(' ');
        column(line, 14, [&](LineBuilder& text) { text.unsigned_decimal(cost); });
        line.character(' ');
        column(line, 11, [&](LineBuilder& text) {
            if (per_call)
                text.unsigned_decimal(calls ? cost / calls : 0);
        });
        line.character(' ');
        column(line, 9, [&](LineBuilder& text) { text.unsigned_decimal(calls); });
        line.character(' ');
        column(line, 9, [&](LineBuilder& text) {
            if (errors)
                text.unsigned_decimal(errors);
        });
        line.character(' ').text(name);
    }

} // namespace

void write_statistics(const Observer& observer, const char* unit, void (*emit)(const char* line, void* context), void* context)
{
    // Called syscalls, costliest first (then most called, then by number): an insertion sort over
    // at most the length of syscalls.def.
    short order[kSlots];
    size_t used = 0;
    u64 total_cost = 0, total_calls = 0, total_errors = 0;
    auto before = [&](long a, long b) {
        const auto& x = observer.statistics[a];
        const auto& y = observer.statistics[b];
        if (x.cost != y.cost)
            return x.cost > y.cost;
        if (x.calls != y.calls)
            return x.calls > y.calls;
        return a < b;
    };
    for (long number = 0; number < kSlots; ++number) {
        const auto& statistics = observer.statistics[number];
        if (!statistics.calls)
            continue;
        total_cost += statistics.cost;
        total_calls += statistics.calls;
        total_errors += statistics.errors;
        size_t position = used++;
        while (position > 0 && before(number, order[position - 1])) {
            order[position] = order[position - 1];
            --position;
        }
        order[position] = static_cast<short>(number);
    }

    char buffer[160];
    LineBuilder header(buffer, sizeof(buffer));
    char total_heading[24], per_call_heading[24];
    LineBuilder(total_heading, sizeof(total_heading)).text("total ").text(unit);
    LineBuilder(per_call_heading, sizeof(per_call_heading)).text(unit).text("/call");
    column(header, 6, [&](LineBuilder& text) { text.text("% cost"); });
    header.character(' ');
    column(header, 14, [&](LineBuilder& text) { text.text(total_heading); });
    header.character(' ');
    column(header, 11, [&](LineBuilder& text) { text.text(per_call_heading); });
    header.text("     calls    errors syscall");
    emit(buffer, context);
    const char* rule = "------ -------------- ----------- --------- --------- ----------------";
    emit(rule, context);
    for (size_t i = 0; i < used; ++i) {
        LineBuilder line(buffer, sizeof(buffer));
        const auto& statistics = observer.statistics[order[i]];
        const SyscallInfo* info = syscall_info(order[i]);
        append_row(line, statistics.cost, total_cost, statistics.calls, statistics.errors, true, info ? info->name : "?");
        emit(buffer, context);
    }
    emit(rule, context);
    LineBuilder total(buffer, sizeof(buffer));
    append_row(total, total_cost, total_cost, total_calls, total_errors, false, "total");
    emit(buffer, context);
}

} // namespace zeroos::strace
