// LaTeX in markdown, rendered to KaTeX markup at export time so the page needs no script to show it.
// Finding the formulas is @vscode/markdown-it-katex's parser (VS Code's markdown preview): inline
// $…$, display $$…$$ (inline or as a block), and \begin{…}…\end{…} environments as blocks. It hands
// KaTeX the formula's raw source, so "_", "*" and "\\" inside it stay TeX; "\$" stays a literal
// dollar and code spans are never scanned. "$5 and $10" stays text: a closing $ followed by a digit
// or letter closes nothing.
// The rendering is ours (the plugin's renderers are replaced) because it belongs to the page, not
// to the parser: \newcommand in one cell is known in the next (the page's macros), the page learns
// that it needs KaTeX's CSS, and display math is a bare block (the plugin wraps it in a <p>, which
// cannot sit inside the paragraph of an inline $…$).
// Two rules differ from pandoc's: "$ x $" (spaces inside) is math, and a line that starts with $
// opens a display block that ends at the next $ at a line's end ("$a$ and more" at the start of
// a line is a KaTeX error; inside a sentence it is display math). VS Code's preview reads notebooks
// the same way. package.json's "overrides" makes the plugin share our KaTeX instead of installing
// an older copy of its own.

import markdownItKatex from "@vscode/markdown-it-katex";
import katex from "katex";
import type MarkdownIt from "markdown-it";
import { escapeHtml } from "../../src/display/common";
import type { MarkdownEnv } from "./markdown";
import type { PageState } from "./page-state";

/** The plugin's token types: $…$, and display math (math_block is also what $…$ inside a sentence becomes). */
export const INLINE_MATH = "math_inline";
export const DISPLAY_MATH = ["math_block", "math_inline_block", "math_inline_bare_block"] as const;

/**
 * KaTeX markup of one formula. A TeX error never throws: KaTeX shows the source in red with the
 * message as a tooltip (throwOnError: false), and anything else KaTeX throws becomes the same.
 */
function renderTex(tex: string, displayMode: boolean, page: PageState): string {
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
  md.use(markdownItKatex, { enableBareBlocks: true });
  md.renderer.rules[INLINE_MATH] = (tokens, idx, _options, env) => renderTex(tokens[idx].content, false, (env as MarkdownEnv).page);
  for (const type of DISPLAY_MATH) {
    md.renderer.rules[type] = (tokens, idx, _options, env) => `${renderTex(tokens[idx].content.trim(), true, (env as MarkdownEnv).page)}\n`;
  }
}
