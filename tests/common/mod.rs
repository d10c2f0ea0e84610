//! Helpers shared by the integration tests: the fixture files, and a reader for the tests that
//! drive the command line over a case folder.

// Each test binary compiles this module whole and uses only part of it.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use ecs_rollout::cli::FileReader;

pub mod cfn_lint;

/// Reads the files a CLI case names from one folder, so snapshots show short relative paths.
pub struct CaseFiles(pub PathBuf);

impl FileReader for CaseFiles {
    fn read(&self, path: &str) -> Result<String, String> {
        std::fs::read_to_string(self.0.join(path)).map_err(|error| error.to_string())
    }
}

/// Every fixture under `tests/fixtures/`, sorted: `.tfvars` and `.tfvars.json` files, and the
/// other ECS sources (contract section 7) in their own folders: `terraform/*.tf`,
/// `cloudformation/*.{json,yaml,yml}`, `ecs-api/*.json` and `deployment-record/*.json`.
pub fn fixture_paths() -> Vec<PathBuf> {
    let mut paths = Vec::new();
    let mut stack = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("fixture folder is readable") {
            let path = entry.expect("fixture entry").path();
            let name = path.to_string_lossy().into_owned();
            if path.is_dir() {
                stack.push(path);
            } else if name.ends_with(".tfvars")
                || name.ends_with(".tfvars.json")
                || name.ends_with(".tf")
                || (name.contains("/cloudformation/")
                    && [".json", ".yaml", ".yml"]
                        .iter()
                        .any(|ext| name.ends_with(ext)))
                || (name.contains("/ecs-api/") && name.ends_with(".json"))
                || (name.contains("/deployment-record/") && name.ends_with(".json"))
            {
                paths.push(path);
            }
        }
    }
    paths.sort();
    assert!(paths.len() > 40, "the fixtures are missing");
    paths
}

/// `../shared/corpus/real/FOLDER`: real files from public repositories, which are read by the
/// tests when they exist and never committed. `None`, after saying so on standard error, when
/// the folder is not there (a clone without the shared folder beside it).
pub fn real_corpus(folder: &str) -> Option<PathBuf> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpus/real")
        .join(folder);
    if path.is_dir() {
        Some(path)
    } else {
        eprintln!(
            "skipped: {} does not exist (the real-file corpus sits beside the repository)",
            path.display()
        );
        None
    }
}
