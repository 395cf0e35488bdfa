// natural is imported by submodule (the whole package is slow to load and prints to stdout).
declare module "natural/lib/natural/distance/dice_coefficient.js" {
  export default function diceCoefficient(a: string, b: string): number;
}
declare module "natural/lib/natural/distance/levenshtein_distance.js" {
  const distances: { LevenshteinDistance(a: string, b: string): number };
  export default distances;
}
