// Writes what an extraction document says about one stored document: its metadata columns,
// sections, facts, indicator values, issues and (for plans) targets. Used on import and on
// re-extraction, always inside the caller's transaction so a document is never half-written.

import { createHash } from "node:crypto";
import type Database from "better-sqlite3";
import type { ExtractionDocument, Fact, IndicatorValue } from "../extract/types.js";
import type { Db } from "./open.js";
import { UnitResolver } from "./resolve.js";

type Statement = Database.Statement<unknown[]>;

const PERCENT_KINDS = new Set(["percent", "ratio"]);

/** What an indicator's value measures, so it is compared only with a target of the same kind. */
function valueKind(iv: IndicatorValue, fact: Fact | undefined, catalogueUnit: string | undefined): string | null {
  if (typeof iv.value === "boolean") return "yesno";
  if (fact && PERCENT_KINDS.has(fact.kind)) return "percent";
  if (fact?.kind === "count") return "count";
  if (fact?.kind === "yesno") return "yesno";
  if (iv.num != null && iv.den != null) return "percent";
  if (catalogueUnit === "percent" || catalogueUnit === "count" || catalogueUnit === "yesno") return catalogueUnit;
  return null;
}

function num(v: number | boolean | null | undefined): number | null {
  if (v == null) return null;
  if (typeof v === "boolean") return v ? 1 : 0;
  return Number.isFinite(v) ? v : null;
}

/**
 * What makes two stored files the same report (e.g. its .docx and .pdf): the kind with its number,
 * dates and period when the report states any of them, else the values it gives. null: nothing
 * to tell it apart, so it is never taken for a copy.
 */
function fingerprint(x: ExtractionDocument): string | null {
  const d = x.document;
  const meta = [d.number, d.issued_on, d.period?.start, d.period?.end];
  let key: string;
  if (meta.some((m) => m != null)) key = JSON.stringify([d.kind, ...meta]);
  else {
    const values = Object.entries(x.indicators)
      .filter(([, v]) => v.value != null)
      .map(([c, v]) => `${c}=${typeof v.value === "number" ? Math.round(v.value * 100) / 100 : v.value}`)
      .sort();
    if (!values.length) return null;
    key = JSON.stringify([d.kind, ...values]);
  }
  return createHash("sha1").update(key).digest("hex").slice(0, 16);
}


export class ExtractionRows {
  private readonly resolver: UnitResolver;
  private readonly catalogue = new Map<string, string>();
  private readonly s: Record<string, Statement>;

  constructor(db: Db) {
    this.resolver = new UnitResolver(db);
    for (const r of db.prepare("SELECT code, unit FROM indicators").all() as { code: string; unit: string }[]) this.catalogue.set(r.code, r.unit);
    this.s = {
      meta: db.prepare(`UPDATE documents SET kind = @kind, number = @number, unit_code = @unit_code, unit_key = @unit_key, fingerprint = @fingerprint,
          unit_level = @unit_level, unit_name = @unit_name, province_code = @province_code, province_name = @province_name,
          district_name = @district_name, district_level = @district_level, stated_unit_code = @unit_code,
          period_start = @period_start, period_end = @period_end, issued_on = @issued_on, signer_name = @signer_name,
          signer_title = @signer_title, teams = @teams, team_members = @team_members, fact_count = @fact_count,
          extracted_at = @extracted_at, rules_version = @rules_version
        WHERE id = @id`),
      section: db.prepare(`INSERT INTO sections (document_id, id, parent, number, title, level, text_start, text_end, page)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      fact: db.prepare(`INSERT INTO facts (document_id, id, kind, indicator, section, value, num, den, stated_percent, unit,
          qualifier, role, teams, members, scope, roster, basis, target, quote, text_start, text_end, page, ocr_confidence)
        VALUES (@document_id, @id, @kind, @indicator, @section, @value, @num, @den, @stated_percent, @unit,
          @qualifier, @role, @teams, @members, @scope, @roster, @basis, @target, @quote, @text_start, @text_end, @page, @ocr_confidence)`),
      value: db.prepare(`INSERT INTO indicator_values (document_id, indicator, value, value_kind, status, role, qualifier,
          num, den, unit, target, unmet, fact_id)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      issue: db.prepare(`INSERT INTO issues (document_id, seq, kind, message, indicator, text_start, text_end) VALUES (?, ?, ?, ?, ?, ?, ?)`),
      newIndicator: db.prepare(`INSERT OR IGNORE INTO indicators (code, label, unit, position, active) VALUES (?, ?, 'unknown', 100000, 0)`),
    };
    const clearSql = [
      "DELETE FROM targets WHERE document_id = ?",
      "DELETE FROM indicator_values WHERE document_id = ?",
      "DELETE FROM issues WHERE document_id = ?",
      "DELETE FROM facts WHERE document_id = ?",
      "DELETE FROM sections WHERE document_id = ?",
    ].map((q) => db.prepare(q));
    this.clearChildren = (id: number) => clearSql.forEach((st) => st.run(id));
  }

  readonly clearChildren: (id: number) => void;

  /** Writes everything extracted for document `id`; `replace` clears what an earlier extraction wrote. */
  write(id: number, sha256: string, x: ExtractionDocument, replace = true): void {
    if (replace) this.clearChildren(id);
    const d = x.document;
    this.s.meta!.run({
      id,
      kind: d.kind,
      number: d.number,
      // what the extraction states; the resolver below places the unit (with the analyst's corrections)
      unit_code: d.unit.code ?? null,
      unit_key: `doc:${sha256.slice(0, 16)}`,
      fingerprint: fingerprint(x),
      unit_level: d.unit.level,
      unit_name: d.unit.name,
      province_code: d.province_code ?? null,
      province_name: d.former_unit?.province ?? d.province,
      district_name: d.district?.name ?? d.former_unit?.district ?? null,
      district_level: d.district?.level ?? null,
      period_start: d.period?.start ?? null,
      period_end: d.period?.end ?? null,
      issued_on: d.issued_on,
      signer_name: d.signer.name,
      signer_title: d.signer.title,
      teams: x.teams?.teams ?? null,
      team_members: x.teams?.members ?? null,
      fact_count: x.facts.length,
      extracted_at: new Date().toISOString(),
      rules_version: x.rules_version,
    });
    for (const s of x.sections)
      this.s.section!.run(id, s.id, s.parent, s.number, s.title, s.level, s.start, s.end, s.page ?? null);

    const facts = new Map<string, Fact>();
    for (const f of x.facts) {
      facts.set(f.id, f);
      if (f.indicator) this.ensureIndicator(f.indicator);
      this.s.fact!.run(factRow(id, f));
    }
    for (const [code, iv] of Object.entries(x.indicators)) {
      this.ensureIndicator(code);
      const fact = facts.get(iv.fact);
      this.s.value!.run(
        id, code, num(iv.value), valueKind(iv, fact, this.catalogue.get(code)), iv.status ?? null, iv.role ?? null,
        iv.qualifier ?? null, iv.num ?? null, iv.den ?? null, iv.unit ?? null, iv.target ?? null,
        iv.unmet == null ? null : iv.unmet ? 1 : 0, fact ? iv.fact : null,
      );
    }
    let seq = 0;
    for (const i of x.issues) this.s.issue!.run(id, seq++, i.kind, i.message, i.indicator ?? null, i.start, i.end);
    // unit, province, unit issue and a plan's targets, with the analyst's corrections applied
    this.resolver.refresh(id);
  }

  private ensureIndicator(code: string): void {
    if (this.catalogue.has(code)) return;
    this.s.newIndicator!.run(code, code);
    this.catalogue.set(code, "unknown");
  }
}

function factRow(documentId: number, f: Fact): Record<string, unknown> {
  const row: Record<string, unknown> = {
    document_id: documentId, id: f.id, kind: f.kind, indicator: f.indicator ?? null, section: f.section ?? null,
    value: null, num: null, den: null, stated_percent: null, unit: null, qualifier: null, role: null,
    teams: null, members: null, scope: null, roster: null, basis: null, target: null,
    quote: f.quote ?? "", text_start: f.start ?? null, text_end: f.end ?? null, page: f.page ?? null, ocr_confidence: f.confidence ?? null,
  };
  switch (f.kind) {
    case "percent":
      Object.assign(row, { value: f.value, qualifier: f.qualifier, role: f.role });
      break;
    case "ratio":
      Object.assign(row, { value: f.percent, num: f.num, den: f.den, stated_percent: f.stated_percent, unit: f.unit, qualifier: f.qualifier ?? null, role: f.role });
      break;
    case "count":
      Object.assign(row, { value: f.value, unit: f.unit, qualifier: f.qualifier, role: f.role });
      break;
    case "team":
      Object.assign(row, { teams: f.teams, members: f.members, qualifier: f.qualifier, scope: f.scope ?? null, roster: f.roster == null ? null : f.roster ? 1 : 0 });
      break;
    case "unmet":
      Object.assign(row, { basis: f.basis ?? null, target: f.target ?? null, value: f.value ?? null });
      break;
    case "yesno":
      row.value = f.value ? 1 : 0;
      break;
    case "not_applicable":
      break;
  }
  for (const k of ["value", "num", "den", "stated_percent", "target"]) if (typeof row[k] === "number" && !Number.isFinite(row[k])) row[k] = null;
  return row;
}
