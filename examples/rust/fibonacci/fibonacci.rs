// Pure compute: Fibonacci numbers up to N (default 90; 93 is the largest that fits in 64 bits)
// and their checksum modulo a prime, as examples/fibonacci does in C.
use std::process::ExitCode;

fn main() -> ExitCode {
    let count: i64 = match std::env::args().nth(1).map(|text| text.parse()) {
        None => 90,
        Some(Ok(count)) if (0..=93).contains(&count) => count,
        Some(_) => {
            eprintln!("fibonacci: N must be between 0 and 93");
            return ExitCode::from(2);
        }
    };
    let (mut previous, mut current, mut checksum) = (0u64, 1u64, 0u64);
    for i in 0..=count {
        println!("fib({i}) = {previous}");
        checksum = (checksum * 31 + previous) % 1_000_000_007;
        let next = previous.wrapping_add(current);
        previous = current;
        current = next;
    }
    println!("checksum = {checksum}");
    ExitCode::SUCCESS
}
