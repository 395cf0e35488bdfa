// The extraction document (`tonghop/extraction@1`, see ../shared/spec/extraction-json.md).
// Keys may be added; none may be renamed or change meaning without a new schema version.

import type { Format } from "../ingest/types.js";
import type { RoundShape } from "./period.js";

export const SCHEMA = "tonghop/extraction@1";

export type Kind = "report" | "plan" | "other";
/** thi_tran: a township, a commune-level unit before 1 July 2025 only. */
export type UnitLevel = "xa" | "phuong" | "dac_khu" | "thi_tran";
export type Qualifier = "exact" | "about" | "over" | "under";
export type Role = "actual" | "target";

export interface Source {
  file: string;
  sha256: string;
  format: Format;
  pages: number | null;
  ocr: boolean;
  /** The pages read by OCR with the recogniser's mean word confidence on each (0…100). */
  ocr_pages?: { page: number; confidence: number }[];
}

export interface Period {
  start: string;
  end: string;
}

export interface DocumentMeta {
  kind: Kind;
  number: string | null;
  unit: { level: UnitLevel | null; name: string | null; code?: string | null };
  province: string | null;
  province_code?: string | null;
  issued_on: string | null;
  period: Period | null;
  /** The kind of period (month, quarter, six_months, nine_months, year, multi_year, range) and whether it runs from 1 January. */
  round?: RoundShape | null;
  signer: { name: string | null; title: string | null };
  /** The district (huyện, quận, thị xã, thành phố) the text names: written before 1 July 2025. */
  district?: { level: string; name: string } | null;
  /**
   * The unit as it was before 1 July 2025, when the text names one and it was placed through the
   * official old→new mapping: `unit.code` is then the unit it now belongs to.
   */
  former_unit?: { code: string | null; level: string; name: string; district: string; province: string } | null;
}

export interface Section {
  id: string;
  parent: string | null;
  number: string | null;
  title: string;
  level: number;
  start: number;
  end: number;
  page?: number | null;
}

interface FactBase {
  id: string;
  indicator: string | null;
  section: string | null;
  quote: string;
  start: number;
  end: number;
  page: number | null;
  /** Set when the fact was read from a recognised (OCR) page: the recogniser's confidence, 0…100. */
  confidence?: number;
}

export interface PercentFact extends FactBase {
  kind: "percent";
  value: number;
  qualifier: Qualifier;
  role: Role;
}

export interface RatioFact extends FactBase {
  kind: "ratio";
  num: number;
  den: number;
  percent: number;
  stated_percent: number | null;
  unit: string | null;
  role: Role;
  qualifier: Qualifier;
}

export interface CountFact extends FactBase {
  kind: "count";
  value: number;
  unit: string;
  qualifier: Qualifier;
  role: Role;
}

export interface TeamFact extends FactBase {
  kind: "team";
  teams: number | null;
  members: number | null;
  qualifier: Qualifier;
  /** village: thôn/tổ dân phố teams (what `teams` sums); commune: the xã/phường-level team. */
  scope: "village" | "commune" | "unknown";
  /** false when the members are an attendance figure (an event), not the teams' roster. */
  roster: boolean;
}

export interface UnmetFact extends FactBase {
  kind: "unmet";
  /** explicit: the text says so; computed: a value below the target the rules or document give. */
  basis: "explicit" | "computed";
  target?: number | null;
  value?: number | null;
}

export interface YesNoFact extends FactBase {
  kind: "yesno";
  value: boolean;
}

export interface NotApplicableFact extends FactBase {
  kind: "not_applicable";
}

export type Fact = PercentFact | RatioFact | CountFact | TeamFact | UnmetFact | YesNoFact | NotApplicableFact;
export type FactKind = Fact["kind"];

export interface IndicatorValue {
  value: number | boolean | null;
  role?: Role;
  qualifier?: Qualifier;
  num?: number;
  den?: number;
  unit?: string | null;
  status?: "not_applicable";
  /** The target stated in the same document for this indicator, when there is one. */
  target?: number | null;
  unmet?: boolean;
  fact: string;
}

export interface Issue {
  kind: string;
  message: string;
  start: number | null;
  end: number | null;
  indicator?: string | null;
}

export interface ExtractionDocument {
  schema: typeof SCHEMA;
  source: Source;
  document: DocumentMeta;
  sections: Section[];
  facts: Fact[];
  indicators: Record<string, IndicatorValue>;
  teams: { teams: number | null; members: number | null };
  issues: Issue[];
  /** Version of the rule files the facts were read with (sha of their contents). */
  rules_version: string;
}
