// Rules are data: a new phrasing or a province's target changes extraction with no code change.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readRules, RulesError } from "../src/rules/load.js";
import { extractText, report } from "./extract-helpers.js";
import { ROOT, runCli } from "./helpers.js";

function rulesCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), "tonghop-rules-"));
  cpSync(join(ROOT, "rules"), dir, { recursive: true });
  return dir;
}

describe("rules as data", () => {
  it("a new phrasing in rules/ maps a figure it did not map before", () => {
    const text = report("Có 64% cư dân đã thành thạo kỹ năng số cơ bản, có tri thức cơ bản về chuyển đổi số.");
    const dir = rulesCopy();
    expect(extractText(text, readRules(dir)).indicators["3.3"]).toBeUndefined();
    const file = join(dir, "indicators.yaml");
    writeFileSync(file, readFileSync(file, "utf8").replace("dân số trưởng thành, người dân]", "dân số trưởng thành, người dân, cư dân]"));
    expect(extractText(text, readRules(dir)).indicators["3.3"]?.value).toBe(64);
  });

  it("a province's target in rules/ makes a full-year result unmet", () => {
    const text = report("Tỷ lệ người lao động trong các doanh nghiệp, hợp tác xã có kỹ năng số đạt 70%.", { province: "Lâm Đồng", title: "Kết quả năm 2026" });
    const dir = rulesCopy();
    expect(extractText(text, readRules(dir)).indicators["3.5"]?.unmet).toBeUndefined();
    const file = join(dir, "targets.yaml");
    writeFileSync(file, readFileSync(file, "utf8") + `  - province: Lâm Đồng\n    year: 2026\n    source: Kế hoạch thử\n    values: { "3.5": 80 }\n`);
    expect(extractText(text, readRules(dir)).indicators["3.5"]).toMatchObject({ value: 70, target: 80, unmet: true });
  });

  it("reports every problem with its file and path", () => {
    const dir = rulesCopy();
    const file = join(dir, "indicators.yaml");
    writeFileSync(file, readFileSync(file, "utf8").replace("priority: 50", "priority: high").replace("subject: [người có ảnh hưởng]", "subject: [người (có ảnh hưởng]"));
    let err: unknown;
    try {
      readRules(dir);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(RulesError);
    const problems = (err as RulesError).problems.join("\n");
    expect(problems).toMatch(/indicators\.yaml: indicators\.\d+\.priority/);
    expect(problems).toMatch(/indicators\.yaml: indicators\.\d+\.subject\.0/);
    const cli = runCli(["rules", "check", "--rules", dir]);
    expect(cli.status).toBe(1);
    expect(cli.stderr).toContain("indicators.yaml");
  });

  it("`tonghop rules check` passes on the shipped rules", () => {
    const cli = runCli(["rules", "check"]);
    expect(cli.status).toBe(0);
    expect(cli.stdout).toMatch(/^OK .*indicators/);
  });
});
