// What the numbers were measured on: a result without its machine cannot be compared.

import { readFileSync } from "node:fs";
import { availableParallelism, release, totalmem } from "node:os";

export interface Machine {
  cores: number;
  cpu: string;
  ramGiB: number;
  node: string;
  os: string;
}

export function machine(): Machine {
  let cpu = "unknown";
  try {
    cpu = /model name\s*:\s*(.*)/.exec(readFileSync("/proc/cpuinfo", "utf8"))?.[1]?.trim() ?? cpu;
  } catch {
    // not Linux: the model stays unknown
  }
  return {
    cores: availableParallelism(),
    cpu,
    ramGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    os: `${process.platform} ${release()}`,
  };
}
