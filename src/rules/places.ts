// The one owner of place level words outside extraction: "tỉnh Khánh Hòa", "TP. Hải Phòng",
// "xã Tân Lập" name a place with its level word in front, and every lookup by name (query
// filters, corrections, the unit resolver) strips it with `withoutLevel`. The words are those
// of rules/places.yaml, which extraction reads too (findUnit); only that file is read here, so a
// query command does not load every rule file.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { foldName } from "../store/fold.js";
import { defaultRulesDir, formatRuleProblem, RulesError } from "./load.js";
import { RULE_FILES } from "./check.js";
import { PlacesFile, type PlacesRules } from "./schema.js";

type Level = "communes" | "districts" | "provinces";

const cache = new Map<string, { rules: PlacesRules; strip: Map<Level, RegExp> }>();

function placesOf(dir: string) {
  const hit = cache.get(dir);
  if (hit) return hit;
  const file = RULE_FILES.places;
  let data: unknown;
  try {
    data = parse(readFileSync(join(dir, file), "utf8"));
  } catch (e) {
    throw new RulesError([`${file}: ${(e as Error).message.split("\n")[0]}`]);
  }
  const r = PlacesFile.safeParse(data);
  if (!r.success) throw new RulesError(r.error.issues.map((i) => formatRuleProblem({ level: "error", file, line: null, where: i.path.join("."), path: i.path.join("."), message: i.message })));
  const strip = new Map<Level, RegExp>();
  for (const level of ["communes", "districts", "provinces"] as const) {
    const words = Object.values(r.data[level])
      .flat()
      .map((w) => foldName(w).replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
      .sort((a, b) => b.length - a.length);
    // "tp. Hải Phòng", "tp Hải Phòng": an abbreviation may carry its dot
    strip.set(level, new RegExp(`^(?:${words.join("|")})\\.? `));
  }
  const out = { rules: r.data, strip };
  cache.set(dir, out);
  return out;
}

/** The place rules of a folder (rules/places.yaml), read once. */
export function placesRules(dir: string = defaultRulesDir()): PlacesRules {
  return placesOf(dir).rules;
}

/** A folded name (foldName) without the level word in front ("tinh khanh hoa" → "khanh hoa"). */
export function withoutLevel(folded: string, level: Level, dir: string = defaultRulesDir()): string {
  return folded.replace(placesOf(dir).strip.get(level)!, "");
}
