// The OCR's page preparation alone (src/ingest/ocr: the page's image taken or rendered, a photo's
// sheet found and warped, paper levelled, skew measured and taken out, rulings found and erased,
// specks, crop, PNG), on every page of the scanned and picture fixtures: the recogniser is replaced
// by one that keeps the image it is handed and reads nothing (at full confidence, so each page is
// prepared once, the right way up). Prints the CPU (user + system) per page and a digest of the
// decoded pixels of every image handed over, so that a change to the preparation can be shown to
// leave them as they were.
//
//   npm run build && node dist/bench/prep.js [--rounds 3] [--list] [files or folders…]
//   (default: fixtures/scanned, fixtures/scanned-extra, fixtures/photos)

import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { decode } from "fast-png";
import { readDocument } from "../src/ingest/index.js";
import { useRecognizer, type Recognizer } from "../src/ingest/ocr/engine.js";

const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(name);
  return i < 0 ? undefined : args.splice(i, 2)[1];
};
const rounds = Number(flag("--rounds") ?? 3);
const list = args.includes("--list") && !!args.splice(args.indexOf("--list"), 1);
const roots = args.length ? args : ["fixtures/scanned", "fixtures/scanned-extra", "fixtures/photos"];
const files = roots.flatMap((r) => (statSync(r).isDirectory() ? readdirSync(r).sort().map((f) => join(r, f)) : [r]));

const handed: Uint8Array[] = [];
const keeper: Recognizer = {
  parallel: 1,
  reserve: async () => () => {},
  recognize: async (image) => (handed.push(image), { words: [], confidence: 100 }),
  close: async () => {},
};
useRecognizer(keeper);

const inputs = files.map((f) => ({ f, bytes: readFileSync(f) }));
// nothing read: the document is refused as an unreadable scan once its pages are prepared
const read = (bytes: Uint8Array, fileName: string) => readDocument(bytes, { fileName }).catch(() => null);
// one round first, unmeasured: modules loaded and compiled
for (const { f, bytes } of inputs) await read(bytes, f);
const digests = handed.map((png) => {
  const d = decode(png);
  return createHash("sha256").update(`${d.width}x${d.height}:`).update(d.data as Uint8Array).digest("hex");
});
const pages = handed.length;
const perRound: number[] = [];
for (let r = 0; r < rounds; r++) {
  handed.length = 0;
  const c = process.cpuUsage();
  for (const { f, bytes } of inputs) await read(bytes, f);
  const u = process.cpuUsage(c);
  perRound.push((u.user + u.system) / 1000 / pages);
}
if (list) for (const d of digests) console.log(d);
const all = createHash("sha256").update([...digests].sort().join("\n")).digest("hex");
console.log(`${files.length} files, ${pages} pages; CPU ms/page per round: ${perRound.map((v) => v.toFixed(0)).join(" ")}; pixels ${all.slice(0, 16)}`);
