// `npx ecs-rollout lsp`: the language server on Node's standard input and output. All protocol
// logic is the wasm module's `LspSession` (the same Rust code as the native `ecs-rollout lsp`);
// this file only frames messages, by the rules of `read_frame` in src/main.rs: header lines end
// at "\n" (a "\r" before it is dropped), a blank line ends the block, `Content-Length` is
// matched without regard to case, its value
// is one to fifteen digits (a "+" may lead), and other headers are ignored.
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { LspSession } = require("../dist/node/ecs_rollout.js");

const NEWLINE = 0x0a;
// `ignoreBOM` keeps a byte order mark, as Rust's `from_utf8_lossy` does.
const decoder = new TextDecoder("utf-8", { ignoreBOM: true });

/** Serves until `exit` or the end of standard input; resolves with the exit code. */
export function serveLsp(input = process.stdin, output = process.stdout) {
  const session = new LspSession();
  let buffer = Buffer.alloc(0);
  let header = null; // { length, valid } while a header block is being read
  let bodyLength = null; // bytes still awaited for the current body
  let done = null;

  const send = (bodies) => {
    for (const body of bodies) {
      output.write(`Content-Length: ${Buffer.byteLength(body, "utf8")}\r\n\r\n${body}`);
    }
  };

  /** Handles every complete frame in the buffer; true once `exit` has arrived. */
  const drain = () => {
    for (;;) {
      if (bodyLength === null) {
        const end = buffer.indexOf(NEWLINE);
        if (end < 0) return false;
        let line = decoder.decode(buffer.subarray(0, end));
        buffer = buffer.subarray(end + 1);
        if (line.endsWith("\r")) line = line.slice(0, -1);
        header ??= { length: null, valid: true };
        if (line !== "") {
          const colon = line.indexOf(":");
          if (colon >= 0 && line.slice(0, colon).trim().toLowerCase() === "content-length") {
            const value = line.slice(colon + 1).trim();
            if (/^\+?[0-9]{1,15}$/.test(value) && header.length === null) header.length = Number(value);
            else header.valid = false;
          }
          continue;
        }
        const { length, valid } = header;
        header = null;
        if (length === null || !valid) {
          send(session.badHeader());
          continue;
        }
        bodyLength = length;
      }
      if (buffer.length < bodyLength) return false;
      const body = decoder.decode(buffer.subarray(0, bodyLength));
      buffer = buffer.subarray(bodyLength);
      bodyLength = null;
      send(session.receive(body));
      if (session.exitCode() !== undefined) return true;
    }
  };

  return new Promise((resolve) => {
    const finish = (code) => {
      if (done !== null) return;
      done = code;
      input.pause();
      input.removeAllListeners("data");
      // Everything written is flushed before the promise settles.
      output.write("", () => resolve(code));
    };
    input.on("data", (chunk) => {
      if (done !== null) return;
      buffer = buffer.length ? Buffer.concat([buffer, chunk]) : chunk;
      if (drain()) finish(session.exitCode());
    });
    input.on("end", () => finish(session.exitCodeAtEndOfInput()));
    input.on("error", () => finish(session.exitCodeAtEndOfInput()));
  });
}
