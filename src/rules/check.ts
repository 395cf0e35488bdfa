// What `tonghop rules check` proves about the rule files, all in one pass: YAML syntax, the
// shapes (zod, with phrase syntax checked inside the schema), lists that extraction never reads,
// a phrase hidden by a list that is consulted before it or that means the opposite, phrases that
// are the same after folding (case, tone marks, tỷ/tỉ), and targets for provinces, units or
// indicator codes that do not exist. Each problem carries its file, line, the entry it belongs to
// in plain words, and a message in Vietnamese (English in brackets).

import { nearestName } from "../nearest.js";
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { isNode, LineCounter, parseDocument, type Document } from "yaml";
import type { z } from "zod";
import { loadUnits, officialCommuneLevels, officialProvinces } from "../extract/units.js";
import { foldPhrase, foldWord } from "../extract/vnkey.js";
import { expandPhrase, GAP, NUMBER } from "./phrase.js";
import { DocumentFile, IndicatorsFile, LanguageFile, PlacesFile, TargetsFile, type Rules } from "./schema.js";

export const RULE_FILES = {
  indicators: "indicators.yaml",
  targets: "targets.yaml",
  language: "language.yaml",
  document: "document.yaml",
  places: "places.yaml",
} as const;

export interface RuleProblem {
  level: "error" | "warning";
  file: string;
  line: number | null;
  /** The entry, in words: “chỉ tiêu 2.1, chủ thể (subject), cụm thứ 3”. */
  where: string;
  message: string;
  /** The path inside the file, for programs (`indicators.30.subject.1`). */
  path: string;
}

export interface CheckResult {
  problems: RuleProblem[];
  rules: Rules | null;
  summary: { indicators: number; targets: number; phrases: number; version: string };
}

interface Loaded {
  name: keyof typeof RULE_FILES;
  file: string;
  doc: Document | null;
  lines: LineCounter;
  data: unknown;
}

const FIELD_WORDS: Record<string, string> = {
  subject: "chủ thể (subject)",
  about: "nội dung (about)",
  context: "ngữ cảnh (context)",
  not: "loại trừ (not)",
  flag: "cờ (flag)",
  count_units: "danh từ đếm (count_units)",
  table_labels: "nhãn bảng (table_labels)",
  label: "nhãn (label)",
  unit: "đơn vị (unit)",
  priority: "độ ưu tiên (priority)",
  code: "mã (code)",
  values: "giá trị (values)",
  province: "tỉnh (province)",
  year: "năm (year)",
  source: "nguồn (source)",
};

/**
 * `thorough` (what `tonghop rules check` runs) adds the checks that cost time at every start:
 * duplicates after folding, hidden phrases, and targets against the official list of units.
 * Extraction loads rules with the shapes, phrase syntax and indicator codes checked.
 */
export function checkRules(dir: string, opts: { thorough?: boolean } = {}): CheckResult {
  const thorough = opts.thorough ?? true;
  const problems: RuleProblem[] = [];
  const hash = createHash("sha256");
  const loaded = new Map<keyof typeof RULE_FILES, Loaded>();
  for (const [name, file] of Object.entries(RULE_FILES) as [keyof typeof RULE_FILES, string][]) {
    const path = join(dir, file);
    if (!existsSync(path)) {
      problems.push({ level: "error", file, line: null, where: "", path: "", message: "thiếu tệp (file missing)" });
      continue;
    }
    const text = readFileSync(path, "utf8");
    hash.update(file).update("\0").update(text).update("\0");
    const lines = new LineCounter();
    const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
    const l: Loaded = { name, file, doc, lines, data: undefined };
    if (doc.errors.length) {
      for (const e of doc.errors)
        problems.push({ level: "error", file, line: lines.linePos(e.pos[0]).line, where: "", path: "", message: `lỗi cú pháp YAML (YAML syntax error): ${e.message.split("\n")[0]}` });
      l.doc = null;
    } else l.data = doc.toJS();
    loaded.set(name, l);
  }

  const report = (l: Loaded, path: PropertyKey[], message: string, level: RuleProblem["level"] = "error") =>
    problems.push({ level, file: l.file, line: lineOf(l, path), where: describePath(l, path), path: path.map(String).join("."), message });

  const check = <T extends z.ZodType>(name: keyof typeof RULE_FILES, schema: T): z.infer<T> | undefined => {
    const l = loaded.get(name);
    if (!l?.doc) return undefined;
    const r = schema.safeParse(l.data);
    if (r.success) return r.data;
    for (const issue of r.error.issues) {
      if (issue.code === "unrecognized_keys")
        for (const key of issue.keys) report(l, [...issue.path, key], `“${key}” không phải danh sách mà chương trình đọc: không bao giờ có tác dụng (a list extraction never reads)`);
      else report(l, issue.path, vietnameseIssue(issue, valueAt(l.data, issue.path)));
    }
    return undefined;
  };
  const indicators = check("indicators", IndicatorsFile);
  const targets = check("targets", TargetsFile);
  const language = check("language", LanguageFile);
  const document = check("document", DocumentFile);
  const places = check("places", PlacesFile);

  let phraseCount = 0;
  // duplicates after folding, inside each list
  const lists = (l: Loaded | undefined, data: unknown) => (l && data ? phraseLists(data, []) : []);
  // (on the files as written, so that these show even when another part of the file has an error)
  for (const l of [loaded.get("indicators"), loaded.get("language"), loaded.get("document"), loaded.get("places")]) {
    if (!l || !thorough) continue;
    for (const { path, phrases } of lists(l, l.data)) {
      const seen = new Map<string, number>();
      phrases.forEach((p, i) => {
        phraseCount++;
        const vs = variantsOf(p);
        const firsts = vs.map((v) => seen.get(v)).filter((x): x is number => x !== undefined && x !== i);
        if (vs.length && firsts.length === vs.length) {
          const first = firsts[0]!;
          report(l, [...path, i], `“${p}” trùng với “${phrases[first]}” (mục thứ ${first + 1}) sau khi bỏ dấu và chữ hoa: một trong hai là thừa (duplicate after folding)`);
        } else if (firsts.length)
          report(l, [...path, i], `một cách viết của “${p}” đã có trong “${phrases[firsts[0]!]}” (mục thứ ${firsts[0]! + 1}) (a variant is listed twice)`, "warning");
        for (const v of vs) if (!seen.has(v)) seen.set(v, i);
      });
    }
  }

  // phrases hidden by a list consulted first, or listed under two opposite meanings
  const lang = loaded.get("language");
  if (lang?.data && thorough) {
    const opposite: [string[], string[], "hides" | "opposite"][] = [
      [["not_counts"], ["count_units"], "hides"],
      [["team_not"], ["team_names"], "opposite"],
      [["target"], ["actual"], "opposite"],
      [["target_sections"], ["actual_sections"], "opposite"],
      [["answers", "yes"], ["answers", "no"], "opposite"],
      [["columns", "target"], ["columns", "actual"], "opposite"],
      [["qualifiers", "about"], ["qualifiers", "over"], "opposite"],
      [["qualifiers", "about"], ["qualifiers", "under"], "opposite"],
      [["qualifiers", "over"], ["qualifiers", "under"], "opposite"],
      // a word is one multiplier only; a phrase that is not a multiplier must not swallow one
      [["numbers", "thousand"], ["numbers", "million"], "opposite"],
      [["numbers", "thousand"], ["numbers", "billion"], "opposite"],
      [["numbers", "million"], ["numbers", "billion"], "opposite"],
      [["numbers", "not_multiplier"], ["numbers", "thousand"], "hides"],
      [["numbers", "not_multiplier"], ["numbers", "million"], "hides"],
      [["numbers", "not_multiplier"], ["numbers", "billion"], "hides"],
    ];
    for (const [a, b, how] of opposite) {
      const strings = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);
      const la = strings(valueAt(lang.data, a));
      const lb = strings(valueAt(lang.data, b));
      const va = la.map((p) => variantsOf(p));
      lb.forEach((p, j) => {
        for (const v of variantsOf(p)) {
          const i = va.findIndex((vs) => vs.some((x) => (how === "hides" ? v === x || v.startsWith(x + " ") : v === x)));
          if (i < 0) continue;
          report(
            lang,
            [...b, j],
            how === "hides"
              ? `“${p}” không bao giờ khớp: “${la[i]}” trong ${a.join(".")} được xét trước và che nó (hidden by a list consulted first)`
              : `“${p}” cũng có trong ${a.join(".")} (“${la[i]}”), nghĩa ngược lại: kết quả phụ thuộc thứ tự (listed under two opposite meanings)`,
          );
          break;
        }
      });
    }
  }

  // a not_multiplier phrase is only read after a multiplier word: one that opens with another word never applies
  if (lang?.data && thorough) {
    const words = (k: string) => {
      const v = valueAt(lang.data, ["numbers", k]);
      return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
    };
    const multipliers = new Set(["thousand", "million", "billion"].flatMap(words).flatMap(variantsOf));
    words("not_multiplier").forEach((p, i) => {
      const first = variantsOf(p).map((v) => v.split(" ")[0]!);
      if (first.length && !first.some((w) => multipliers.has(w)))
        report(lang, ["numbers", "not_multiplier", i], `“${p}” không mở đầu bằng một từ nhân (nghìn, triệu …) trong numbers: không bao giờ được đọc (never read: does not open with a multiplier word)`);
    });
  }

  if (indicators) {
    const l = loaded.get("indicators")!;
    const seen = new Map<string, number>();
    indicators.indicators.forEach((ind, i) => {
      const first = seen.get(ind.code);
      if (first !== undefined) report(l, ["indicators", i, "code"], `mã “${ind.code}” đã dùng cho chỉ tiêu thứ ${first + 1} (duplicate code)`);
      else seen.set(ind.code, i);
      if (!ind.subject.length && !ind.about.length && !ind.flag.length && !ind.table_labels.length && ind.unit !== "yesno")
        report(l, ["indicators", i], `chỉ tiêu “${ind.code}” cần subject, about, flag hoặc table_labels để được tìm thấy (can never be found)`);
    });
  }
  // targets are checked against the codes written in indicators.yaml even when that file has other errors
  const rawCodes = (valueAt(loaded.get("indicators")?.data, ["indicators"]) as { code?: unknown }[] | undefined)?.map((i) => i?.code).filter((c): c is string => typeof c === "string");
  if (targets && rawCodes) checkTargets(loaded.get("targets")!, targets.targets, new Set(rawCodes), report, thorough, places);
  // every level of the official list is named by a commune level (else its units could never be found)
  if (places && thorough) {
    let levels: string[] = [];
    try {
      levels = officialCommuneLevels();
    } catch {
      levels = [];
    }
    const named = new Set(Object.values(places.communes).flat().map((w) => foldPhrase(w)));
    for (const level of levels)
      if (!named.has(foldPhrase(level)))
        report(loaded.get("places")!, ["communes"], `danh mục đơn vị hành chính có cấp “${level}” mà communes không nêu: các đơn vị này không bao giờ được nhận ra (a level of the official list no commune level names)`);
  }
  // a province alias names a province of the official list
  if (places && thorough) {
    let official: ReturnType<typeof officialProvinces> | null = null;
    try {
      official = officialProvinces();
    } catch {
      official = null;
    }
    if (official)
      for (const [alias, name] of Object.entries(places.province_aliases))
        if (!official.byKey.has(foldPhrase(name))) {
          const near = nearest(name, official.provinces.map((p) => p.name));
          report(loaded.get("places")!, ["province_aliases", alias], `“${alias}”: không có tỉnh “${name}” trong danh mục đơn vị hành chính${near ? `; có phải “${near}”?` : ""} (unknown province)`);
        }
  }

  const errors = problems.filter((p) => p.level === "error");
  const version = hash.digest("hex").slice(0, 16);
  const rules = !errors.length && indicators && targets && language && document && places ? { indicators: indicators.indicators, targets: targets.targets, language, document, places, version, dir } : null;
  return {
    problems: problems.sort((a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0)),
    rules,
    summary: { indicators: indicators?.indicators.length ?? 0, targets: targets?.targets.length ?? 0, phrases: phraseCount, version },
  };
}

function checkTargets(l: Loaded, targets: z.infer<typeof TargetsFile>["targets"], codes: Set<string>, report: (l: Loaded, path: PropertyKey[], message: string) => void, thorough: boolean, places: Rules["places"] | undefined): void {
  let units: ReturnType<typeof loadUnits> | null = null;
  try {
    units = thorough ? loadUnits(places) : null;
  } catch {
    units = null;
  }
  targets.forEach((t, i) => {
    if (units) {
      const prov = units.provinceByKey.get(foldPhrase(t.province));
      if (!prov) {
        const near = nearest(t.province, units.provinces.map((p) => p.name));
        report(l, ["targets", i, "province"], `không có tỉnh “${t.province}” trong danh mục đơn vị hành chính${near ? `; có phải “${near}”?` : ""} (unknown province)`);
      } else if (t.unit) {
        const list = units.unitsByKey.get(foldPhrase(t.unit.replace(/^(xã|phường|đặc khu)\s+/iu, ""))) ?? [];
        if (!list.some((u) => u.provinceCode === prov.code))
          report(l, ["targets", i, "unit"], `tỉnh ${prov.name} không có xã, phường “${t.unit}” (unknown unit in this province)`);
      }
    }
    for (const code of Object.keys(t.values))
      if (!codes.has(code)) {
        const near = nearest(code, [...codes]);
        report(l, ["targets", i, "values", code], `không có chỉ tiêu mã “${code}” trong indicators.yaml${near ? `; có phải “${near}”?` : ""} (unknown indicator code)`);
      }
  });
}

/** The closest name by edit distance on folded text, when it is close enough to be a typo. */
function nearest(name: string, names: readonly string[]): string | null {
  return nearestName(name, names, foldPhrase);
}

/** Folded word sequences a phrase stands for (as PhraseSet folds them). */
function variantsOf(p: string): string[] {
  try {
    return expandPhrase(p).map((v) =>
      v
        .split(" ")
        .flatMap((w) => (w === GAP || w === NUMBER ? [w] : w.split(/[^\p{L}\p{M}\p{N}]+/u).filter(Boolean).map(foldWord)))
        .join(" "),
    );
  } catch {
    return [];
  }
}

// Keys whose string values are not phrases.
const NOT_PHRASES = new Set(["code", "label", "unit", "source", "province", "start", "end", "version", "priority", "year"]);

/** Every list of phrases in a parsed file, with its path. */
function phraseLists(v: unknown, path: PropertyKey[]): { path: PropertyKey[]; phrases: string[] }[] {
  if (Array.isArray(v)) {
    if (v.every((x) => typeof x === "string")) {
      const last = [...path].reverse().find((p) => typeof p === "string");
      return typeof last === "string" && !NOT_PHRASES.has(last) ? [{ path, phrases: v as string[] }] : [];
    }
    return v.flatMap((x, i) => phraseLists(x, [...path, i]));
  }
  if (v && typeof v === "object" && path[0] !== "abbreviations") return Object.entries(v).flatMap(([k, x]) => (k === "abbreviations" ? [] : phraseLists(x, [...path, k])));
  return [];
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let v = data;
  for (const p of path) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<PropertyKey, unknown>)[p as string];
  }
  return v;
}

function lineOf(l: Loaded, path: readonly PropertyKey[]): number | null {
  if (!l.doc) return null;
  for (let n = path.length; n >= 0; n--) {
    const node = l.doc.getIn(path.slice(0, n) as unknown[], true);
    if (isNode(node) && node.range) return l.lines.linePos(node.range[0]).line;
    // a key whose value is null or a scalar pair: find the key itself
    if (n > 0) {
      const parent = l.doc.getIn(path.slice(0, n - 1) as unknown[], true) as { items?: { key?: { value?: unknown; range?: [number, number, number] } }[] } | undefined;
      const item = parent?.items?.find((it) => it.key && (it.key as { value?: unknown }).value === path[n - 1]);
      if (item?.key?.range) return l.lines.linePos(item.key.range[0]).line;
    }
  }
  return null;
}

/** The entry a path points into, in plain words. */
function describePath(l: Loaded, path: readonly PropertyKey[]): string {
  const data = l.data as Record<string, unknown> | undefined;
  const parts: string[] = [];
  if (l.name === "indicators" && path[0] === "indicators" && typeof path[1] === "number") {
    const ind = valueAt(data, ["indicators", path[1]]) as { code?: unknown } | undefined;
    parts.push(typeof ind?.code === "string" ? `chỉ tiêu “${ind.code}”` : `chỉ tiêu thứ ${path[1] + 1}`);
    rest(path.slice(2));
  } else if (l.name === "targets" && path[0] === "targets" && typeof path[1] === "number") {
    const t = valueAt(data, ["targets", path[1]]) as { province?: unknown; year?: unknown; unit?: unknown } | undefined;
    parts.push(`mục tiêu của ${typeof t?.unit === "string" ? `${t.unit}, ` : ""}${typeof t?.province === "string" ? t.province : "?"} năm ${typeof t?.year === "number" ? t.year : "?"}`);
    if (path[2] === "values" && path[3] !== undefined) parts.push(`chỉ tiêu “${String(path[3])}”`);
    else rest(path.slice(2));
  } else rest(path);
  return parts.join(", ");

  function rest(p: readonly PropertyKey[]) {
    const names: string[] = [];
    let item: number | null = null;
    for (const x of p) {
      if (typeof x === "number") item = x;
      else names.push(FIELD_WORDS[String(x)] ?? String(x));
    }
    if (names.length) parts.push(l.name === "indicators" || l.name === "targets" ? names.join(" › ") : `danh sách “${names.join(".")}”`);
    if (item !== null) parts.push(`mục thứ ${item + 1}`);
  }
}

type Issue = z.core.$ZodIssue;

function vietnameseIssue(issue: Issue, value: unknown): string {
  switch (issue.code) {
    case "invalid_type":
      if (value === undefined) return `thiếu trường bắt buộc (required field missing)`;
      return `cần ${typeWord(issue.expected)}, gặp ${typeWord(Array.isArray(value) ? "array" : value === null ? "null" : typeof value)} “${String(value).slice(0, 40)}” (expected ${issue.expected})`;
    case "invalid_value":
      return `phải là một trong: ${issue.values.map(String).join(", ")}; gặp “${String(value)}” (invalid value)`;
    case "too_small":
      return issue.origin === "string"
        ? `quá ngắn: ít nhất ${String(issue.minimum)} ký tự (too short)`
        : issue.origin === "array"
          ? `cần ít nhất ${String(issue.minimum)} mục (too few items)`
          : `phải ≥ ${String(issue.minimum)}; gặp ${String(value)} (too small)`;
    case "too_big":
      return issue.origin === "string" ? `quá dài: tối đa ${String(issue.maximum)} ký tự (too long)` : `phải ≤ ${String(issue.maximum)}; gặp ${String(value)} (too big)`;
    case "invalid_format":
      return `sai dạng: “${String(value)}” — ${issue.message} (invalid format)`;
    case "invalid_union":
      return `giá trị “${typeof value === "object" ? JSON.stringify(value) : String(value)}” không đúng dạng: một số, hoặc { value, qualifier, unit } (invalid value)`;
    default:
      return issue.message;
  }
}

function typeWord(t: string): string {
  return ({ string: "chữ", number: "số", boolean: "có/không", array: "danh sách", object: "bảng khóa–giá trị", null: "rỗng", undefined: "rỗng", int: "số nguyên" } as Record<string, string>)[t] ?? t;
}
