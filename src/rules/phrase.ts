// Rule phrase syntax, expanded at load time into plain word sequences:
//   "người dân (trong độ tuổi) trưởng thành"  → optional words
//   "người lao động (doanh nghiệp|hợp tác xã)" → one of the alternatives
//   "chỉ tiêu … đến năm"                        → up to GAP_WORDS words in between
//   "hợp nhất <số> (xã|phường)"                 → "<số>" is one number written in digits
// No nesting, no regular expressions: matching stays linear in the text length.

export const MAX_VARIANTS = 64;
export const GAP = "…";
/** One number written in digits ("hợp nhất <số> phường" matches "hợp nhất 3 phường"). */
export const NUMBER = "<số>";

export class PhraseError extends Error {}

export function expandPhrase(phrase: string): string[] {
  const s = phrase.replace(/\.\.\./g, GAP).trim();
  if (/\([^)]*\(/.test(s)) throw new PhraseError(`“${phrase}”: không được lồng ngoặc (nested parentheses are not allowed)`);
  let variants = [""];
  let i = 0;
  while (i < s.length) {
    const open = s.indexOf("(", i);
    if (open < 0) {
      variants = variants.map((v) => v + s.slice(i));
      break;
    }
    const close = s.indexOf(")", open);
    if (close < 0) throw new PhraseError(`“${phrase}”: thiếu ngoặc đóng (unclosed "(")`);
    const before = s.slice(i, open);
    const inner = s.slice(open + 1, close);
    const options = inner.includes("|") ? inner.split("|").map((o) => o.trim()) : ["", inner.trim()];
    const next: string[] = [];
    for (const v of variants) for (const o of options) next.push(v + before + (o ? ` ${o} ` : " "));
    variants = next;
    if (variants.length > MAX_VARIANTS) throw new PhraseError(`“${phrase}” cho hơn ${MAX_VARIANTS} biến thể; hãy tách thành nhiều cụm (expands to more than ${MAX_VARIANTS} variants)`);
    i = close + 1;
  }
  const out = [...new Set(variants.map((v) => v.replace(/\s+/g, " ").trim()).filter(Boolean))];
  if (!out.length) throw new PhraseError(`“${phrase}” không có từ nào (has no words)`);
  if ((s.match(/…/g) ?? []).length > 2) throw new PhraseError(`“${phrase}”: tối đa 2 khoảng trống “…” trong một cụm (at most 2 gaps in one phrase)`);
  for (const v of out) if (v === GAP || v.startsWith(GAP) || v.endsWith(GAP)) throw new PhraseError(`“${phrase}”: khoảng trống “…” phải đứng giữa hai từ (a gap must stand between words)`);
  for (const v of out) if (v.split(" ")[0] === NUMBER) throw new PhraseError(`“${phrase}”: “${NUMBER}” (một số) không được đứng đầu cụm (a phrase cannot open with a number)`);
  if (/[<>]/u.test(s.split(NUMBER).join(" "))) throw new PhraseError(`“${phrase}”: chỉ viết “${NUMBER}” cho một số, cách bằng dấu cách (only "${NUMBER}", as a word of its own, stands for a number)`);
  return out;
}
