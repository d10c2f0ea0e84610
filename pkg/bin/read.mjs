// Reading a file or standard input the way the native binary does (src/main.rs), for the `bin`
// and the GitHub Action: the same reasons when a read fails, and never more than
// MAX_INPUT_BYTES + 1 bytes, however large the file or endless the device. The core answers any
// text over the limit with `input-too-large` (a policy file with a usage error), so the bytes
// after it could not change the answer.
import { closeSync, openSync, readdirSync, readSync, statSync } from "node:fs";

/** The core's `MAX_INPUT_BYTES` (src/analysis.rs); test/read.test.mjs holds the two together. */
export const MAX_INPUT_BYTES = 8 * 1024 * 1024;
const CHUNK_BYTES = 64 * 1024;

/** The reasons the native binary gives, so both print the same `cannot read` lines. */
const REASONS = { ENOENT: "no such file", EACCES: "permission denied", EPERM: "permission denied", EISDIR: "is a directory" };

/** An I/O error as the short reason `FileReader` documents. */
export function reasonOf(error) {
  return REASONS[error.code] ?? error.message;
}

/** At most MAX_INPUT_BYTES + 1 bytes from an open file descriptor, read in 64 KiB chunks. */
export function readBoundedFd(fd) {
  const limit = MAX_INPUT_BYTES + 1;
  const chunks = [];
  let total = 0;
  while (total < limit) {
    const chunk = Buffer.allocUnsafe(Math.min(CHUNK_BYTES, limit - total));
    let count;
    try {
      count = readSync(fd, chunk, 0, chunk.length, null);
    } catch (error) {
      // Standard input may be non-blocking (a terminal, some pipes): wait for it as a blocking
      // read would.
      if (error.code === "EAGAIN") continue;
      throw error;
    }
    if (count === 0) break;
    chunks.push(count === chunk.length ? chunk : chunk.subarray(0, count));
    total += count;
  }
  return Buffer.concat(chunks, total);
}

const strict = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
const lossy = new TextDecoder("utf-8", { fatal: false, ignoreBOM: true });

/**
 * The text of what was read, or an Error `not valid UTF-8`. A read cut at the limit may end
 * inside a character, so text over the limit is decoded with replacement characters (which never
 * make it shorter) as Rust's `String::from_utf8_lossy` does, and left to the core's size check.
 */
export function decodeBounded(bytes) {
  try {
    return strict.decode(bytes);
  } catch {
    if (bytes.length > MAX_INPUT_BYTES) return lossy.decode(bytes);
    throw new Error("not valid UTF-8");
  }
}

/** `path` (standard input for `-`) as text, read as the native binary reads it. */
export function readText(path) {
  let bytes;
  try {
    if (path === "-") {
      bytes = readBoundedFd(0);
    } else {
      const fd = openSync(path, "r");
      try {
        bytes = readBoundedFd(fd);
      } finally {
        closeSync(fd);
      }
    }
  } catch (error) {
    throw new Error(reasonOf(error));
  }
  return decodeBounded(bytes);
}

/**
 * Whether `name` is a variable file Terraform reads on its own from a module's directory, as
 * `is_variable_file` in src/service/terraform.rs decides (which also orders them).
 */
function isVariableFile(name) {
  return (
    name === "terraform.tfvars" ||
    name === "terraform.tfvars.json" ||
    name.endsWith(".auto.tfvars") ||
    name.endsWith(".auto.tfvars.json")
  );
}

/**
 * The `.tf` files of `path` when it is a directory (a Terraform module), and the variable files
 * Terraform reads from it, as the native binary lists them (`terraform_files` in src/main.rs):
 * regular files, links followed, whose name has the extension `tf` (a name with a dot after its
 * first character, `tf` after the last) or is a variable file (`isVariableFile`), joined to
 * `path` as Rust's `Path::join` does and sorted by their UTF-8 bytes; `null` when `path` cannot
 * be listed as a directory.
 */
export function terraformFiles(path) {
  let names;
  try {
    names = readdirSync(path);
  } catch {
    return null;
  }
  const prefix = path.endsWith("/") ? path : `${path}/`;
  const files = names
    .filter((name) => {
      const dot = name.lastIndexOf(".");
      return (dot > 0 && name.slice(dot + 1) === "tf") || isVariableFile(name);
    })
    .map((name) => prefix + name)
    .filter((file) => {
      try {
        return statSync(file).isFile();
      } catch {
        return false;
      }
    });
  return files.sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
}
