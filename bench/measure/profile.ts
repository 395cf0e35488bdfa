// Reading `node --cpu-prof` output: self time per function, per thread (the main thread and each
// worker write their own .cpuprofile), so the notes can say where an import spends its time.

import { readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number }[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface ProfileTop {
  file: string;
  totalMs: number;
  /** Functions by self time, largest first. */
  top: { fn: string; where: string; selfMs: number; share: number }[];
}

export function summariseProfiles(dir: string, topN = 15): ProfileTop[] {
  const out: ProfileTop[] = [];
  for (const f of readdirSync(dir).filter((n) => n.endsWith(".cpuprofile")).sort()) {
    const p = JSON.parse(readFileSync(join(dir, f), "utf8")) as CpuProfile;
    const byId = new Map(p.nodes.map((n) => [n.id, n]));
    const self = new Map<string, { fn: string; where: string; us: number }>();
    let total = 0;
    p.samples.forEach((id, i) => {
      const dt = p.timeDeltas[i] ?? 0;
      total += dt;
      const cf = byId.get(id)!.callFrame;
      const where = cf.url ? `${shortUrl(cf.url)}:${cf.lineNumber + 1}` : "";
      const key = `${cf.functionName}@${where}`;
      const e = self.get(key) ?? { fn: cf.functionName || "(anonymous)", where, us: 0 };
      e.us += dt;
      self.set(key, e);
    });
    const top = [...self.values()]
      .sort((a, b) => b.us - a.us)
      .slice(0, topN)
      .map((e) => ({ fn: e.fn, where: e.where, selfMs: Math.round(e.us / 1000), share: Math.round((e.us / total) * 1000) / 10 }));
    out.push({ file: basename(f), totalMs: Math.round(total / 1000), top });
  }
  return out;
}

function shortUrl(url: string): string {
  const i = url.indexOf("/dist/");
  if (i >= 0) return url.slice(i + 6);
  const j = url.lastIndexOf("/node_modules/");
  return j >= 0 ? url.slice(j + 14) : url.replace(/^file:\/\//, "");
}
