// The one "did you mean …?" of the program: the name nearest to what was typed, by edit distance
// on folded text (case, tone marks and their placement aside), when it is near enough to suggest.
// Filters that match nothing (src/query/filters.ts) and rules check (src/rules/check.ts) both ask it.

/** Levenshtein distance between two strings. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(above + 1, row[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = above;
    }
  }
  return row[b.length]!;
}

/** The name among `names` nearest to `given` after `fold`, or null when none is within a third of its length (at least 2 edits). */
export function nearestName(given: string, names: Iterable<string>, fold: (s: string) => string): string | null {
  const g = fold(given);
  let best: { name: string; d: number } | null = null;
  for (const n of names) {
    const d = distance(g, fold(n));
    if (!best || d < best.d) best = { name: n, d };
  }
  return best && best.d <= Math.max(2, Math.floor(g.length / 3)) ? best.name : null;
}
