// `npx ecs-rollout lsp`: the language server on Node's standard input and output. All protocol
// logic is the wasm module's `LspSession` (the same Rust code as the native `ecs-rollout lsp`);
// this file only frames messages, by the rules of `read_frame` in src/main.rs: header lines end
// at "\n" (a "\r" before it is dropped), only their first `maxHeaderLineBytes` bytes are read,
// a blank line ends the block, `Content-Length` is matched without regard to case, its value is
// one to fifteen digits (a "+" may lead) on a line not cut short, repeated equal values count
// as one, and other headers are ignored. A block without one usable length is a bad header and
// no body is read; a body over `maxMessageBytes` is skipped, exactly its length.
//
// Input is consumed chunk by chunk and never joined to what is left over: a header line keeps
// at most `maxHeaderLineBytes`, a body is gathered once its chunks are all in, so memory is
// bounded by the largest body read and time is linear in the bytes received.
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { LspSession } = require("../dist/node/ecs_rollout.js");

const NEWLINE = 0x0a;
const MAX_MESSAGE_BYTES = LspSession.maxMessageBytes();
const MAX_HEADER_LINE_BYTES = LspSession.maxHeaderLineBytes();
// `ignoreBOM` keeps a byte order mark, as Rust's `from_utf8_lossy` does.
const decoder = new TextDecoder("utf-8", { ignoreBOM: true });

/**
 * Serves until `exit` or the end of standard input; resolves with the exit code. `stats`, when
 * given, counts in `copiedBytes` the bytes copied out of the input's chunks (for tests: at most
 * the bytes received).
 */
export function serveLsp(input = process.stdin, output = process.stdout, stats = { copiedBytes: 0 }) {
  const session = new LspSession();
  // The header line being read: its first bytes, and whether it was longer.
  let line = [];
  let lineBytes = 0;
  let lineCut = false;
  let header = null; // { length, valid } while a header block is being read
  let body = null; // { length, chunks, received, skip } while a body is being read
  let done = null;

  const send = (bodies) => {
    for (const text of bodies) {
      output.write(`Content-Length: ${Buffer.byteLength(text, "utf8")}\r\n\r\n${text}`);
    }
  };

  /** One complete header line (`cut` when only its first bytes were kept). */
  const headerLine = (bytes, cut) => {
    let text = decoder.decode(bytes);
    if (text.endsWith("\n")) text = text.slice(0, -1);
    if (text.endsWith("\r")) text = text.slice(0, -1);
    header ??= { length: null, valid: true };
    if (text !== "" || cut) {
      const colon = text.indexOf(":");
      if (colon >= 0 && text.slice(0, colon).trim().toLowerCase() === "content-length") {
        const value = text.slice(colon + 1).trim();
        const wellFormed = !cut && /^\+?[0-9]{1,15}$/.test(value);
        if (wellFormed && (header.length === null || header.length === Number(value))) header.length = Number(value);
        else header.valid = false;
      }
      return;
    }
    const { length, valid } = header;
    header = null;
    if (length === null || !valid) {
      send(session.badHeader());
      return;
    }
    body = { length, chunks: [], received: 0, skip: length > MAX_MESSAGE_BYTES };
  };

  /** Handles the body once all of it has arrived; true once `exit` has arrived. */
  const finishBody = () => {
    const { length, chunks, skip } = body;
    body = null;
    if (skip) {
      send(session.oversizedBody(length));
    } else {
      stats.copiedBytes += length;
      send(session.receive(decoder.decode(Buffer.concat(chunks, length))));
    }
    return session.exitCode() !== undefined;
  };

  /** Consumes one chunk of input; true once `exit` has arrived. */
  const consume = (chunk) => {
    let at = 0;
    while (at < chunk.length) {
      if (body !== null) {
        const take = Math.min(body.length - body.received, chunk.length - at);
        if (!body.skip) body.chunks.push(chunk.subarray(at, at + take));
        body.received += take;
        at += take;
        if (body.received === body.length && finishBody()) return true;
        continue;
      }
      const newline = chunk.indexOf(NEWLINE, at);
      const end = newline < 0 ? chunk.length : newline + 1;
      const room = Math.max(0, MAX_HEADER_LINE_BYTES - lineBytes);
      if (end - at > room) lineCut = true;
      const kept = Math.min(end - at, room);
      if (kept > 0) {
        line.push(chunk.subarray(at, at + kept));
        lineBytes += kept;
      }
      at = end;
      if (newline >= 0) {
        stats.copiedBytes += lineBytes;
        const bytes = Buffer.concat(line, lineBytes);
        const cut = lineCut;
        line = [];
        lineBytes = 0;
        lineCut = false;
        headerLine(bytes, cut);
        // An empty body is complete as soon as its header is.
        if (body !== null && body.length === 0 && finishBody()) return true;
      }
    }
    return false;
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
      if (consume(chunk)) finish(session.exitCode());
    });
    input.on("end", () => {
      // A last header line without its "\n" is read as the native server reads it.
      if (done === null && body === null && (lineBytes > 0 || lineCut)) {
        const bytes = Buffer.concat(line, lineBytes);
        line = [];
        lineBytes = 0;
        headerLine(bytes, lineCut);
        if (body !== null && body.length === 0 && finishBody()) return finish(session.exitCode());
      }
      finish(session.exitCodeAtEndOfInput());
    });
    input.on("error", () => finish(session.exitCodeAtEndOfInput()));
  });
}
