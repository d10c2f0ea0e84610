//! Language-server timing and memory for `make bench`: one 12 KB document changed 10,000 times,
//! then the same document with 300 misspelt variable names after it (about 22 KB, issue 23's
//! worst case) changed 200 times.
//!
//! Each change is a `textDocument/didChange` message body (an incremental edit of one digit,
//! which makes the file alternately clean and wrong)
//! handed to a [`Session`], which applies it, analyses the whole document and returns the
//! `publishDiagnostics` notification, serialised as the server writes it. Prints the median and
//! 99th percentile per change in µs, the resident memory (from `/proc/self/statm`, Linux)
//! after the first 1,000 changes and after all 10,000, and issue 23's two budgets for the
//! language server with the figure measured.

use std::time::Instant;

use ecs_rollout::lsp::{self, Session};

const CHANGES: usize = 10_000;
/// Changes of the 22 KB document with 300 misspelt names.
const MISSPELT_CHANGES: usize = 200;
const TARGET_BYTES: usize = 12 * 1024;
const URI: &str = "file:///bench/production.tfvars";

/// A production-like file: a canary service with hooks, and enough task role policies to reach
/// 12 KB, as a team with many integrations has.
fn document() -> String {
    let mut text = String::from(
        r#"project_name = "portkey-gateway"
environment  = "prod"
aws_region   = "eu-west-1"
create_new_vpc = true
vpc_cidr       = "10.20.0.0/16"
docker_cred_secret_arn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:docker-hub"
object_storage = {
  log_store_bucket = "acme-portkey-logs"
  bucket_region    = "eu-west-1"
}
gateway_config = {
  desired_task_count = 4
  cpu                = 1024
  memory             = 2048
  gateway_port       = 8787
  mcp_port           = 8788
}
create_lb = true
lb_type   = "application"
gateway_deployment_configuration = {
  enable_blue_green = false
  canary_configuration = {
    canary_percent              = 10
    canary_bake_time_in_minutes = 5
  }
}
gateway_lifecycle_hook = {
  enable_lifecycle_hook = true
  lifecycle_hook_stages = ["POST_TEST_TRAFFIC_SHIFT", "PRE_PRODUCTION_TRAFFIC_SHIFT"]
}
gateway_task_role_policy_arns = {
"#,
    );
    let mut index = 0;
    while text.len() < TARGET_BYTES - 2 {
        text.push_str(&format!(
            "  integration_{index:03} = \"arn:aws:iam::123456789012:policy/portkey-integration-{index:03}\"\n"
        ));
        index += 1;
    }
    text.push_str("}\n");
    text
}

fn rss_kb() -> Option<u64> {
    let statm = std::fs::read_to_string("/proc/self/statm").ok()?;
    let pages: u64 = statm.split_whitespace().nth(1)?.parse().ok()?;
    Some(pages * 4)
}

/// Per-change times in µs (sorted), the bytes published for the last wrong and clean states,
/// and the resident memory after the first 1,000 changes.
fn run(text: &str, changes: usize) -> (Vec<f64>, [usize; 2], Option<u64>) {
    let line = text
        .lines()
        .position(|line| line.contains("canary_percent"))
        .unwrap_or(0);
    let column = text.lines().nth(line).unwrap_or("").find("10").unwrap_or(0);
    let mut session = Session::new();
    let open = serde_json::json!({
        "jsonrpc": "2.0", "method": "textDocument/didOpen",
        "params": { "textDocument": { "uri": URI, "languageId": "terraform-vars", "version": 1, "text": text } }
    });
    for body in [
        r#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}"#
            .to_string(),
        r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#.to_string(),
        open.to_string(),
    ] {
        session.handle_text(&body);
    }
    let mut micros = Vec::with_capacity(changes);
    let mut rss_after_first_thousand = None;
    let mut published_bytes = [0; 2];
    for change in 0..changes {
        // The canary share alternates between 00 (out of range: one error) and 10 (clean).
        let digit = if change % 2 == 0 { "0" } else { "1" };
        let body = format!(
            r#"{{"jsonrpc":"2.0","method":"textDocument/didChange","params":{{"textDocument":{{"uri":"{URI}","version":{}}},"contentChanges":[{{"range":{{"start":{{"line":{line},"character":{column}}},"end":{{"line":{line},"character":{}}}}},"text":"{digit}"}}]}}}}"#,
            change + 2,
            column + 1
        );
        let start = Instant::now();
        let sent: Vec<String> = session.handle_text(&body).iter().map(lsp::body).collect();
        micros.push(start.elapsed().as_secs_f64() * 1e6);
        published_bytes[change % 2] = sent.iter().map(String::len).sum();
        std::hint::black_box(sent);
        if change + 1 == 1000 {
            rss_after_first_thousand = rss_kb();
        }
    }
    micros.sort_by(f64::total_cmp);
    (micros, published_bytes, rss_after_first_thousand)
}

fn main() {
    let text = document();
    let (micros, published_bytes, rss_after_first_thousand) = run(&text, CHANGES);
    println!("document_bytes={}", text.len());
    println!("changes={CHANGES}");
    println!(
        "publish_bytes={} (one error), {} (clean)",
        published_bytes[0], published_bytes[1]
    );
    let median = micros[micros.len() / 2];
    println!("median_us={median:.1}");
    println!("p99_us={:.1}", micros[micros.len() * 99 / 100]);
    println!("max_us={:.1}", micros[micros.len() - 1]);
    match (rss_after_first_thousand, rss_kb()) {
        (Some(first), Some(last)) => {
            println!("rss_kb_after_1000={first}");
            println!("rss_kb_after_{CHANGES}={last}");
        }
        _ => println!("rss_kb=unavailable (no /proc/self/statm)"),
    }

    // Issue 23's worst case: a paste gone wrong, 300 names the module does not declare.
    let mut misspelt = text.clone();
    for index in 1..=300 {
        misspelt.push_str(&format!("gateway_lifecycle_hook_{index} = {{}}\n"));
    }
    let (slow, _, _) = run(&misspelt, MISSPELT_CHANGES);
    let slow_median = slow[slow.len() / 2];
    println!(
        "misspelt_document_bytes={} (300 misspelt names)",
        misspelt.len()
    );
    println!("misspelt_median_us={slow_median:.1}");
    let verdict = |holds: bool| if holds { "pass" } else { "MISS" };
    println!(
        "budget (issue 23): median per change of the 12 KB file <= 1 ms: {:.3} ms, {}",
        median / 1000.0,
        verdict(median <= 1000.0)
    );
    println!(
        "budget (issue 23): median per change of the 22 KB file with 300 mistakes <= 10 ms: {:.3} ms, {}",
        slow_median / 1000.0,
        verdict(slow_median <= 10_000.0)
    );
}
