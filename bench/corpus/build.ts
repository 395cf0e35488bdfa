// Builds the benchmark corpus in bench/work/corpus: for each fixture report (text, DOCX, PDF of
// the same five reports), variants about other official units with moved figures. Document i
// of every format is about unit i (placeFor), so N = 3,321 text reports cover the country once.

import { linkSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { processBytes } from "../../src/batch/process.js";
import { loadRules } from "../../src/rules/load.js";
import { docxTemplate, varyDocx } from "./docx.js";
import { commentVariant, pdfPageCount, pdfTemplate, varyPdf } from "./pdf.js";
import { rng } from "./rng.js";
import { loadPlaces, placeFor, type Place } from "./units.js";
import { renamer, varyText } from "./vary.js";

export interface Template {
  id: string;
  place: Place;
  text: string;
  docx: Buffer;
  pdf: Buffer;
}

export interface FormatCorpus {
  dir: string;
  files: number;
  bytes: number;
  /** PDF only: pages over all files. */
  pages: number | null;
  /** How the variants differ from their fixture. */
  note: string;
}

const LEVEL: Record<string, string> = { xa: "xã", phuong: "phường", dac_khu: "đặc khu" };
const fold = (s: string) => s.normalize("NFD").replace(/\p{M}/gu, "").replace(/đ/gi, "d").toLowerCase();

/** The five fixture reports and the unit each is about, as tonghop's own extractor reads it. */
export async function loadTemplates(root: string, places: Place[]): Promise<Template[]> {
  const rules = loadRules();
  const dir = join(root, "fixtures");
  const out: Template[] = [];
  for (const f of readdirSync(join(dir, "samples")).filter((n) => n.endsWith(".txt")).sort()) {
    const id = basename(f, ".txt");
    const bytes = readFileSync(join(dir, "samples", f));
    const { extraction } = await processBytes(bytes, f, rules);
    const meta = extraction.document;
    if (!meta.unit.name || !meta.unit.level || !meta.province) throw new Error(`${f}: the extractor found no unit or province`);
    const prov = places.find((p) => fold(p.province) === fold(meta.province!));
    const place: Place = {
      type: LEVEL[meta.unit.level]!,
      name: meta.unit.name,
      province: meta.province,
      provinceType: prov?.provinceType ?? "tỉnh",
      code: meta.unit.code ?? "",
    };
    out.push({ id, place, text: bytes.toString("utf8"), docx: readFileSync(join(dir, "docx", `${id}.docx`)), pdf: readFileSync(join(dir, "pdf", `${id}.pdf`)) });
  }
  return out;
}

function freshDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
}

const name = (i: number, p: Place, ext: string) => `${String(i).padStart(5, "0")}_${p.code}.${ext}`;

export function buildText(dir: string, templates: Template[], places: Place[], n: number): FormatCorpus {
  freshDir(dir);
  let bytes = 0;
  for (let i = 0; i < n; i++) {
    const t = templates[i % templates.length]!;
    const to = placeFor(places, i);
    const b = Buffer.from(varyText(t.text, renamer(t.place, to), rng(i + 1)), "utf8");
    writeFileSync(join(dir, name(i, to, "txt")), b);
    bytes += b.length;
  }
  return { dir, files: n, bytes, pages: null, note: "unit and province renamed to another official unit, figures moved ±15 %" };
}

export function buildDocx(dir: string, templates: Template[], places: Place[], n: number): FormatCorpus {
  freshDir(dir);
  const parsed = templates.map((t) => docxTemplate(t.docx));
  let bytes = 0;
  for (let i = 0; i < n; i++) {
    const k = i % templates.length;
    const to = placeFor(places, i);
    const rename = renamer(templates[k]!.place, to);
    const rand = rng(i + 1);
    const b = varyDocx(parsed[k]!, (s) => varyText(s, rename, rand));
    writeFileSync(join(dir, name(i, to, "docx")), b);
    bytes += b.length;
  }
  return { dir, files: n, bytes, pages: null, note: "document.xml runs renamed to another official unit, figures moved ±15 %, re-zipped" };
}

export function buildPdf(dir: string, templates: Template[], places: Place[], n: number): FormatCorpus & { figuresChanged: number } {
  freshDir(dir);
  // a fixture this small parser cannot read still gives distinct files: its bytes plus a comment
  const parsed = templates.map((t) => {
    try {
      return pdfTemplate(t.pdf);
    } catch (e) {
      process.stderr.write(`bench: ${t.id}.pdf: figures left as they are (${(e as Error).message})\n`);
      return null;
    }
  });
  let bytes = 0;
  let pages = 0;
  let figuresChanged = 0;
  for (let i = 0; i < n; i++) {
    const k = i % templates.length;
    const t = parsed[k];
    const { bytes: b, figures } = t ? varyPdf(t, i, rng(i + 1)) : { bytes: commentVariant(templates[k]!.pdf, i), figures: 0 };
    writeFileSync(join(dir, name(i, placeFor(places, i), "pdf")), b);
    bytes += b.length;
    pages += t ? t.pages : pdfPageCount(templates[k]!.pdf);
    figuresChanged += figures;
  }
  return {
    dir, files: n, bytes, pages, figuresChanged,
    note: "fixture bytes plus an incremental update: figures changed digit for digit in the content streams; unit names unchanged (subset fonts lack the glyphs)",
  };
}

/** Folders holding the first n files of `dir` as hard links (the scale run's smaller corpora). */
export function subset(dir: string, n: number, into: string): string {
  freshDir(into);
  for (const f of readdirSync(dir).sort().slice(0, n)) linkSync(join(dir, f), join(into, f));
  return into;
}

export { loadPlaces };
