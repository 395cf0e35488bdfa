// Text decoding: UTF-8/UTF-16 with and without BOM, legacy Vietnamese 8-bit encodings converted
// back to the original NFC text, double-encoded UTF-8 repaired or refused, never mojibake.
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { doubleEncode } from "../fixtures/bad/make.js";
import { decodeTextFile } from "../src/ingest/decode.js";
import { readDocument, ReadError } from "../src/ingest/index.js";
import { decodeTcvn3, decodeVni, decodeWindows1258, LEGACY_ENCODERS, type LegacyEncoding } from "../src/ingest/legacy-encodings.js";
import { isVietnameseSyllable } from "../src/ingest/vietnamese-syllables.js";
import { SAMPLES } from "./helpers.js";

const samples = readdirSync(SAMPLES)
  .filter((f) => f.endsWith(".txt"))
  .map((f) => [f, readFileSync(join(SAMPLES, f), "utf8")] as const);

describe("legacy encodings round-trip every sample", () => {
  for (const enc of ["windows-1258", "vni", "tcvn3"] as LegacyEncoding[]) {
    for (const [name, text] of samples) {
      it(`${enc}: ${name}`, () => {
        const d = decodeTextFile(LEGACY_ENCODERS[enc](text));
        expect(d.encoding).toBe(enc);
        if (enc !== "tcvn3") return void expect(d.text).toBe(text);
        // TCVN3 has no accented capitals: only a capital inside a sentence ("Tổ Ứng cứu") may come back lower case
        expect(d.text.toLowerCase()).toBe(text.toLowerCase());
        const differ = [...text].filter((c, i) => c !== d.text[i]).length;
        expect(differ).toBeLessThanOrEqual(2);
      });
    }
  }
});

describe("the code tables agree with independent references", () => {
  // glibc's TCVN5712-1 shares TCVN3's lower-case range and the seven capitals
  const glibc = spawnSync("iconv", ["-f", "TCVN5712-1", "-t", "UTF-8"], { input: Buffer.from([0xb8]) });
  it.skipIf(glibc.status !== 0)("TCVN3 bytes 0xA1–0xFE decode as glibc iconv TCVN5712-1 does", () => {
    const bytes = Buffer.from([...Array(0xff - 0xa1).keys()].map((i) => 0xa1 + i).filter((b) => !(b >= 0xaf && b <= 0xb4) && b !== 0xba && b !== 0xbf && !(b >= 0xc0 && b <= 0xc5) && b !== 0xcd && !(b >= 0xd9 && b <= 0xdb) && b !== 0xe0 && b !== 0xf0));
    const ref = spawnSync("iconv", ["-f", "TCVN5712-1", "-t", "UTF-8"], { input: bytes }).stdout.toString("utf8").normalize("NFC");
    expect(decodeTcvn3(bytes).normalize("NFC").toLowerCase()).toBe(ref.toLowerCase());
  });

  it("VNI: the examples VNI users know", () => {
    const vni = (s: string) => decodeVni(Buffer.from(s, "latin1"));
    expect(vni("Xin chaøo caùc baïn")).toBe("Xin chào các bạn");
    expect(vni("Tieáng Vieät")).toBe("Tiếng Việt");
    expect(vni("ngöôøi daân, ñöôïc, cuûa")).toBe("người dân, được, của");
    expect(vni("ÑAÙNH GIAÙ KEÁT QUAÛ")).toBe("ĐÁNH GIÁ KẾT QUẢ");
  });

  it("Windows-1258: tone marks as combining bytes come back composed (iconv-lite's table)", () => {
    expect(decodeWindows1258(Buffer.from([0x56, 0x69, 0xea, 0xf2, 0x74]))).toBe("Việt");
    expect(decodeWindows1258(Buffer.from([0x6e, 0xe3, 0x6d]))).toBe("năm");
  });
});

describe("what is not Vietnamese is refused, never returned as mojibake", () => {
  const refusedWith = (bytes: Uint8Array) => {
    try {
      decodeTextFile(bytes);
    } catch (e) {
      expect(e).toBeInstanceOf(ReadError);
      return (e as ReadError).code;
    }
    return "read";
  };

  it("8-bit text in another language", () => {
    expect(refusedWith(iconv.encode("Straße, Größe, Übung — für München. ".repeat(30), "windows1252"))).toBe("legacy_encoding");
    expect(refusedWith(iconv.encode("Привет, как дела? Это не вьетнамский. ".repeat(30), "koi8-r"))).toBe("legacy_encoding");
  });

  it("a few stray high bytes are not enough to guess", () => {
    expect(refusedWith(Buffer.from("Bao cao so 12 \xb8 nam 2026\n", "latin1"))).toBe("legacy_encoding");
  });

  it("double-encoded UTF-8 that lost bytes on the way", () => {
    expect(refusedWith(doubleEncode(samples[0]![1], true))).toBe("legacy_encoding");
  });
});

describe("double-encoded UTF-8", () => {
  it("is repaired, twice over for triple encoding", () => {
    const text = samples[2]![1];
    expect(decodeTextFile(doubleEncode(text)).text).toBe(text);
    expect(decodeTextFile(doubleEncode(doubleEncode(text).toString("utf8"))).text).toBe(text);
  });

  it("a real text with a capital à before a no-break space is left alone", () => {
    const text = "UBND XÃ\u00a0VĨNH THÔNG báo cáo kết quả thực hiện của người dân trong năm 2026";
    const d = decodeTextFile(Buffer.from(text, "utf8"));
    expect(d.text).toBe(text);
    expect(d.warnings).toEqual([]);
  });
});

describe("Unicode forms", () => {
  const text = "Báo cáo kết quả năm 2026\r\nTỷ lệ người dân: 85,5%\r\n";
  const nfc = "Báo cáo kết quả năm 2026\nTỷ lệ người dân: 85,5%\n";
  const read = async (bytes: Uint8Array) => (await readDocument(bytes, { fileName: "a.txt" })).text;
  const utf16be = (s: string) => Buffer.from(s, "utf16le").swap16();

  it("UTF-8 with and without BOM, CRLF and NFD all read the same", async () => {
    expect(await read(Buffer.from(text, "utf8"))).toBe(nfc.trimEnd());
    expect(await read(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text.normalize("NFD"), "utf8")]))).toBe(nfc.trimEnd());
  });

  it("UTF-16 LE and BE, with a BOM and without", async () => {
    expect(await read(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]))).toBe(nfc.trimEnd());
    expect(await read(Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(text)]))).toBe(nfc.trimEnd());
    expect(await read(Buffer.from(text, "utf16le"))).toBe(nfc.trimEnd());
    expect(await read(utf16be(text))).toBe(nfc.trimEnd());
  });

  it("UTF-8 cut in the middle of a letter (a half download) keeps the rest", async () => {
    const bytes = Buffer.from("Báo cáo của xã", "utf8");
    expect(await read(bytes.subarray(0, bytes.length - 1))).toBe("Báo cáo của x");
    const cut = Buffer.from("Báo cáo của người", "utf8");
    expect(await read(cut.subarray(0, cut.length - 2))).toBe("Báo cáo của ngư");
  });
});

describe("Vietnamese syllables", () => {
  it("accepts real syllables and refuses mojibake", () => {
    for (const w of ["người", "được", "khuyến", "nghiệp", "Nguyễn", "gìn", "quốc", "ĐẢNG", "hoạch", "tuyên"]) expect(isVietnameseSyllable(w), w).toBe(true);
    for (const w of ["chaøo", "c¸c", "Bá»™", "ngưòi", "ứngh", "xyz"]) expect(isVietnameseSyllable(w), w).toBe(false);
  });
});
