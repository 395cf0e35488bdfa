// Option parsers: a bad number is a bad argument (exit 1) with a clear message.

import { InvalidArgumentError } from "commander";

export function positiveInt(name: string, max: number) {
  return (v: string): number => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1 || n > max) throw new InvalidArgumentError(`${name} cần một số nguyên từ 1 đến ${max} (a whole number 1–${max})`);
    return n;
  };
}

export function positiveNumber(name: string) {
  return (v: string): number => {
    const n = Number(v);
    if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError(`${name} cần một số dương (a positive number)`);
    return n;
  };
}
