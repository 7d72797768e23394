// The smallest Rust vApp: greets and echoes its arguments, as examples/hello does in C.
fn main() {
    println!("Hello from Rust on ZeroOS!");
    for (i, argument) in std::env::args().enumerate().skip(1) {
        println!("argv[{i}] = {argument}");
    }
}
