// Loads and validates the rule files. Problems are collected with file and path, all at once,
// so an analyst fixes a file in one pass.

import { TonghopError } from "../errors.js";
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parse as parseYaml, YAMLParseError } from "yaml";
import type { z } from "zod";
import { DocumentFile, IndicatorsFile, LanguageFile, PlacesFile, TargetsFile, type Rules } from "./schema.js";
import { expandPhrase, PhraseError } from "./phrase.js";

export const RULE_FILES = {
  indicators: "indicators.yaml",
  targets: "targets.yaml",
  language: "language.yaml",
  document: "document.yaml",
  places: "places.yaml",
} as const;

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

/** Reads, validates and checks the rule files without caching (used by `tonghop rules check`). */
export function readRules(dir: string): Rules {
  const problems: string[] = [];
  const hash = createHash("sha256");
  const parsed: Record<string, unknown> = {};
  for (const [name, file] of Object.entries(RULE_FILES)) {
    const path = join(dir, file);
    if (!existsSync(path)) {
      problems.push(`${file}: missing`);
      continue;
    }
    const text = readFileSync(path, "utf8");
    hash.update(file).update("\0").update(text).update("\0");
    try {
      parsed[name] = parseYaml(text, { prettyErrors: true });
    } catch (e) {
      const where = e instanceof YAMLParseError && e.linePos ? `:${e.linePos[0].line}:${e.linePos[0].col}` : "";
      problems.push(`${file}${where}: YAML error: ${(e as Error).message.split("\n")[0]}`);
    }
  }
  const check = <T extends z.ZodType>(name: keyof typeof RULE_FILES, schema: T): z.infer<T> | undefined => {
    if (!(name in parsed)) return undefined;
    const r = schema.safeParse(parsed[name]);
    if (r.success) return r.data;
    for (const issue of r.error.issues) problems.push(`${RULE_FILES[name]}: ${formatPath(issue.path)}: ${issue.message}`);
    return undefined;
  };
  const indicators = check("indicators", IndicatorsFile);
  const targets = check("targets", TargetsFile);
  const language = check("language", LanguageFile);
  const document = check("document", DocumentFile);
  const places = check("places", PlacesFile);

  // every phrase must expand to a bounded number of word sequences
  const visit = (file: string, path: (string | number)[], v: unknown) => {
    if (typeof v === "string" && path.length && isPhrasePath(path)) {
      try {
        expandPhrase(v);
      } catch (e) {
        if (e instanceof PhraseError) problems.push(`${file}: ${formatPath(path)}: ${e.message}`);
        else throw e;
      }
    } else if (Array.isArray(v)) v.forEach((x, i) => visit(file, [...path, i], x));
    else if (v && typeof v === "object") for (const [k, x] of Object.entries(v)) visit(file, [...path, k], x);
  };
  if (indicators) visit(RULE_FILES.indicators, [], indicators);
  if (language) visit(RULE_FILES.language, [], language);
  if (document) visit(RULE_FILES.document, [], document);
  if (places) visit(RULE_FILES.places, [], places);

  if (indicators) {
    const seen = new Set<string>();
    indicators.indicators.forEach((ind, i) => {
      if (seen.has(ind.code)) problems.push(`${RULE_FILES.indicators}: indicators.${i}.code: duplicate code "${ind.code}"`);
      seen.add(ind.code);
      if (!ind.subject.length && !ind.about.length && !ind.flag.length && !ind.table_labels.length && ind.unit !== "yesno")
        problems.push(`${RULE_FILES.indicators}: indicators.${i}: "${ind.code}" needs a subject, about, a flag or table_labels to be found`);
    });
    if (targets)
      targets.targets.forEach((t, i) => {
        for (const code of Object.keys(t.values))
          if (!seen.has(code)) problems.push(`${RULE_FILES.targets}: targets.${i}.values.${code}: unknown indicator code`);
      });
  }
  if (problems.length || !indicators || !targets || !language || !document || !places) throw new RulesError(problems);
  return {
    indicators: indicators.indicators,
    targets: targets.targets,
    language,
    document,
    places,
    version: hash.digest("hex").slice(0, 16),
    dir,
  };
}

// Keys whose string values are phrases (labels, codes, sources and dates are not).
const NOT_PHRASES = new Set(["code", "label", "unit", "source", "province", "start", "end", "version"]);
function isPhrasePath(path: (string | number)[]): boolean {
  const last = [...path].reverse().find((p) => typeof p === "string");
  return typeof last === "string" && !NOT_PHRASES.has(last) && path[0] !== "abbreviations";
}

function formatPath(path: PropertyKey[]): string {
  return path.length ? path.map(String).join(".") : "(top)";
}
