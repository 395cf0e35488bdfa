// Columns of `tonghop show --format csv`: one row per fact.
import type { Column } from "../../query/columns.js";

export const FACT_COLUMNS_SHOW: Column[] = [
  "id", "kind", "indicator", "value", "num", "den", "stated_percent", "unit", "qualifier", "role", "teams", "members",
  "basis", "target", "section", "section_title", "page", "ocr_confidence", "text_start", "text_end", "quote",
].map((key) => ({ key, title: key }));
