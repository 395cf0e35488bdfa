// Layout tables are not data: Word users set the national header ("UBND XÃ … / Số: …" beside
// "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM / …, ngày … tháng … năm …") and the signature ("Nơi nhận"
// beside "KT. CHỦ TỊCH / … / name") side by side. Readers output them column by column.

const HEADER_LINE = [
  /^Số\s*:/u,
  /CỘNG\s+HÒA\s+XÃ\s+HỘI/iu,
  /CỘNG\s+HOÀ\s+XÃ\s+HỘI/iu,
  /Độc\s+lập\s*[-–]\s*Tự\s+do/iu,
  /^(UBND|ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN|HĐND)(\s+[\p{Lu}\d.-]+)*$/u,
  /^[\p{Lu}][\p{L} .]{1,40}, ngày\b.{0,16}\btháng\b.{0,8}\bnăm\b/u,
];
const SIGNATURE_LINE = [/^Nơi nhận/u, /^(KT|TM|TL|TUQ|Q)\.\s*\p{Lu}/u, /^(PHÓ\s+)?CHỦ\s+TỊCH$/u];

export function isHeaderLine(line: string): boolean {
  const s = line.trim();
  return HEADER_LINE.some((r) => r.test(s));
}

export function isSignatureLine(line: string): boolean {
  const s = line.trim();
  return SIGNATURE_LINE.some((r) => r.test(s));
}

/**
 * A table of at most 3 columns and a few rows whose cells hold header or signature lines is
 * layout, not data. `cells` is rows of cell texts.
 */
export function isLayoutTable(cells: string[][]): boolean {
  if (!cells.length || cells.length > 6) return false;
  const width = Math.max(...cells.map((r) => r.length));
  if (width < 1 || width > 3) return false;
  const lines = cells.flat().flatMap((c) => c.split("\n"));
  return lines.some((l) => isHeaderLine(l) || isSignatureLine(l));
}
