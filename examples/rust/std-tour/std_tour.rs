// A tour of unmodified std on ZeroOS: collections, formatting, HashMap with RandomState, threads and
// their synchronisation, files, env and args, stdin, time, panics and process::exit.
// Usage: std-tour DIRECTORY (it works in DIRECTORY: natively a fresh one, in the guest /tmp or a
// mount). It prints only what is the same natively and on both ZeroOS targets: sorted or derived
// values, never HashMap order, addresses, thread ids or clock readings. Exits with status 3.
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet, VecDeque};
use std::io::{BufRead, Read, Write};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{mpsc, Arc, Barrier, Condvar, Mutex, RwLock};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};
use std::{env, fs, panic, process, thread};

fn collections() {
    let mut numbers: Vec<i64> = (1..=20).map(|n| n * n % 17).collect();
    numbers.sort_unstable();
    numbers.dedup();
    println!("vec: {numbers:?}");
    let mut queue: VecDeque<&str> = ["b", "c"].into_iter().collect();
    queue.push_front("a");
    queue.push_back("d");
    println!("deque: {queue:?}");
    let words = "the quick brown fox jumps over the lazy dog the end";
    let mut counts: HashMap<&str, usize> = HashMap::new(); // RandomState, seeded by getrandom
    for word in words.split(' ') {
        *counts.entry(word).or_default() += 1;
    }
    let sorted: BTreeMap<_, _> = counts.iter().collect();
    println!("hashmap: {} words, sorted {sorted:?}", counts.len());
    let letters: HashSet<char> = words.chars().filter(|c| c.is_alphabetic()).collect();
    let letters: BTreeSet<char> = letters.into_iter().collect();
    println!("hashset: {} letters, first {:?}", letters.len(), letters.iter().take(5).collect::<String>());
    let mut text = String::from("ZeroOS");
    text.push_str(" runs Rust");
    println!("string: {text:?} upper {} reversed {}", text.to_uppercase(), text.chars().rev().collect::<String>());
}

fn formatting() {
    let pi = std::f64::consts::PI;
    println!("floats: {pi:.5} {:e} {} {} {:08.2} {}", 1234.5678f64, 0.1 + 0.2, 1e21f64, -3.14159f32, f64::NAN);
    println!("parse: {:?} {:?} {}", "3.25".parse::<f64>(), "x".parse::<i32>().is_err(), (2.0f64).sqrt().powi(2));
    println!("ints: {:#x} {:#b} {:>6} {:<6}| {:+}", 255, 5, 42, 42, 7);
    println!("math: {:.6} {:.6} {:.6}", pi.sin(), (1.0f64).exp(), (10.0f64).ln());
}

fn threads() {
    let handles: Vec<_> = (0..4u64).map(|i| thread::spawn(move || (1..=1000).map(|n| n * (i + 1)).sum::<u64>())).collect();
    let sums: Vec<u64> = handles.into_iter().map(|handle| handle.join().unwrap()).collect();
    println!("spawn/join: {sums:?}");

    let data: Vec<u32> = (1..=100).collect();
    let total = AtomicUsize::new(0);
    thread::scope(|scope| {
        for chunk in data.chunks(25) {
            let total = &total;
            scope.spawn(move || total.fetch_add(chunk.iter().sum::<u32>() as usize, Ordering::SeqCst));
        }
    });
    println!("scoped: {}", total.load(Ordering::SeqCst));

    let counter = Arc::new(Mutex::new(0));
    let workers: Vec<_> = (0..4)
        .map(|_| {
            let counter = Arc::clone(&counter);
            thread::spawn(move || {
                for _ in 0..1000 {
                    *counter.lock().unwrap() += 1;
                    thread::yield_now();
                }
            })
        })
        .collect();
    workers.into_iter().for_each(|worker| worker.join().unwrap());
    println!("mutex: {}", *counter.lock().unwrap());

    let table = Arc::new(RwLock::new(vec![1, 2, 3]));
    let readers: Vec<_> = (0..3)
        .map(|i| {
            let table = Arc::clone(&table);
            thread::spawn(move || table.read().unwrap()[i] * 10)
        })
        .collect();
    table.write().unwrap().push(4);
    let read: Vec<i32> = readers.into_iter().map(|reader| reader.join().unwrap()).collect();
    println!("rwlock: {read:?} then {:?}", *table.read().unwrap());

    let pair = Arc::new((Mutex::new(false), Condvar::new()));
    let waiter = {
        let pair = Arc::clone(&pair);
        thread::spawn(move || {
            let (ready, signal) = &*pair;
            let guard = signal.wait_while(ready.lock().unwrap(), |ready| !*ready).unwrap();
            *guard
        })
    };
    thread::sleep(Duration::from_millis(5));
    *pair.0.lock().unwrap() = true;
    pair.1.notify_all();
    println!("condvar: woke with {}", waiter.join().unwrap());

    let (sender, receiver) = mpsc::channel();
    for i in 0..3u64 {
        let sender = sender.clone();
        thread::spawn(move || (0..10).for_each(|n| sender.send(i * 100 + n).unwrap()));
    }
    drop(sender);
    let mut received: Vec<u64> = receiver.iter().collect();
    received.sort();
    println!("mpsc: {} messages, sum {}, first {:?}", received.len(), received.iter().sum::<u64>(), &received[..3]);

    let barrier = Arc::new(Barrier::new(3));
    let arrived = Arc::new(AtomicUsize::new(0));
    let parties: Vec<_> = (0..3)
        .map(|_| {
            let (barrier, arrived) = (Arc::clone(&barrier), Arc::clone(&arrived));
            thread::spawn(move || {
                arrived.fetch_add(1, Ordering::SeqCst);
                barrier.wait();
                arrived.load(Ordering::SeqCst) // every party sees all three arrived
            })
        })
        .collect();
    let seen: Vec<usize> = parties.into_iter().map(|party| party.join().unwrap()).collect();
    println!("barrier: {seen:?}");

    thread_local!(static CALLS: std::cell::Cell<u32> = const { std::cell::Cell::new(0) });
    let bump = || CALLS.with(|calls| {
        calls.set(calls.get() + 1);
        calls.get()
    });
    bump();
    bump();
    let other = thread::spawn(move || bump()).join().unwrap();
    println!("thread_local: main {} other {other}", CALLS.with(|calls| calls.get()));
}

fn files(directory: &str) -> std::io::Result<()> {
    let root = format!("{directory}/std-tour");
    fs::create_dir_all(format!("{root}/nested"))?;
    fs::write(format!("{root}/a.txt"), "first line\nsecond line\n")?;
    let mut file = fs::OpenOptions::new().append(true).open(format!("{root}/a.txt"))?;
    writeln!(file, "appended")?;
    drop(file);
    fs::copy(format!("{root}/a.txt"), format!("{root}/nested/b.txt"))?;
    fs::rename(format!("{root}/nested/b.txt"), format!("{root}/nested/c.txt"))?;
    let reader = std::io::BufReader::new(fs::File::open(format!("{root}/nested/c.txt"))?);
    let lines: Vec<String> = reader.lines().collect::<Result<_, _>>()?;
    let mut names: Vec<String> = fs::read_dir(&root)?.map(|entry| entry.map(|e| e.file_name().to_string_lossy().into_owned())).collect::<Result<_, _>>()?;
    names.sort();
    let metadata = fs::metadata(format!("{root}/a.txt"))?;
    println!("fs: {lines:?} entries {names:?} size {} file {}", metadata.len(), metadata.is_file());
    println!("fs: missing file is {:?}", fs::read("/no/such/file").map_err(|error| error.kind()));
    fs::remove_dir_all(&root)?;
    println!("fs: removed {}", !fs::exists(&root)?);
    Ok(())
}

fn time() {
    let start = Instant::now();
    thread::sleep(Duration::from_millis(20));
    let elapsed = start.elapsed();
    println!("time: slept at least 20ms {}", elapsed >= Duration::from_millis(20));
    let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap();
    println!("time: SystemTime after the epoch {}", now >= Duration::ZERO);
}

fn panics() {
    let previous = panic::take_hook();
    panic::set_hook(Box::new(|info| println!("hook: {}", info.payload().downcast_ref::<String>().map(String::as_str).unwrap_or("?"))));
    let result = panic::catch_unwind(|| {
        let values: Vec<u32> = vec![1, 2, 3];
        let index = values.len() + usize::from(values.is_empty());
        if index > 2 {
            panic!("unwound through {} frames of {values:?}", index);
        }
        values[index]
    });
    panic::set_hook(previous);
    match result {
        Err(payload) => println!("caught: {:?}", payload.downcast_ref::<String>()),
        Ok(value) => println!("no panic: {value}"),
    }
}

fn main() {
    let arguments: Vec<String> = env::args().collect();
    let directory = arguments.get(1).cloned().unwrap_or_else(|| "/tmp".to_string());
    println!("args: {} after the program", arguments.len() - 1);
    let mut variables: Vec<String> = env::vars().map(|(key, _)| key).collect();
    variables.sort();
    println!("env: {variables:?} TOUR={:?}", env::var("TOUR"));
    let mut input = String::new();
    std::io::stdin().read_to_string(&mut input).unwrap();
    println!("stdin: {} bytes, {} lines, last {:?}", input.len(), input.lines().count(), input.lines().last());
    collections();
    formatting();
    threads();
    files(&directory).unwrap();
    time();
    panics();
    eprintln!("stderr: the tour ends with process::exit(3)");
    std::io::stdout().flush().unwrap();
    process::exit(3);
}
