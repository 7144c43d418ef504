// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

//! Rust's `tempfile` crate as a peer in Boost.TempFile's benchmark (bench/run.sh).
//!
//!   tempfile-peer list
//!   tempfile-peer op CASE [--n N] [--warmup W]   -> "CASE \t wall ns/op \t cpu ns/op"
//!   tempfile-peer tree-rm BUILDER BASE SHAPE     -> "tree.SHAPE.rust \t wall ms \t cpu ms \t entries"
//!   tempfile-peer rm-path PATH                   (removal only, for strace)
//!
//! The per-operation cases create in std::env::temp_dir(), i.e. $TMPDIR. For
//! tree-rm the tree is made inside a TempDir by `BUILDER tree-make` (untimed)
//! and only the drop of the TempDir is timed.
use std::hint::black_box;
use std::io::Write;
use std::process::Command;
use std::time::Instant;

static PAGE: [u8; 4096] = [b'x'; 4096];

fn named(n: u64) {
    for _ in 0..n {
        black_box(tempfile::NamedTempFile::new().expect("NamedTempFile::new"));
    }
}

fn named_w(n: u64) {
    for _ in 0..n {
        let mut f = tempfile::NamedTempFile::new().expect("NamedTempFile::new");
        f.write_all(&PAGE).expect("write");
    }
}

fn anon(n: u64) {
    for _ in 0..n {
        black_box(tempfile::tempfile().expect("tempfile()"));
    }
}

fn dir(n: u64) {
    for _ in 0..n {
        black_box(tempfile::TempDir::new().expect("TempDir::new"));
    }
}

const CASES: &[(&str, fn(u64), &str)] = &[
    ("rust.named", named, "Rust NamedTempFile::new() + drop"),
    ("rust.named.w", named_w, "Rust NamedTempFile + write 4 KiB + drop"),
    ("rust.anon", anon, "Rust tempfile::tempfile() + drop (O_TMPFILE)"),
    ("rust.dir", dir, "Rust TempDir::new() + drop (empty)"),
];

fn cpu_ns() -> u64 {
    let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    unsafe { libc::clock_gettime(libc::CLOCK_PROCESS_CPUTIME_ID, &mut ts) };
    ts.tv_sec as u64 * 1_000_000_000 + ts.tv_nsec as u64
}

fn op(args: &[String]) {
    let case = &args[0];
    let (mut n, mut warmup) = (20000u64, 1000u64);
    for kv in args[1..].chunks(2) {
        match kv[0].as_str() {
            "--n" => n = kv[1].parse().unwrap(),
            "--warmup" => warmup = kv[1].parse().unwrap(),
            o => panic!("unknown option {o}"),
        }
    }
    let f = CASES.iter().find(|c| c.0 == case).expect("unknown case").1;
    if warmup > 0 {
        f(warmup);
    }
    let (c0, w0) = (cpu_ns(), Instant::now());
    f(n);
    let (w, c1) = (w0.elapsed().as_nanos() as f64, cpu_ns());
    let ops = n.max(1) as f64;
    println!("{case}\t{:.1}\t{:.1}", w / ops, (c1 - c0) as f64 / ops);
}

fn tree_rm(builder: &str, base: &str, shape: &str) {
    let d = tempfile::Builder::new().prefix("rust-").tempdir_in(base).expect("tempdir_in");
    let root = d.path().to_path_buf();
    let out = Command::new(builder).args(["tree-make", root.to_str().unwrap(), shape]).output().expect("builder");
    assert!(out.status.success(), "tree-make failed");
    let entries: u64 = String::from_utf8_lossy(&out.stdout).trim().parse().unwrap();
    let (c0, w0) = (cpu_ns(), Instant::now());
    drop(d);
    let (w, c1) = (w0.elapsed().as_nanos() as f64, cpu_ns());
    assert!(std::fs::symlink_metadata(&root).is_err(), "tree left behind");
    println!("tree.{shape}.rust\t{:.3}\t{:.3}\t{entries}", w / 1e6, (c1 - c0) as f64 / 1e6);
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("list") => CASES.iter().for_each(|c| println!("{}\t{}", c.0, c.2)),
        Some("op") if args.len() >= 2 => op(&args[1..]),
        Some("tree-rm") if args.len() == 4 => tree_rm(&args[1], &args[2], &args[3]),
        Some("rm-path") if args.len() == 2 => std::fs::remove_dir_all(&args[1]).expect("remove_dir_all"),
        _ => {
            eprintln!("usage: see the comment at the top of bench/rust/src/main.rs");
            std::process::exit(2);
        }
    }
}
