// Legacy 8-bit Vietnamese encodings still found in files from commune offices, both ways
// (decoding for reading; encoding for the test fixtures and round-trip tests).
//
// - TCVN3 ("ABC", the .VnTime fonts): TCVN 5712:1993, table VN3. One byte per letter, lower case
//   only, plus the seven capitals Ă Â Ê Ô Ơ Ư Đ; other capitals were typed with the .VnTimeH font
//   on the lower-case codes. Positions checked against glibc's TCVN5712-1 (same lower-case range).
//   Bytes 0x80–0x9F and the unused positions keep their Windows-1252 meaning (“ ” – …).
// - VNI-Windows (VNI Software's font encoding): Windows-1252 bytes; a base letter followed by one
//   mark byte (circumflex/breve combined with the tone), a few letters as one byte (đ ơ ư ì í ỉ ĩ ị ỵ).
// - Windows-1258 (Microsoft code page 1258): decoded with iconv-lite; tone marks are combining
//   characters after the letter, so the result is composed to NFC.

import iconv from "iconv-lite";

export type LegacyEncoding = "windows-1258" | "tcvn3" | "vni";

// ---------------------------------------------------------------------------------------------
// TCVN3 (VN3): byte (hex) → letter

const TCVN3_TABLE = `
B8 á B5 à B6 ả B7 ã B9 ạ  A8 ă BE ắ BB ằ BC ẳ BD ẵ C6 ặ  A9 â CA ấ C7 ầ C8 ẩ C9 ẫ CB ậ
AE đ  CC è D0 é CE ẻ CF ẽ D1 ẹ  AA ê D5 ế D2 ề D3 ể D4 ễ D6 ệ  D7 ì DD í D8 ỉ DC ĩ DE ị
DF ò E3 ó E1 ỏ E2 õ E4 ọ  AB ô E8 ố E5 ồ E6 ổ E7 ỗ E9 ộ  AC ơ ED ớ EA ờ EB ở EC ỡ EE ợ
EF ù F3 ú F1 ủ F2 ũ F4 ụ  AD ư F8 ứ F5 ừ F6 ử F7 ữ F9 ự  FA ỳ FD ý FB ỷ FC ỹ FE ỵ
A1 Ă A2 Â A3 Ê A4 Ô A5 Ơ A6 Ư A7 Đ`;

const TCVN3_DECODE = new Map<number, string>();
const TCVN3_ENCODE = new Map<string, number>();
{
  const parts = TCVN3_TABLE.trim().split(/\s+/);
  for (let i = 0; i < parts.length; i += 2) {
    const byte = parseInt(parts[i]!, 16);
    TCVN3_DECODE.set(byte, parts[i + 1]!);
    TCVN3_ENCODE.set(parts[i + 1]!, byte);
  }
}

/** Windows-1252 for every byte the Vietnamese tables leave alone (C1 holes pass through as U+0080–U+009F). */
function cp1252(byte: number): string {
  const ch = iconv.decode(Buffer.from([byte]), "windows1252");
  return ch === "\uFFFD" ? String.fromCharCode(byte) : ch;
}
const CP1252 = Array.from({ length: 256 }, (_, b) => cp1252(b));
const CP1252_REVERSE = new Map<string, number>(CP1252.map((ch, b) => [ch, b] as const).reverse());

export function decodeTcvn3(bytes: Uint8Array): string {
  const out: string[] = [];
  let line: string[] = [];
  const flush = () => {
    out.push(restoreVnTimeH(line.join("")));
    line = [];
  };
  for (const b of bytes) {
    if (b === 0x0a) {
      flush();
      out.push("\n");
      continue;
    }
    line.push(TCVN3_DECODE.get(b) ?? CP1252[b]!);
  }
  flush();
  return capitaliseSentenceStarts(out.join(""));
}

// Lower-case letters whose capital TCVN3 cannot write ("ủ" for "Ủ"): typed with the .VnTimeH font.
const NO_CAPITAL = new Set([...TCVN3_ENCODE.keys()].filter((ch) => ch !== ch.toUpperCase() && !TCVN3_ENCODE.has(ch.toUpperCase())));

/**
 * A sentence never starts in lower case, so such a letter opening a paragraph, an item or a
 * sentence was a capital ("ủy ban nhân dân xã …" → "Ủy ban …"). Inside a sentence it stays.
 */
function capitaliseSentenceStarts(text: string): string {
  const up = (ch: string) => (NO_CAPITAL.has(ch) ? ch.toUpperCase() : ch);
  const lines = text.split("\n");
  return lines
    .map((line, i) => {
      const prev = i > 0 ? lines[i - 1]!.trim() : "";
      const opens = !prev || /[.!?:;]["”)*]*$/.test(prev);
      // the most frequent proper noun that starts with such a letter: "Ủy ban nhân dân", "Ủy ban Mặt trận …"
      let s = line.replace(/(^|[^\p{L}])ủy ban(?= nhân dân| \p{Lu})/gu, "$1Ủy ban");
      s = s.replace(/([.!?]["”)]*\s+)(\S)/g, (_m, sep: string, ch: string) => sep + up(ch));
      if (opens) s = s.replace(/^(\s*(?:#{1,6}\s+)?(?:\*\*|__)?(?:[-+•]\s+|[\dIVX]+[.)]\s+|[a-zđ][.)]\s+)?["“(]?)(\S)/, (_m, lead: string, ch: string) => lead + up(ch));
      return s;
    })
    .join("\n");
}

/**
 * Text typed in the capitals-only .VnTimeH font holds lower-case codes beside ASCII capitals
 * ("B¸O C¸O" reads "BáO CáO"). A word is all capitals when its ASCII letters (two or more) are;
 * a line is when all its ASCII letters are capitals and it has two or more Vietnamese words.
 * A lone capital ("Sè:" = "Số:") stays as written: there the case cannot be known.
 */
function restoreVnTimeH(line: string): string {
  if (!/[^\x00-\x7f]/.test(line)) return line;
  const ascii = line.match(/[A-Za-z]/g) ?? [];
  const allCaps = ascii.length >= 3 && ascii.every((c) => c <= "Z");
  const vietWords = line.match(/\S*[^\x00-\x7f]\S*/g) ?? [];
  if (allCaps && vietWords.length >= 2) return line.toUpperCase();
  return line.replace(/[^\s\d.,;:!?()"“”–\/-]+/g, (w) => {
    const letters = w.match(/[A-Za-z]/g) ?? [];
    return letters.length >= 2 && letters.every((c) => c <= "Z") && /[^\x00-\x7f]/.test(w) ? w.toUpperCase() : w;
  });
}

/** Encodes NFC text as TCVN3; capitals TCVN3 lacks are written with the lower-case code (as .VnTimeH does). */
export function encodeTcvn3(text: string): Uint8Array {
  const out: number[] = [];
  for (const ch of text.normalize("NFC")) {
    let b = TCVN3_ENCODE.get(ch) ?? TCVN3_ENCODE.get(ch.toLowerCase());
    if (b === undefined) {
      const c = CP1252_REVERSE.get(ch);
      // a Windows-1252 character whose byte TCVN3 gives to a Vietnamese letter cannot be written
      if (c !== undefined && !TCVN3_DECODE.has(c)) b = c;
    }
    if (b === undefined) throw new Error(`TCVN3 cannot encode ${JSON.stringify(ch)}`);
    out.push(b);
  }
  return Uint8Array.from(out);
}

// ---------------------------------------------------------------------------------------------
// VNI-Windows: letter → base + mark (lower case; capitals use the capital of each byte)

const VNI_MARKS: Record<string, Record<string, string>> = {
  // base: [plain tones à á ả ã ạ] as marks ø ù û õ ï
  tone: { "\u0300": "ø", "\u0301": "ù", "\u0309": "û", "\u0303": "õ", "\u0323": "ï" },
  // â ê ô: circumflex alone â, with tones à á å ã ä
  circumflex: { "": "â", "\u0300": "à", "\u0301": "á", "\u0309": "å", "\u0303": "ã", "\u0323": "ä" },
  // ă: breve alone ê, with tones è é ú ü ë
  breve: { "": "ê", "\u0300": "è", "\u0301": "é", "\u0309": "ú", "\u0303": "ü", "\u0323": "ë" },
};
// Letters VNI writes as one byte.
const VNI_SINGLE: Record<string, string> = { đ: "ñ", ơ: "ô", ư: "ö", ì: "ì", í: "í", ỉ: "æ", ĩ: "ó", ị: "ò", ỵ: "î" };

/** VNI form of one lower-case NFC letter, or undefined when the letter is not Vietnamese. */
function vniLower(ch: string): string | undefined {
  if (VNI_SINGLE[ch]) return VNI_SINGLE[ch];
  const d = ch.normalize("NFD");
  const base = d[0]!;
  if (!/[aeiouy]/.test(base) || d.length === 1) return undefined;
  const rest = d.slice(1);
  const tone = rest.match(/[\u0300\u0301\u0303\u0309\u0323]/)?.[0] ?? "";
  const shape = rest.replace(tone, "");
  if (shape === "") return tone ? base + VNI_MARKS.tone![tone] : undefined;
  if (shape === "\u0302" && /[aeo]/.test(base)) return base + VNI_MARKS.circumflex![tone];
  if (shape === "\u0306" && base === "a") return base + VNI_MARKS.breve![tone];
  if (shape === "\u031B" && /[ou]/.test(base)) {
    const single = VNI_SINGLE[base === "o" ? "ơ" : "ư"]!;
    return tone ? single + VNI_MARKS.tone![tone] : single;
  }
  return undefined;
}

const VNI_ENCODE = new Map<string, string>();
const VNI_DECODE = new Map<string, string>();
{
  const letters = "aăâeêioôơuưy".split("").flatMap((v) => ["", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"].map((t) => (v + t).normalize("NFC")));
  for (const lower of [...letters, "đ"]) {
    const v = vniLower(lower);
    if (!v) continue;
    const upper = lower.toUpperCase();
    VNI_ENCODE.set(lower, v);
    VNI_ENCODE.set(upper, v.toUpperCase());
    VNI_DECODE.set(v, lower);
    VNI_DECODE.set(v.toUpperCase(), upper);
    // "Aù": a capital base with a lower-case mark (typed with Shift on the letter only)
    if (v.length === 2) VNI_DECODE.set(v[0]!.toUpperCase() + v[1], upper);
  }
}

export function decodeVni(bytes: Uint8Array): string {
  const s = Array.from(bytes, (b) => CP1252[b]!).join("");
  const out: string[] = [];
  for (let i = 0; i < s.length; i++) {
    const two = VNI_DECODE.get(s.slice(i, i + 2));
    if (two) {
      out.push(two);
      i++;
      continue;
    }
    out.push(VNI_DECODE.get(s[i]!) ?? s[i]!);
  }
  return out.join("");
}

export function encodeVni(text: string): Uint8Array {
  const out: number[] = [];
  for (const ch of text.normalize("NFC")) {
    const seq = VNI_ENCODE.get(ch) ?? (CP1252_REVERSE.has(ch) ? ch : undefined);
    if (seq === undefined) throw new Error(`VNI cannot encode ${JSON.stringify(ch)}`);
    for (const c of seq) out.push(CP1252_REVERSE.get(c)!);
  }
  return Uint8Array.from(out);
}

// ---------------------------------------------------------------------------------------------
// Windows-1258

export function decodeWindows1258(bytes: Uint8Array): string {
  return iconv.decode(Buffer.from(bytes), "windows1258").normalize("NFC");
}

/** Encodes NFC text as Windows-1258, writing tone marks as combining bytes after the letter. */
export function encodeWindows1258(text: string): Uint8Array {
  const parts: Buffer[] = [];
  for (const ch of text.normalize("NFC")) {
    const d = ch.normalize("NFD");
    const tone = d.match(/[\u0300\u0301\u0303\u0309\u0323]/)?.[0] ?? "";
    const letter = d.replace(tone, "").normalize("NFC");
    const enc = iconv.encode(letter + tone, "windows1258");
    if (iconv.decode(enc, "windows1258").normalize("NFC") !== ch) throw new Error(`Windows-1258 cannot encode ${JSON.stringify(ch)}`);
    parts.push(enc);
  }
  return Buffer.concat(parts);
}

export const LEGACY_DECODERS: Record<LegacyEncoding, (bytes: Uint8Array) => string> = {
  "windows-1258": decodeWindows1258,
  tcvn3: decodeTcvn3,
  vni: decodeVni,
};

export const LEGACY_ENCODERS: Record<LegacyEncoding, (text: string) => Uint8Array> = {
  "windows-1258": encodeWindows1258,
  tcvn3: encodeTcvn3,
  vni: encodeVni,
};

/**
 * The legacy encoding a font's name implies, for formats that name fonts (RTF): the TCVN3 fonts
 * are named ".VnTime", ".VnArial", ".VnTimeH" …, the VNI fonts "VNI-Times", "VNI-Helve" ….
 */
export function fontEncoding(fontName: string): "tcvn3" | "vni" | null {
  const n = fontName.trim();
  if (/^\.Vn/i.test(n)) return "tcvn3";
  if (/^VNI[- ]/i.test(n)) return "vni";
  return null;
}
