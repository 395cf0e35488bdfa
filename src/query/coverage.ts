// `tonghop coverage --province P [--period R]`: every official unit of the province (from the
// units list), whether it sent a report for the round, and a plan for the round's year, with the
// documents (issue 9).

import { viCollator } from "../collate.js";
import { StoreError, type Db } from "../store/index.js";
import { COL, LEVEL_LABELS, type Column, type Row } from "./columns.js";
import { noSuchProvince, provinceCode } from "./filters.js";
import { countingDocuments, parseRound, roundDocuments, selectRound, type Round } from "./rounds.js";
import { roundView, type Conflict } from "./values.js";

export interface OfficialUnit {
  code: string;
  name: string;
  level: string;
  province: string;
}

/** The official units of a province (as written: name or code), in Vietnamese order. */
export function provinceUnits(db: Db, province: string | undefined): OfficialUnit[] {
  if (!province) throw new StoreError("Cần --province để liệt kê mọi đơn vị của tỉnh (--province is needed to list every unit)");
  const code = provinceCode(db, province);
  if (!code) throw noSuchProvince(db, province);
  const rows = db
    .prepare("SELECT u.code, u.name, u.level, p.name AS province FROM units u JOIN provinces p ON p.code = u.province_code WHERE u.province_code = ?")
    .all(code) as OfficialUnit[];
  const collator = viCollator; // the one Vietnamese order (src/collate.ts)
  return rows.sort((a, b) => collator.compare(a.name, b.name) || a.code.localeCompare(b.code));
}

export interface CoverageDocument {
  document_id: number;
  document: string;
  kind: string;
  unit_code: string | null;
  unit: string | null;
  level: string | null;
  number: string | null;
  issued_on: string | null;
  period_start: string | null;
  period_end: string | null;
  round: string | null;
  /** For a report: the one that counts for its unit in the round. */
  counts: boolean;
}

export interface Coverage {
  province: string;
  province_code: string;
  round: (Omit<Round, "year">) | null;
  /** Official units of the province. */
  units: number;
  /** Of them, with a report for the round (of the whole unit). */
  reported: number;
  /**
   * Units formed on 1 July 2025 from several former communes for which only reports of some of
   * those former communes came in (written before the merger): partial coverage, not a report.
   */
  partial: { code: string; name: string; level: string; former_units: string[] }[];
  /** Of them, with a plan for the round's year. */
  planned: number;
  missing: { code: string; name: string; level: string }[];
  /** Reports of the round and plans of its year. */
  documents: CoverageDocument[];
  /** Reports of the province that state no period: no round can be given to them. */
  no_period: CoverageDocument[];
  conflicts: Conflict[];
}

export function coverage(db: Db, filters: { province?: string; period?: string }): Coverage {
  const units = provinceUnits(db, filters.province);
  const code = provinceCode(db, filters.province!)!;
  const name = db.prepare("SELECT name FROM provinces WHERE code = ?").pluck().get(code) as string;
  const scope = { province: code, period: filters.period };
  const reports = roundDocuments(db, scope);
  // a round asked for is shown even when nobody has reported for it yet (every unit missing)
  const round = filters.period ? parseRound(filters.period) : selectRound(db, scope, reports);
  const official = new Set(units.map((u) => u.code));
  const doc = (d: (typeof reports)[number], counts: boolean): CoverageDocument => ({
    document_id: d.id, document: d.name, kind: d.kind, unit_code: d.unit_code, unit: d.unit, level: d.level, number: d.number,
    issued_on: d.issued_on, period_start: d.period_start, period_end: d.period_end, round: d.round?.label ?? null, counts,
  });
  const documents: CoverageDocument[] = [];
  const reportedCodes = new Set<string>();
  const partialCodes = new Map<string, string[]>();
  let conflicts: Conflict[] = [];
  if (round) {
    const groups = countingDocuments(reports, round);
    for (const g of groups.values()) {
      for (const d of g.all) documents.push(doc(d, d.id === g.doc.id));
      if (!g.doc.unit_code || !official.has(g.doc.unit_code)) continue;
      if (g.all.every((d) => d.partial === 1)) partialCodes.set(g.doc.unit_code, [...new Set(g.all.map((d) => d.former_unit ?? d.unit ?? ""))]);
      else reportedCodes.add(g.doc.unit_code);
    }
    if (groups.size) conflicts = roundView(db, { ...scope, period: round.key }).conflicts;
  }
  const plannedCodes = new Set<string>();
  if (round) {
    for (const p of roundDocuments(db, scope, ["plan"])) {
      const year = Number((p.period_end ?? p.issued_on ?? "").slice(0, 4));
      if (year !== round.year) continue;
      documents.push(doc(p, false));
      if (p.unit_code) plannedCodes.add(p.unit_code);
    }
  }
  const collator = viCollator; // the one Vietnamese order (src/collate.ts)
  documents.sort((a, b) => collator.compare(a.unit ?? "~", b.unit ?? "~") || (a.kind < b.kind ? 1 : a.kind > b.kind ? -1 : 0) || a.document_id - b.document_id);
  const { year: _y, ...r } = round ?? ({} as Round);
  return {
    province: name,
    province_code: code,
    round: round ? r : null,
    units: units.length,
    reported: reportedCodes.size,
    planned: [...plannedCodes].filter((c) => official.has(c)).length,
    partial: units.filter((u) => partialCodes.has(u.code)).map((u) => ({ code: u.code, name: u.name, level: u.level, former_units: partialCodes.get(u.code)! })),
    missing: units.filter((u) => !reportedCodes.has(u.code) && !partialCodes.has(u.code)).map((u) => ({ code: u.code, name: u.name, level: u.level })),
    documents,
    no_period: reports.filter((d) => !d.round).map((d) => doc(d, false)),
    conflicts,
  };
}

export const COVERAGE_COLUMNS: Column[] = [
  COL.province,
  { key: "code", title: "Mã đơn vị", width: 10 },
  COL.unit,
  { key: "level", title: "Cấp", labels: LEVEL_LABELS, width: 8 },
  { key: "round", title: "Kỳ", width: 22 },
  { key: "status", title: "Báo cáo", labels: { reported: "đã báo cáo", partial: "một phần (xã cũ)", not_reported: "chưa báo cáo" }, width: 16 },
  { key: "plan", title: "Kế hoạch", kind: "bool", width: 9 },
  { key: "document_id", title: "Mã VB", kind: "number", width: 6 },
  COL.document,
];

const STATUS_ORDER: Record<string, number> = { not_reported: 0, partial: 1, reported: 2 };

/** One row per official unit: reported, partly (former communes) or not, the document that counts, a plan for the year. Missing first. */
export function coverageRows(db: Db, c: Coverage): Row[] {
  const counting = new Map(c.documents.filter((d) => d.counts && d.unit_code).map((d) => [d.unit_code!, d]));
  const plans = new Set(c.documents.filter((d) => d.kind === "plan" && d.unit_code).map((d) => d.unit_code!));
  const missing = new Set(c.missing.map((m) => m.code));
  const partial = new Set(c.partial.map((m) => m.code));
  const collator = viCollator; // the one Vietnamese order (src/collate.ts)
  return (provinceUnits(db, c.province_code) as OfficialUnit[])
    .map((u) => ({
      province: c.province, code: u.code, unit: u.name, level: u.level, round: c.round?.label ?? null,
      status: missing.has(u.code) ? "not_reported" : partial.has(u.code) ? "partial" : "reported", plan: plans.has(u.code),
      document_id: counting.get(u.code)?.document_id ?? null, document: counting.get(u.code)?.document ?? null,
    }))
    .sort((a, b) => STATUS_ORDER[a.status]! - STATUS_ORDER[b.status]! || collator.compare(a.unit, b.unit));
}
