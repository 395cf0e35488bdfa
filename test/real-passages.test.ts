// Quality gates: passages are extracted and scored the way ../shared/eval/score-passages.mjs
// scores them, and a change that makes them worse fails here.
// - The real passages of ../shared/dev/real-passages (Vietnamese news and government pages,
//   labelled by an analyst). The set lives outside the repository: without it the gate is
//   skipped, saying so.
// - fixtures/passages/written.jsonl: 330 passages written for tonghop in the styles of commune
//   reports, provincial news and plans (not copied from any page), labelled by the conventions
//   of the real set's README. They were first written as a held-out test of wording the rules had
//   not seen (F1 88 to 91 on four of its five parts then); they now guard what was learnt from them.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { extractDocument } from "../src/extract/index.js";
import type { Fact } from "../src/extract/types.js";
import { readDocument } from "../src/ingest/index.js";
import { loadRules } from "../src/rules/load.js";
import { ROOT } from "./helpers.js";

const SET = process.env.TONGHOP_REAL_PASSAGES ?? join(ROOT, "..", "shared", "dev", "real-passages", "passages.jsonl");
// Floors just under what the extractor reaches today (F1 98.3; percent 97.6, ratio 100, team 100, unmet 100; count 98.8).
const FLOORS = { f1: 0.975, percent: 0.97, ratio: 0.985, team: 0.985, unmet: 0.985, count: 0.98 };
const WRITTEN = join(ROOT, "fixtures", "passages", "written.jsonl");
// Just under today's scores (F1 98.9; percent 99.5, ratio 98.6, team 98.5, unmet 95.9; count 94.5).
const WRITTEN_FLOORS = { f1: 0.985, percent: 0.99, ratio: 0.975, team: 0.975, unmet: 0.95, count: 0.94 };

interface Gold {
  kind: "percent" | "ratio" | "count" | "team" | "unmet";
  value?: number;
  num?: number;
  den?: number;
  teams?: number | null;
  members?: number | null;
  role?: "actual" | "target";
}
interface Passage {
  id: string;
  text: string;
  facts: Gold[];
}

const KINDS = ["percent", "ratio", "team", "unmet", "count"] as const;
const near = (a: number | null | undefined, b: number | null | undefined) => a != null && b != null && Math.abs(a - b) <= 0.01;

function same(g: Gold, p: Fact): boolean {
  if (g.kind !== p.kind) return false;
  switch (p.kind) {
    case "percent":
      return near(g.value, p.value) && (g.role ?? "actual") === p.role;
    case "count":
      return near(g.value, p.value);
    case "ratio":
      return near(g.num, p.num) && near(g.den, p.den);
    case "team":
      return (g.teams == null || near(g.teams, p.teams)) && (g.members == null || near(g.members, p.members));
    case "unmet":
      return true;
    default:
      return false;
  }
}

type Scores = Record<keyof typeof FLOORS, number>;

async function score(set: string): Promise<Scores> {
  const rules = loadRules();
  const rows = readFileSync(set, "utf8").trim().split("\n").map((l) => JSON.parse(l) as Passage);
  const acc = Object.fromEntries(KINDS.map((k) => [k, { tp: 0, fp: 0, fn: 0 }])) as Record<(typeof KINDS)[number], { tp: number; fp: number; fn: number }>;
  for (const r of rows) {
    const doc = await readDocument(new TextEncoder().encode(r.text + "\n"), { fileName: `${r.id}.txt` });
    const ex = extractDocument(doc, { file: `${r.id}.txt`, sha256: "0", format: doc.format, pages: null, ocr: false }, rules);
    const pred = ex.facts.filter((f) => (KINDS as readonly string[]).includes(f.kind));
    const used = new Set<number>();
    for (const g of r.facts) {
      const i = pred.findIndex((p, k) => !used.has(k) && same(g, p));
      if (i >= 0) {
        used.add(i);
        acc[g.kind].tp++;
      } else acc[g.kind].fn++;
    }
    pred.forEach((p, k) => {
      if (!used.has(k)) acc[p.kind as (typeof KINDS)[number]].fp++;
    });
  }
  const f1 = ({ tp, fp, fn }: { tp: number; fp: number; fn: number }) => (tp ? (2 * tp) / (2 * tp + fp + fn) : 0);
  const main = KINDS.filter((k) => k !== "count").reduce((a, k) => ({ tp: a.tp + acc[k].tp, fp: a.fp + acc[k].fp, fn: a.fn + acc[k].fn }), { tp: 0, fp: 0, fn: 0 });
  return { f1: f1(main), ...Object.fromEntries(KINDS.map((k) => [k, f1(acc[k])])) } as Scores;
}

function atLeast(got: Scores, floors: Scores): void {
  for (const [k, floor] of Object.entries(floors)) expect(got[k as keyof Scores], `${k}: ${JSON.stringify(got)}`).toBeGreaterThanOrEqual(floor);
}

describe.skipIf(!existsSync(SET))(`real passages (${SET})`, () => {
  it("score at or above the floors", async () => {
    atLeast(await score(SET), FLOORS);
  });
});

describe.runIf(!existsSync(SET))("real passages", () => {
  it.skip(`skipped: no development set at ${SET} (set TONGHOP_REAL_PASSAGES to score it)`, () => {});
});

describe("passages written for tonghop (fixtures/passages/written.jsonl)", () => {
  it("score at or above the floors", async () => {
    atLeast(await score(WRITTEN), WRITTEN_FLOORS);
  });
});
