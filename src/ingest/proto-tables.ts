// Rows of cell texts → proto blocks, for the readers that see tables as plain cells (.doc, .odt,
// .rtf, .xlsx): a layout table (national header, signature beside "Nơi nhận") comes out column by
// column as paragraphs, exactly as the DOCX reader does; any other table stays a table.

import { isLayoutTable } from "./layout-tables.js";
import { classifyTyped, cleanText, type ProtoBlock, type ProtoCell, type ProtoRow } from "./proto.js";

export interface PlainRow {
  cells: ProtoCell[];
  header?: boolean;
}

/** A cell's paragraphs ("\n\n"-separated in `text`) as paragraph blocks, classed like typed text. */
export function cellParagraphs(text: string): ProtoBlock[] {
  return text
    .split(/\n{2,}/)
    .map((p) => cleanText(p))
    .filter(Boolean)
    .map((p) => classifyTyped({ kind: "paragraph", text: p, page: null }));
}

export function tableProtos(rows: PlainRow[]): ProtoBlock[] {
  const kept = rows.filter((r) => r.cells.length);
  if (!kept.length) return [];
  const texts = kept.map((r) => r.cells.map((c) => cleanText(c.text.replace(/\n{2,}/g, "\n"))));
  if (isLayoutTable(texts)) {
    const out: ProtoBlock[] = [];
    const width = Math.max(...kept.map((r) => r.cells.length));
    for (let col = 0; col < width; col++) for (const r of kept) out.push(...cellParagraphs(r.cells[col]?.text ?? ""));
    return out;
  }
  const first = texts[0]!.join("\t");
  const protoRows: ProtoRow[] = kept.map((r, i) => {
    const row: ProtoRow = {
      cells: r.cells.map((c, k) => {
        const cell: ProtoCell = { text: texts[i]![k]! };
        if (c.colspan && c.colspan > 1) cell.colspan = c.colspan;
        if (c.rowspan && c.rowspan > 1) cell.rowspan = c.rowspan;
        if (c.bold) cell.bold = true;
        return cell;
      }),
      page: null,
    };
    if (r.header || (i > 0 && texts[i]!.length > 1 && texts[i]!.join("\t") === first)) row.header = true;
    return row;
  });
  // a one-cell "table" is a framed paragraph
  if (protoRows.length === 1 && protoRows[0]!.cells.length === 1) return cellParagraphs(kept[0]!.cells[0]!.text);
  return [{ kind: "table", text: "", page: null, rows: protoRows }];
}
