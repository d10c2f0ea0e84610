//! Helpers shared by the integration tests that drive the command line over a case folder.

use std::path::PathBuf;

use ecs_rollout::cli::FileReader;

/// Reads the files a CLI case names from one folder, so snapshots show short relative paths.
pub struct CaseFiles(pub PathBuf);

impl FileReader for CaseFiles {
    fn read(&self, path: &str) -> Result<String, String> {
        std::fs::read_to_string(self.0.join(path)).map_err(|error| error.to_string())
    }
}
