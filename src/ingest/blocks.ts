// Helpers shared by the readers for building the normalised text and its blocks.

import { MARKER } from "./markers.js";
import type { Block } from "./types.js";

/** Accumulates normalised text and hands out spans, so readers never compute offsets by hand. */
export class TextBuilder {
  private parts: string[] = [];
  private length = 0;

  get offset(): number {
    return this.length;
  }

  append(s: string): { start: number; end: number } {
    const start = this.length;
    if (s.length) {
      this.parts.push(s);
      this.length += s.length;
    }
    return { start, end: this.length };
  }

  /** Separates blocks with one blank line (the convention every reader follows). */
  breakBlock(): void {
    if (this.length > 0) this.append("\n\n");
  }

  toString(): string {
    return this.parts.join("");
  }
}

/** Characters that end a sentence or a paragraph: a block ending in one of these is complete. */
const TERMINAL = /[.!?:;…”"»)\]]\s*$|\/\.\s*$/u;

/**
 * True when block `b` is the rest of block `a` cut by a page break or a stray blank line:
 * `a` stops mid-sentence and `b` does not open a new item.
 */
export function continuesBlock(prevText: string, nextText: string): boolean {
  const prev = prevText.trimEnd();
  const next = nextText.trimStart();
  if (!prev || !next) return false;
  if (MARKER.test(next)) return false;
  const first = next[0]!;
  if (TERMINAL.test(prev)) return false;
  const isLower = first !== first.toUpperCase() && first === first.toLowerCase();
  if (isLower) return true;
  // "… Kế hoạch số" / "1008/KH-UBND …": a number can carry on a sentence cut mid-phrase
  if (/^\d/.test(first) && /\p{L}$/u.test(prev) && prev.length > 60) return true;
  // "… của Phong trào “Bình dân học vụ số”," / "UBND xã đã …": a trailing comma always continues
  if (/,$/.test(prev)) return true;
  return false;
}

/** Merges `next` into `prev` (spans only: the text between them stays in place). */
export function mergeBlocks(prev: Block, next: Block): Block {
  return { ...prev, end: next.end, bold: prev.bold && next.bold };
}
