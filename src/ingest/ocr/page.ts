// One page without a text layer → the same text items and ruling lines pdf-load.ts gives for a
// page with one, so lines, paragraphs, columns and tables are rebuilt by the very same code.
// The page is rendered by pdf.js on @napi-rs/canvas at 200–300 dpi (a page that is one scanned
// image is that image, resampled), prepared (image.ts: grey, levelled, deskewed, a photographed
// table's leaning borders stood upright, table borders found and erased, specks and white
// margins taken out), recognised (engine.ts), and each word
// becomes an item at its place on the page, in PDF points with y up, its baseline and size
// from the recognised line, bold from its stroke width.

import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { RawItem, Ruling } from "../pdf-load.js";
import { isPageNumber } from "../pdf-lines.js";
import { recognize, type OcrWord } from "./engine.js";
import { cropToInk, eraseRulings, inkFill, findAllRulings, greyDroppingColour, inkShare, levelPaper, measureSkew, printRunsDown, removeSpecks, rotate, straightenColumns, strokeWidth, turnBy, upscale, type Grey, type PixelRuling } from "./image.js";
import { toPng } from "./png.js";
import { findSheet, unwarpSheet } from "./sheet.js";
import { repairTones, splitGlued } from "./diacritics.js";
import { isVietnameseSyllable } from "../vietnamese-syllables.js";
import { repairWordDetailed } from "./repair.js";
import { dropInventedStops, repairPunctuation, type LabelWord } from "./punctuation.js";

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
  /** Degrees clockwise the page was turned to be read (a sheet fed upside down: 180); items are on the turned page. */
  turned?: number;
  /** The page as read, in points: a sheet read a quarter turned is as wide as it is high. */
  width: number;
  height: number;
}

/** The confidence a word gets once repaired (repair.ts): below the doubt threshold, so it is flagged. */
const REPAIRED_CONFIDENCE = 60;

/** Per item: the recogniser's confidence (0…100) in the item's characters, for provenance. */
export type ItemConfidence = WeakMap<RawItem, number>;
export const itemConfidence: ItemConfidence = new WeakMap();

/** The minimal surface of a pdf.js page this needs. */
export interface RenderablePage {
  view: number[];
  /** Degrees clockwise the page is shown turned (its /Rotate): a scan stored sideways. */
  rotate?: number;
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
  // the image's resolution is along the page as stored; the page is read as it is shown
  const ownDpi = imageWidth ? (imageWidth / (vx1 - vx0)) * 72 : MAX_DPI;
  const shown = (((page.rotate ?? 0) % 360) + 360) % 360;
  let [widthPt, heightPt] = shown === 90 || shown === 270 ? [vy1 - vy0, vx1 - vx0] : [vx1 - vx0, vy1 - vy0];
  let dpi = Math.min(MAX_DPI, Math.max(MIN_DPI, Math.round(ownDpi)));
  const t: number[] = [performance.now()];
  // the page's own image turned as the page is shown (rendering turns it likewise)
  const own = pixels && Math.round(ownDpi) === dpi ? await pixels() : null;
  let img = own ? turnBy(own, shown) : await renderGrey(page, dpi / 72);
  // a photographed sheet on a desk (sheet.ts): warped upright, and read as an A4 page of its own
  const sheet = findSheet(img);
  if (sheet) ({ img, dpi, widthPt, heightPt } = unwarpSheet(img, sheet, MIN_DPI, MAX_DPI));
  const scale = dpi / 72;
  t.push(performance.now());
  levelPaper(img);
  if (inkShare(img) < 0.002) return { items: [], rulings: [], confidence: 0, words: 0, skew: 0, blank: true, width: widthPt, height: heightPt };
  const skew = measureSkew(img);
  img = rotate(img, skew);
  t.push(performance.now());

  const { read, turned } = await readUpright(img, dpi);
  const { px, words, confidence, up } = read;
  img = read.img;
  t.push(performance.now());
  if (process.env.TONGHOP_OCR_DEBUG)
    process.stderr.write(`ocr page (${dpi} dpi, x${up.toFixed(2)}): render ${ms(t, 0)}${sheet ? ` (sheet at ${sheet.corners.map((p) => p.map(Math.round).join(",")).join(" ")})` : ""} prepare ${ms(t, 1)} read ${ms(t, 2)} ms, skew ${skew}, specks ${read.specks}${turned ? `, turned ${turned}°` : ""}, confidence ${confidence.toFixed(1)}\n`);
  // a page turned a quarter is as wide as the sheet was high: its words are placed on a page of those proportions
  const quarter = turned === 90 || turned === 270;
  const [pageWidthPt, pageHeightPt] = quarter ? [heightPt, widthPt] : [widthPt, heightPt];

  const toX = (x: number) => x / scale;
  const toY = (y: number) => pageHeightPt - y / scale;
  const rulings: Ruling[] = px.map((r) => ({ x0: toX(r.x0), x1: toX(r.x1), y0: toY(r.y1), y1: toY(r.y0) }));

  // a bullet read as a mark (« °) would go as noise: bullets are found first
  const bullets = markBullets(img, words);
  const kept = words.filter((w) => bullets.has(w) || !noise(w));
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
  // a thousands dot lost between digit groups ("1 124/1.392"): the groups joined again, as doubtful
  const joined = joinLostThousands(kept);
  // specks read as full stops inside a sentence taken out
  dropInventedStops(joined);
  const bold = boldWords(img, joined);
  const heights = steadyLineHeights(joined);
  const items: RawItem[] = joined.map((w, i) => {
    const size = fontSize(heights.get(w.line) ?? w.lineHeight) / scale;
    const repaired = repairWordDetailed(w.text);
    const doubtful = repaired.changed || lostDot.has(w);
    const item: RawItem = {
      str: repaired.text,
      x: toX(w.x0),
      y: toY(w.baseline),
      width: toX(w.x1) - toX(w.x0),
      size,
      bold: bold[i]!,
      ocrLine: w.line,
    };
    // a repaired figure is never trusted silently: it counts as doubtful
    itemConfidence.set(item, doubtful ? Math.min(w.confidence, REPAIRED_CONFIDENCE) : w.confidence);
    return item;
  });
  return { items, rulings, confidence, words: kept.length, skew, blank: false, turned, width: pageWidthPt, height: pageHeightPt };
}

const lostDot = new WeakSet<OcrWord>();

/**
 * "1 124/1.392" or "1 234.567" where the number is "1.124", "1.234.567": a group of one to three
 * digits, then, closer than a space between words, a group of exactly three digits whose number
 * (or the ratio's other number) is written with thousands dots. Joined with the dot; the word is
 * marked so that its figure counts as doubtful (a repaired number is never trusted silently).
 */
export function joinLostThousands(words: readonly OcrWord[]): OcrWord[] {
  const out: OcrWord[] = [];
  for (const w of words) {
    const prev = out[out.length - 1];
    const gap = prev ? w.x0 - prev.x1 : Infinity;
    if (
      prev &&
      prev.line === w.line &&
      /^\d{1,3}$/.test(prev.text) &&
      /^\d{3}(?:\.\d{3})*(?![\d.,])(?:[/%][\d.]*%?)?[,.;:)]?$/.test(w.text) &&
      (/\//.test(w.text) ? /\/\d{1,3}(?:\.\d{3})+/.test(w.text) : /\.\d{3}/.test(w.text)) &&
      gap >= 0 &&
      gap < LOST_DOT_GAP * Math.max(prev.lineHeight, w.lineHeight)
    ) {
      const merged: OcrWord = { ...prev, text: `${prev.text}.${w.text}`, x1: w.x1, y0: Math.min(prev.y0, w.y0), y1: Math.max(prev.y1, w.y1), confidence: Math.min(prev.confidence, w.confidence) };
      delete merged.chars;
      out[out.length - 1] = merged;
      lostDot.add(merged);
      continue;
    }
    out.push(w);
  }
  return out;
}
/** Gap between two digit groups, in line heights, below which it is a lost dot, not a space. */
const LOST_DOT_GAP = 0.45;

/**
 * The dots of heading and row numbers put back (punctuation.ts) across a document's recognised
 * pages in order, so that a page opening with "26" knows the one before ended with "2.5". Items
 * joined into one label keep the lower confidence of the two. Changes the pages' items in place.
 */
export function repairLabels(pages: { items: RawItem[]; height: number; ocr?: unknown }[]): void {
  type W = LabelWord & { item: RawItem; page: number };
  const words: W[] = [];
  pages.forEach((p, k) => {
    if (!p.ocr) return;
    // the page's own number ("4." over the text) numbers no heading
    const lines = new Map<number, RawItem[]>();
    for (const item of p.items) if (item.ocrLine !== undefined) (lines.get(item.ocrLine) ?? lines.set(item.ocrLine, []).get(item.ocrLine)!).push(item);
    const folio = new Set([...lines.values()].filter((l) => isPageNumber(l.map((i) => i.str).join(" "), l[0]!.y, p.height)).flat());
    for (const item of p.items)
      if (item.ocrLine !== undefined && !folio.has(item))
        words.push({ text: item.str, x0: item.x, x1: item.x + item.width, line: k * 1e6 + item.ocrLine, lineHeight: fontToLine(item.size), item, page: k });
  });
  if (!words.length) return;
  const confidence = (w: W) => itemConfidence.get(w.item) ?? 100;
  const join = (a: W, b: W, text: string): W => {
    const item: RawItem = { ...a.item, str: text, width: b.x1 - a.x0 };
    itemConfidence.set(item, Math.min(confidence(a), confidence(b)));
    return { ...a, text, x1: b.x1, item };
  };
  const repaired = new Set(words.map((w) => w.item));
  for (const p of pages) if (p.ocr) p.items = p.items.filter((i) => !repaired.has(i));
  for (const w of repairPunctuation(words, join)) pages[w.page]!.items.push(w.item);
}

/** Below this mean confidence a page is read again turned; the turn is kept if this much better. */
export const TURN_BELOW = 60;
export const TURN_GAIN = 10;
/** A page with fewer words than this is tried every way round (see readUpright). */
const FEW_WORDS = 150;

export interface PreparedRead {
  /** Rulings found (pixels of the image read). */
  px: PixelRuling[];
  words: OcrWord[];
  confidence: number;
  /** Enlargement the page was recognised at (words are scaled back). */
  up: number;
  /** Specks taken out. */
  specks: number;
  /** The page the boxes are on: `img` given, or its rows straightened (straightenColumns). */
  img: Grey;
}

/**
 * One straightened page image → its rulings and words: the rulings found and erased, specks taken
 * out, a table page enlarged, recognised; the words' boxes in the image's pixels.
 */
export async function readPrepared(img: Grey, dpi: number): Promise<PreparedRead> {
  // borders: at least ~1.2 cm long; read before they are erased
  const minLen = Math.round(0.45 * dpi);
  let px = findAllRulings(img, minLen);
  // a photographed table's borders lean: the rows are straightened first, and the borders found again
  const straight = straightenColumns(img, px);
  if (straight) (img = straight), (px = findAllRulings(img, minLen));
  const forOcr: Grey = { width: img.width, height: img.height, data: new Uint8Array(img.data) };
  eraseRulings(forOcr, px);
  const specks = removeSpecks(forOcr);
  // a page holding a table grid is read larger when scanned below TABLE_DPI: its cells' small
  // print loses word spaces, dots and tone marks at 200 dpi
  const grid = px.filter((r) => r.y0 === r.y1).length >= 2 && px.filter((r) => r.x0 === r.x1).length >= 2;
  const up = grid && dpi < TABLE_DPI ? TABLE_DPI / dpi : 1;
  // the margins stay out: a quarter inch of white kept around the print
  const crop = cropToInk(forOcr, Math.round(dpi / 4));
  const png = toPng(up > 1 ? upscale(crop.img, up) : crop.img);
  // TONGHOP_OCR_DUMP=<folder>: keep each image as the recogniser gets it (for measuring and tuning)
  if (process.env.TONGHOP_OCR_DUMP) writeFileSync(join(process.env.TONGHOP_OCR_DUMP, `page-${Date.now()}-${Math.random().toString(36).slice(2, 6)}.png`), png);
  const { words, confidence } = await recognize(png);
  if (up > 1 || crop.x || crop.y)
    for (const w of words) {
      w.x0 = w.x0 / up + crop.x;
      w.x1 = w.x1 / up + crop.x;
      w.y0 = w.y0 / up + crop.y;
      w.y1 = w.y1 / up + crop.y;
      w.baseline = w.baseline / up + crop.y;
      w.lineHeight /= up;
    }
  return { px, words, confidence, up, specks, img };
}

/**
 * Reads a straightened page the right way up. A sheet fed upside down or a quarter turned reads as
 * nonsense at low confidence: such a page is read again turned (a quarter each way when its print
 * runs down the page, else half a turn), and a turn that reads clearly better is kept. `read.img`
 * is the image read (turned when `turned`, degrees clockwise, is not 0).
 */
export async function readUpright(img: Grey, dpi: number): Promise<{ read: PreparedRead; turned: number }> {
  let read = await readPrepared(img, dpi);
  let turned = 0;
  if (read.confidence < TURN_BELOW) {
    // which way the print runs is plain on a page of text; a sheet with a few lines (a signature
    // page) may mislead, and is quick to read: it is tried every way
    const down = printRunsDown(img);
    const hinted = down ? [90, 270] : [180];
    const turns = read.words.length < FEW_WORDS ? [...hinted, ...(down ? [180] : [90, 270])] : hinted;
    for (const deg of turns) {
      const other = turnBy(img, deg);
      const again = await readPrepared(rotate(other, measureSkew(other)), dpi);
      if (again.confidence > read.confidence + TURN_GAIN) (read = again), (turned = deg);
      if (read.confidence >= TURN_BELOW) break;
    }
  }
  return { read, turned };
}

/**
 * A list's bullet (•) is read as a letter ("s", "e", "o", "«"): the line's first word is then a
 * solid dot, not a letter: small (at most about half the line's height each way), about as wide as
 * high, most of its box ink (a letter fills a third) and standing clear above the baseline (a full
 * stop or a bold letter sits on it). Such a word becomes "•", so that the list item is told from
 * the paragraph above it as on a page with a text layer. Never a word with a digit. Returns the
 * words marked.
 */
export function markBullets(img: Grey, words: OcrWord[]): Set<OcrWord> {
  const marked = new Set<OcrWord>();
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (i > 0 && words[i - 1]!.line === w.line) continue;
    if (w.text === "•" || w.text.length > 2 || /\p{N}/u.test(w.text)) continue;
    const [bw, bh, lh] = [w.x1 - w.x0, w.y1 - w.y0, w.lineHeight];
    if (bw <= 0 || bh <= 0 || bw > 0.55 * lh || bh > 0.55 * lh || bw > 1.6 * bh || bh > 1.6 * bw) continue;
    if (w.baseline - w.y1 < 0.08 * lh) continue;
    if (inkFill(img, w.x0, w.y0, w.x1, w.y1) < 0.6) continue;
    w.text = "•";
    marked.add(w);
  }
  return marked;
}

/**
 * Which words are bold: a stroke clearly wider than the page's typical stroke (both as shares of
 * the line's height). A word without letters ("2026", "15/5") is bold as the lettered words of its
 * line are: the flat bars of digits make long runs of ink in regular print too, and a short figure
 * alone on a wrapped line judged bold would split it from its sentence (a date's year from its day).
 */
export function boldWords(img: Grey, words: readonly OcrWord[]): boolean[] {
  const strokes = words.map((w) => strokeWidth(img, w.x0, w.y0, w.x1, w.y1) / Math.max(1, w.lineHeight));
  const typical = median(strokes.filter((s) => s > 0));
  const heavy = words.map((_, i) => typical > 0 && strokes[i]! > 1.28 * typical);
  const lettered = words.map((w) => /\p{L}/u.test(w.text));
  // per line: its lettered words, and how many of them are heavy
  const tally = new Map<number, { all: number; heavy: number }>();
  words.forEach((w, i) => {
    if (!lettered[i]) return;
    const t = tally.get(w.line) ?? { all: 0, heavy: 0 };
    t.all++;
    if (heavy[i]) t.heavy++;
    tally.set(w.line, t);
  });
  return words.map((w, i) => {
    if (lettered[i]) return heavy[i]!;
    const t = tally.get(w.line);
    return !!t && t.heavy * 2 > t.all;
  });
}

/**
 * The recogniser's height of a line is measured on its own letters: on a short line of few letters
 * (the end of a wrapped sentence, "110 người.") it is far off (digits' height taken for the small
 * letters'), and the line would stand apart from its sentence as larger print. A short line set at
 * the page's usual line spacing under or over a full line it overlaps takes that line's height, when
 * the two are not far apart. Gives the heights changed, by line.
 */
export function steadyLineHeights(words: readonly OcrWord[]): Map<number, number> {
  interface L { line: number; lh: number; base: number; x0: number; x1: number; letters: number }
  const byLine = new Map<number, L>();
  for (const w of words) {
    const letters = (w.text.match(/\p{L}/gu) ?? []).length;
    const l = byLine.get(w.line);
    if (!l) byLine.set(w.line, { line: w.line, lh: w.lineHeight, base: w.baseline, x0: w.x0, x1: w.x1, letters });
    else (l.x0 = Math.min(l.x0, w.x0)), (l.x1 = Math.max(l.x1, w.x1)), (l.letters += letters);
  }
  const lines = [...byLine.values()];
  const gaps = lines.slice(1).map((l, i) => l.base - lines[i]!.base).filter((g, i) => g > 0 && g < 2 * lines[i]!.lh);
  const pitch = median(gaps);
  const out = new Map<number, number>();
  if (!pitch) return out;
  const SHORT = 12;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (l.letters >= SHORT) continue;
    for (const n of [lines[i - 1], lines[i + 1]]) {
      if (!n || n.letters < SHORT || n.x1 < l.x0 || l.x1 < n.x0) continue;
      if (Math.abs(Math.abs(l.base - n.base) - pitch) > 0.15 * pitch) continue;
      if (Math.abs(l.lh - n.lh) > 0.4 * n.lh) continue;
      out.set(l.line, n.lh);
      break;
    }
  }
  return out;
}

/** tesseract's row height in ems: font size from a recognised line's height, and back. */
const LINE_EMS = 1.25;
const fontSize = (lineHeight: number) => lineHeight / LINE_EMS;
const fontToLine = (size: number) => size * LINE_EMS;

/**
 * Marks left by erased borders, specks and stamp rims: no letter or digit, a lone mark, or one or
 * two characters read with little confidence (not a two-letter syllable: "Ưu" in a bold heading is
 * read doubtfully too).
 */
function noise(w: OcrWord): boolean {
  if (!/[\p{L}\p{N}]/u.test(w.text)) return !/^[-–•+*:;.,()%/]$/.test(w.text) || w.confidence < 50;
  return w.confidence < 20 && w.text.length <= 2 && !(w.text.length === 2 && isVietnameseSyllable(w.text));
}

const ms = (t: number[], i: number) => Math.round(t[i + 1]! - t[i]!);

function median(v: number[]): number {
  if (!v.length) return 0;
  const s = [...v].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function renderGrey(page: RenderablePage, scale: number): Promise<Grey> {
  const { rgba, w, h } = await renderPage(page, scale);
  return greyDroppingColour(rgba, w, h);
}

/** The page drawn on white at `scale` (pixels a point): RGBA and its size (also the fixture scripts' renderer). */
export async function renderPage(page: RenderablePage, scale: number): Promise<{ rgba: Uint8ClampedArray; w: number; h: number }> {
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
  // the canvas's pixels are native memory the JavaScript heap does not count, so garbage collection
  // comes late for them: a page-sized canvas per page piled up (50-60 MB a page at 200 dpi). Shrunk,
  // it lets its pixels go now.
  canvas.width = canvas.height = 1;
  return { rgba, w, h };
}


