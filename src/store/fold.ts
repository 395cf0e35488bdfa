// Diacritics folding for search and name matching. SQLite's unicode61 tokenizer removes tone
// marks but keeps đ (it is a letter of its own, not d + a mark), so we fold đ→d here.

const MARKS = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g;

/** "Bình dân học vụ số" → "binh dan hoc vu so"; "Đắk Lắk" → "dak lak". Keeps line breaks and length-insensitive. */
export function foldText(s: string): string {
  return s.normalize("NFD").replace(MARKS, "").replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase();
}

/** Folded key for matching place names: tone placement (Hoà/Hòa), case, apostrophes and spacing ignored. */
export function foldName(s: string): string {
  return foldText(s)
    .replace(/[’‘ʼ`´]/g, "'")
    .replace(/[-–—]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}
