// A Rust vApp of an outside project, built by the installed zeroos-rustc on Debian's Rust.
fn main() {
    let numbers: Vec<u64> = std::env::args().skip(1).map(|argument| argument.parse().unwrap()).collect();
    println!("installed zeroos-rustc: {} arguments, sum {}", numbers.len(), numbers.iter().sum::<u64>());
}
