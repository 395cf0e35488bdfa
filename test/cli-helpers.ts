// Running the CLI in this process (fast: no Node start-up per call), with stdout, stderr and
// COLUMNS captured and restored.
import { run } from "../src/cli/main.js";

export interface InProcess {
  status: number;
  stdout: string;
  stderr: string;
}

export async function runIn(args: string[], env: Record<string, string | undefined> = {}): Promise<InProcess> {
  const out = process.stdout.write.bind(process.stdout);
  const err = process.stderr.write.bind(process.stderr);
  const saved: Record<string, string | undefined> = {};
  for (const k of Object.keys(env)) {
    saved[k] = process.env[k];
    if (env[k] === undefined) delete process.env[k];
    else process.env[k] = env[k];
  }
  let stdout = "";
  let stderr = "";
  process.stdout.write = ((s: string | Uint8Array) => ((stdout += String(s)), true)) as typeof process.stdout.write;
  process.stderr.write = ((s: string | Uint8Array) => ((stderr += String(s)), true)) as typeof process.stderr.write;
  try {
    const status = await run([process.execPath, "tonghop", ...args]);
    return { status, stdout, stderr };
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
    process.exitCode = undefined;
    for (const k of Object.keys(saved)) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
  }
}
