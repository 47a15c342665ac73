// LaTeX in markdown, rendered to KaTeX markup at export time so the page needs no script to show it.
// A small markdown-it plugin instead of a dependency: inline $…$, display $$…$$ (inline or as a
// block), and \begin{equation}-style environments as blocks. The rules hand KaTeX the formula's
// raw source, so "_", "*" and "\\" inside it stay TeX; "\$" stays a literal dollar (markdown-it's
// escape rule consumes it first) and code spans are never scanned.
// The $…$ rule is pandoc's: no space just inside the dollars and no digit right after the closing
// one, so "costs $5 and $10" is text.

import katex from "katex";
import type MarkdownIt from "markdown-it";
import { escapeHtml } from "../../src/display/common";
import type { MarkdownEnv } from "./markdown";
import type { PageState } from "./page-state";

/** Display environments that may start a math block on their own (KaTeX renders all of them). */
const ENVIRONMENTS = new Set(["equation", "equation*", "align", "align*", "alignat", "alignat*", "gather", "gather*"]);

/**
 * KaTeX markup of one formula. A TeX error never throws: KaTeX shows the source in red with the
 * message as a tooltip (throwOnError: false), and anything else KaTeX throws becomes the same.
 */
export function renderTex(tex: string, displayMode: boolean, page: PageState): string {
  page.usesMath = true;
  try {
    return katex.renderToString(tex, {
      displayMode,
      throwOnError: false,
      strict: "ignore", // lecture notes write Polish letters inside \text{} and outside it
      macros: page.macros,
      globalGroup: true,
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return `<span class="math-error" title="${escapeHtml(message)}">${escapeHtml(tex)}</span>`;
  }
}

/** The markdown-it plugin; renderers read the page from `env.page`. */
export function mathPlugin(md: MarkdownIt.MarkdownIt): void {
  md.inline.ruler.after("escape", "math_inline", mathInline);
  md.block.ruler.before("paragraph", "math_block", mathBlock, { alt: ["paragraph", "reference", "blockquote", "list"] });
  md.renderer.rules.math_inline = (tokens, idx, _options, env) => renderTex(tokens[idx].content, false, (env as MarkdownEnv).page);
  md.renderer.rules.math_inline_display = (tokens, idx, _options, env) => renderTex(tokens[idx].content, true, (env as MarkdownEnv).page);
  md.renderer.rules.math_block = (tokens, idx, _options, env) => `${renderTex(tokens[idx].content, true, (env as MarkdownEnv).page)}\n`;
}

/** $…$ or $$…$$ inside a paragraph. */
function mathInline(state: MarkdownIt.StateInline, silent: boolean): boolean {
  const src = state.src;
  const start = state.pos;
  if (src[start] !== "$") return false;
  const display = src[start + 1] === "$";
  const delimiter = display ? "$$" : "$";
  const from = start + delimiter.length;
  if (!display && (from >= state.posMax || /\s/.test(src[from]))) return false;

  const end = findClosing(src, from, state.posMax, delimiter);
  if (end === -1 || end === from) return false;
  if (!silent) {
    const token = state.push(display ? "math_inline_display" : "math_inline", "math", 0);
    token.content = src.slice(from, end);
    token.markup = delimiter;
  }
  state.pos = end + delimiter.length;
  return true;
}

/**
 * Index of the first delimiter after `from` (\-escaped characters skipped), or -1 if there is none
 * or — for a single $ — it cannot close: pandoc does not look further, so "$5 and $10" stays text.
 */
function findClosing(src: string, from: number, max: number, delimiter: string): number {
  for (let i = from; i < max; i++) {
    if (src[i] === "\\") {
      i++;
      continue;
    }
    if (!src.startsWith(delimiter, i) || i + delimiter.length > max) continue;
    if (delimiter === "$" && (/\s/.test(src[i - 1]) || /[0-9]/.test(src[i + 1] ?? ""))) return -1;
    return i;
  }
  return -1;
}

/** A block that starts a line with $$ or \begin{env} and ends a line with $$ or \end{env}. */
function mathBlock(state: MarkdownIt.StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  if (state.sCount[startLine] - state.blkIndent >= 4) return false; // an indented code block
  const first = lineText(state, startLine);
  let open: string;
  let close: string;
  if (first.startsWith("$$")) {
    open = "$$";
    close = "$$";
  } else {
    const begin = /^\\begin\{([A-Za-z]+\*?)\}/.exec(first);
    if (begin === null || !ENVIRONMENTS.has(begin[1])) return false;
    open = "";
    close = `\\end{${begin[1]}}`;
  }

  // The closing delimiter may sit on the first line itself ("$$ x $$"), after the opening one.
  let line = startLine;
  let text = first;
  let searchFrom = open === "" ? first.indexOf("}") + 1 : open.length;
  let at = text.indexOf(close, searchFrom);
  while (at === -1) {
    line++;
    if (line >= endLine) return false;
    text = lineText(state, line);
    searchFrom = 0;
    at = text.indexOf(close);
  }
  const after = at + close.length;
  if (text.slice(after).trim() !== "") return false; // "$$a$$ and more" is inline math in a paragraph
  if (silent) return true;

  const startPos = state.bMarks[startLine] + state.tShift[startLine];
  const endPos = state.bMarks[line] + state.tShift[line] + after;
  const whole = state.src.slice(startPos, endPos);
  const token = state.push("math_block", "math", 0);
  token.block = true;
  token.content = open === "" ? whole : whole.slice(open.length, whole.length - close.length);
  token.markup = open;
  token.map = [startLine, line + 1];
  state.line = line + 1;
  return true;
}

function lineText(state: MarkdownIt.StateBlock, line: number): string {
  return state.src.slice(state.bMarks[line] + state.tShift[line], state.eMarks[line]);
}
