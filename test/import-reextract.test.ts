// A rules change followed by `tonghop reextract`: stored facts change, from the stored text alone.
import { cpSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { ROOT, runCli, SAMPLES } from "./helpers.js";
import { tempDir } from "./store-helpers.js";

function q(db: string, sql: string): unknown[] {
  const d = new Database(db, { readonly: true });
  try {
    return d.prepare(sql).all();
  } finally {
    d.close();
  }
}

describe("rules change + reextract", () => {
  it("re-runs extraction from the stored text and replaces the facts", () => {
    const dir = tempDir();
    const rules = join(dir, "rules");
    cpSync(join(ROOT, "rules"), rules, { recursive: true });
    const input = join(dir, "in");
    cpSync(SAMPLES, input, { recursive: true });
    const db = join(dir, "t.db");
    const env = { TONGHOP_RULES: rules, TONGHOP_DB: db };

    expect(runCli(["import", input, "--format", "json"], { env }).status).toBe(0);
    const before = q(db, "SELECT d.unit_name, v.value FROM indicator_values v JOIN documents d ON d.id = v.document_id WHERE v.indicator = '3.3' ORDER BY d.unit_name");
    expect(before).toEqual(expect.arrayContaining([{ unit_name: "Vĩnh Thông", value: 60 }]));
    const versionBefore = (q(db, "SELECT DISTINCT rules_version AS v FROM documents") as { v: string }[]).map((r) => r.v);
    expect(versionBefore).toHaveLength(1);

    // An analyst decides figures about "thiết bị thông minh" are not 3.3
    const file = join(rules, "indicators.yaml");
    const yaml = readFileSync(file, "utf8");
    const edited = yaml.replace("not: [độ tuổi lao động, xác nhận,", "not: [thiết bị thông minh, độ tuổi lao động, xác nhận,");
    expect(edited).not.toBe(yaml);
    writeFileSync(file, edited);
    expect(runCli(["rules", "check"], { env }).status).toBe(0);

    // the originals are gone: re-extraction works from the database alone
    renameSync(input, input + "-moved");
    const r = runCli(["reextract", "--format", "json"], { env });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s).toMatchObject({ reextracted: 5, unchanged: 0, failed: 0, errors: [] });

    const after = q(db, "SELECT d.unit_name, v.value FROM indicator_values v JOIN documents d ON d.id = v.document_id WHERE v.indicator = '3.3' ORDER BY d.unit_name");
    expect(after).not.toEqual(before);
    expect(after).not.toContainEqual({ unit_name: "Vĩnh Thông", value: 60 });
    const versionAfter = (q(db, "SELECT DISTINCT rules_version AS v FROM documents") as { v: string }[]).map((x) => x.v);
    expect(versionAfter).toHaveLength(1);
    expect(versionAfter[0]).not.toBe(versionBefore[0]);
    // every document still whole: facts match their count, text kept
    expect(q(db, "SELECT count(*) AS n FROM documents d WHERE d.fact_count <> (SELECT count(*) FROM facts f WHERE f.document_id = d.id)")).toEqual([{ n: 0 }]);

    // nothing left to do with the same rules; --all does it again
    expect(JSON.parse(runCli(["reextract", "--format", "json"], { env }).stdout)).toMatchObject({ reextracted: 0, unchanged: 5 });
    expect(JSON.parse(runCli(["reextract", "--all", "--format", "json"], { env }).stdout)).toMatchObject({ reextracted: 5 });

    // putting the rules back brings the values back
    writeFileSync(file, yaml);
    expect(runCli(["reextract", "--format", "json"], { env }).status).toBe(0);
    expect(q(db, "SELECT d.unit_name, v.value FROM indicator_values v JOIN documents d ON d.id = v.document_id WHERE v.indicator = '3.3' ORDER BY d.unit_name")).toEqual(before);
  });

  it("takes a changed target from the rules without re-reading anything", () => {
    const dir = tempDir();
    const rules = join(dir, "rules");
    cpSync(join(ROOT, "rules"), rules, { recursive: true });
    const db = join(dir, "t.db");
    const env = { TONGHOP_RULES: rules, TONGHOP_DB: db };
    expect(runCli(["import", SAMPLES, "--format", "json"], { env }).status).toBe(0);
    const target = () => (JSON.parse(runCli(["compare", "--indicator", "3.3", "--format", "json"], { env }).stdout) as any[]).find((r) => r.unit === "Vĩnh Thông").target;
    expect(target()).toBe(100); // Thái Nguyên 2026
    const file = join(rules, "targets.yaml");
    writeFileSync(file, readFileSync(file, "utf8").replace('values: { "3.1": 100, "3.2": 100, "3.3": 100, "3.4": { value: 90, qualifier: over }, "3.5": 100 }', 'values: { "3.1": 100, "3.2": 100, "3.3": 75, "3.4": { value: 90, qualifier: over }, "3.5": 100 }'));
    expect(runCli(["reextract", "--format", "json"], { env }).status).toBe(0);
    expect(target()).toBe(75);
  });
});
