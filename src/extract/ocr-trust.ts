// Trust in figures read by OCR: every fact on a recognised page carries the recogniser's
// confidence (0…100): the lowest of the doubtful words it overlaps, else the page's mean; a
// figure whose characters were read with low confidence raises `ocr_low_confidence`, asking
// the analyst to check it against the scan.

import type { NormalizedDocument } from "../ingest/types.js";
import type { Fact, Issue } from "./types.js";

/** The pages read by OCR with their mean confidence: `source.ocr_pages`. */
export function ocrPagesOf(doc: NormalizedDocument): { page: number; confidence: number }[] {
  return (doc.pages ?? []).filter((p) => p.ocr != null).map((p) => ({ page: p.number, confidence: p.ocr! }));
}

export function markOcrConfidence(doc: NormalizedDocument, facts: Fact[], issues: Issue[]): void {
  const pages = ocrPagesOf(doc);
  if (!doc.ocr || !pages.length) return;
  const pageConf = new Map(pages.map((p) => [p.page, p.confidence]));
  const doubts = (doc.pages ?? []).flatMap((p) => p.doubts ?? []);
  const flagged = new Set<string>();
  for (const f of facts) {
    if (f.page == null || !pageConf.has(f.page)) continue;
    const hit = doubts.filter((d) => d.start < f.end && d.end > f.start);
    const low = hit.length ? Math.min(...hit.map((d) => d.confidence)) : null;
    f.confidence = Math.round(low ?? pageConf.get(f.page)!);
    if (low == null) continue;
    const key = hit.map((d) => d.start).join(",");
    if (flagged.has(key)) continue;
    flagged.add(key);
    const words = hit.map((d) => `“${d.text}”`).join(", ");
    issues.push({
      kind: "ocr_low_confidence",
      message: `Số liệu ${words} ở trang ${f.page} đọc từ bản scan (OCR) với độ tin cậy thấp (${low}%): hãy đối chiếu với bản scan (figure read by OCR with low confidence: check it against the scan)`,
      start: f.start,
      end: f.end,
      ...(f.indicator ? { indicator: f.indicator } : {}),
    });
  }
}
