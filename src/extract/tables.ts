// Figures in tables (the reporting appendix and tables of targets and results). The indicator
// comes from the row label (and code column), the role from the column header ("Kế hoạch",
// "Chỉ tiêu" → target; "Kết quả", "Thực hiện" → actual), flags from the evaluation column.

import type { Block } from "../ingest/types.js";
import { collapse } from "../ingest/normalize.js";
import { qualifierBefore } from "./candidates.js";
import { labelNoun } from "./figures.js";
import type { Lexicon } from "./lexicon.js";
import { mapRowLabel, type FigureKind } from "./mapping.js";
import { findNumbers, mentionsPercent, ratioPercent, type NumberMention } from "./numbers.js";
import { MAX_QUOTE, quoteOf, type Span } from "./segments.js";
import { drafted, type Drafted, type FactDraft, type FactScore, type ReadContext } from "./facts.js";
import type { Role } from "./types.js";
import { memberWordAt } from "./teams.js";
import { bareUnmetAt } from "./unmet.js";
import { foldWord, tokenize, type Token } from "./vnkey.js";

type ColumnRole = "code" | "label" | "actual" | "target" | "evaluation" | "evidence" | "unit" | "share" | "value" | "teams" | "members";

interface LogicalRow {
  /** Spans of each column (a row cut by a page break has two spans in a column). */
  cells: Span[][];
  start: number;
  end: number;
}

const CODE = /^(?:\d{1,2}(?:\.\d{1,2}){0,2}|[IVXLC]+)\.?$/;
/** Only what a figure is written with: such a cell is a number, not a label or a header. */
const FIGURE_CHARS = /^[\s\d.,%()+-]+$/u;

/**
 * The table's rows on its column grid: a cell spanning columns (colspan) or rows (rowspan) fills
 * every grid place it covers, so that a header of two rows ("Thực hiện" over "Số lượng | Tỷ lệ")
 * lines up with the data under it. A spanning cell's text is repeated in the places it covers
 * only when it is more than a figure: a label or a header, never a number counted twice.
 */
function gridRows(text: string, b: Block): { row: NonNullable<Block["rows"]>[number]; cells: Span[][] }[] {
  const out: { row: NonNullable<Block["rows"]>[number]; cells: Span[][] }[] = [];
  // per grid column: the spans a cell above still covers and for how many more rows
  const carry: ({ spans: Span[]; left: number } | undefined)[] = [];
  for (const r of b.rows ?? []) {
    const cells: Span[][] = [];
    let col = 0;
    const carried = () => {
      for (let c = carry[col]; c && c.left > 0; c = carry[col]) {
        cells[col] = c.spans;
        c.left--;
        col++;
      }
    };
    for (const c of r.cells) {
      carried();
      const own = [{ start: c.start, end: c.end }];
      const repeat = FIGURE_CHARS.test(text.slice(c.start, c.end)) ? [] : own;
      const cs = Math.max(1, c.colspan ?? 1);
      const rs = Math.max(1, c.rowspan ?? 1);
      for (let k = 0; k < cs; k++) {
        cells[col + k] = k === 0 ? own : repeat;
        carry[col + k] = rs > 1 ? { spans: repeat, left: rs - 1 } : undefined;
      }
      col += cs;
    }
    carried();
    for (let i = 0; i < cells.length; i++) cells[i] ??= [];
    out.push({ row: r, cells });
  }
  return out;
}

function logicalRows(text: string, b: Block): LogicalRow[] {
  const rows: LogicalRow[] = [];
  for (const { row: r, cells } of gridRows(text, b)) {
    if (r.header && rows.length) continue;
    const prev = rows[rows.length - 1];
    if (r.continues && prev) {
      cells.forEach((spans, i) => {
        if (spans[0] && spans[0].end > spans[0].start) (prev.cells[i] ??= []).push(...spans);
      });
      prev.end = r.end;
      continue;
    }
    rows.push({ cells, start: r.start, end: r.end });
  }
  return rows;
}

const cellText = (text: string, spans: Span[] | undefined) => collapse((spans ?? []).map((s) => text.slice(s.start, s.end)).join(" "));

function headerRoles(lex: Lexicon, text: string, row: LogicalRow, minHits: number): ColumnRole[] | null {
  const sets: [ColumnRole, Lexicon["colCode"]][] = [
    ["code", lex.colCode],
    ["evaluation", lex.colEvaluation],
    ["evidence", lex.colEvidence],
    ["unit", lex.colUnit],
    ["share", lex.colShare],
    ["actual", lex.colActual],
    ["target", lex.colTarget],
    ["label", lex.colLabel],
  ];
  let hits = 0;
  const roles = row.cells.map<ColumnRole>((spans) => {
    const t = tokenize(cellText(text, spans), lex.abbr);
    if (!t.length || t.length > 10) return "value";
    // the longest header phrase at the start of the cell, covering nearly all of it
    let best: { role: ColumnRole; to: number } | null = null;
    for (const [role, set] of sets) {
      const m = set.matchAt(t, 0);
      // … or followed by the period it covers ("Thực hiện 6 tháng đầu năm 2026", "Kế hoạch năm 2026")
      const dated = !!m && t.slice(m.to).some((x) => /^20\d\d$/.test(x.k));
      if (m && (m.to >= t.length - 2 || dated) && (!best || m.to > best.to)) best = { role, to: m.to };
    }
    if (!best) return "value";
    hits++;
    return best.role;
  });
  // a row with a figure cell is data, not a second header row (a year in a header is no figure)
  if (minHits < 2 && row.cells.some((c) => FIGURE_CHARS.test(cellText(text, c)) && /\d/.test(cellText(text, c)))) return null;
  return hits >= minHits ? roles : null;
}

function inferRoles(text: string, rows: LogicalRow[]): ColumnRole[] {
  const width = Math.max(...rows.map((r) => r.cells.length));
  const roles: ColumnRole[] = Array(width).fill("value");
  const avgs = Array.from({ length: width }, (_, i) => rows.reduce((a, r) => a + (r.cells[i] ?? []).reduce((n, c) => n + c.end - c.start, 0), 0) / rows.length);
  const avg = (i: number) => avgs[i]!;
  const codeLike = rows.filter((r) => CODE.test(cellText(text, r.cells[0]))).length;
  let from = 0;
  if (codeLike * 2 >= rows.length) {
    roles[0] = "code";
    from = 1;
  }
  let label = from;
  for (let i = from; i < width; i++) if (avg(i) > avg(label)) label = i;
  roles[label] = "label";
  return roles;
}

/** Facts of the document's tables (appendix rows), in reading order. */
export function readTables(ctx: ReadContext): Drafted[] {
  const out: Drafted[] = [];
  const add = (fact: FactDraft, score: FactScore) => void out.push(drafted(fact, score));
  ctx.doc.blocks.forEach((b) => {
    if (b.kind === "table") readTable(ctx, b, add);
  });
  return out;
}

type Add = (fact: FactDraft, score: FactScore) => void;

function readTable(ctx: ReadContext, b: Block, add: Add): void {
  const text = ctx.text;
  const lex = ctx.lex;
  const rows = logicalRows(text, b);
  if (!rows.length) return;
  let roles = headerRoles(lex, text, rows[0]!, 2);
  // a header naming the teams ("STT | Thôn | Số Tổ công nghệ số cộng đồng | Số thành viên") is a header
  if (!roles && rows[0]!.cells.some((c) => lex.teamNames.has(tokenize(cellText(text, c), lex.abbr)))) roles = headerRoles(lex, text, rows[0]!, 1) ?? rows[0]!.cells.map(() => "value");
  let headerRows = roles ? 1 : 0;
  // a second header row under merged cells ("Năm 2026" over "Kế hoạch | Thực hiện")
  const second = roles && rows[1] ? headerRoles(lex, text, rows[1], 1) : null;
  if (roles && second) {
    roles = roles.map((r, i) => (second[i] && second[i] !== "value" ? second[i]! : r));
    headerRows = 2;
  }
  const body = rows.slice(headerRows);
  /** Column i's header, its header rows' texts joined. */
  const headOf = (i: number) => rows.slice(0, headerRows).map((r) => cellText(text, r.cells[i])).join(" ");
  // "Tỷ lệ (%)" beside both a plan and a result column is completion against the plan
  if (roles && roles.includes("actual") && roles.includes("target"))
    roles = roles.map((r, i) => (r === "value" && lex.words.rate.matchAt(tokenize(cellText(text, rows[headerRows - 1]?.cells[i]), lex.abbr), 0) ? "share" : r));
  // columns counting the teams and their members ("Đơn vị | Số Tổ CNSCĐ | Số thành viên"): each row
  // a team fact of its unit (the total row the commune's)
  if (roles && headerRows) {
    const heads = roles.map((_, i) => tokenize(headOf(i), lex.abbr));
    const teamsCol = heads.findIndex((t, i) => roles![i] === "value" && lex.teamNames.has(t));
    const membersCol = heads.findIndex((t, i) => roles![i] === "value" && i !== teamsCol && t.some((_, k) => memberWordAt(lex, t, k)));
    if (teamsCol >= 0) {
      roles[teamsCol] = "teams";
      if (membersCol >= 0) roles[membersCol] = "members";
      // "Đơn vị" over the names of communes and villages is the label, not a unit of measure
      roles = roles.map((r) => (r === "unit" ? "value" : r));
    }
  }
  if (!roles) roles = inferRoles(text, rows);
  else if (body.length) {
    // the label column is the one with the longest text ("Chỉ tiêu" heads labels as often as targets)
    const avgs = roles.map((_, i) => body.reduce((a, r) => a + (r.cells[i] ?? []).reduce((n, c) => n + c.end - c.start, 0), 0) / body.length);
    const avg = (i: number) => avgs[i]!;
    let label = -1;
    roles.forEach((r, i) => {
      if (r !== "code" && r !== "evidence" && r !== "unit" && r !== "teams" && r !== "members" && (label < 0 || avg(i) > avg(label))) label = i;
    });
    const current = roles.indexOf("label");
    if (label >= 0 && (current < 0 || avg(label) > avg(current) * 1.5)) {
      if (current >= 0) roles[current] = "value";
      roles[label] = "label";
    }
  }
  // a notes column ("Ghi chú") holding "Đạt", "Chưa đạt", "Vượt" row by row is an evaluation
  roles = roles.map((r, i) => (r === "evidence" || r === "value") && evaluations(lex, text, body, i) ? "evaluation" : r);
  const defaultRole: Role = ctx.kind === "plan" ? "target" : "actual";
  // a column headed in percent ("Tỷ lệ (%)", "Tỷ lệ") writes its values without "%"
  const percentCols = new Set<number>();
  roles.forEach((_, i) => {
    const head = headOf(i);
    if (head && (mentionsPercent(lex.numbers, head) || lex.words.rate.matchAt(tokenize(head, lex.abbr), 0))) percentCols.add(i);
  });
  for (const row of body) readRow(add, lex, text, row, roles, defaultRole, percentCols);
}

/** Column i of the body holds short verdicts without figures, at least one of them "Chưa đạt"/"Không đạt". */
function evaluations(lex: Lexicon, text: string, body: readonly LogicalRow[], i: number): boolean {
  const cells = body.map((r) => cellText(text, r.cells[i])).filter(Boolean);
  if (!cells.length || cells.some((c) => /\d/.test(c))) return false;
  const toks = cells.map((c) => tokenize(c, lex.abbr));
  if (toks.some((t) => t.length > 3)) return false;
  return toks.some((t) => bareUnmetAt(lex, t, 0) === t.length);
}

function readRow(add: Add, lex: Lexicon, text: string, row: LogicalRow, roles: ColumnRole[], defaultRole: Role, percentCols: ReadonlySet<number>): void {
  const col = (role: ColumnRole) => roles.map((r, i) => (r === role ? i : -1)).filter((i) => i >= 0);
  const codeText = col("code").map((i) => cellText(text, row.cells[i])).join(" ").replace(/\.$/, "");
  const labelSpans = col("label").flatMap((i) => row.cells[i] ?? []);
  const label = cellText(text, labelSpans);
  if (!label) return;
  const rowQuote = collapse(row.cells.map((c) => cellText(text, c)).filter(Boolean).join(" "));
  // a row longer than a quote (pages of evidence in one cell) keeps its label and the figure's cell
  const quoteFor = (at: number, end: number) =>
    rowQuote.length <= MAX_QUOTE ? rowQuote : `${`${codeText} ${label}`.trim().slice(0, MAX_QUOTE / 2)} … ${quoteOf(text, { start: row.start, end: row.end }, at, end)}`;
  const valueCols = roles.map((r, i) => (r === "actual" || r === "target" || r === "value" ? i : -1)).filter((i) => i >= 0);
  const evidenceCols = col("evidence");
  const labelTokens = labelSpans.flatMap((s) => tokenize(text, lex.abbr, s.start, s.end));

  // numbers in value cells (with the tokens of their cell), ratios also from evidence cells;
  // a cell cut by a page break ("Số buổi:" / next page "02; Số người: 200") is read as one
  interface Found {
    n: NumberMention;
    role: Role;
    tokens: Token[];
    view: CellView;
    /** read as a percentage because its column is headed in percent */
    byColumn?: boolean;
  }
  const found: Found[] = [];
  let answer: { value: boolean; span: Span } | null = null;
  let na: Span | null = null;
  const scan = (i: number, evidence: boolean) => {
    const spans = row.cells[i] ?? [];
    if (!spans.length) return;
    const role: Role = roles[i] === "target" ? "target" : roles[i] === "actual" ? "actual" : defaultRole;
    const view = cellView(text, spans);
    const tokens = tokenize(view.str, lex.abbr);
    const naMatch = lex.notApplicable.find(tokens);
    if (naMatch && !na) na = { start: view.at(naMatch.s), end: view.at(naMatch.e) };
    if (evidence) {
      for (const n of findNumbers(view.str, lex.numbers)) if (n.kind === "ratio" && !n.dateLike) found.push({ n, role, tokens, view });
      return;
    }
    for (const [value, set] of [[true, lex.yes], [false, lex.no]] as const) {
      const m = set.matchAt(tokens, 0);
      if (m && m.to === tokens.length && !answer) answer = { value, span: { start: view.at(m.s), end: view.at(m.e) } };
    }
    for (const n of findNumbers(view.str, lex.numbers))
      found.push(percentCols.has(i) && n.kind === "number" && n.value <= 200 ? { n: { ...n, kind: "percent" }, role, tokens, view, byColumn: true } : { n, role, tokens, view });
  };
  valueCols.forEach((i) => scan(i, false));
  evidenceCols.forEach((i) => scan(i, true));
  // a row measured in percent ("ĐVT: %", or a "Tỷ lệ …" label) writes its values without "%"
  const unitText = col("unit").map((i) => cellText(text, row.cells[i])).join(" ");
  const percentRow = mentionsPercent(lex.numbers, unitText) || (!unitText && !!lex.words.rate.matchAt(labelTokens, 0));
  if (percentRow) for (const f of found) if (f.n.kind === "number" && f.n.value <= 100) f.n = { ...f.n, kind: "percent" };
  const at = (f: Found) => ({ start: f.view.at(f.n.start), end: f.view.at(f.n.end) });
  // a percentage column beside a plan and a result in counts ("Kế hoạch 6 | Thực hiện 4 | Tỷ lệ 66,7")
  // is the completion of the plan: a percentage of its own, not the indicator's value
  const plain = found.filter((f) => f.n.kind === "number");
  const planned = plain.find((f) => f.role === "target");
  const done = plain.find((f) => f.role === "actual");
  const completions = found.filter((f) => f.byColumn && planned && done && planned.n.value > 0 && Math.abs((done.n.value / planned.n.value) * 100 - f.n.value) <= 0.6);
  for (const f of completions) found.splice(found.indexOf(f), 1);

  const hasPercent = found.some((f) => f.n.kind === "percent" || f.n.kind === "ratio");
  const kind: FigureKind | "yesno" = answer && !found.length ? "yesno" : hasPercent ? "percent" : "count";
  const indicator = mapRowLabel(lex, labelTokens, label, codeText || null, kind);
  const info: FactScore = { source: "table", subject: 0, future: false };

  if (answer && !found.length) {
    const a = answer as { value: boolean; span: Span };
    add({ kind: "yesno", value: a.value, indicator, quote: quoteFor(a.span.start, a.span.end), start: a.span.start, end: a.span.end }, info);
  }
  // a ratio and a percentage in one row are one fact: "Tỉ lệ %: 56%" beside "9/16"
  const ratios = found.filter((f) => f.n.kind === "ratio");
  const percents = found.filter((f) => f.n.kind === "percent");
  const usedPct = new Set<Found>();
  for (const r of ratios) {
    // only a percentage of the same column role (a target column's 100% is not the result's stated percent)
    const same = percents.filter((p) => !usedPct.has(p) && p.role === r.role);
    const pct = same.find((p) => Math.abs(ratioPercent(r.n.value, r.n.den!) - p.n.value) <= 1.5) ?? (ratios.length === 1 && same.length === 1 ? same[0] : undefined);
    if (pct) usedPct.add(pct);
    add(
      {
        kind: "ratio",
        num: r.n.value,
        den: r.n.den!,
        percent: ratioPercent(r.n.value, r.n.den!),
        stated_percent: pct?.n.value ?? null,
        unit: null,
        role: pct?.role ?? r.role,
        qualifier: "exact",
        indicator,
        quote: quoteFor(at(r).start, at(r).end),
        ...at(r),
      },
      info,
    );
  }
  for (const p of percents) {
    if (usedPct.has(p)) continue;
    const { q } = qualifierBefore(lex, p.tokens, p.tokens.findIndex((t) => t.s >= p.n.start), p.n.sign);
    add({ kind: "percent", value: p.n.value, qualifier: q, role: p.role, indicator, quote: quoteFor(at(p).start, at(p).end), ...at(p) }, info);
  }
  for (const p of completions) add({ kind: "percent", value: p.n.value, qualifier: "exact", role: "actual", indicator: null, quote: quoteFor(at(p).start, at(p).end), ...at(p) }, info);
  // the row's teams and members from columns counting them
  const teamsAt = roles.indexOf("teams");
  if (teamsAt >= 0) {
    const first = (i: number) => (i < 0 ? undefined : findNumbers(cellView(text, row.cells[i] ?? []).str, lex.numbers).find((n) => n.kind === "number" && Number.isInteger(n.value)));
    const t = first(teamsAt);
    const m = first(roles.indexOf("members"));
    const span = row.cells[teamsAt]?.[0];
    if ((t || m) && span) add({ kind: "team", teams: t?.value ?? null, members: m?.value ?? null, qualifier: "exact", scope: "unknown", roster: true, indicator: null, quote: quoteFor(span.start, span.end), start: span.start, end: span.end }, info);
  }
  // a row about the teams themselves ("Số Tổ công nghệ số cộng đồng | 15", "Số thành viên Tổ … | 60")
  const counted = countedAfterSo(lex, labelTokens);
  const countedAt = counted ? labelTokens.indexOf(counted) : -1;
  const isMembers = countedAt >= 0 && memberWordAt(lex, labelTokens, countedAt);
  if (kind === "count" && lex.teamNames.has(labelTokens) && counted && (lex.teamWord.matchAt(labelTokens, countedAt) || isMembers)) {
    const f = found.find((x) => x.n.kind === "number" && x.role === "actual");
    if (f) {
      const members = isMembers;
      add(
        { kind: "team", teams: members ? null : f.n.value, members: members ? f.n.value : null, qualifier: "exact", scope: "unknown", roster: true, indicator: null, quote: quoteFor(at(f).start, at(f).end), ...at(f) },
        info,
      );
      return;
    }
  }
  // counts: "Số bài: 10", "Số lớp: 02: Số người: 240", or a cell that is just a number ("0")
  // the first count of each column role is the row's figure; later ones ("Số người: 240") are extra counts
  const primaryDone = new Set<Role>();
  for (const f of found) {
    if (f.n.kind !== "number") continue;
    const unit = unitText && !percentRow && collapse(f.view.str) === f.n.raw ? unitText.toLowerCase() : countUnit(lex, text, f, labelTokens, indicator);
    if (unit === null) continue;
    const { q } = qualifierBefore(lex, f.tokens, f.tokens.findIndex((t) => t.s >= f.n.start), f.n.sign);
    add(
      { kind: "count", value: f.n.value, unit, qualifier: q, role: f.role, indicator: !primaryDone.has(f.role) && kind === "count" ? indicator : null, quote: quoteFor(at(f).start, at(f).end), ...at(f) },
      info,
    );
    primaryDone.add(f.role);
  }
  if (na && !found.some((f) => f.role === "actual" || f.role === defaultRole)) {
    const s = na as Span;
    add({ kind: "not_applicable", indicator, quote: quoteFor(s.start, s.end), start: s.start, end: s.end }, info);
  }
  // evaluation column: "Chưa đạt", "Không đạt"
  for (const i of col("evaluation")) {
    for (const span of row.cells[i] ?? []) {
      const tokens = tokenize(text, lex.abbr, span.start, span.end);
      // a phrase anywhere in the cell, or a bare "Chưa đạt" opening it
      const bare = bareUnmetAt(lex, tokens, 0);
      const m = lex.unmet.find(tokens) ?? (bare > 0 ? { s: tokens[0]!.s, e: tokens[bare - 1]!.e } : null);
      if (m) add({ kind: "unmet", basis: "explicit", indicator, quote: quoteFor(m.s, m.e), start: m.s, end: m.e }, info);
    }
  }
}

/** The first word counted by a label "Số (lượng) (các) <noun> …". */
function countedAfterSo(lex: Lexicon, tokens: readonly Token[]): Token | undefined {
  let j = tokens.findIndex((t) => lex.words.numberOf.has(t.k));
  if (j < 0) return undefined;
  j++;
  while (tokens[j] && (lex.words.amount.has(tokens[j]!.k) || lex.words.plural.has(tokens[j]!.k))) j++;
  return tokens[j];
}


/** The counted noun of a table number: "Số bài: 10" → bài; a bare "0" → the label's noun. */
function countUnit(lex: Lexicon, text: string, f: { n: NumberMention; tokens: Token[]; view: CellView }, labelTokens: readonly Token[], indicator: string | null): string | null {
  const str = f.view.str;
  // "Số <noun>: N"
  const label = labelNoun(lex, str, f.tokens, f.n);
  if (label) return str.slice(label.s, label.e).toLowerCase();
  // "N <noun>"
  const after = f.tokens.findIndex((t) => t.s >= f.n.end);
  if (after >= 0) {
    const m = lex.countUnits.matchAt(f.tokens, after);
    if (m) return str.slice(m.s, m.e).toLowerCase();
  }
  // a cell holding only the number: the noun after "Số (lượng) (các)" in the row label
  if (collapse(str) !== f.n.raw) return null;
  const noun = countedAfterSo(lex, labelTokens);
  if (noun) {
    const m = lex.countUnits.matchAt(labelTokens, labelTokens.indexOf(noun));
    if (m) return text.slice(m.s, m.e).toLowerCase();
  }
  const fallback = indicator ? lex.byCode.get(indicator)?.rule.count_units[0] : undefined;
  return fallback ?? "";
}

/** A cell's spans joined into one string, with the way back to offsets in the text. */
interface CellView {
  str: string;
  at(i: number): number;
}

function cellView(text: string, spans: readonly Span[]): CellView {
  let str = "";
  const starts: { v: number; t: number }[] = [];
  spans.forEach((sp, k) => {
    if (k) str += " ";
    starts.push({ v: str.length, t: sp.start });
    str += text.slice(sp.start, sp.end);
  });
  return {
    str,
    at(i) {
      let b = starts[0]!;
      for (const x of starts) if (x.v <= i) b = x;
      return b.t + (i - b.v);
    },
  };
}
