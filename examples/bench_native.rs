//! Native timing for `make bench`: analyzes one file repeatedly and prints the median in µs.
//!
//! Usage: `bench_native FILE [RUNS]`. Prints one line, `median_us=<number>`, for bench/bench.mjs.

use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: bench_native FILE [RUNS]");
        std::process::exit(2);
    };
    let runs: usize = args
        .next()
        .and_then(|runs| runs.parse().ok())
        .unwrap_or(200);
    let source = match std::fs::read_to_string(&path) {
        Ok(source) => source,
        Err(error) => {
            eprintln!("cannot read {path}: {error}");
            std::process::exit(2);
        }
    };
    let options = ecs_rollout::Options::default();
    let mut micros: Vec<f64> = (0..runs.max(1))
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(ecs_rollout::analyze(&source, &options));
            start.elapsed().as_secs_f64() * 1e6
        })
        .collect();
    micros.sort_by(f64::total_cmp);
    println!("median_us={:.1}", micros[micros.len() / 2]);
}
