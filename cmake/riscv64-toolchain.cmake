# Cross toolchain for the bare-metal ZeroOS runtime: rv64imac, lp64 (soft float), medany.
set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR riscv64)
set(CMAKE_C_COMPILER riscv64-unknown-elf-gcc)
set(CMAKE_CXX_COMPILER riscv64-unknown-elf-g++)
set(CMAKE_ASM_COMPILER riscv64-unknown-elf-gcc)
set(CMAKE_AR riscv64-unknown-elf-ar)
set(CMAKE_RANLIB riscv64-unknown-elf-ranlib)
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)
# Exactly rv64imac/lp64 so gcc picks the matching libgcc multilib; medany reaches 0x80000000.
set(CMAKE_C_FLAGS_INIT "-march=rv64imac -mabi=lp64 -mcmodel=medany")
set(CMAKE_CXX_FLAGS_INIT "-march=rv64imac -mabi=lp64 -mcmodel=medany")
# The trap vector and boot code touch CSRs.
set(CMAKE_ASM_FLAGS_INIT "-march=rv64imac_zicsr -mabi=lp64 -mcmodel=medany")
