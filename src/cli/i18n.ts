// Commander's own words in Vietnamese (with the English in brackets for errors): help titles,
// "(default: …)", "(choices: …)" and every parsing error. Applied to everything commander
// prints, so each sub-command inherits it.

import type { Command } from "commander";

const TITLES: Record<string, string> = {
  "Usage:": "Cách dùng:",
  "Options:": "Tuỳ chọn:",
  "Commands:": "Lệnh:",
  "Arguments:": "Tham số:",
  "Global Options:": "Tuỳ chọn chung:",
};

const ERRORS: [RegExp, (...m: string[]) => string][] = [
  [/^error: unknown option '(.+?)'/, (o) => `Lỗi: không có tuỳ chọn '${o}' (unknown option)`],
  [/^error: unknown command '(.+?)'/, (c) => `Lỗi: không có lệnh '${c}' (unknown command)`],
  [/^error: missing required argument '(.+?)'/, (a) => `Lỗi: thiếu tham số bắt buộc '${a}' (missing required argument)`],
  [/^error: option '(.+?)' argument missing/, (o) => `Lỗi: tuỳ chọn '${o}' cần một giá trị (option argument missing)`],
  [/^error: required option '(.+?)' not specified/, (o) => `Lỗi: thiếu tuỳ chọn bắt buộc '${o}' (required option not specified)`],
  [
    /^error: option '(.+?)' argument '(.*?)' is invalid\. Allowed choices are (.+?)\./,
    (o, v, c) => `Lỗi: tuỳ chọn '${o}' không nhận giá trị '${v}'; chọn một trong: ${c} (invalid choice)`,
  ],
  [/^error: option '(.+?)' argument '(.*?)' is invalid\. (.*)$/, (o, v, why) => `Lỗi: giá trị '${v}' của tuỳ chọn '${o}' không hợp lệ: ${why}`],
  [/^error: too many arguments(?: for '(.+?)')?\. Expected (\d+) arguments? but got (\d+)\./, (c, e, g) => `Lỗi: thừa tham số${c ? ` cho '${c}'` : ""}: cần ${e}, nhận ${g} (too many arguments)`],
  [/^error: (.+?) cannot be used with (.+)$/, (a, b) => `Lỗi: không dùng ${a} cùng với ${b} (conflicting options)`],
];

/** Commander's English → Vietnamese, line by line. */
export function vietnameseCommander(s: string): string {
  return s
    .split("\n")
    .map((line) => {
      for (const [re, fn] of ERRORS) {
        const m = re.exec(line);
        if (m) return fn(...m.slice(1).map((x) => x ?? ""));
      }
      return line
        .replace(/^\(Did you mean one of (.+)\?\)$/, "(Có phải một trong: $1?) (did you mean)")
        .replace(/^\(Did you mean (.+)\?\)$/, "(Có phải $1?) (did you mean)")
        .replace(/\(default: /g, "(mặc định: ")
        .replace(/\(choices: /g, "(chọn: ")
        .replace(/, default: /g, ", mặc định: ")
        .replace(/^(Usage:|Options:|Commands:|Arguments:|Global Options:)/, (t) => TITLES[t] ?? t)
        .replace(/\[options\]/g, "[tuỳ chọn]")
        .replace(/\[command\]/g, "[lệnh]");
    })
    .join("\n");
}

/** Vietnamese help and errors for a program and (by inheritance) every command added after. */
export function vietnamese(program: Command): Command {
  return program
    .configureOutput({
      writeOut: (s) => process.stdout.write(vietnameseCommander(s)),
      writeErr: (s) => process.stderr.write(vietnameseCommander(s)),
      outputError: (s, write) => write(vietnameseCommander(s)),
    })
    .helpOption("-h, --help", "xem hướng dẫn của lệnh (display help)")
    .helpCommand("help [lệnh]", "xem hướng dẫn của một lệnh (display help for command)")
    .showHelpAfterError("(thêm --help để xem hướng dẫn) (add --help for additional information)");
}
