// `tonghop rules check`: prove the rule files an analyst edited are what extraction accepts.
// `tonghop rules explain "a sentence"` / `--file F --at N`: each figure of a sentence, and
// which rule decided its kind, role, indicator and flags.

import type { Command } from "commander";
import { existsSync, readFileSync } from "node:fs";
import { basename } from "node:path";
import { extractDocument, type ExtractTrace } from "../../extract/index.js";
import { lexiconFor } from "../../extract/lexicon.js";
import { findNumbers } from "../../extract/numbers.js";
import type { Candidate, Decision } from "../../extract/candidates.js";
import type { RoleDecision } from "../../extract/role.js";
import { cuesOf } from "../../extract/role.js";
import { sentencesOf } from "../../extract/segments.js";
import type { Fact } from "../../extract/types.js";
import { tokenize } from "../../extract/vnkey.js";
import { readDocument } from "../../ingest/index.js";
import { checkRules, type RuleProblem } from "../../rules/check.js";
import { defaultRulesDir, loadRules } from "../../rules/load.js";
import { openReadOnly, resolveDbPath } from "../../store/open.js";
import { DB_HELP } from "./common.js";

export function registerRules(program: Command): void {
  const rules = program.command("rules").description("Tệp quy tắc: kiểm tra và giải thích (rule files: check and explain)");
  rules
    .command("check")
    .description("Kiểm tra các tệp quy tắc; in mọi lỗi một lượt với tệp, dòng và mục (validate the rule files; every problem at once with file and line)")
    .option("--rules <dir>", "thư mục quy tắc (rules folder; default: the package's rules/ or $TONGHOP_RULES)")
    .option("--format <format>", "text | json", "text")
    .option("--db <file>", DB_HELP)
    .action((opts: { rules?: string; format: string; db?: string }) => {
      const dir = opts.rules ?? defaultRulesDir();
      const { problems, summary } = checkRules(dir);
      const stale = staleDocuments(opts.db, summary.version);
      if (stale) problems.push({ level: "warning", file: stale.file, line: null, where: "", path: "", message: stale.message });
      const errors = problems.filter((p) => p.level === "error");
      if (opts.format === "json") process.stdout.write(JSON.stringify({ dir, ok: errors.length === 0, summary, problems }, null, 2) + "\n");
      else {
        for (const p of problems) (p.level === "error" ? process.stderr : process.stdout).write(formatProblem(p) + "\n");
        if (errors.length) process.stderr.write(`${errors.length} lỗi, ${problems.length - errors.length} cảnh báo trong ${dir} (${errors.length} error(s))\n`);
        else
          process.stdout.write(
            `OK ${dir}: ${summary.indicators} chỉ tiêu, ${summary.targets} bộ mục tiêu, ${summary.phrases} cụm từ; phiên bản quy tắc ${summary.version}` +
              (problems.length ? `, ${problems.length} cảnh báo` : "") +
              "\nSau khi sửa quy tắc, chạy `tonghop reextract` để đọc lại các báo cáo đã nhập (run reextract after editing rules)\n",
          );
      }
      if (errors.length) process.exitCode = 1;
    });
  rules
    .command("explain")
    .description("Giải thích từng con số của một câu: loại, vai trò (mục tiêu/kết quả), chỉ tiêu và cờ, với quy tắc đã quyết định (explain each figure of a sentence)")
    .argument("[sentence]", "câu cần giải thích (the sentence to explain)")
    .option("--file <file>", "đọc câu từ tệp (read the sentence from a report file)")
    .option("--at <offset>", "vị trí ký tự trong văn bản của tệp, như `start` của một dữ kiện (character offset in the file's text, e.g. a fact's start)")
    .option("--rules <dir>", "thư mục quy tắc (rules folder)")
    .option("--format <format>", "text | json", "text")
    .action(async (sentence: string | undefined, opts: { file?: string; at?: string; rules?: string; format: string }) => {
      if (!sentence && !opts.file) {
        process.stderr.write("tonghop rules explain: cần một câu hoặc --file (give a sentence or --file)\n");
        process.exitCode = 1;
        return;
      }
      const r = loadRules(opts.rules);
      const bytes = opts.file ? readFileSync(opts.file) : new TextEncoder().encode(sentence! + "\n");
      const name = opts.file ? basename(opts.file) : "explain.txt";
      const doc = await readDocument(bytes, { fileName: name });
      // the extractor's stages, as it ran: each sentence's candidates with their decisions, each fact's scores
      const candidates = new Map<number, readonly Candidate[]>();
      const anchors = new Map<string, number>();
      const trace: ExtractTrace = {
        candidates: (cs, s) => void candidates.set(s.start, cs),
        fact: (f, score) => anchors.set(f.id, score.subject),
      };
      const ex = extractDocument(doc, { file: name, sha256: "", format: doc.format, pages: null, ocr: false }, r, trace);
      const lex = lexiconFor(r);
      const at = opts.at !== undefined ? Number(opts.at) : null;
      const sents = sentencesOf(doc, lex.dotted).filter((s) => (at === null ? true : s.start <= at && at < s.end + 1));
      if (at !== null && !sents.length) {
        process.stderr.write(`tonghop rules explain: không có câu nào ở vị trí ${at} (no sentence at offset ${at})\n`);
        process.exitCode = 1;
        return;
      }
      const out = sents.map((s) => {
        const tokens = tokenize(doc.text, lex.abbr, s.start, s.end);
        const cues = cuesOf(lex, doc.text, tokens).map((c) => ({ role: c.role, phrase: c.m.phrase, text: doc.text.slice(c.m.s, c.m.e), start: c.m.s }));
        const unmet = lex.unmet.findAll(tokens).map((m) => ({ phrase: m.phrase, text: doc.text.slice(m.s, m.e), start: m.s }));
        const background = lex.background.findAll(tokens).map((m) => doc.text.slice(m.s, m.e));
        const facts = ex.facts.filter((f) => f.start >= s.start && f.start < s.end);
        // a sentence the extractor did not read (no figure, or a repeated paragraph) has no candidates
        const read = candidates.get(s.start);
        const figures = read ? read.map((c) => describe(c, facts, anchors)) : findNumbers(doc.text, lex.numbers, s.start, s.end).map((n) => ({ text: n.raw, kind: n.kind, value: n.value, fact: null, decisions: [], explanation: "câu không được đọc (sentence not read)" }));
        const flags = facts.filter((f) => f.kind === "unmet" || f.kind === "team");
        return { start: s.start, end: s.end, text: doc.text.slice(s.start, s.end), cues, unmet, background, figures, other_facts: flags.map(brief) };
      });
      if (opts.format === "json") {
        process.stdout.write(JSON.stringify({ rules_version: r.version, sentences: out }, null, 2) + "\n");
        return;
      }
      for (const s of out) {
        process.stdout.write(`Câu [${s.start}–${s.end}]: ${s.text.replace(/\s+/g, " ")}\n`);
        if (s.cues.length) process.stdout.write(`  dấu hiệu: ${s.cues.map((c) => `“${c.text}” → ${c.role === "target" ? "mục tiêu" : "kết quả"} (${c.phrase})`).join("; ")}\n`);
        if (s.unmet.length) process.stdout.write(`  chưa đạt: ${s.unmet.map((c) => `“${c.text}” (${c.phrase})`).join("; ")}\n`);
        if (s.background.length) process.stdout.write(`  bối cảnh, không đọc số: ${s.background.map((b) => `“${b}”`).join("; ")}\n`);
        for (const f of s.figures) {
          process.stdout.write(`  ${f.text}: ${f.explanation}\n`);
          if (f.decisions.length) process.stdout.write(`    các bước: ${f.decisions.map(stepText).join(" → ")}\n`);
        }
        for (const f of s.other_facts) process.stdout.write(`  + ${f}\n`);
      }
    });
}

const RULE_WORDS: Record<RoleDecision["rule"], string> = {
  adjacent: "cụm từ mục tiêu ngay trước số",
  stated: "câu nêu mục tiêu, nhưng vế của số mở đầu bằng thời điểm báo cáo hoặc trước đó (kết quả nêu bên cạnh mục tiêu)",
  restated: "câu nói chưa đạt: “tối thiểu N” nhắc lại mục tiêu",
  cue: "dấu hiệu cuối cùng trước số trong câu",
  carried: "không có dấu hiệu: theo câu trước",
  plan: "văn bản là kế hoạch",
  section: "tiêu đề mục",
  default: "không có gì khác: kết quả",
};

const ANCHOR_WORDS: Record<number, string> = {
  0: "chủ thể ngay sau số",
  1: "chủ thể sau “tỷ lệ”/“số”, hoặc mã mục trong phụ lục",
  2: "chủ thể ở đầu mệnh đề",
  3: "cụm từ riêng của chỉ tiêu (about)",
  4: "mục tiêu nhắc lại chỉ tiêu của số trước nó",
};

/** Why a candidate gave no fact (candidates.ts / figures.ts / teams.ts rule names). */
const SKIP_WORDS: Record<string, string> = {
  background: "vế câu nói về bối cảnh (background), không đọc số",
  item_number: "số thứ tự của mục",
  stated_percent: "tỷ lệ ghi kèm tỷ số bên cạnh",
  said_twice: "nhắc lại số ngay trước",
  date: "giống ngày tháng, không có danh từ đếm",
  not_counts: "sau từ chỉ thời gian hay mức (not_counts)",
  no_counted_noun: "không có danh từ đếm được sau số",
  rate: "định mức hay tỷ lệ “…/…”",
  norm: "định mức (“mỗi …”)",
  one_per_place: "nơi đặt, mỗi nơi một (“12 tổ tại 12 thôn”)",
  mentioned_before: "đã kể ở trên (“03 trạm nói trên”)",
  member_range: "khoảng số thành viên (“từ 5 - 8”)",
  members_of_another_body: "thành viên của một tổ, ban khác",
};

const STEP_WORDS: Record<Decision["step"], string> = { team: "tổ", skip: "bỏ", role: "vai trò", indicator: "chỉ tiêu", fact: "dữ kiện", shortfall: "chưa đạt" };

/** One decision as `rules explain` prints it: “vai trò mục tiêu (cue “phấn đấu”)”. */
function stepText(d: Decision): string {
  const value = d.step === "role" ? (d.value === "target" ? "mục tiêu" : "kết quả") : d.value || (d.step === "indicator" ? "—" : "");
  const why = d.rule === d.value && !d.phrase ? "" : ` (${d.rule}${d.phrase ? ` “${d.phrase}”` : ""})`;
  return `${STEP_WORDS[d.step]}${value ? ` ${value}` : ""}${why}`;
}

function describe(c: Candidate, facts: readonly Fact[], anchors: Map<string, number>) {
  const n = c.n;
  const fact = facts.find((f) => f.start === n.start && f.kind !== "unmet" && f.kind !== "team");
  const r = c.decisions.find((d) => d.step === "role");
  const dec: RoleDecision | null = r ? { role: r.value as RoleDecision["role"], rule: r.rule as RoleDecision["rule"], ...(r.phrase ? { phrase: r.phrase } : {}) } : null;
  const role = dec ? `${dec.role === "target" ? "mục tiêu" : "kết quả"} [${dec.rule}: ${RULE_WORDS[dec.rule]}${dec.phrase ? ` “${dec.phrase}”` : ""}]` : null;
  const skip = c.decisions.find((d) => d.step === "skip");
  const team = c.decisions.find((d) => d.step === "team");
  let explanation: string;
  if (fact) {
    const a = anchors.get(fact.id);
    const how = fact.indicator && a !== undefined && ANCHOR_WORDS[a] ? ` [${ANCHOR_WORDS[a]}]` : "";
    explanation = `${brief(fact)}${how}${role ? `; vai trò ${role}` : ""}`;
  } else if (team && !team.value) explanation = `không thành dữ kiện (${SKIP_WORDS[team.rule] ?? team.rule})`;
  else if (team) explanation = `số ${team.value === "teams" ? "tổ" : "thành viên tổ"} công nghệ số cộng đồng (${team.rule})`;
  else if (skip) explanation = `không thành dữ kiện (${SKIP_WORDS[skip.rule] ?? skip.rule})`;
  else explanation = "không thành dữ kiện";
  return {
    text: n.raw,
    kind: n.kind,
    value: n.value,
    fact: fact?.id ?? null,
    clause: c.clause,
    qualifier: c.qualifier,
    unit: c.unit ? c.unit.phrase : null,
    role: dec,
    decisions: c.decisions,
    explanation,
  };
}

function brief(f: Fact): string {
  const ind = f.indicator ? `chỉ tiêu ${f.indicator}` : "không gắn chỉ tiêu";
  switch (f.kind) {
    case "percent":
      return `tỷ lệ ${f.value}% (${f.qualifier}), ${ind}`;
    case "ratio":
      return `tỷ số ${f.num}/${f.den}${f.stated_percent !== null ? ` (ghi ${f.stated_percent}%)` : ""}${f.unit ? ` ${f.unit}` : ""}, ${ind}`;
    case "count":
      return `số lượng ${f.value} ${f.unit} (${f.qualifier}), ${ind}`;
    case "team":
      return `tổ CNSCĐ: ${f.teams ?? "?"} tổ, ${f.members ?? "?"} thành viên (${f.scope})`;
    case "unmet":
      return `chưa đạt (${f.basis === "explicit" ? "văn bản nói rõ" : "tính từ mục tiêu"}), ${ind}`;
    default:
      return `${f.kind}, ${ind}`;
  }
}

/** Documents in the database that were read with other rules than these (none when there is no database). */
function staleDocuments(given: string | undefined, version: string): { file: string; message: string } | null {
  const file = resolveDbPath(given);
  if (!existsSync(file)) return null;
  let db: ReturnType<typeof openReadOnly> | null = null;
  try {
    db = openReadOnly(file);
    const n = db.prepare("SELECT count(*) FROM documents WHERE rules_version <> ?").pluck().get(version) as number;
    return n ? { file, message: `${n} báo cáo được đọc bằng quy tắc khác: chạy tonghop reextract (${n} document(s) extracted with other rules)` } : null;
  } catch {
    return null;
  } finally {
    db?.close();
  }
}

function formatProblem(p: RuleProblem): string {
  const where = `${p.file}${p.line ? `:${p.line}` : ""}`;
  return `${p.level === "error" ? "LỖI" : "cảnh báo"} ${where}: ${p.where ? `${p.where}: ` : ""}${p.message}`;
}
