// Reading `node --cpu-prof` output. The main thread and each worker write their own
// .cpuprofile (named CPU.<date>.<time>.<pid>.<thread>.<seq>; thread 0 is the main thread); the
// workers' are merged, since they run the same code. Self time says which function burns the
// CPU; total time (the function and what it calls) says which stage does.

import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }[];
  samples: number[];
  timeDeltas: number[];
}

export interface FnTime {
  fn: string;
  where: string;
  ms: number;
  /** Share of the thread's busy (non-idle) time, in percent. */
  share: number;
}

export interface ThreadProfile {
  threads: number;
  sampledMs: number;
  busyMs: number;
  self: FnTime[];
  total: FnTime[];
}

const SKIP_TOTAL = new Set(["(root)", "(program)", "(idle)", "(garbage collector)", ""]);

export function summariseProfiles(dir: string, topN = 12): { main: ThreadProfile; workers: ThreadProfile } {
  const files = readdirSync(dir).filter((n) => n.endsWith(".cpuprofile"));
  const isMain = (f: string) => f.split(".")[4] === "0";
  return {
    main: summarise(files.filter(isMain).map((f) => join(dir, f)), topN),
    workers: summarise(files.filter((f) => !isMain(f)).map((f) => join(dir, f)), topN),
  };
}

function summarise(files: string[], topN: number): ThreadProfile {
  const self = new Map<string, { fn: string; where: string; us: number }>();
  const total = new Map<string, { fn: string; where: string; us: number }>();
  let sampled = 0;
  let idle = 0;
  const add = (m: typeof self, key: string, fn: string, where: string, us: number) => {
    const e = m.get(key) ?? { fn, where, us: 0 };
    e.us += us;
    m.set(key, e);
  };
  for (const file of files) {
    const p = JSON.parse(readFileSync(file, "utf8")) as CpuProfile;
    const byId = new Map(p.nodes.map((n) => [n.id, n]));
    const parent = new Map<number, number>();
    for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
    const label = (id: number) => {
      const cf = byId.get(id)!.callFrame;
      const where = cf.url ? `${shortUrl(cf.url)}:${cf.lineNumber + 1}` : "";
      return { key: `${cf.functionName}@${where}`, fn: cf.functionName || "(anonymous)", where };
    };
    p.samples.forEach((id, i) => {
      const dt = p.timeDeltas[i] ?? 0;
      sampled += dt;
      const l = label(id);
      if (l.fn === "(idle)") idle += dt;
      add(self, l.key, l.fn, l.where, dt);
      const seen = new Set<string>(); // recursion counts once
      for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) {
        const a = label(n);
        if (SKIP_TOTAL.has(a.fn) || seen.has(a.key)) continue;
        seen.add(a.key);
        add(total, a.key, a.fn, a.where, dt);
      }
    });
  }
  const busy = sampled - idle;
  const top = (m: typeof self) =>
    [...m.values()]
      .filter((e) => e.fn !== "(idle)")
      .sort((a, b) => b.us - a.us)
      .slice(0, topN)
      .map((e) => ({ fn: e.fn, where: e.where, ms: Math.round(e.us / 1000), share: Math.round((e.us / busy) * 1000) / 10 }));
  return { threads: files.length, sampledMs: Math.round(sampled / 1000), busyMs: Math.round(busy / 1000), self: top(self), total: top(total) };
}

function shortUrl(url: string): string {
  const i = url.indexOf("/dist/");
  if (i >= 0) return url.slice(i + 6);
  const j = url.lastIndexOf("/node_modules/");
  return j >= 0 ? url.slice(j + 14) : url.replace(/^file:\/\//, "");
}
