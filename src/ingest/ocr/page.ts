// One page without a text layer → the same text items and ruling lines pdf-load.ts gives for a
// page with one, so lines, paragraphs, columns and tables are rebuilt by the very same code.
// The page is rendered by pdf.js on @napi-rs/canvas at 300 dpi (a page that is one scanned
// image is that image, resampled), prepared (image.ts), recognised (engine.ts), and each word
// becomes an item at its place on the page, in PDF points with y up, its baseline and size
// from the recognised line, bold from its stroke width.

import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { RawItem, Ruling } from "../pdf-load.js";
import { recognize, type OcrWord } from "./engine.js";
import { eraseRulings, findAllRulings, greyDroppingColour, inkShare, levelPaper, measureSkew, rotate, pgmImage, strokeWidth, upscale, type Grey, type PixelRuling } from "./image.js";
import { repairTones, splitGlued } from "./diacritics.js";
import { repairWordDetailed } from "./repair.js";

/**
 * Render resolution: the scan's own (a page that is one image is that image, not resampled
 * upwards for nothing), kept between 200 dpi (below, small print loses its tone marks) and
 * 300 dpi (what the models are trained around; more only costs time and memory).
 */
export const MIN_DPI = 200;
export const MAX_DPI = 300;
/** Pages with a table grid are recognised at least at this resolution (enlarged if need be). */
export const TABLE_DPI = 300;

export interface OcrPage {
  items: RawItem[];
  rulings: Ruling[];
  /** Mean word confidence, 0…100. */
  confidence: number;
  /** Words read and how many had low confidence. */
  words: number;
  /** Skew taken out, degrees. */
  skew: number;
  /** Nothing to read: an empty sheet. */
  blank: boolean;
}

/** The confidence a word gets once repaired (repair.ts): below the doubt threshold, so it is flagged. */
const REPAIRED_CONFIDENCE = 60;

/** Per item: the recogniser's confidence (0…100) in the item's characters, for provenance. */
export type ItemConfidence = WeakMap<RawItem, number>;
export const itemConfidence: ItemConfidence = new WeakMap();

/** The minimal surface of a pdf.js page this needs. */
export interface RenderablePage {
  view: number[];
  getViewport(o: { scale: number }): { width: number; height: number };
  render(o: { canvasContext: unknown; viewport: unknown; canvas?: unknown }): { promise: Promise<void> };
}

/**
 * `imageWidth`: the widest image's width in pixels, when the page draws images. `pixels`: the
 * page's one full-page image as grey (embedded.ts), used instead of rendering when its own
 * resolution is one the page is read at.
 */
export async function ocrPage(page: RenderablePage, imageWidth?: number, pixels?: () => Promise<Grey | null>): Promise<OcrPage> {
  const [vx0, vy0, vx1, vy1] = page.view as [number, number, number, number];
  const widthPt = vx1 - vx0;
  const heightPt = vy1 - vy0;
  const own = imageWidth ? (imageWidth / widthPt) * 72 : MAX_DPI;
  const dpi = Math.min(MAX_DPI, Math.max(MIN_DPI, Math.round(own)));
  const scale = dpi / 72;
  const t: number[] = [performance.now()];
  let img = (pixels && Math.round(own) === dpi ? await pixels() : null) ?? (await renderGrey(page, scale));
  t.push(performance.now());
  const prep = prepareForOcr(img, dpi, t);
  if (prep.blank) return { items: [], rulings: [], confidence: 0, words: 0, skew: 0, blank: true };
  const { skew, rulings: px, up, pgm } = prep;
  img = prep.img;
  // TONGHOP_OCR_DUMP=<folder>: keep each image as the recogniser gets it (for measuring and tuning)
  if (process.env.TONGHOP_OCR_DUMP) writeFileSync(join(process.env.TONGHOP_OCR_DUMP, `page-${Date.now()}-${Math.random().toString(36).slice(2, 6)}.pgm`), pgm);
  const { words, confidence } = await recognize(pgm);
  if (up > 1)
    for (const w of words) {
      w.x0 /= up;
      w.x1 /= up;
      w.y0 /= up;
      w.y1 /= up;
      w.baseline /= up;
      w.lineHeight /= up;
    }
  t.push(performance.now());
  if (process.env.TONGHOP_OCR_DEBUG) process.stderr.write(`ocr page (${dpi} dpi, x${up.toFixed(2)}): render ${ms(t, 0)} prepare ${ms(t, 1)} rulings ${ms(t, 2)} recognise ${ms(t, 3)} ms, skew ${skew}\n`);

  const toX = (x: number) => x / scale;
  const toY = (y: number) => heightPt - y / scale;
  const rulings: Ruling[] = px.map((r) => ({ x0: toX(r.x0), x1: toX(r.x1), y0: toY(r.y1), y1: toY(r.y0) }));

  const kept = words.filter((w) => !noise(w));
  // syllables run together split again, then tone marks repaired line by line against the pairs
  // of words the rules use
  const split = new Set<OcrWord>();
  for (const w of kept) {
    const s = splitGlued(w.text);
    if (s) (w.text = s), split.add(w);
  }
  for (let i = 0; i < kept.length; ) {
    let j = i;
    while (j < kept.length && kept[j]!.line === kept[i]!.line) j++;
    const line = kept.slice(i, j);
    const owner: number[] = [];
    const texts = line.flatMap((w, k) => w.text.split(" ").map((t) => (owner.push(k), t)));
    const bare = new Set(owner.flatMap((k, t) => (split.has(line[k]!) ? [t] : [])));
    const changed = new Set(repairTones(texts, undefined, bare).map((t) => owner[t]!));
    for (const k of changed) line[k]!.text = texts.filter((_, t) => owner[t] === k).join(" ");
    i = j;
  }
  const strokes = kept.map((w) => strokeWidth(img, w.x0, w.y0, w.x1, w.y1) / Math.max(1, w.lineHeight));
  const typical = median(strokes.filter((s) => s > 0));
  const items: RawItem[] = kept.map((w, i) => {
    const size = fontSize(w) / scale;
    const repaired = repairWordDetailed(w.text);
    const item: RawItem = {
      str: repaired.text,
      x: toX(w.x0),
      y: toY(w.baseline),
      width: toX(w.x1) - toX(w.x0),
      size,
      bold: typical > 0 && strokes[i]! > 1.28 * typical,
    };
    // a repaired figure is never trusted silently: it counts as doubtful
    itemConfidence.set(item, repaired.changed ? Math.min(w.confidence, REPAIRED_CONFIDENCE) : w.confidence);
    return item;
  });
  return { items, rulings, confidence, words: kept.length, skew, blank: false };
}

/** A page prepared: straightened, its rulings, and the PGM the recogniser gets (enlarged `up` times). */
export type PreparedPage = { blank: true } | { blank: false; img: Grey; skew: number; rulings: PixelRuling[]; up: number; pgm: Uint8Array };

/**
 * The page's paper levelled (in place), an empty sheet told apart, the skew taken out, the rulings
 * found and erased on the image the recogniser gets. `t` gets the times after straightening and
 * after the rulings.
 */
export function prepareForOcr(page: Grey, dpi: number, t?: number[]): PreparedPage {
  levelPaper(page);
  if (inkShare(page) < 0.002) return { blank: true };
  const skew = measureSkew(page);
  const img = rotate(page, skew);
  t?.push(performance.now());

  // borders: at least ~1.2 cm long; read before they are erased
  const minLen = Math.round(0.45 * dpi);
  const px = findAllRulings(img, minLen);
  // a page holding a table grid is read larger when scanned below TABLE_DPI: its cells' small
  // print loses word spaces, dots and tone marks at 200 dpi
  const grid = px.filter((r) => r.y0 === r.y1).length >= 2 && px.filter((r) => r.x0 === r.x1).length >= 2;
  const up = grid && dpi < TABLE_DPI ? TABLE_DPI / dpi : 1;
  // the rulings erased on a copy (the page itself is measured for bold), drawn straight into the
  // PGM the recogniser gets when it is not enlarged
  const plain = up > 1 ? null : pgmImage(img.width, img.height);
  const forOcr: Grey = plain ? plain.image : { width: img.width, height: img.height, data: new Uint8Array(img.data) };
  if (plain) forOcr.data.set(img.data);
  eraseRulings(forOcr, px);
  t?.push(performance.now());
  let pgm = plain?.pgm;
  if (!pgm) {
    const scaled = pgmImage(Math.round(img.width * up), Math.round(img.height * up));
    upscale(forOcr, up, scaled.image);
    pgm = scaled.pgm;
  }
  return { blank: false, img, skew, rulings: px, up, pgm };
}

/** Font size in pixels from the recognised line: tesseract's row height is about 1.25 em. */
function fontSize(w: OcrWord): number {
  return w.lineHeight / 1.25;
}

/** Marks left by erased borders, specks and stamp rims: no letter or digit, or a lone mark. */
function noise(w: OcrWord): boolean {
  if (!/[\p{L}\p{N}]/u.test(w.text)) return !/^[-–•+*:;.,()%/]$/.test(w.text) || w.confidence < 50;
  return w.confidence < 20 && w.text.length <= 2;
}

const ms = (t: number[], i: number) => Math.round(t[i + 1]! - t[i]!);

function median(v: number[]): number {
  if (!v.length) return 0;
  const s = [...v].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function renderGrey(page: RenderablePage, scale: number): Promise<Grey> {
  const { createCanvas } = await import("@napi-rs/canvas");
  const viewport = page.getViewport({ scale });
  const w = Math.round(viewport.width);
  const h = Math.round(viewport.height);
  const canvas = createCanvas(w, h);
  const ctx = canvas.getContext("2d");
  ctx.fillStyle = "#ffffff";
  ctx.fillRect(0, 0, w, h);
  await page.render({ canvasContext: ctx, viewport, canvas }).promise;
  const rgba = ctx.getImageData(0, 0, w, h).data;
  return greyDroppingColour(rgba, w, h);
}


