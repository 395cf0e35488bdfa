// Rule phrases are plain words, never regular expressions (issue 5 item 4): `tonghop rules check`
// rejects regex syntax naming the file and path, and a valid but pathological phrase (many
// alternatives, gaps, near-misses everywhere in a long text) cannot stop extraction finishing.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { ROOT, runCli } from "./helpers.js";

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "tonghop-rules-"));
});
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

interface IndicatorsYaml {
  indicators: { code: string; subject?: string[]; [k: string]: unknown }[];
}

/** A copy of rules/ whose indicators.yaml went through `edit`. */
function rulesWith(name: string, edit: (y: IndicatorsYaml) => void): string {
  const dir = join(work, name);
  cpSync(join(ROOT, "rules"), dir, { recursive: true });
  const file = join(dir, "indicators.yaml");
  const y = parse(readFileSync(file, "utf8")) as IndicatorsYaml;
  edit(y);
  writeFileSync(file, stringify(y));
  return dir;
}

const withSubject = (code: string, phrase: string) => (y: IndicatorsYaml) => {
  const ind = y.indicators.find((i) => i.code === code)!;
  ind.subject = [...(ind.subject ?? []), phrase];
};

describe("tonghop rules check refuses regular expressions", () => {
  const index = (y: IndicatorsYaml, code: string) => y.indicators.findIndex((i) => i.code === code);
  const original = parse(readFileSync(join(ROOT, "rules", "indicators.yaml"), "utf8")) as IndicatorsYaml;
  const at = index(original, "2.1");
  const subjects = original.indicators[at]!.subject?.length ?? 0;

  const cases: [string, RegExp][] = [
    ["(a+)+$", /regular-expression/],
    ["người\\s+dân", /regular-expression/],
    ["[a-z]*", /regular-expression/],
    ["x{1,99}", /regular-expression/],
    ["((người dân))", /nested|parenthes/],
    ["(a|b)(c|d)(e|f)(g|h)(i|j)(k|l)(m|n)", /at most 6/],
    ["(a|b|c|d) (e|f|g|h) (i|j|k|l) (m|n)", /more than 64 variants/],
  ];
  for (const [phrase, says] of cases) {
    it(JSON.stringify(phrase), () => {
      const dir = rulesWith(`bad-${cases.findIndex((c) => c[0] === phrase)}`, withSubject("2.1", phrase));
      const r = runCli(["rules", "check", "--rules", dir]);
      expect(r.status).toBe(1);
      expect(r.stdout).toBe("");
      // file, line and the entry in words, never a bare path such as indicators.3.subject.1
      expect(r.stderr).toMatch(new RegExp(`indicators\\.yaml:\\d+: chỉ tiêu “2\\.1”, chủ thể \\(subject\\), mục thứ ${subjects + 1}:`));
      expect(r.stderr).not.toContain(`indicators.${at}.subject`);
      expect(r.stderr).toMatch(says);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    });
  }
});

describe("a pathological but valid phrase cannot stop extraction", () => {
  it("64 variants with gaps, over a long text full of near-misses: extraction finishes", () => {
    const phrase = "(người|dân|người dân|dân cư) … (tài khoản|định danh|có|đạt) … (người|dân|số|cư)";
    const dir = rulesWith("pathological", (y) => {
      for (const i of y.indicators.filter((x) => x.subject !== undefined).slice(0, 10)) i.subject = [...(i.subject ?? []), phrase];
    });
    const check = runCli(["rules", "check", "--rules", dir]);
    expect(check.status, check.stderr).toBe(0);

    const unit = "người dân người dân cư dân người có đạt tài khoản định danh người số dân cư ";
    const text = `BÁO CÁO\n\n${(unit.repeat(40) + "đạt 55% người dân có tài khoản, 12/30 thôn.\n\n").repeat(150)}`;
    const file = join(work, "nguoi-dan.txt");
    writeFileSync(file, text);
    const r = runCli(["extract", "--format", "json", "--rules", dir, file]);
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { facts: unknown[] };
    expect(out.facts.length).toBeGreaterThan(0);
  });
});
