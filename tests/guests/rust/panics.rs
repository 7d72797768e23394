// Panics on ZeroOS, one per argument: "catch" (unwound and caught, then exit 0), "uncaught"
// (Rust's message, then 101 with unwinding or 134 with -C panic=abort), "exit" (process::exit(7)
// from a thread).
use std::panic;

struct Noisy(&'static str);

impl Drop for Noisy {
    fn drop(&mut self) {
        println!("dropped {}", self.0);
    }
}

#[inline(never)]
fn deep(depth: u32) -> u32 {
    let _guard = Noisy(if depth == 0 { "innermost" } else { "frame" });
    if depth == 0 {
        panic!("deep panic at depth {depth}");
    }
    deep(depth - 1) + 1
}

fn main() {
    let mode = std::env::args().nth(1).unwrap_or_default();
    match mode.as_str() {
        "catch" => {
            let caught = panic::catch_unwind(|| deep(2));
            let message = caught.unwrap_err().downcast::<String>().map(|text| *text).unwrap_or_default();
            println!("caught: {message}");
            let from_thread = std::thread::spawn(|| deep(1)).join();
            println!("thread panicked: {}", from_thread.is_err());
        }
        "uncaught" => {
            let _outer = Noisy("main");
            println!("result {}", deep(1));
        }
        "exit" => {
            std::thread::spawn(|| {
                println!("exiting from a thread");
                std::process::exit(7);
            })
            .join()
            .unwrap();
            unreachable!();
        }
        _ => {
            eprintln!("panics: catch, uncaught or exit");
            std::process::exit(2);
        }
    }
}
