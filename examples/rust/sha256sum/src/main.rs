// Hashes stdin with the sha2 crate and prints the digest as sha256sum does, then a JSON summary
// (serde_json): the same bytes on the host and on RISC-V.
use sha2::{Digest, Sha256};
use std::io::Read;

fn main() -> std::io::Result<()> {
    let mut input = Vec::new();
    std::io::stdin().read_to_end(&mut input)?;
    let digest = Sha256::digest(&input);
    let hex: String = digest.iter().map(|byte| format!("{byte:02x}")).collect();
    println!("{hex}  -");
    let lines = input.iter().filter(|&&byte| byte == b'\n').count();
    let summary = serde_json::json!({ "bytes": input.len(), "lines": lines, "sha256": hex });
    println!("{summary}");
    Ok(())
}
