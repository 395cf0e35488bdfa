// An option: the machine's own `tesseract` program (version 4 or later), when it is installed,
// recognises a page in about 2.1 s of CPU against tesseract.js's 2.7, and in far less memory: no
// WebAssembly heap that keeps its largest size. It reads the very model
// tonghop ships (@tesseract.js-data/vie, unpacked once into the temporary folder), with the same
// settings, so both give the same words. Nothing needs it: without it tesseract.js does the work.
// TONGHOP_OCR_ENGINE=js|native|auto chooses (auto: native when it runs, else tesseract.js).

import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { parseDocument, DomUtils } from "htmlparser2";
import type { Element } from "domhandler";
import { environmentForPrograms } from "../../malloc.js";
import { ReadError } from "../types.js";
import { meanConfidence, modelDir, type Engine, type OcrPageResult, type OcrWord } from "./engine.js";

/** The tesseract program to run (TONGHOP_TESSERACT, else `tesseract` on the PATH). */
function program(): string {
  return process.env.TONGHOP_TESSERACT || "tesseract";
}

let found: boolean | null = null;

/** Whether a usable native tesseract (4 or later: the LSTM recogniser) is installed. */
export function nativeAvailable(): boolean {
  if (found !== null) return found;
  try {
    const r = spawnSync(program(), ["--version"], { encoding: "utf8", timeout: 10_000 });
    const m = /tesseract\s+v?(\d+)/i.exec(`${r.stdout}${r.stderr}`);
    found = r.status === 0 && !!m && Number(m[1]) >= 4;
  } catch {
    found = false;
  }
  return found;
}

/** The shipped model unpacked for the native program (it cannot read .gz), once per model file. */
export function tessdataDir(): string {
  const gz = join(modelDir(), "vie.traineddata.gz");
  const st = statSync(gz);
  const dir = join(tmpdir(), `tonghop-tessdata-${st.size}-${Math.round(st.mtimeMs)}`);
  const file = join(dir, "vie.traineddata");
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    const part = `${file}.${process.pid}.part`;
    writeFileSync(part, gunzipSync(readFileSync(gz)));
    renameSync(part, file);
  }
  return dir;
}

/** The native program, `parallel` pages at a time, each a process on one thread. */
export class NativeTesseract implements Engine {
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  private readonly dir = tessdataDir();

  constructor(readonly parallel = 1) {}

  async recognize(image: Uint8Array): Promise<OcrPageResult> {
    if (this.running >= this.parallel) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.running++;
    try {
      return wordsOfHocr(await this.run(image));
    } finally {
      this.running--;
      this.waiting.shift()?.();
    }
  }

  async close(): Promise<void> {}

  private run(image: Uint8Array): Promise<string> {
    // the settings of engine.ts's tesseract.js workers; hocr_char_boxes gives each character's confidence
    const args = ["stdin", "stdout", "--tessdata-dir", this.dir, "-l", "vie", "--oem", "1", "--psm", "3", "--dpi", "300"];
    // hOCR asked by setting, not by the "hocr" config file (that lives in the system's tessdata)
    for (const c of ["preserve_interword_spaces=1", "tessedit_do_invert=0", "tessedit_create_hocr=1", "hocr_char_boxes=1", "debug_file=/dev/null"]) args.push("-c", c);
    return new Promise((resolve, reject) => {
      const child = spawn(program(), args, { env: { ...environmentForPrograms(), OMP_THREAD_LIMIT: "1" }, stdio: ["pipe", "pipe", "pipe"] });
      const out: Buffer[] = [];
      let err = "";
      child.stdout.on("data", (b: Buffer) => out.push(b));
      child.stderr.on("data", (b: Buffer) => {
        err = (err + b.toString()).slice(-2000); // its last words say why it failed
      });
      child.on("error", (e) => reject(new ReadError("unreadable", `Không chạy được tesseract (native OCR failed: ${e.message})`)));
      child.on("close", (code) => {
        if (code === 0) resolve(Buffer.concat(out).toString("utf8"));
        else reject(new ReadError("unreadable", `tesseract dừng với mã ${code} (native OCR failed: ${err.trim().split("\n").pop()?.slice(0, 160) ?? ""})`));
      });
      child.stdin.on("error", () => {}); // a program that exits early reports through "close"
      child.stdin.end(Buffer.from(image.buffer, image.byteOffset, image.byteLength));
    });
  }
}

const LINE_CLASSES = new Set(["ocr_line", "ocr_textfloat", "ocr_header", "ocr_caption"]);

/** hOCR → the words engine.ts gives for tesseract.js's blocks: boxes, line baseline and height, confidences. */
export function wordsOfHocr(html: string): OcrPageResult {
  const dom = parseDocument(html);
  const words: OcrWord[] = [];
  let lineNo = 0;
  for (const line of DomUtils.findAll((e) => LINE_CLASSES.has(e.attribs.class ?? ""), dom.children)) {
    const t = titleOf(line);
    const box = t.bbox;
    if (!box) continue;
    lineNo++;
    const [lx0, , , ly1] = box as [number, number, number, number];
    const [slope, offset] = (t.baseline ?? [0, 0]) as [number, number];
    const lineHeight = t.x_size?.[0] ?? box[3]! - box[1]!;
    for (const w of DomUtils.findAll((e) => e.attribs.class === "ocrx_word", line.children)) {
      const wt = titleOf(w);
      const text = DomUtils.textContent(w).replace(/\s+/g, "").normalize("NFC");
      if (!text || !wt.bbox) continue;
      const [x0, y0, x1, y1] = wt.bbox as [number, number, number, number];
      const chars = DomUtils.findAll((e) => e.attribs.class === "ocrx_cinfo", w.children).map((c) => titleOf(c).x_conf?.[0] ?? 0);
      words.push({
        text,
        confidence: wt.x_wconf?.[0] ?? 0,
        x0,
        y0,
        x1,
        y1,
        // hOCR's baseline: slope and offset from the line box's bottom-left corner
        baseline: ly1 + offset + slope * ((x0 + x1) / 2 - lx0),
        lineHeight,
        ...(chars.length ? { chars } : {}),
        line: lineNo,
      });
    }
  }
  return { words, confidence: meanConfidence(words) };
}

/** An hOCR title ("bbox 1 2 3 4; x_wconf 96") as numbers per property. */
function titleOf(e: Element): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  for (const part of (e.attribs.title ?? "").split(";")) {
    const [key, ...vals] = part.trim().split(/\s+/);
    if (key) out[key] = vals.map(Number);
  }
  return out;
}
