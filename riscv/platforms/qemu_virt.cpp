// The qemu `virt` machine: an ns16550 UART for the console and the sifive_test device to end the
// run with an exit status. This file is all a port has to write.
#include "port.h"

namespace {

volatile zeroos::u8* const kUart = reinterpret_cast<volatile zeroos::u8*>(0x10000000);
volatile zeroos::u32* const kTestDevice = reinterpret_cast<volatile zeroos::u32*>(0x100000);
constexpr zeroos::u8 kLineStatusTransmitEmpty = 1 << 5;
constexpr zeroos::u32 kTestFail = 0x3333; // with the exit status in the upper 16 bits

void uart_put(zeroos::u8 byte)
{
    while (!(kUart[5] & kLineStatusTransmitEmpty)) { }
    kUart[0] = byte;
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

[[noreturn]] void exit_with(int status)
{
    *kTestDevice = (static_cast<zeroos::u32>(status & 0xffff) << 16) | kTestFail;
    for (;;) { }
}

} // namespace

extern "C" void __platform_bootstrap()
{
    zeroos::riscv::install_trap_vector();
    zeroos::riscv::install_port({ console_write, exit_with, zeroos::riscv::free_memory_start() });
}
