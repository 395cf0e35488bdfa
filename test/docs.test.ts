// The README and docs/ describe every command the program has, and the Quick start stays two
// commands; the extraction spec carries the schema tag the extractor writes.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Command } from "commander";
import { describe, expect, it } from "vitest";
import { buildProgram } from "../src/cli/main.js";
import { SCHEMA } from "../src/extract/types.js";
import { ROOT } from "./helpers.js";

const readme = readFileSync(join(ROOT, "README.md"), "utf8");
const jsonDoc = readFileSync(join(ROOT, "docs", "json-output.md"), "utf8");

function leaves(cmd: Command, prefix: string[] = []): string[] {
  return cmd.commands.flatMap((c) => {
    const name = [...prefix, c.name()];
    return c.commands.length ? leaves(c, name) : [name.join(" ")];
  });
}

describe("documentation", () => {
  const commands = leaves(buildProgram());

  it("finds the commands", () => {
    expect(commands).toEqual(expect.arrayContaining(["extract", "rules check", "import", "matrix", "export", "show"]));
  });

  for (const name of commands)
    it(`documents tonghop ${name} in the README and its JSON in docs/json-output.md`, () => {
      expect(readme).toContain("### `tonghop " + name);
      expect(jsonDoc).toMatch(new RegExp("^## `tonghop " + name.replace(/ /g, " ") + "[` ]", "m"));
      // every long option of the command is named in the README or in its --help examples
      const cmd = name.split(" ").reduce<Command>((c, n) => c.commands.find((x) => x.name() === n)!, buildProgram());
      for (const o of cmd.options) if (o.long && o.long !== "--help") expect(readme + cmd.helpInformation(), `${name} ${o.long}`).toContain(o.long);
    });

  it("keeps the Quick start at exactly two commands, the samples in their own database", () => {
    const quick = /## Quick start\n+```sh\n([\s\S]*?)```/.exec(readme)![1]!.trim().split("\n");
    expect(quick).toEqual(["npm install && npm start", "npm test"]);
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
    expect(pkg.scripts.start).toContain("--db data/samples.db");
    expect(readme).toMatch(/npx tonghop/);
    expect(readme).toMatch(/npm link/);
    expect(readme).toMatch(/### Windows/);
  });

  it("links the specs inside the repository, with the schema tag the extractor writes", () => {
    expect(readme).not.toContain("../shared/spec");
    const spec = readFileSync(join(ROOT, "docs", "extraction-json.md"), "utf8");
    expect(spec).toContain(`schema: ${SCHEMA}`);
    expect(readme).toContain("docs/extraction-json.md");
    expect(readme).toContain("docs/json-output.md");
  });
});
