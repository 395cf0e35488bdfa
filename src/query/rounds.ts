// Reporting rounds (issue 9): what period a report covers, written and read the way analysts say
// it ("6 tháng đầu năm 2026", "6T-2026", "quý II/2026"), and — in ONE place — which document
// counts for a unit in a round.
//
// A round is a period with its kind (month, quarter, six or nine months, year, several years,
// else a plain range of dates) from the period stored with each document. Two reports belong
// to the same round only when they cover exactly the same days: a quarter-only report (1/4–30/6)
// is never the cumulative six-month one (1/1–30/6) although both end on 30/6.

import { roundOfPeriod, type RoundKind, type RoundShape } from "../extract/period.js";
import { StoreError, type Db } from "../store/index.js";
import { provinceFilter, type Filters } from "./filters.js";

export type { RoundKind };

export interface Round extends RoundShape {
  /** "6 tháng đầu năm 2026": how an analyst says it. */
  label: string;
  /** "2026-01-01..2026-06-30": identifies the round. */
  key: string;
  /** The year of the round's last day: the year whose targets apply. */
  year: number;
}

const ROMAN = ["I", "II", "III", "IV"];
const pad = (n: number) => String(n).padStart(2, "0");
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const dmy = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

/** The round of a stored period, or null when the document states no period. */
export function roundOf(start: string | null | undefined, end: string | null | undefined): Round | null {
  const s = roundOfPeriod(start && end ? { start, end } : null);
  return s ? withLabel(s) : null;
}

function withLabel(s: RoundShape): Round {
  return { ...s, label: roundLabel(s), key: `${s.start}..${s.end}`, year: Number(s.end.slice(0, 4)) };
}

/** "6 tháng đầu năm 2026", "quý II năm 2026", "năm 2025", "tháng 6 năm 2026", "giai đoạn 2025–2026". */
export function roundLabel(r: RoundShape): string {
  const y = Number(r.end.slice(0, 4));
  const m1 = Number(r.start.slice(5, 7));
  const m2 = Number(r.end.slice(5, 7));
  switch (r.kind) {
    case "year":
      return `năm ${y}`;
    case "multi_year":
      return `giai đoạn ${r.start.slice(0, 4)}–${y}`;
    case "month":
      return `tháng ${m2} năm ${y}`;
    case "quarter":
      return `quý ${ROMAN[(m1 - 1) / 3]} năm ${y}`;
    case "six_months":
      return m1 === 1 ? `6 tháng đầu năm ${y}` : `6 tháng cuối năm ${y}`;
    case "nine_months":
      return `9 tháng đầu năm ${y}`;
    case "range": {
      const wholeMonths = r.start.endsWith("-01") && Number(r.end.slice(8, 10)) === lastDay(y, m2);
      if (r.cumulative && wholeMonths) return `${m2} tháng đầu năm ${y}`;
      return `từ ${dmy(r.start)} đến ${dmy(r.end)}`;
    }
  }
}

function period(y: number, m1: number, m2: number): Round {
  return roundOf(`${y}-${pad(m1)}-01`, `${y}-${pad(m2)}-${pad(lastDay(y, m2))}`)!;
}

const YEAR = String.raw`((?:19|20|21)\d\d)`;
const SEP = String.raw`\s*(?:[-/.\s]|năm)\s*`;
const ROMAN_OR_DIGIT = String.raw`(IV|III|II|I|[1-4])`;
// CLI syntax for --period (not report wording: the extractor's period phrases are in rules/document.yaml)
const FORMS: [RegExp, (m: RegExpExecArray) => Round | null][] = [
  [new RegExp(`^(?:năm\\s*)?${YEAR}$`, "iu"), (m) => period(Number(m[1]), 1, 12)],
  [new RegExp(`^(\\d{1,2})\\s*(?:t|tháng)(?:\\s*đầu\\s*năm)?${SEP}${YEAR}$`, "iu"), (m) => months(Number(m[2]), 1, Number(m[1]))],
  [new RegExp(`^6\\s*(?:t|tháng)\\s*cuối\\s*năm${SEP}${YEAR}$`, "iu"), (m) => period(Number(m[1]), 7, 12)],
  [new RegExp(`^(?:q|quý)\\s*${ROMAN_OR_DIGIT}${SEP}${YEAR}$`, "iu"), (m) => quarter(m[1]!, Number(m[2]))],
  [new RegExp(`^tháng\\s*(\\d{1,2})${SEP}${YEAR}$`, "iu"), (m) => months(Number(m[2]), Number(m[1]), Number(m[1]))],
  [new RegExp(`^${YEAR}-(\\d{2})$`, "u"), (m) => months(Number(m[1]), Number(m[2]), Number(m[2]))],
  [new RegExp(`^(?:giai\\s*đoạn\\s*)?${YEAR}\\s*(?:[-–]|\\.\\.)\\s*${YEAR}$`, "iu"), (m) => (Number(m[2]) > Number(m[1]) ? roundOf(`${m[1]}-01-01`, `${m[2]}-12-31`) : null)],
];

function months(y: number, from: number, to: number): Round | null {
  if (from < 1 || to > 12 || from > to) return null;
  return period(y, from, to);
}

function quarter(q: string, y: number): Round {
  const n = /^\d$/.test(q) ? Number(q) : ROMAN.indexOf(q.toUpperCase()) + 1;
  return period(y, 3 * n - 2, 3 * n);
}

function dateBound(s: string, end: boolean): string | null {
  let m = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(s);
  let [y, mo, d] = m ? [Number(m[1]), Number(m[2]), m[3] ? Number(m[3]) : null] : [0, 0, null as number | null];
  if (!m) {
    m = /^(?:(\d{1,2})\/)?(\d{1,2})\/(\d{4})$/.exec(s);
    if (!m) return null;
    [y, mo, d] = [Number(m[3]), Number(m[2]), m[1] ? Number(m[1]) : null];
  }
  if (mo < 1 || mo > 12 || y < 1990 || y > 2100) return null;
  const day = d ?? (end ? lastDay(y, mo) : 1);
  if (day < 1 || day > lastDay(y, mo)) return null;
  return `${y}-${pad(mo)}-${pad(day)}`;
}

export const PERIOD_HELP =
  "2026, 6T-2026 (6 tháng 2026), 9T-2026, Q2-2026 (quý II/2026), 2026-06 (tháng 6/2026) hoặc khoảng ngày 2025-08-07..2026-05-31";

/**
 * Reads a round as analysts write it: `2026`, `6T-2026`, `6 tháng 2026`, `6 tháng đầu năm 2026`,
 * `Q2-2026`, `quý II/2026`, `9T-2026`, `2026-06`, `tháng 6/2026`, `2025-2026`, or a range of
 * dates `2025-08-07..2026-05-31` (also `07/08/2025..31/05/2026`, `2025-08..2026-05`).
 */
export function parseRound(text: string): Round {
  const s = text.normalize("NFC").trim().replace(/\s+/g, " ");
  const range = /^(.+?)\s*(?:\.\.|→)\s*(.+)$/.exec(s);
  let r: Round | null = null;
  if (range && !/^(?:giai đoạn )?\d{4}\s*\.\.\s*\d{4}$/iu.test(s)) {
    const a = dateBound(range[1]!, false);
    const b = dateBound(range[2]!, true);
    if (a && b && a <= b) r = roundOf(a, b);
  } else {
    for (const [re, make] of FORMS) {
      const m = re.exec(s.replace(/\.\./, "-"));
      if (m) {
        r = make(m);
        break;
      }
    }
  }
  if (!r) throw new StoreError(`Kỳ báo cáo không hợp lệ (invalid period) --period "${text}": viết ${PERIOD_HELP}`);
  return r;
}

// ---------------------------------------------------------------------------------------------
// The document that counts

/** A stored report with its round (what rounds, coverage and the comparisons work on). */
export interface RoundDoc {
  id: number;
  name: string;
  kind: string;
  unit_key: string;
  unit_code: string | null;
  unit: string | null;
  level: string | null;
  province: string | null;
  province_code: string | null;
  number: string | null;
  period_start: string | null;
  period_end: string | null;
  issued_on: string | null;
  imported_at: string;
  teams: number | null;
  team_members: number | null;
  /** The copy (same report in another format, see v_documents) that stands for this one, if any. */
  duplicate_of: number | null;
  round: Round | null;
  /**
   * When the analyst chose this document for its unit and round (`tonghop choose`): it counts
   * whatever the dates say (the time of the latest `choose` in correction_log).
   */
  chosen_at: string | null;
  /** The unit as named before 1 July 2025, when the report names a former commune (partial report of today's unit). */
  former_unit: string | null;
  /** 1 when the report is of one former commune of several merged into its unit: part of the unit only. */
  partial: number | null;
}

/**
 * Reports (kind 'report') of the province filter, each with its round. Removed documents are
 * left out here (corrections), so nothing downstream ever sees them.
 */
export function roundDocuments(db: Db, filters: Pick<Filters, "province"> = {}, kinds: string[] = ["report"]): RoundDoc[] {
  const p = provinceFilter(db, filters.province, "d");
  const rows = db
    .prepare(
      `SELECT d.id, d.name, d.kind, d.unit_key, d.unit_code, d.unit, d.level, d.province, d.province_code, d.number,
         d.period_start, d.period_end, d.issued_on, d.imported_at, d.teams, d.team_members, d.duplicate_of, d.former_unit, d.partial,
         CASE WHEN d.chosen = 1 THEN (SELECT MAX(l.at) FROM correction_log l WHERE l.document_id = d.id AND l.action = 'choose') END AS chosen_at
       FROM v_documents d
       WHERE d.kind IN (SELECT value FROM json_each(?)) AND ${p.sql}
       ORDER BY d.id`,
    )
    .all(JSON.stringify(kinds), ...p.params) as Omit<RoundDoc, "round">[];
  return rows.map((r) => ({ ...r, round: roundOf(r.period_start, r.period_end) }));
}

/**
 * THE rule for which of several reports of one unit in one round counts:
 * the analyst's choice (`chosen_at`, the latest choice) first; else, when every one states its
 * issue date, the latest issue date (a tie: the one stored last); else the one stored last
 * (a corrected report sent again without a date replaces the first).
 */
export function countingDocument<T extends Pick<RoundDoc, "id" | "issued_on" | "chosen_at">>(candidates: T[]): T {
  if (!candidates.length) throw new Error("countingDocument: no candidates");
  const chosen = candidates.filter((c) => c.chosen_at != null);
  if (chosen.length) return chosen.reduce((a, b) => (b.chosen_at! > a.chosen_at! || (b.chosen_at === a.chosen_at && b.id > a.id) ? b : a));
  const allDated = candidates.every((c) => c.issued_on != null);
  return candidates.reduce((a, b) => {
    if (allDated && a.issued_on !== b.issued_on) return b.issued_on! > a.issued_on! ? b : a;
    return b.id > a.id ? b : a;
  });
}

/** The rounds that have reports, latest first (then the most units reporting, then the longest). */
export function roundsWithReports(docs: RoundDoc[]): { round: Round; units: number; documents: number }[] {
  const by = new Map<string, { round: Round; units: Set<string>; documents: number }>();
  for (const d of docs) {
    if (!d.round) continue;
    let e = by.get(d.round.key);
    if (!e) by.set(d.round.key, (e = { round: d.round, units: new Set(), documents: 0 }));
    e.units.add(d.unit_key);
    e.documents++;
  }
  return [...by.values()]
    .map((e) => ({ round: e.round, units: e.units.size, documents: e.documents }))
    .sort((a, b) => (a.round.end !== b.round.end ? (a.round.end < b.round.end ? 1 : -1) : b.units - a.units || (a.round.start < b.round.start ? -1 : a.round.start > b.round.start ? 1 : 0)));
}

/**
 * The round the filters ask for (`--period`), else the latest round that has reports.
 * A period that matches no report is refused with the rounds that do have reports.
 */
export function selectRound(db: Db, filters: Filters, docs = roundDocuments(db, filters)): Round | null {
  const have = roundsWithReports(docs);
  if (!filters.period) return have[0]?.round ?? null;
  const r = parseRound(filters.period);
  if (!have.some((h) => h.round.key === r.key)) {
    const list = have.slice(0, 6).map((h) => `${h.round.label} (${h.units} đơn vị)`).join("; ");
    throw new StoreError(
      `Không có báo cáo nào cho kỳ ${r.label} (no reports for this period)` + (list ? `; các kỳ có báo cáo: ${list}` : ""),
    );
  }
  return r;
}

export interface UnitRound {
  unit_key: string;
  /** The document that counts (see countingDocument). */
  doc: RoundDoc;
  /** Every report of the unit in the round, the counting one included, stored order. */
  all: RoundDoc[];
}

/** For one round: each unit's reports and the one that counts. */
export function countingDocuments(docs: RoundDoc[], round: Round): Map<string, UnitRound> {
  const groups = new Map<string, RoundDoc[]>();
  for (const d of docs) {
    if (d.round?.key !== round.key) continue;
    const g = groups.get(d.unit_key);
    if (g) g.push(d);
    else groups.set(d.unit_key, [d]);
  }
  const out = new Map<string, UnitRound>();
  for (const [k, all] of groups) out.set(k, { unit_key: k, doc: countingDocument(all), all });
  return out;
}
