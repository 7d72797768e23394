// The qemu `virt` machine: an ns16550 UART for the console (and, read on request, the stdin
// zeroos-run streams in) and the sifive_test device to end the run with an exit status. This file
// is all a port has to write.
#include "base/errno.h"
#include "port.h"

namespace {

volatile zeroos::u8* const kUart = reinterpret_cast<volatile zeroos::u8*>(0x10000000);
volatile zeroos::u32* const kTestDevice = reinterpret_cast<volatile zeroos::u32*>(0x100000);
constexpr zeroos::u8 kLineStatusDataReady = 1 << 0;
constexpr zeroos::u8 kLineStatusTransmitEmpty = 1 << 5;
// FIFO control: enable, clear both FIFOs, and let qemu queue up to 14 received bytes at a time.
constexpr zeroos::u8 kFifoEnableClear14 = 0xc7;
constexpr zeroos::u32 kTestFail = 0x3333; // with the exit status in the upper 16 bits

void uart_put(zeroos::u8 byte)
{
    while (!(kUart[5] & kLineStatusTransmitEmpty)) { }
    kUart[0] = byte;
}

// Waits between looks at the UART without touching it: every device access takes qemu's big lock,
// which the thread that feeds the UART from its input also needs.
void pause()
{
    for (int i = 0; i < 1000; ++i)
        asm volatile("nop");
}

zeroos::u8 uart_get()
{
    while (!(kUart[5] & kLineStatusDataReady))
        pause();
    return kUart[0];
}

// One UART carries both streams: each chunk is framed as [stream][length][bytes] (length 1-255)
// and zeroos-run separates them again.
void console_write(int stream, const char* data, size_t length)
{
    while (length) {
        size_t chunk = length < 255 ? length : 255;
        uart_put(static_cast<zeroos::u8>(stream));
        uart_put(static_cast<zeroos::u8>(chunk));
        for (size_t i = 0; i < chunk; ++i)
            uart_put(static_cast<zeroos::u8>(data[i]));
        data += chunk;
        length -= chunk;
    }
}

// Stdin on request (riscv/port.h, kStdinRequestStream): ask zeroos-run for at most `length`
// bytes, then take its answer from the UART.
long stdin_read(void* data, size_t length)
{
    zeroos::u32 wanted = length < zeroos::riscv::kStdinRequestMax ? static_cast<zeroos::u32>(length) : zeroos::riscv::kStdinRequestMax;
    char request[4];
    for (int i = 0; i < 4; ++i)
        request[i] = static_cast<char>(wanted >> (8 * i));
    console_write(zeroos::riscv::kStdinRequestStream, request, sizeof request);
    zeroos::u32 answer = 0;
    for (int i = 0; i < 4; ++i)
        answer |= static_cast<zeroos::u32>(uart_get()) << (8 * i);
    auto count = static_cast<zeroos::i32>(answer);
    if (count < 0)
        return count;
    if (static_cast<zeroos::u32>(count) > wanted)
        return -EIO; // the launcher broke the protocol
    auto* bytes = static_cast<zeroos::u8*>(data);
    for (zeroos::i32 i = 0; i < count; ++i)
        bytes[i] = uart_get();
    return count;
}

[[noreturn]] void exit_with(int status)
{
    *kTestDevice = (static_cast<zeroos::u32>(status & 0xffff) << 16) | kTestFail;
    for (;;) { }
}

} // namespace

extern "C" void __platform_bootstrap()
{
    zeroos::riscv::install_trap_vector();
    kUart[2] = kFifoEnableClear14;
    zeroos::riscv::install_port({ console_write, exit_with, zeroos::riscv::free_memory_start(), stdin_read });
}
