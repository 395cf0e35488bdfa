// Builders for extraction documents with real content, for store and query tests that must not
// depend on the state of the extractor. Everything they build is written to real SQLite files.
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ExtractionDocument, Fact, IndicatorValue, Kind, UnitLevel } from "../src/extract/types.js";
import type { NormalizedDocument } from "../src/ingest/types.js";

export function tempDir(prefix = "tonghop-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export interface Value {
  value: number | boolean;
  role?: "actual" | "target";
  kind?: "percent" | "count" | "yesno";
  target?: number;
  unmet?: boolean;
  unit?: string;
  page?: number;
}

export interface DocSpec {
  file: string;
  kind?: Kind;
  unit?: string | null;
  level?: UnitLevel | null;
  province?: string | null;
  period?: [string, string] | null;
  issued_on?: string | null;
  number?: string | null;
  values?: Record<string, Value>;
  issues?: { kind: string; message: string }[];
  unmetFlags?: string[];
  rules_version?: string;
  text?: string;
}

/** An extraction document and the normalised document it was read from. */
export function build(spec: DocSpec): { extraction: ExtractionDocument; doc: NormalizedDocument } {
  const lines: string[] = [spec.text ?? `BÁO CÁO kết quả triển khai Phong trào “Bình dân học vụ số” ${spec.unit ?? ""}`];
  const facts: Fact[] = [];
  const indicators: Record<string, IndicatorValue> = {};
  let n = 0;
  for (const [code, v] of Object.entries(spec.values ?? {})) {
    const id = `f${++n}`;
    const offset = lines.join("\n").length + 1;
    const kind = v.kind ?? (typeof v.value === "boolean" ? "yesno" : "percent");
    const shown = typeof v.value === "boolean" ? (v.value ? "Có" : "Không") : kind === "percent" ? `${v.value}%` : `${v.value} ${v.unit ?? "người"}`;
    const quote = `Chỉ tiêu ${code}: ${v.role === "target" ? "phấn đấu " : "đạt "}${shown} người dân trưởng thành.`;
    lines.push(quote);
    const base = { id, indicator: code, section: "s1", quote, start: offset, end: offset + quote.length, page: v.page ?? null };
    if (kind === "yesno") facts.push({ ...base, kind: "yesno", value: v.value as boolean });
    else if (kind === "count") facts.push({ ...base, kind: "count", value: v.value as number, unit: v.unit ?? "người", qualifier: "exact", role: v.role ?? "actual" });
    else facts.push({ ...base, kind: "percent", value: v.value as number, qualifier: "exact", role: v.role ?? "actual" });
    indicators[code] = {
      value: v.value,
      role: v.role ?? "actual",
      qualifier: "exact",
      fact: id,
      ...(v.target != null ? { target: v.target } : {}),
      ...(v.unmet != null ? { unmet: v.unmet } : {}),
      ...(kind === "count" ? { unit: v.unit ?? "người" } : {}),
    };
  }
  for (const code of spec.unmetFlags ?? []) {
    const quote = `Xây dựng mô hình điểm ${code}: Chưa đạt chỉ tiêu.`;
    const start = lines.join("\n").length + 1;
    lines.push(quote);
    facts.push({ id: `f${++n}`, kind: "unmet", basis: "explicit", indicator: code, section: "s1", quote, start, end: start + quote.length, page: null });
  }
  const text = lines.join("\n");
  const sha256 = createHash("sha256").update(spec.file + text).digest("hex");
  const format = spec.file.endsWith(".pdf") ? "pdf" : spec.file.endsWith(".docx") ? "docx" : "text";
  const extraction: ExtractionDocument = {
    schema: "tonghop/extraction@1",
    source: { file: spec.file, sha256, format, pages: format === "pdf" ? 1 : null, ocr: false },
    document: {
      kind: spec.kind ?? "report",
      number: spec.number ?? null,
      unit: { level: spec.level ?? (spec.unit ? "xa" : null), name: spec.unit ?? null },
      province: spec.province ?? null,
      issued_on: spec.issued_on ?? null,
      period: spec.period ? { start: spec.period[0], end: spec.period[1] } : null,
      signer: { name: "Nguyễn Văn A", title: "Chủ tịch" },
    },
    sections: [{ id: "s1", parent: null, number: "I", title: "KẾT QUẢ", level: 1, start: 0, end: text.length }],
    facts,
    indicators,
    teams: { teams: 5, members: 25 },
    issues: (spec.issues ?? []).map((i) => ({ ...i, start: null, end: null })),
    rules_version: spec.rules_version ?? "test",
  };
  const doc: NormalizedDocument = {
    format,
    text,
    blocks: [{ kind: "paragraph", start: 0, end: text.length, page: null }],
    pages: null,
    warnings: [],
  };
  return { extraction, doc };
}

const SAMPLE_UNITS: Record<string, { unit: string; province: string | null }> = {
  "000": { unit: "Vĩnh Thông", province: "Thái Nguyên" },
  "001": { unit: "Cao Đức", province: null },
  "002": { unit: "Đại Sơn", province: null },
  "003": { unit: "Ba Ngòi", province: "Khánh Hòa" },
  "004": { unit: "Trung Thành", province: "Thái Nguyên" },
};

/**
 * Writes `n` distinct reports made from the samples: each copy moved to a real commune of the
 * official list (its name and province replaced in the text) and its percentages shifted.
 */
export function makeCorpus(samplesDir: string, outDir: string, n: number, adminUnitsJson: string): string[] {
  mkdirSync(outDir, { recursive: true });
  const provinces = JSON.parse(readFileSync(adminUnitsJson, "utf8")) as { Name: string; Wards: { Name: string }[] }[];
  const units = provinces.flatMap((p) => p.Wards.map((w) => ({ unit: w.Name, province: p.Name })));
  const samples = readdirSync(samplesDir).filter((f) => f.endsWith(".txt")).sort().map((f) => ({ key: f.slice(0, 3), text: readFileSync(join(samplesDir, f), "utf8") }));
  const files: string[] = [];
  for (let i = 0; i < n; i++) {
    const s = samples[i % samples.length]!;
    const from = SAMPLE_UNITS[s.key] ?? { unit: "", province: null };
    const to = units[(i * 7919) % units.length]!;
    let text = from.unit ? s.text.split(from.unit).join(to.unit) : s.text;
    if (from.province) text = text.split(from.province).join(to.province);
    text = text.replace(/(\d+)%/g, (_m, d: string) => `${(Number(d) + i) % 101}%`);
    const file = join(outDir, `${String(i).padStart(5, "0")}-${s.key}.txt`);
    writeFileSync(file, text + `\n\nBản số ${i}.\n`);
    files.push(file);
  }
  return files;
}
