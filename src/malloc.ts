// The C allocator's setting an import runs under on Linux (src/cli/relaunch.ts starts it as a child
// with it set): glibc's mmap threshold fixed at 128 KiB, so that the page-sized buffers OCR frees
// in Node's threads go back to the system. It suits Node's few big short-lived buffers, not every
// program: native tesseract, which allocates and frees big buffers all through a page, ran about a
// third slower under it, so programs the import starts get the environment without it.

/** glibc's variable, read once when a process starts. */
export const MMAP_VARIABLE = "MALLOC_MMAP_THRESHOLD_";
export const MMAP_THRESHOLD = String(128 * 1024);
/** Set in the relaunched child's environment: the variable above is tonghop's, not the analyst's. */
export const RELAUNCHED = "TONGHOP_RELAUNCHED";

/** The environment for another program: without the allocator setting when tonghop made it. */
export function environmentForPrograms(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  if (env[RELAUNCHED] !== "1") return { ...env };
  const { [MMAP_VARIABLE]: _ours, [RELAUNCHED]: _marker, ...rest } = env;
  return rest;
}
