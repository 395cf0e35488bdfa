// The normalised document every reader returns: the contract between ingest and extract.
// Offsets are UTF-16 code-unit indices into `text` (what JavaScript strings index by).

import { TonghopError } from "../errors.js";

export type Format = "text" | "markdown" | "docx" | "pdf" | "doc" | "odt" | "rtf" | "xlsx" | "image";

export type BlockKind = "heading" | "paragraph" | "list_item" | "table";

export interface Cell {
  /** Cell text as it appears in `text` (may hold line breaks). */
  start: number;
  end: number;
  colspan?: number;
  rowspan?: number;
  bold?: boolean;
}

export interface Row {
  start: number;
  end: number;
  cells: Cell[];
  /** true when the row repeats the table header (e.g. on a new PDF page or DOCX header row). */
  header?: boolean;
  /** true when the row is the rest of the row above, cut by a page break (its cells extend the cells above). */
  continues?: boolean;
}

export interface Block {
  kind: BlockKind;
  start: number;
  end: number;
  /** 1-based page of the block's first character (PDF); null elsewhere. */
  page: number | null;
  /** Heading level hint from the source format (Markdown #, DOCX Heading n, PDF font size rank). */
  level?: number;
  /** The whole block is set in bold (DOCX/Markdown/PDF font weight): a heading signal. */
  bold?: boolean;
  /** List marker as written or reconstructed ("-", "+", "1.", "a)", "II."), when the format knows it. */
  marker?: string;
  /** Table rows (kind "table" only). */
  rows?: Row[];
  /** Font size relative to the body text (PDF): > 1 means larger than body. */
  size?: number;
  /** Horizontal alignment when the format knows it (DOCX/PDF). */
  align?: "left" | "center" | "right" | "justify";
}

export interface PageSpan {
  number: number;
  start: number;
  end: number;
  /** Set when the page was read by OCR: the recogniser's mean word confidence (0…100). */
  ocr?: number;
  /** OCR: recognised words holding a digit read with low confidence (0…100), as spans of `text`. */
  doubts?: OcrDoubt[];
}

export interface OcrDoubt {
  start: number;
  end: number;
  confidence: number;
  text: string;
}

export interface NormalizedDocument {
  format: Format;
  /** NFC text with line breaks kept; markup (Markdown #, **, <b>) removed. */
  text: string;
  blocks: Block[];
  /** Page spans for PDF; null for formats without pages. */
  pages: PageSpan[] | null;
  /** Reader notes worth telling the analyst (go to stderr, never stdout). */
  warnings: string[];
  /** true when the text came from OCR (all of it, or some pages of a mixed PDF); which pages: `pages[].ocr`. */
  ocr?: boolean;
}

/** A reader failure the analyst can act on: `code` is stable, `message` is one line for humans. */
export class ReadError extends TonghopError {
  declare readonly code: ReadErrorCode;
  constructor(code: ReadErrorCode, message: string) {
    super(message, { code });
    this.name = "ReadError";
  }
}

export type ReadErrorCode =
  | "empty"
  | "encrypted"
  | "corrupt"
  | "truncated"
  | "too_large"
  | "zip_bomb"
  | "binary"
  | "unsupported_format"
  | "legacy_encoding"
  | "unreadable"
  | "timeout";
