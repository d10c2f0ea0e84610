//! Native timing for `make bench`: analyzes one file repeatedly and prints medians in µs.
//!
//! Usage: `bench_native FILE [RUNS]`. Prints `median_us=<number>` for `analyze` alone and
//! `median_json_us=<number>` for `analyze` plus the contract JSON with UTF-16 positions: the
//! same work the wasm export does before JavaScript parses the JSON.

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
    let median = |work: &dyn Fn()| {
        let mut micros: Vec<f64> = (0..runs.max(1))
            .map(|_| {
                let start = Instant::now();
                work();
                start.elapsed().as_secs_f64() * 1e6
            })
            .collect();
        micros.sort_by(f64::total_cmp);
        micros[micros.len() / 2]
    };
    let analyze_only = median(&|| {
        std::hint::black_box(ecs_rollout::analyze(&source, &options));
    });
    let with_json = median(&|| {
        let analysis = ecs_rollout::analyze(&source, &options);
        std::hint::black_box(ecs_rollout::report::analysis_to_json(&source, &analysis));
    });
    println!("median_us={analyze_only:.1}");
    println!("median_json_us={with_json:.1}");
}
