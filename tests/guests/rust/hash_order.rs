// HashMap's RandomState keys come from getrandom, so ZeroOS's seeded stream: the iteration order
// is the same on the host and on RISC-V for one --seed (and differs between seeds).
use std::collections::HashMap;

fn main() {
    let map: HashMap<u32, u32> = (0..16).map(|key| (key, key * key)).collect();
    println!("{:?}", map.keys().collect::<Vec<_>>());
}
