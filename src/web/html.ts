// HTML with escaping by default: `html` is a tagged template in which every interpolated value is
// escaped unless it is itself the result of `html` (or `raw`, used only for markup this module
// builds). Report text carries raw HTML and characters that must never become markup.

export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ESC: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;", "`": "&#96;" };

/** Text for an element or a quoted attribute value. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"'`]/g, (c) => ESC[c]!);
}


function render(v: unknown): string {
  if (v == null || v === false || v === true) return "";
  if (v instanceof Html) return v.value;
  if (Array.isArray(v)) return v.map(render).join("");
  return escapeHtml(String(v));
}

export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += render(values[i]!) + strings[i + 1]!;
  return new Html(out);
}

/** Markup built by this module from escaped parts (never from request or report text directly). */
export function raw(s: string): Html {
  return new Html(s);
}

export function join(parts: unknown[], sep = ""): Html {
  return new Html(parts.map(render).join(escapeHtml(sep)));
}

/** A query string from filters, skipping empty values (for links that keep the page's filters). */
export function qs(params: Record<string, string | number | null | undefined>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v != null && v !== "") p.set(k, String(v));
  const s = p.toString();
  return s ? "?" + s : "";
}
