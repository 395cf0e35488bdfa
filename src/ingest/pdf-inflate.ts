// pdf.js inflates every Flate stream (page contents, fonts, images) through the web
// DecompressionStream when the runtime has one. In Node that is a web-streams pipeline over an
// async zlib stream on the thread pool: for the 1-20 KB streams of a report the plumbing costs
// more than the inflating, and each stream waits for a round trip to the pool. While pdf.js works
// (pdf-load.ts), DecompressionStream is this stand-in: small streams go through the same zlib,
// called synchronously, behind the calls pdf.js makes (write the bytes, close, read the chunks);
// large ones (images) still go to the real DecompressionStream, off this thread: pdf.js decodes
// images without waiting for them, and the text and rulings never need them. It fails where
// zlib fails (truncated, bad header or checksum), and pdf.js then uses its own inflater as
// before. (Without any DecompressionStream pdf.js would use that inflater for everything: 8
// times slower on a large image.)

import { inflateSync } from "node:zlib";

type Native = typeof globalThis.DecompressionStream;

/** Compressed bytes above which a stream is inflated off this thread by the real DecompressionStream. */
const SYNC_LIMIT = 64 * 1024;

/** Inflates what was written, in one call, once the writer closes. */
class InflateNow {
  readonly writable: { getWriter(): { ready: Promise<void>; write(chunk: Uint8Array): Promise<void>; close(): Promise<void> } };
  readonly readable: AsyncIterable<Uint8Array>;

  constructor(native: Native | undefined) {
    const chunks: Uint8Array[] = [];
    let closed!: () => void;
    const done = new Promise<void>((resolve) => (closed = resolve));
    this.writable = {
      getWriter: () => ({
        ready: Promise.resolve(),
        write: (chunk) => (chunks.push(chunk), Promise.resolve()),
        close: () => (closed(), Promise.resolve()),
      }),
    };
    this.readable = {
      async *[Symbol.asyncIterator]() {
        await done;
        const bytes = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
        if (bytes.byteLength <= SYNC_LIMIT || !native) {
          yield inflateSync(bytes);
          return;
        }
        const real = new native("deflate");
        const writer = real.writable.getWriter();
        writer.write(bytes).then(() => writer.close()).catch(() => {});
        yield* real.readable as unknown as AsyncIterable<Uint8Array>;
      },
    };
  }
}

/** A DecompressionStream constructor: "deflate" (all pdf.js asks for) inflates now, other formats get the real one. */
function standIn(native: Native | undefined) {
  return function DecompressionStream(format: string): object {
    if (format === "deflate") return new InflateNow(native);
    if (native) return new native(format as ConstructorParameters<Native>[0]);
    throw new TypeError(`Unsupported compression format: ${format}`);
  };
}

let depth = 0;
let saved: PropertyDescriptor | undefined;

/** From now until the matching restoreInflate(), DecompressionStream inflates synchronously. Nests. */
export function useSyncInflate(): void {
  if (depth++ > 0) return;
  saved = Object.getOwnPropertyDescriptor(globalThis, "DecompressionStream");
  const native = globalThis.DecompressionStream as Native | undefined;
  Object.defineProperty(globalThis, "DecompressionStream", { value: standIn(native), writable: true, configurable: true, enumerable: false });
}

export function restoreInflate(): void {
  if (--depth > 0) return;
  if (saved) Object.defineProperty(globalThis, "DecompressionStream", saved);
  else delete (globalThis as { DecompressionStream?: unknown }).DecompressionStream;
  saved = undefined;
}
