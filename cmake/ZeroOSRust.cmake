# Rust vApps, built with zeroos-rustc or zeroos-cargo (toolchains/rust) for both targets:
#   zeroos_add_rust_vapp(NAME SOURCE main.rs [RUSTFLAGS ...] [OUTPUT_DIRECTORY DIR])
#   zeroos_add_rust_vapp(NAME CARGO_DIR crate-dir [RUSTFLAGS ...] [OUTPUT_DIRECTORY DIR])
# give DIR/NAME (static x86-64 musl, for zeroos-run and native runs) and DIR/NAME.rv64 (bare-metal
# rv64imac, when the RISC-V build is set up). A crate's binary must be called NAME. Sources are
# edition 2021, -O, warnings are errors. The first build of each target also builds Rust's std
# (cached outside the build tree, see docs/rust.md).
# Debian's Rust, whatever PATH says; without it Rust vApps are skipped with a warning.
if(NOT DEFINED ZEROOS_RUST_ENABLED)
  set(ZEROOS_RUST_ENABLED OFF)
  if(EXISTS /usr/bin/cargo AND EXISTS /usr/lib/rustlib/src/rust/library/std/Cargo.toml)
    execute_process(COMMAND /usr/bin/rustc -V OUTPUT_VARIABLE version RESULT_VARIABLE result ERROR_QUIET)
    if(result EQUAL 0 AND version MATCHES "^rustc 1\\.(9[6-9]|[1-9][0-9][0-9])\\.")
      set(ZEROOS_RUST_ENABLED ON)
    endif()
  endif()
  if(NOT ZEROOS_RUST_ENABLED)
    message(WARNING "Rust vApps disabled: Debian's Rust 1.96 is missing; apt-get install rustc-web cargo-web rust-web-src (./bootstrap does)")
  endif()
endif()

function(zeroos_add_rust_vapp name)
  cmake_parse_arguments(RUST "" "SOURCE;CARGO_DIR;OUTPUT_DIRECTORY" "RUSTFLAGS" ${ARGN})
  if(NOT ZEROOS_RUST_ENABLED)
    return()
  endif()
  if(NOT RUST_OUTPUT_DIRECTORY)
    set(RUST_OUTPUT_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR})
  endif()
  set(targets host)
  if(ZEROOS_RISCV_ENABLED)
    list(APPEND targets riscv64)
  endif()
  foreach(target ${targets})
    if(target STREQUAL "host")
      set(output ${RUST_OUTPUT_DIRECTORY}/${name})
      set(triple x86_64-zeroos-linux-musl)
      set(linking ${ZEROOS_MUSL_UNWIND})
      if(TARGET zeroos-musl-unwind) # this project's own build; an install tree has it built
        list(APPEND linking zeroos-musl-unwind)
      endif()
      set(suffix host)
    else()
      set(output ${RUST_OUTPUT_DIRECTORY}/${name}.rv64)
      set(triple riscv64imac-zeroos-linux-musl)
      set(linking ${ZEROOS_RISCV_RUNTIME_TARGET} ${ZEROOS_RISCV_RUNTIME_LIBRARIES} ${ZEROOS_CC})
      set(suffix rv64)
    endif()
    set(tools ${ZEROOS_RUSTC} ${ZEROOS_RUST_SPECS} ${linking})
    if(RUST_SOURCE)
      set(source ${CMAKE_CURRENT_SOURCE_DIR}/${RUST_SOURCE})
      add_custom_command(
        OUTPUT ${output}
        COMMAND ${ZEROOS_RUSTC} --target ${target} --edition 2021 -O -D warnings ${RUST_RUSTFLAGS} -o ${output} ${source}
        DEPENDS ${source} ${tools}
        COMMENT "zeroos-rustc --target ${target} ${name}"
        VERBATIM)
    else()
      # Cargo writes Cargo.lock next to Cargo.toml: build a copy in the build tree, one per target
      # so the two builds never share a directory.
      set(crate ${CMAKE_CURRENT_SOURCE_DIR}/${RUST_CARGO_DIR})
      set(copy ${CMAKE_CURRENT_BINARY_DIR}/${name}-crate-${suffix})
      file(GLOB_RECURSE crate_sources CONFIGURE_DEPENDS ${crate}/Cargo.toml ${crate}/*.rs)
      list(JOIN RUST_RUSTFLAGS " " rustflags)
      add_custom_command(
        OUTPUT ${output}
        COMMAND ${CMAKE_COMMAND} -E rm -rf ${copy}/src
        COMMAND ${CMAKE_COMMAND} -E copy_directory ${crate} ${copy}
        COMMAND ${CMAKE_COMMAND} -E chdir ${copy} ${CMAKE_COMMAND} -E env "RUSTFLAGS=-D warnings ${rustflags}"
                ${ZEROOS_CARGO} --target ${target} build --release --quiet
        COMMAND ${CMAKE_COMMAND} -E copy ${copy}/target/${triple}/release/${name} ${output}
        DEPENDS ${crate_sources} ${tools}
        COMMENT "zeroos-cargo --target ${target} ${name}"
        VERBATIM)
    endif()
    add_custom_target(${name}-rust-${suffix} ALL DEPENDS ${output})
  endforeach()
endfunction()
