#!/usr/bin/env node
// Makes the picture fixtures (reports sent as image files, not PDF) from the scanned fixtures, with
// npm packages only (pdf.js, @napi-rs/canvas):
//   fixtures/photos/004-page1.jpg  page 1 of the "photographed" fixtures/scanned/004 as a phone
//                                  leaves it: the pixels stored a quarter turn anticlockwise and an
//                                  EXIF orientation of 6 saying "turn clockwise to show"
//   fixtures/photos/002-page1.png  page 1 of the black-and-white fixtures/scanned/002 as a PNG
//   fixtures/photos/000-page1-desk.jpg, 001-page1-desk.jpg
//                                  page 1 of the text-layer fixtures/pdf/000 and 001 rendered at
//                                  250 dpi and photographed as a phone does it: the sheet seen at
//                                  an angle (a general quadrilateral, its top edge shorter than the
//                                  bottom) on a darker wooden desk, light falling off across the
//                                  frame, sensor noise, JPEG; 001's with a finger at the left edge
// Deterministic. Usage: npm run build && node scripts/make-photos.mjs
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createCanvas } from "@napi-rs/canvas";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
// the bench corpus's seeded generator (mulberry32), built by `npm run build`
const { rng } = await import("../dist/bench/corpus/rng.js");
// the OCR's own renderer (white paper, the canvas freed at once)
const { renderPage: renderOcrPage } = await import("../dist/src/ingest/ocr/page.js");
const out = join(root, "fixtures", "photos");
mkdirSync(out, { recursive: true });

/** Page 1's one image of a scanned fixture, drawn on a canvas of its own size. */
async function firstPageImage(name) {
  const doc = await pdfjs.getDocument({ data: new Uint8Array(readFileSync(join(root, "fixtures", "scanned", name))), verbosity: 0, isEvalSupported: false }).promise;
  const page = await doc.getPage(1);
  const ops = await page.getOperatorList();
  const i = ops.fnArray.indexOf(pdfjs.OPS.paintImageXObject);
  const [id, w, h] = ops.argsArray[i];
  const img = await new Promise((r) => page.objs.get(id, r));
  const canvas = createCanvas(w, h);
  const ctx = canvas.getContext("2d");
  const data = ctx.createImageData(w, h);
  const ch = img.kind === 3 ? 4 : img.kind === 2 ? 3 : 1;
  for (let p = 0; p < w * h; p++) {
    let r, g, b;
    // 1 bit a pixel, rows padded to whole bytes, set = white
    const x = p % w;
    if (ch === 1) r = g = b = img.data[((p - x) / w) * ((w + 7) >> 3) + (x >> 3)] & (128 >> (x & 7)) ? 255 : 0;
    else [r, g, b] = [img.data[p * ch], img.data[p * ch + 1], img.data[p * ch + 2]];
    data.data.set([r, g, b, 255], p * 4);
  }
  ctx.putImageData(data, 0, 0);
  await doc.destroy();
  return canvas;
}

/** An APP1 EXIF segment holding only IFD0's orientation tag (big-endian TIFF header). */
function exifOrientation(v) {
  const tiff = Buffer.alloc(26);
  tiff.write("MM", 0, "latin1");
  tiff.writeUInt16BE(42, 2);
  tiff.writeUInt32BE(8, 4);
  tiff.writeUInt16BE(1, 8); // one entry
  tiff.writeUInt16BE(0x0112, 10); // Orientation
  tiff.writeUInt16BE(3, 12); // SHORT
  tiff.writeUInt32BE(1, 14);
  tiff.writeUInt16BE(v, 18);
  tiff.writeUInt32BE(0, 22); // no next IFD
  const body = Buffer.concat([Buffer.from("Exif\0\0", "latin1"), tiff]);
  const head = Buffer.from([0xff, 0xe1, 0, 0]);
  head.writeUInt16BE(body.length + 2, 2);
  return Buffer.concat([head, body]);
}

// 004: stored turned a quarter anticlockwise, EXIF 6 turns it back
const photo = await firstPageImage("004_1e8afcbf59a4aba5.pdf");
const turned = createCanvas(photo.height, photo.width);
const tctx = turned.getContext("2d");
tctx.translate(0, photo.width);
tctx.rotate(-Math.PI / 2);
tctx.drawImage(photo, 0, 0);
const jpeg = await turned.encode("jpeg", 70);
writeFileSync(join(out, "004-page1.jpg"), Buffer.concat([jpeg.subarray(0, 2), exifOrientation(6), jpeg.subarray(2)]));

const scan = await firstPageImage("002_937598931c7507e2.pdf");
writeFileSync(join(out, "002-page1.png"), await scan.encode("png"));

/** Page `n` of a text-layer fixture rendered at `dpi`: RGBA and its size. */
async function renderPage(name, n, dpi) {
  const doc = await pdfjs.getDocument({ data: new Uint8Array(readFileSync(join(root, "fixtures", "pdf", name))), verbosity: 0, isEvalSupported: false }).promise;
  const drawn = await renderOcrPage(await doc.getPage(n), dpi / 72);
  await doc.destroy();
  return drawn;
}

/** Smooth value noise: a coarse grid of random values (cells of `cell` pixels), bilinear between them. */
function valueNoise(rand, w, h, cell) {
  const gw = Math.ceil(w / cell) + 2;
  const gh = Math.ceil(h / cell) + 2;
  const g = Float32Array.from({ length: gw * gh }, () => rand());
  return (x, y) => {
    const fx = x / cell;
    const fy = y / cell;
    const x0 = Math.floor(fx);
    const y0 = Math.floor(fy);
    const tx = fx - x0;
    const ty = fy - y0;
    const a = g[y0 * gw + x0] * (1 - tx) + g[y0 * gw + x0 + 1] * tx;
    const b = g[(y0 + 1) * gw + x0] * (1 - tx) + g[(y0 + 1) * gw + x0 + 1] * tx;
    return a * (1 - ty) + b * ty;
  };
}

/** The projective map taking the four points `from` to the four points `to` (each [x, y]), as a function. */
function homography(from, to) {
  // h11 … h32 of x' = (h11 x + h12 y + h13) / (h31 x + h32 y + 1), likewise y'
  const A = [];
  for (let i = 0; i < 4; i++) {
    const [x, y] = from[i];
    const [u, v] = to[i];
    A.push([x, y, 1, 0, 0, 0, -u * x, -u * y, u]);
    A.push([0, 0, 0, x, y, 1, -v * x, -v * y, v]);
  }
  for (let c = 0; c < 8; c++) {
    let p = c;
    for (let r = c + 1; r < 8; r++) if (Math.abs(A[r][c]) > Math.abs(A[p][c])) p = r;
    [A[c], A[p]] = [A[p], A[c]];
    for (let r = 0; r < 8; r++) {
      if (r === c) continue;
      const f = A[r][c] / A[c][c];
      for (let k = c; k < 9; k++) A[r][k] -= f * A[c][k];
    }
  }
  const m = A.map((row, i) => row[8] / row[i]);
  return (x, y) => {
    const d = m[6] * x + m[7] * y + 1;
    return [(m[0] * x + m[1] * y + m[2]) / d, (m[3] * x + m[4] * y + m[5]) / d];
  };
}

/**
 * A phone photo of a rendered page: the sheet's corners at `quad` (fractions of the frame: top
 * left, top right, bottom right, bottom left) on a wooden desk, lit from the top left, noisy;
 * `finger`: a fingertip over the left edge at that height (a fraction of the frame).
 */
async function deskPhoto(page, { width: W, height: H, quad, seed, finger }) {
  const rand = rng(seed);
  const corners = quad.map(([x, y]) => [x * W, y * H]);
  const toPage = homography(corners, [[0, 0], [page.w, 0], [page.w, page.h], [0, page.h]]);
  const grain = valueNoise(rand, W, 3 * H, 40);
  const knots = valueNoise(rand, W, H, 300);
  const light = valueNoise(rand, W, H, 900);
  const canvas = createCanvas(W, H);
  const ctx = canvas.getContext("2d");
  const out = ctx.createImageData(W, H);
  const o = out.data;
  const src = page.rgba;
  const sample = (x, y, c) => {
    const x0 = Math.floor(x);
    const y0 = Math.floor(y);
    const tx = x - x0;
    const ty = y - y0;
    const at = (xx, yy) => src[(Math.min(page.h - 1, yy) * page.w + Math.min(page.w - 1, xx)) * 4 + c];
    return (at(x0, y0) * (1 - tx) + at(x0 + 1, y0) * tx) * (1 - ty) + (at(x0, y0 + 1) * (1 - tx) + at(x0 + 1, y0 + 1) * tx) * ty;
  };
  const [fx, fy, fr] = finger ? [0.02 * W, finger * H, 0.075 * W] : [0, 0, 0];
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W; x++) {
      // light: brighter at the top left, falling off across the frame, a soft cloud over it
      const lit = 1.02 - 0.3 * (0.55 * (x / W) + 0.45 * (y / H)) - 0.12 * light(x, y);
      const [px, py] = toPage(x + 0.5, y + 0.5);
      let rgb;
      if (px >= 0 && py >= 0 && px < page.w - 1 && py < page.h - 1) {
        // paper, a little warm
        rgb = [0.97 * sample(px, py, 0), 0.95 * sample(px, py, 1), 0.9 * sample(px, py, 2)];
      } else {
        // wood: streaks along the frame's height, slow knots
        const s = 0.75 + 0.15 * Math.sin(x * 0.045 + 9 * knots(x, y)) + 0.2 * grain(x * 0.3, y * 3);
        rgb = [120 * s, 84 * s, 56 * s];
      }
      if (finger) {
        const dx = (x - fx) / (1.7 * fr);
        const dy = (y - fy) / fr;
        const r = dx * dx + dy * dy;
        if (r < 1) rgb = [205 - 40 * r, 150 - 35 * r, 125 - 30 * r];
      }
      const i = (y * W + x) * 4;
      for (let c = 0; c < 3; c++) o[i + c] = Math.max(0, Math.min(255, rgb[c] * lit + (rand() + rand() + rand() - 1.5) * 6));
      o[i + 3] = 255;
    }
  // a phone's optics and processing: a slight blur ([1 2 1] along rows, then columns)
  for (const [step, n, len] of [[4, H, W], [4 * W, W, H]])
    for (let k = 0; k < n; k++) {
      const base = step === 4 ? k * W * 4 : k * 4;
      for (let c = 0; c < 3; c++) {
        let prev = o[base + c];
        for (let j = 0; j < len - 1; j++) {
          const i = base + j * step + c;
          const cur = o[i];
          o[i] = (prev + 2 * cur + o[i + step] + 2) >> 2;
          prev = cur;
        }
      }
    }
  ctx.putImageData(out, 0, 0);
  return canvas.encode("jpeg", 80);
}

// 12 MP, the sheet two thirds of the frame's width, its top edge about a sixth shorter than its
// bottom, the sides of unequal length (the phone held a little to one side and turned)
const desk = [
  ["000_71c6cec35a92dd84.pdf", "000-page1-desk.jpg", { quad: [[0.15, 0.17], [0.8, 0.12], [0.88, 0.84], [0.1, 0.87]], seed: 7 }],
  ["001_715a5b70f3b78fcd.pdf", "001-page1-desk.jpg", { quad: [[0.18, 0.12], [0.86, 0.17], [0.93, 0.88], [0.12, 0.84]], seed: 11, finger: 0.55 }],
];
for (const [pdf, name, o] of desk) {
  const page = await renderPage(pdf, 1, 250);
  writeFileSync(join(out, name), await deskPhoto(page, { width: 3000, height: 4000, ...o }));
}
console.log("fixtures/photos: 004-page1.jpg, 002-page1.png, 000-page1-desk.jpg, 001-page1-desk.jpg");
