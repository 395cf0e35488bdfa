// Which code was measured: the commit, and the files changed but not committed (other people's
// work in progress is built into dist/ and measured with it).

import { spawnSync } from "node:child_process";

export function gitState(root: string): { commit: string | null; uncommitted: string[] } {
  const git = (...args: string[]) => spawnSync("git", args, { cwd: root, encoding: "utf8" });
  const head = git("rev-parse", "--short", "HEAD");
  if (head.status !== 0) return { commit: null, uncommitted: [] };
  const st = git("status", "--porcelain", "--", "src", "bin", "rules");
  return { commit: head.stdout.trim(), uncommitted: st.stdout.split("\n").filter(Boolean).map((l) => l.slice(3)) };
}
