// Escaping for the exported page. Everything a notebook produced as text (code, stream output,
// text/plain, tracebacks) goes through escapeHtml; JSON placed inside a <script> goes through
// scriptJson, because the HTML parser ends a script at the first "</script" whatever JS thinks of it.

const HTML_ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Text as HTML: safe in element content and in quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ENTITIES[c]);
}

/**
 * JSON that is safe as the content of a <script> element: every "<" becomes "\u003c" (still the
 * same JSON), so neither "</script>" nor "<!--" can appear in it.
 */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c");
}
