#!/usr/bin/env node
// Makes the scanned fixtures (issue 11) from the text-layer PDFs, with nothing but npm packages
// (pdf.js renders, @napi-rs/canvas draws and encodes JPEG), so neither poppler nor a scanner is
// needed: every page of fixtures/pdf/NAME.pdf is rendered, damaged the way scans and phone photos
// are, encoded as JPEG and wrapped one image per page in an image-only PDF fixtures/scanned/NAME.pdf.
//   000  greyscale JPEG 150 dpi, a slight tilt          003  black-and-white 200 dpi, its last page in
//   001  black-and-white 200 dpi, tilted, noisy              colour with a red seal over the signature
//   002  black-and-white 200 dpi, tilted, speckles      004  "photographed": perspective, uneven light
// fixtures/scanned-extra/: blank.pdf (a scanned empty sheet: nothing to read) and mixed.pdf
// (fixtures/pdf/000 with its page 2 replaced by a scan of itself, by an incremental update: the
// other pages keep their text layer).
// Deterministic (seeded noise). Usage: node scripts/make-scans.mjs
// Other damage, out of tree (for measuring OCR on scans unlike these five):
//   SCANS_OUT=DIR SCANS_VARIANTS='[{"dpi":300,"tilt":0.5,"noise":6,"quality":60}]' node scripts/make-scans.mjs
// writes DIR/NAME.pdf only (not scanned-extra), document i damaged by variant i mod the list's
// length. SCANS_FILES=001,003 and SCANS_PAGES=2,3 keep some documents and pages only.
// SCANS_IN=DIR scans the text-layer PDFs of another folder instead of fixtures/pdf (e.g.
// fixtures/pdf-alt, the same reports in another layout; needs SCANS_OUT). SCANS_VARIANTS may also be a list of indices into VARIANTS (`[1,2,3,4,0]` rotates the
// assignment). Beyond the fields below a variant may have: `paper` (its grey, 255 white), `light`
// (how far the light falls off on a photo, 0.38 by default), `turn` (degrees the whole sheet is
// turned before the tilt: 180 is a page fed upside down), `tableStamp` (a red seal over a figure
// in a table: the page with most figures keeps its colour), `colour` (every page a colour JPEG, as
// a scanner's colour mode sends, instead of greyscale).
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { deflateSync } from "node:zlib";
import { createCanvas } from "@napi-rs/canvas";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");

// bilevel: black-and-white scanner mode (1 bit per pixel, Flate): small files, as offices send
const VARIANTS = [
  { dpi: 150, tilt: 0.6, noise: 4, quality: 40 },
  { dpi: 200, tilt: -1.4, noise: 30, bilevel: true },
  { dpi: 200, tilt: 1.1, noise: 20, specks: 600, bilevel: true },
  { dpi: 200, tilt: -0.4, noise: 20, stamp: true, bilevel: true, quality: 45, stampDpi: 150 },
  { dpi: 150, tilt: 0.3, noise: 5, photo: true, quality: 40 },
];

function rng(seed) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 4294967296);
}

async function open(bytes) {
  return pdfjs.getDocument({ data: new Uint8Array(bytes), verbosity: 0, disableFontFace: true, isEvalSupported: false }).promise;
}

/** Renders a page to a white canvas at `dpi`. */
async function render(page, dpi) {
  const viewport = page.getViewport({ scale: dpi / 72 });
  const canvas = createCanvas(Math.round(viewport.width), Math.round(viewport.height));
  const ctx = canvas.getContext("2d");
  ctx.fillStyle = "#fff";
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  await page.render({ canvasContext: ctx, viewport, canvas }).promise;
  return { canvas, viewport };
}

/** A round red seal with a star and a ring of capitals, centred at (x, y). */
function stamp(ctx, x, y, r) {
  ctx.save();
  ctx.globalAlpha = 0.82;
  ctx.strokeStyle = "rgb(214,28,36)";
  ctx.fillStyle = "rgb(214,28,36)";
  ctx.lineWidth = r * 0.06;
  ctx.beginPath();
  ctx.arc(x, y, r, 0, Math.PI * 2);
  ctx.stroke();
  ctx.lineWidth = r * 0.03;
  ctx.beginPath();
  ctx.arc(x, y, r * 0.7, 0, Math.PI * 2);
  ctx.stroke();
  ctx.beginPath();
  for (let i = 0; i < 10; i++) {
    const a = -Math.PI / 2 + (i * Math.PI) / 5;
    const rr = i % 2 ? r * 0.12 : r * 0.3;
    ctx[i ? "lineTo" : "moveTo"](x + rr * Math.cos(a), y + rr * Math.sin(a));
  }
  ctx.closePath();
  ctx.fill();
  ctx.font = `bold ${Math.round(r * 0.2)}px sans-serif`;
  ctx.textAlign = "center";
  const ring = "ỦY BAN NHÂN DÂN * XÃ * TỈNH *";
  for (let i = 0; i < ring.length; i++) {
    const a = -Math.PI * 0.95 + (i / ring.length) * Math.PI * 1.9;
    ctx.save();
    ctx.translate(x + r * 0.85 * Math.cos(a - Math.PI / 2), y + r * 0.85 * Math.sin(a - Math.PI / 2));
    ctx.rotate(a);
    ctx.fillText(ring[i], 0, r * 0.07);
    ctx.restore();
  }
  // a hand signature in blue-black under the seal
  ctx.globalAlpha = 1;
  ctx.strokeStyle = "rgb(30,30,90)";
  ctx.lineWidth = 2;
  ctx.beginPath();
  ctx.moveTo(x - r * 0.9, y + r * 0.1);
  ctx.bezierCurveTo(x - r * 0.4, y - r * 0.6, x, y + r * 0.7, x + r * 0.6, y - r * 0.2);
  ctx.stroke();
  ctx.restore();
}

/** Tilts, adds noise, light and perspective; returns the damaged page as a new canvas. */
function damage(src, v, rand) {
  const w = src.width;
  const h = src.height;
  const out = createCanvas(w, h);
  const ctx = out.getContext("2d");
  ctx.fillStyle = "#fff";
  ctx.fillRect(0, 0, w, h);
  ctx.translate(w / 2, h / 2);
  ctx.rotate((((v.turn ?? 0) + v.tilt) * Math.PI) / 180);
  ctx.drawImage(src, -w / 2, -h / 2);
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  const img = ctx.getImageData(0, 0, w, h);
  let d = img.data;
  if (v.photo) {
    // perspective: the top edge narrower than the bottom, as from a phone held over the desk
    const srcData = new Uint8ClampedArray(d);
    for (let y = 0; y < h; y++) {
      const t = y / h;
      const shrink = 0.035 * (1 - t);
      const x0 = w * shrink;
      const span = w * (1 - 2 * shrink);
      const sy = Math.min(h - 1, Math.round(y * 0.985 + h * 0.008));
      for (let x = 0; x < w; x++) {
        const u = (x - x0) / span;
        const o = (y * w + x) * 4;
        if (u < 0 || u >= 1) {
          d[o] = 90;
          d[o + 1] = 85;
          d[o + 2] = 80;
          continue;
        }
        const s = (sy * w + Math.floor(u * w)) * 4;
        d[o] = srcData[s];
        d[o + 1] = srcData[s + 1];
        d[o + 2] = srcData[s + 2];
      }
    }
  }
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const o = (y * w + x) * 4;
      let light = 1;
      if (v.photo) {
        // a lamp at the top left: light falls off across the sheet, with a warm cast
        const dx = x / w - 0.2;
        const dy = y / h - 0.15;
        light = 1 - (v.light ?? 0.38) * Math.min(1, Math.sqrt(dx * dx + dy * dy));
      }
      const paper = v.paper ?? 255;
      const n = (rand() - 0.5) * 2 * v.noise;
      for (let c = 0; c < 3; c++) {
        const val = d[o + c];
        const onPaper = paper + (val - 255) * (paper / 255);
        d[o + c] = Math.max(0, Math.min(255, onPaper * light * (v.photo && c === 2 ? 0.93 : 1) + n));
      }
    }
  }
  if (v.specks) {
    for (let i = 0; i < v.specks; i++) {
      const x = Math.floor(rand() * w);
      const y = Math.floor(rand() * h);
      const r = 1 + Math.floor(rand() * 2);
      for (let yy = y; yy < Math.min(h, y + r); yy++) for (let xx = x; xx < Math.min(w, x + r); xx++) d.fill(40, (yy * w + xx) * 4, (yy * w + xx) * 4 + 3);
    }
  }
  ctx.putImageData(img, 0, 0);
  d = null;
  return out;
}

/** Greyscale in place (what a scanner's "document" mode sends), unless the page keeps colour. */
function grey(canvas) {
  const ctx = canvas.getContext("2d");
  const img = ctx.getImageData(0, 0, canvas.width, canvas.height);
  const d = img.data;
  for (let o = 0; o < d.length; o += 4) d[o] = d[o + 1] = d[o + 2] = Math.round(0.299 * d[o] + 0.587 * d[o + 1] + 0.114 * d[o + 2]);
  ctx.putImageData(img, 0, 0);
}

function imageObject(p) {
  const dict = p.bits
    ? `/ColorSpace /DeviceGray /BitsPerComponent 1 /Filter /FlateDecode`
    : `/ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode`;
  const data = p.bits ?? p.jpeg;
  return Buffer.concat([Buffer.from(`<< /Type /XObject /Subtype /Image /Width ${p.w} /Height ${p.h} ${dict} /Length ${data.length} >>\nstream\n`), data, Buffer.from("\nendstream")]);
}

/**
 * 1 bit per pixel, rows padded to a byte, 1 = white. Threshold at mid-grey, plus what a scanner's
 * black-and-white mode does for thin lines: a light grey pixel clearly darker than the paper around
 * it and lying along a line (a hairline table border) is black too. Next to a letter's stroke the
 * surroundings are dark, and a dot or an accent is too short, so text is not fattened.
 */
function bilevel(canvas) {
  const { width: w, height: h } = canvas;
  const d = canvas.getContext("2d").getImageData(0, 0, w, h).data;
  const lum = new Float32Array(w * h);
  for (let i = 0; i < w * h; i++) lum[i] = 0.299 * d[4 * i] + 0.587 * d[4 * i + 1] + 0.114 * d[4 * i + 2];
  // integral image for the mean of a 9×9 neighbourhood
  const W = w + 1;
  const sum = new Float64Array(W * (h + 1));
  for (let y = 0; y < h; y++) {
    let row = 0;
    for (let x = 0; x < w; x++) {
      row += lum[y * w + x];
      sum[(y + 1) * W + x + 1] = sum[y * W + x + 1] + row;
    }
  }
  const R = 4;
  const stride = Math.ceil(w / 8);
  const out = Buffer.alloc(stride * h);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const v = lum[y * w + x];
      let black = v < 140;
      if (!black && v < 200) {
        const xa = Math.max(0, x - R), xb = Math.min(w, x + R + 1), ya = Math.max(0, y - R), yb = Math.min(h, y + R + 1);
        const mean = (sum[yb * W + xb] - sum[ya * W + xb] - sum[yb * W + xa] + sum[ya * W + xa]) / ((xb - xa) * (yb - ya));
        // and it lies along a line: most of the 11 pixels across or down it are grey too (a dot or an accent is shorter)
        if (mean > 215 && v < mean - 35) {
          let across = 0;
          let down = 0;
          for (let k = -5; k <= 5; k++) {
            if (x + k >= 0 && x + k < w && lum[y * w + x + k] < 200) across++;
            if (y + k >= 0 && y + k < h && lum[(y + k) * w + x] < 200) down++;
          }
          black = across >= 8 || down >= 8;
        }
      }
      if (!black) out[y * stride + (x >> 3)] |= 0x80 >> (x & 7);
    }
  return deflateSync(out, { level: 9 });
}

/** An image-only PDF: one JPEG per page, drawn over the whole page. */
function imagePdf(pages) {
  const objs = [];
  const add = (body) => objs.push(body) && objs.length;
  const catalog = add(null);
  const tree = add(null);
  const kids = [];
  for (const p of pages) {
    const img = add(imageObject(p));
    const ops = `q ${p.width.toFixed(3)} 0 0 ${p.height.toFixed(3)} 0 0 cm /Im0 Do Q`;
    const content = add(`<< /Length ${ops.length} >>\nstream\n${ops}\nendstream`);
    kids.push(add(`<< /Type /Page /Parent ${tree} 0 R /MediaBox [0 0 ${p.width.toFixed(3)} ${p.height.toFixed(3)}] /Resources << /XObject << /Im0 ${img} 0 R >> >> /Contents ${content} 0 R >>`));
  }
  objs[catalog - 1] = `<< /Type /Catalog /Pages ${tree} 0 R >>`;
  objs[tree - 1] = `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(" ")}] /Count ${kids.length} >>`;
  return writeObjects(Buffer.from("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "latin1"), objs.map((body, i) => [i + 1, body]), { size: objs.length + 1, root: catalog });
}

/** Appends objects and a classic xref section (with /Prev for an incremental update). */
function writeObjects(head, objects, { size, root, prev }) {
  const parts = [head];
  let at = head.length;
  const offsets = new Map();
  for (const [num, body] of objects) {
    const chunk = Buffer.concat([Buffer.from(`${num} 0 obj\n`), Buffer.isBuffer(body) ? body : Buffer.from(body, "latin1"), Buffer.from("\nendobj\n")]);
    offsets.set(num, at);
    parts.push(chunk);
    at += chunk.length;
  }
  const nums = [...offsets.keys()].sort((a, b) => a - b);
  let xref = "xref\n";
  if (prev == null) xref += `0 1\n0000000000 65535 f \n`;
  for (const n of nums) xref += `${n} 1\n${String(offsets.get(n)).padStart(10, "0")} 00000 n \n`;
  xref += `trailer\n<< /Size ${size} /Root ${root} 0 R${prev != null ? ` /Prev ${prev}` : ""} >>\nstartxref\n${at}\n%%EOF\n`;
  parts.push(Buffer.from(xref, "latin1"));
  return Buffer.concat(parts);
}

/** Figures in the page's text ("12", "85,5%", "3.000"): table cells hold many of them. */
async function figures(page) {
  const tc = await page.getTextContent();
  return tc.items.filter((it) => /^\s*\d[\d.,]*\s*%?\s*$/.test(it.str ?? ""));
}

async function scanPage(page, v0, rand, keepColour) {
  // the page with the seal is scanned in colour (the red must be there to take out)
  const v = keepColour && v0.stampDpi ? { ...v0, dpi: v0.stampDpi, bilevel: false, noise: 5 } : v0;
  const { canvas } = await render(page, v.dpi);
  if (v.tableStamp && keepColour) {
    // over a figure in the middle of the page's table
    const figs = await figures(page);
    const vp = page.getViewport({ scale: v.dpi / 72 });
    const fig = figs[Math.floor(figs.length / 2)];
    if (fig) {
      const [x, y] = vp.convertToViewportPoint(fig.transform[4] + fig.width / 2, fig.transform[5]);
      stamp(canvas.getContext("2d"), x + 0.2 * v.dpi, y - 0.1 * v.dpi, 0.7 * v.dpi);
    }
  }
  if (v.stamp && keepColour) {
    // over the signer's title and name: the last lines of the right-hand signature column
    const tc = await page.getTextContent();
    const vp = page.getViewport({ scale: v.dpi / 72 });
    const title = tc.items.filter((it) => /CHỦ TỊCH|TM\.|KT\./.test(it.str ?? "")).pop();
    if (title) {
      const [x, y] = vp.convertToViewportPoint(title.transform[4] + title.width / 2, title.transform[5]);
      stamp(canvas.getContext("2d"), x - 0.3 * v.dpi, y + 0.55 * v.dpi, 0.75 * v.dpi);
    }
  }
  const out = damage(canvas, v, rand);
  const [x0, y0, x1, y1] = page.view;
  const size = { w: out.width, h: out.height, width: x1 - x0, height: y1 - y0 };
  if (v.bilevel) return { bits: bilevel(out), ...size };
  if (!keepColour && !v.colour) grey(out);
  return { jpeg: await out.encode("jpeg", v.quality), ...size };
}

const srcDir = process.env.SCANS_IN ? resolve(process.env.SCANS_IN) : join(root, "fixtures/pdf");
const custom = process.env.SCANS_OUT;
if (process.env.SCANS_IN && !custom) throw new Error("SCANS_IN needs SCANS_OUT: only fixtures/pdf makes fixtures/scanned");
const outDir = custom ? resolve(custom) : join(root, "fixtures/scanned");
const extraDir = join(root, "fixtures/scanned-extra");
const chosen = process.env.SCANS_VARIANTS ? JSON.parse(process.env.SCANS_VARIANTS).map((v) => (typeof v === "number" ? VARIANTS[v] : v)) : VARIANTS;
mkdirSync(outDir, { recursive: true });
if (!custom) mkdirSync(extraDir, { recursive: true });

const files = readdirSync(srcDir).filter((f) => f.endsWith(".pdf")).sort();
// SCANS_FILES / SCANS_PAGES: only the documents whose names start with one of these, only these
// pages kept (each page damaged exactly as in the whole document's scan)
const onlyFiles = process.env.SCANS_FILES?.split(",");
const onlyPages = process.env.SCANS_PAGES?.split(",").map(Number);
for (const [i, f] of files.entries()) {
  if (onlyFiles && !onlyFiles.some((p) => f.startsWith(p))) continue;
  const v = chosen[i % chosen.length];
  const rand = rng(1000 + i);
  const doc = await open(readFileSync(join(srcDir, f)));
  // a seal over a table's figure: on the page with most figures
  let tablePage = 0;
  if (v.tableStamp) {
    let most = 0;
    for (let n = 1; n <= doc.numPages; n++) {
      const k = (await figures(await doc.getPage(n))).length;
      if (k > most) (most = k), (tablePage = n);
    }
  }
  const pages = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    // only the page with the seal keeps its colour (the red must be there to take out)
    const hasSeal = (v.stamp && n === doc.numPages) || n === tablePage;
    pages.push(await scanPage(page, v, rand, hasSeal));
  }
  await doc.destroy();
  const kept = onlyPages ? pages.filter((_, k) => onlyPages.includes(k + 1)) : pages;
  const pdf = imagePdf(kept);
  writeFileSync(join(outDir, f), pdf);
  console.log(`${join(custom ? outDir : "fixtures/scanned", f)}: ${kept.length} pages, ${Math.round(pdf.length / 1024)} KiB`);
}
if (custom) process.exit(0);

// blank.pdf: an empty sheet through the scanner (paper grain, a few specks, nothing to read)
{
  const w = 1240;
  const h = 1754;
  const c = createCanvas(w, h);
  const ctx = c.getContext("2d");
  const img = ctx.createImageData(w, h);
  const rand = rng(7);
  for (let o = 0; o < img.data.length; o += 4) {
    const g = 236 + Math.round((rand() - 0.5) * 14);
    img.data[o] = img.data[o + 1] = img.data[o + 2] = g;
    img.data[o + 3] = 255;
  }
  ctx.putImageData(img, 0, 0);
  ctx.fillStyle = "rgb(120,120,120)";
  for (let i = 0; i < 30; i++) ctx.fillRect(Math.floor(rand() * w), Math.floor(rand() * h), 2, 2);
  const jpeg = await c.encode("jpeg", 50);
  const pdf = imagePdf([{ jpeg, w, h, width: 595.304, height: 841.89 }]);
  writeFileSync(join(extraDir, "blank.pdf"), pdf);
  console.log(`fixtures/scanned-extra/blank.pdf: 1 page, ${Math.round(pdf.length / 1024)} KiB`);
}

// mixed.pdf: fixtures/pdf/000 with page 2 replaced by its scan (incremental update)
{
  const src = readFileSync(join(srcDir, files[0]));
  const doc = await open(src);
  const n = 2;
  const page = await doc.getPage(n);
  const scan = await scanPage(page, { dpi: 170, tilt: 0.8, noise: 6, quality: 55 }, rng(99), false);
  const ref = page.ref;
  await doc.destroy();
  const text = src.toString("latin1");
  const objAt = text.search(new RegExp(`(^|\\s)${ref.num} ${ref.gen} obj`));
  const parent = /\/Parent\s+(\d+)\s+(\d+)\s+R/.exec(text.slice(objAt, objAt + 2000));
  const root = /\/Root\s+(\d+)\s+\d+\s+R/.exec(text.slice(text.lastIndexOf("trailer")));
  const size = Number(/\/Size\s+(\d+)/.exec(text.slice(text.lastIndexOf("trailer")))[1]);
  const prev = Number(/startxref\s+(\d+)/.exec(text.slice(text.lastIndexOf("startxref")))[1]);
  if (objAt < 0 || !parent || !root) throw new Error("cannot patch page 2 of " + files[0]);
  const img = size;
  const content = size + 1;
  const ops = `q ${scan.width.toFixed(3)} 0 0 ${scan.height.toFixed(3)} 0 0 cm /Im0 Do Q`;
  const objects = [
    [ref.num, `<< /Type /Page /Parent ${parent[1]} ${parent[2]} R /MediaBox [0 0 ${scan.width.toFixed(3)} ${scan.height.toFixed(3)}] /Resources << /XObject << /Im0 ${img} 0 R >> >> /Contents ${content} 0 R >>`],
    [img, imageObject(scan)],
    [content, `<< /Length ${ops.length} >>\nstream\n${ops}\nendstream`],
  ];
  const head = Buffer.concat([src, src[src.length - 1] === 0x0a ? Buffer.alloc(0) : Buffer.from("\n")]);
  const pdf = writeObjects(head, objects, { size: size + 2, root: Number(root[1]), prev });
  writeFileSync(join(extraDir, "mixed.pdf"), pdf);
  console.log(`fixtures/scanned-extra/mixed.pdf: ${basename(files[0])} with page ${n} scanned, ${Math.round(pdf.length / 1024)} KiB`);
}
