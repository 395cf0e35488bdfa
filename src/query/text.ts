// Making report text safe to show: nothing a report contains may act on a terminal or a
// spreadsheet (control characters, escape sequences, formulas).

const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** One line for a terminal cell: control and bidi characters removed, white space collapsed. */
export function terminalSafe(s: string): string {
  return s.replace(CONTROL, "").replace(/\s+/g, " ").trim();
}

/** Spreadsheet programs run cells that start with = + - @ as formulas: prefix them with '. */
export function spreadsheetSafe(s: string): string {
  const clean = s.replace(CONTROL, "");
  return /^[=+\-@\t\r]/.test(clean) ? "'" + clean : clean;
}

const vi = new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 2 });
const viShort = new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 2, useGrouping: false });

/** Numbers as Vietnamese readers write them (12.564 and 40,98), for terminal tables; years and other numbers below 10 000 ungrouped (2026, 4500). */
export function formatNumber(n: number): string {
  return Math.abs(n) >= 10000 ? vi.format(n) : viShort.format(n);
}
