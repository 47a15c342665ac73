// Markdown cells (and text/markdown outputs) as HTML, the way Jupyter shows them: CommonMark plus
// GFM tables and strikethrough, bare http(s) URLs linked, raw HTML passed through (Jupyter trusts the
// notebooks it renders, and ours are our own), LaTeX through KaTeX (math.ts), headings with ids and
// a ¶ link, and images attached to the cell (![](attachment:x.png)) as data: URLs.

import MarkdownIt from "markdown-it";
import type { MimeBundle } from "../../src/display/common";
import { DISPLAY_MATH, INLINE_MATH, mathPlugin } from "./math";
import { newPageState, type PageState } from "./page-state";

/** What markdown-it's rules see as `env` while one cell renders. */
export interface MarkdownEnv extends MarkdownIt.Env {
  page: PageState;
  /** The cell's attachments: file name → MIME bundle (nbformat). */
  attachments?: Record<string, MimeBundle>;
}

const md = new MarkdownIt({ html: true, linkify: true });
// Only URLs with a scheme: file names such as README.md or engine.py end in real top-level domains.
md.linkify.set({ fuzzyLink: false });
md.use(mathPlugin);
md.core.ruler.push("heading_ids", headingIds);

const renderImage = md.renderer.rules.image;
md.renderer.rules.image = (tokens, idx, options, env, self) => {
  const token = tokens[idx];
  const src = String(token.attrGet("src") ?? "");
  if (src.startsWith("attachment:")) {
    const url = attachmentUrl((env as MarkdownEnv).attachments?.[decodeURIComponent(src.slice("attachment:".length))]);
    if (url !== undefined) token.attrSet("src", url);
  }
  return renderImage(tokens, idx, options, env, self);
};

/** HTML of a markdown source. */
export function renderMarkdown(source: string, env: MarkdownEnv): string {
  return md.render(source, env);
}

/** The plain text of the first level-1 heading in a markdown source, if any. */
export function firstHeading(source: string): string | undefined {
  const scratch: MarkdownEnv = { page: newPageState() }; // parsing gives out heading ids; not the page's
  const tokens = md.parse(source, scratch);
  const at = tokens.findIndex((t) => t.type === "heading_open" && t.tag === "h1");
  if (at === -1) return undefined;
  const text = inlineText(tokens[at + 1]).trim();
  return text === "" ? undefined : text;
}

/** Gives each heading an id (unique on the page) and appends a ¶ link to it, as Jupyter does. */
function headingIds(state: MarkdownIt.StateCore): void {
  const page = (state.env as MarkdownEnv).page;
  for (let i = 0; i + 1 < state.tokens.length; i++) {
    const token = state.tokens[i];
    if (token.type !== "heading_open") continue;
    const inline = state.tokens[i + 1];
    const base = slug(inlineText(inline)) || "section";
    let id = base;
    for (let n = 2; page.headingIds.has(id); n++) id = `${base}-${n}`;
    page.headingIds.add(id);
    token.attrSet("id", id);
    const link = new state.Token("html_inline", "", 0);
    link.content = `<a class="anchor-link" href="#${encodeURIComponent(id)}" aria-label="link to this section">¶</a>`;
    inline.children?.push(link);
  }
}

const TEXT_TOKENS = new Set<string>(["text", "code_inline", INLINE_MATH, ...DISPLAY_MATH]);

/** The text of an inline token: words, code spans and formulas' TeX, without markup or raw HTML. */
function inlineText(inline: MarkdownIt.Token): string {
  return (inline.children ?? [])
    .map((child) => (child.type === "softbreak" ? " " : TEXT_TOKENS.has(child.type) ? child.content : ""))
    .join("");
}

/** Jupyter-like heading ids: lower case, spaces → "-", letters of any script kept. */
function slug(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .replace(/\s+/g, "-");
}

/** A data: URL for an attached image, or undefined if the attachment is missing or not an image. */
function attachmentUrl(bundle: MimeBundle | undefined): string | undefined {
  if (bundle === undefined) return undefined;
  for (const [mime, value] of Object.entries(bundle)) {
    if (!mime.startsWith("image/")) continue;
    const data = Array.isArray(value) ? value.join("") : String(value);
    return mime === "image/svg+xml"
      ? `data:image/svg+xml;charset=utf-8,${encodeURIComponent(data)}`
      : `data:${mime};base64,${data.replace(/\s/g, "")}`;
  }
  return undefined;
}
