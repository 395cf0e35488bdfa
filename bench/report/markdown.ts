// bench/results/latest.md: the run in a few tables, the targets met or not, the hand-written
// profile notes (bench/profile-notes.md), and the README's Performance text.

import type { ScannedRun } from "../measure/scanned.js";
import { existsSync, readFileSync } from "node:fs";
import type { ImportRun, Results } from "./types.js";

const fmt = (x: number | null | undefined, d = 1) => (x === null || x === undefined ? "—" : x.toLocaleString("en-US", { maximumFractionDigits: d, minimumFractionDigits: d }));
const int = (x: number) => x.toLocaleString("en-US");
/** A function name as a table cell: regular expressions contain "|". */
const cell = (fn: string, where: string) => `${fn.length > 60 ? fn.slice(0, 57) + "…" : fn} ${where}`.trim().replace(/\|/g, "\\|");

export function markdown(r: Results, notesFile: string): string {
  const { text, docx, pdf } = r.runs;
  const m = r.machine;
  const machineLine = `${m.cores} cores (${m.cpu}; ${m.cores} busy threads get ${fmt(m.parallelSpeedup, 2)} × the throughput of one), ${m.ramGiB} GiB RAM, Node ${m.node}, ${m.os}; --jobs ${r.jobs}`;
  const ref = r.pdftotext;
  const ratio = ref.pagesPerSecond && pdf.pagesPerSecond ? pdf.pagesPerSecond / ref.pagesPerSecond : null;
  const full = r.scale.find((s) => s.files === 3321) ?? null;
  const L: string[] = [];
  const code = r.git.commit ? `commit ${r.git.commit}${r.git.uncommitted.length ? ` with uncommitted changes in ${r.git.uncommitted.join(", ")}` : ""}` : "not a git checkout";
  const json = `bench/results/${r.startedAt.replace(/[:.]/g, "-")}.json`;
  L.push(`# Benchmark: latest run`, "", `${r.startedAt} — ${machineLine}.`, "", `Code measured: ${code}. All numbers: ${json}.`, "");
  L.push(`## Import, per format`, "");
  L.push(`| format | files | pages | wall s | docs/s | pages/s | CPU ms/doc | read ms/doc | extract ms/doc | store ms/doc | peak RSS MiB | stored | distinct units | load avg before→after |`);
  L.push(`|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|`);
  for (const x of [text, docx, pdf])
    L.push(`| ${x.format} | ${int(x.files)} | ${x.pages === null ? "—" : int(x.pages)} | ${fmt(x.wallSeconds, 2)} | ${fmt(x.docsPerSecond)} | ${fmt(x.pagesPerSecond)} | ${fmt(x.cpuMsPerDoc, 2)} | ${fmt(x.stageMsPerDoc.read, 2)} | ${fmt(x.stageMsPerDoc.extract, 2)} | ${fmt(x.stageMsPerDoc.store, 2)} | ${fmt(x.peakRssMiB)} | ${int(x.stored.documents)} | ${int(x.stored.distinctUnits)} | ${fmt(x.loadAverage[0], 2)}→${fmt(x.loadAverage[1], 2)} |`);
  L.push("");
  L.push(
    `- Each format is imported into a fresh database by \`runImport\` (what \`tonghop import\` calls) in a child process; *wall s* runs from process start to exit (Node start, rules, schema included), docs/s and pages/s divide by it. Import-only rate (runImport's clock): text ${fmt(text.docsPerSecondInImport)}, DOCX ${fmt(docx.docsPerSecondInImport)}, PDF ${fmt(pdf.docsPerSecondInImport)} docs/s.`,
    `- Stage times are the import's own (\`ImportSummary.timings\`), summed over files and divided by the file count: *read* is reading and hashing on the main thread plus parsing in a worker, *extract* is the extractor in a worker, *store* is the one writer's transactions on the main thread. The ${r.jobs} workers run side by side, so read + extract can exceed the wall time per document.`,
    `- *CPU ms/doc* is the import process's CPU time (all threads, user + system) per document: unlike wall time it does not change when other work shares the machine (the load averages show how busy it was). On ${r.machine.cores} cores, ${r.machine.cores} × 1000 / CPU ms/doc is the most this code can do.`,
    `- Peak RSS is the import process's getrusage maxrss (worker threads are threads of that process); VmHWM sampled from /proc agrees: text ${fmt(text.sampledVmHwmMiB)}, DOCX ${fmt(docx.sampledVmHwmMiB)}, PDF ${fmt(pdf.sampledVmHwmMiB)} MiB.`,
    `- The product itself, \`tonghop import <${int(r.cliText.imported)} text files> --format json --jobs ${r.jobs}\`: ${fmt(r.cliText.wallSeconds, 2)} s wall (${fmt(r.cliText.docsPerSecond)} docs/s), peak ${fmt(r.cliText.peakRssMiB)} MiB by ${r.cliText.measuredBy}, ${r.cliText.failed} failed.`,
  );
  if (ref.pagesPerSecond)
    L.push(
      `- pdftotext (${ref.version}) on the same ${int(pdf.files)} PDFs (${int(pdf.pages ?? 0)} pages), ${ref.note}: ${fmt(ref.seconds, 2)} s, ${fmt(ref.pagesPerSecond)} pages/s (${ref.jobs} at a time ${fmt(ref.parallelSeconds, 2)} s, one at a time ${fmt(ref.singleSeconds, 2)} s). tonghop/pdftotext = ${fmt(ratio, 2)}.`,
    );
  else L.push(`- ${ref.note}.`);
  const bad = [text, docx, pdf, ...r.scale].filter((x) => x.failed || x.stored.documents !== x.files);
  if (bad.length) L.push(`- **Not every file was stored**: ${bad.map((x) => `${x.label}: ${x.stored.documents}/${x.files} stored, ${x.failed} failed`).join("; ")}.`);
  L.push("");

  L.push(`## Stage costs on one thread`, "");
  L.push(
    `The import's stage times above are wall clock inside each thread, so they swell when threads outnumber cores. Here a sample of each corpus goes through the same code one file at a time (\`processBytes\`, \`storedText\`, the import's \`BatchWriter\` and \`DocumentStore\`), after ${10} warm-up files:`,
    "",
    `| format | files | read ms/doc | extract ms/doc | prepare text ms/doc | store ms/doc | total ms/doc | one thread docs/s | ms/page |`,
    `|---|--:|--:|--:|--:|--:|--:|--:|--:|`,
  );
  for (const [f, c] of Object.entries(r.stages))
    L.push(`| ${f} | ${int(c.files)} | ${fmt(c.read, 2)} | ${fmt(c.extract, 2)} | ${fmt(c.prepare, 2)} | ${fmt(c.store, 2)} | ${fmt(c.total, 2)} | ${fmt(1000 / c.total)} | ${c.pages ? fmt((c.total * c.files) / c.pages, 2) : "—"} |`);
  L.push("", `*prepare text* is the folding and JSON a worker does for the writer; *store* runs on the main thread, the rest in workers.`, "");

  L.push(`## Scale run (text reports)`, "");
  L.push(`| N | wall s | docs/s | import-only docs/s | CPU ms/doc | peak RSS MiB | RSS over the run, MiB (sampled) |`, `|--:|--:|--:|--:|--:|--:|---|`);
  for (const s of r.scale)
    L.push(`| ${int(s.files)} | ${fmt(s.wallSeconds, 2)} | ${fmt(s.docsPerSecond)} | ${fmt(s.docsPerSecondInImport)} | ${fmt(s.cpuMsPerDoc, 2)} | ${fmt(s.peakRssMiB)} | ${s.rssTimelineMiB.map((x) => Math.round(x)).join(" ")} |`);
  L.push("");

  L.push(`## Targets`, "");
  L.push(`| target | measured | met |`, `|---|---|---|`);
  const t = r.targets;
  const row = (what: string, measured: string, ok: boolean | null) => L.push(`| ${what} | ${measured} | ${ok === null ? "not measured" : ok ? "yes" : "**no**"} |`);
  row(`text end-to-end ≥ ${t.textDocsPerSecond} docs/s`, `${fmt(text.docsPerSecond)} docs/s (N = ${int(text.files)})`, text.docsPerSecond >= t.textDocsPerSecond);
  row(`3,321 text reports < ${t.text3321Seconds} s`, full ? `${fmt(full.wallSeconds, 2)} s` : "not run (N ≠ 3,321)", full ? full.wallSeconds < t.text3321Seconds : null);
  row(`text-layer PDF ≥ ${t.pdfVsPdftotext} × pdftotext pages/s`, ratio === null ? ref.note : `${fmt(pdf.pagesPerSecond)} vs ${fmt(ref.pagesPerSecond)} pages/s = ${fmt(ratio, 2)} ×`, ratio === null ? null : ratio >= t.pdfVsPdftotext);
  row(`peak memory ≤ ${t.peakMiB} MiB at N = 3,321`, full ? `${fmt(full.peakRssMiB)} MiB (CLI: ${fmt(r.cliText.peakRssMiB)} MiB)` : "not run", full ? Math.max(full.peakRssMiB, r.cliText.peakRssMiB ?? 0) <= t.peakMiB : null);
  L.push("");

  L.push(`## Corpus`, "");
  for (const [f, c] of Object.entries(r.corpus))
    L.push(`- ${f}: ${int(c.files)} files, ${fmt(c.bytes / 2 ** 20)} MiB${c.pages ? `, ${int(c.pages)} pages` : ""}: ${c.note}${c.figuresChanged !== undefined ? ` (${int(c.figuresChanged)} figures changed in all)` : ""}.`);
  L.push(`- Built from the five fixture reports (fixtures/samples, fixtures/docx, fixtures/pdf); document i is about official unit i of data/vn-admin-units (a stride through the list), figures from a seeded generator, so runs are repeatable.`, "");

  L.push(`## Profile notes`, "");
  L.push(existsSync(notesFile) ? readFileSync(notesFile, "utf8").trim() : "(no notes yet)", "");
  if (r.profile) {
    L.push(`### This run's profiles (\`--profile\`: each import again under \`node --cpu-prof\`)`, "");
    for (const [format, p] of Object.entries(r.profile))
      for (const [who, t] of [["main thread", p.main], [`${p.workers.threads} workers`, p.workers]] as const) {
        L.push(`${format}, ${int(p.files)} files, ${who}: ${int(t.busyMs)} ms busy of ${int(t.sampledMs)} ms sampled.`, "");
        L.push(`| self time | ms | % busy | total time (with callees) | ms | % busy |`, `|---|--:|--:|---|--:|--:|`);
        for (let i = 0; i < Math.max(t.self.length, t.total.length); i++) {
          const a = t.self[i];
          const b = t.total[i];
          L.push(`| ${a ? cell(a.fn, a.where) : ""} | ${a ? int(a.ms) : ""} | ${a ? fmt(a.share) : ""} | ${b ? cell(b.fn, b.where) : ""} | ${b ? int(b.ms) : ""} | ${b ? fmt(b.share) : ""} |`);
        }
        L.push("");
      }
  }

  if (r.scanned) L.push(`## Scanned PDFs (OCR)`, "", scannedMarkdown(r.scanned), "");

  L.push(`## Performance (text for the README)`, "");
  L.push(performance(r, full, ratio));
  return L.join("\n") + "\n";
}

const verdict = (ok: boolean) => (ok ? "met" : "not met");

function performance(r: Results, full: ImportRun | null, ratio: number | null): string {
  const { text, docx, pdf } = r.runs;
  const m = r.machine;
  const ref = r.pdftotext;
  const lines = [
    `Measured by \`npm run bench\` on ${r.startedAt.slice(0, 10)}: ${m.cores} cores (${m.cpu}; ${m.cores} busy threads get ${fmt(m.parallelSpeedup, 2)} × one), ${m.ramGiB} GiB RAM, Node ${m.node}, \`--jobs ${r.jobs}\`. Each format imported into a fresh database; times include starting Node.`,
    "",
    `| reports | files | time | documents/s | pages/s | peak memory |`,
    `|---|--:|--:|--:|--:|--:|`,
    `| text | ${int(text.files)} | ${fmt(text.wallSeconds)} s | ${fmt(text.docsPerSecond, 0)} | — | ${fmt(text.peakRssMiB, 0)} MiB |`,
    `| DOCX | ${int(docx.files)} | ${fmt(docx.wallSeconds)} s | ${fmt(docx.docsPerSecond, 0)} | — | ${fmt(docx.peakRssMiB, 0)} MiB |`,
    `| PDF (text layer) | ${int(pdf.files)} | ${fmt(pdf.wallSeconds)} s | ${fmt(pdf.docsPerSecond, 0)} | ${fmt(pdf.pagesPerSecond, 0)} | ${fmt(pdf.peakRssMiB, 0)} MiB |`,
    "",
  ];
  if (full && r.scale.length > 1)
    lines.push(`Scale (text): ${r.scale.map((s) => `N = ${int(s.files)}: ${fmt(s.docsPerSecond, 0)} docs/s, ${fmt(s.peakRssMiB, 0)} MiB`).join("; ")}.`);
  if (ratio !== null) lines.push(`On the same PDFs and cores, poppler's pdftotext extracts ${fmt(ref.pagesPerSecond, 0)} pages/s; tonghop reads, extracts and stores ${fmt(pdf.pagesPerSecond, 0)} pages/s (${fmt(ratio, 2)} ×).`);
  else lines.push(`pdftotext was not installed, so no PDF reference was measured.`);
  const loads = [text, docx, pdf].flatMap((x) => x.loadAverage);
  lines.push(
    `The machine was shared with other work during the run (load average ${fmt(Math.min(...loads), 1)}–${fmt(Math.max(...loads), 1)}), so wall-clock rates are lower than on an idle machine; CPU time does not depend on that: a text report costs ${fmt(text.cpuMsPerDoc, 1)} ms of CPU, at most ${fmt((m.cores * 1000) / text.cpuMsPerDoc, 0)} reports/s on ${m.cores} idle cores.`,
    "",
    `Targets (issue 6): text ≥ ${r.targets.textDocsPerSecond} documents/s ${verdict(text.docsPerSecond >= r.targets.textDocsPerSecond)} (${fmt(text.docsPerSecond, 0)}); 3,321 text reports in under ${r.targets.text3321Seconds} s ${full ? `${verdict(full.wallSeconds < r.targets.text3321Seconds)} (${fmt(full.wallSeconds, 1)} s)` : "not run"}; text-layer PDF ≥ ${r.targets.pdfVsPdftotext} × pdftotext ${ratio === null ? "not measured" : `${verdict(ratio >= r.targets.pdfVsPdftotext)} (${fmt(ratio, 2)} ×)`}; peak memory ≤ ${r.targets.peakMiB} MiB at 3,321 ${full ? `${verdict(Math.max(full.peakRssMiB, r.cliText.peakRssMiB ?? 0) <= r.targets.peakMiB)} (${fmt(Math.max(full.peakRssMiB, r.cliText.peakRssMiB ?? 0), 0)} MiB)` : "not run"}. What stands in the way: bench/results/latest.md, "Profile notes".`,
  );
  return lines.join("\n");
}

/** The scanned corpus: OCR seconds per page, beside native tesseract when it was measured. */
export function scannedMarkdown(s: ScannedRun): string {
  const L = [
    `| scanned PDFs (tesseract.js) | pages | wall s | s/page (wall) | CPU s/page | peak memory | stored | failed | load avg before→after |`,
    `|--:|--:|--:|--:|--:|--:|--:|--:|---|`,
    `| ${s.files} | ${s.pages} | ${fmt(s.wallSeconds)} | ${fmt(s.secondsPerPage, 2)} | ${s.cpuSecondsPerPage === null ? "—" : fmt(s.cpuSecondsPerPage, 2)} | ${s.peakRssMiB === null ? "—" : `${fmt(s.peakRssMiB, 0)} MiB`} | ${s.imported} | ${s.failed} | ${s.loadAverage.map((x) => fmt(x, 1)).join("→")} |`,
    "",
  ];
  const w = s.withNative;
  if (w)
    L.splice(3, 0, `| the same, tonghop with native tesseract | | ${fmt(w.wallSeconds)} | ${fmt(w.secondsPerPage, 2)} | ${w.cpuSecondsPerPage === null ? "—" : fmt(w.cpuSecondsPerPage, 2)} | ${w.peakRssMiB === null ? "—" : `${fmt(w.peakRssMiB, 0)} MiB (+ tesseract processes)`} | ${w.imported} | ${w.failed} | ${w.loadAverage.map((x) => fmt(x, 1)).join("→")} |`);
  const n = s.native;
  if (n.version !== null) L.push(`Native ${n.version} alone (one thread per page, the same pages at 200 dpi, as many at a time as --jobs, tonghop's Vietnamese model): ${fmt(n.wallSeconds)} s, ${fmt(n.secondsPerPage, 2)} s/page.`);
  else L.push(n.note + ".");
  return L.join("\n");
}
