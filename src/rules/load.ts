// Loads and validates the rule files. Problems are collected with file and path, all at once,
// so an analyst fixes a file in one pass.

import { TonghopError } from "../errors.js";
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { checkRules, RULE_FILES, type RuleProblem } from "./check.js";
import type { Rules } from "./schema.js";

export { RULE_FILES };

export class RulesError extends TonghopError {
  constructor(public readonly problems: string[]) {
    super(`Tệp quy tắc có lỗi (rule files have ${problems.length} problem${problems.length === 1 ? "" : "s"}):\n  ` + problems.join("\n  "), { code: "rules" });
    this.name = "RulesError";
  }
}

/** The rules/ folder shipped with the package (dist/src/rules → ../../../rules, src/rules → ../../rules). */
export function defaultRulesDir(): string {
  if (process.env.TONGHOP_RULES) return resolve(process.env.TONGHOP_RULES);
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    if (existsSync(join(dir, "rules", RULE_FILES.indicators))) return join(dir, "rules");
    dir = dirname(dir);
  }
  throw new RulesError(["cannot find the rules/ folder next to the package; set TONGHOP_RULES"]);
}

const cache = new Map<string, Rules>();

export function loadRules(dir: string = defaultRulesDir()): Rules {
  const key = resolve(dir);
  const hit = cache.get(key);
  if (hit) return hit;
  const rules = readRules(key);
  cache.set(key, rules);
  return rules;
}

/** Reads, validates and checks the rule files without caching; throws every error at once (`thorough`: see checkRules). */
export function readRules(dir: string, opts: { thorough?: boolean } = {}): Rules {
  const { problems, rules } = checkRules(dir, { thorough: opts.thorough ?? false });
  const errors = problems.filter((p) => p.level === "error");
  if (errors.length || !rules) throw new RulesError(errors.map(formatRuleProblem));
  return rules;
}

/** "indicators.yaml:120: chỉ tiêu “2.1”, chủ thể (subject), mục thứ 3: …" */
export function formatRuleProblem(p: RuleProblem): string {
  return `${p.file}${p.line ? `:${p.line}` : ""}: ${p.where ? `${p.where}: ` : ""}${p.message}`;
}
