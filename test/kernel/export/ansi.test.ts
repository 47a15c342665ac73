// ANSI escape codes: SGR colours become styled spans (16 colours as classes the page colours with
// Jupyter's palette, xterm's 256-colour table and true colour as rgb()), everything else a terminal
// does with escapes is dropped, and text is always escaped.

import { describe, expect, test } from "vitest";
import { ANSI_CSS, ansiToHtml } from "../../../kernel/export/ansi";

describe("ansiToHtml", () => {
  test("plain text is only escaped, quotes included", () => {
    expect(ansiToHtml(`a < b & "c"`)).toBe("a &lt; b &amp; &quot;c&quot;");
  });

  test("16 colours, bold, and reset", () => {
    expect(ansiToHtml("\x1b[31mred\x1b[0m \x1b[1;94mbright\x1b[22m blue\x1b[39m.")).toBe(
      '<span class="ansi-red-fg">red</span> <span style="font-weight:bold" class="ansi-bright-blue-fg">bright</span><span class="ansi-bright-blue-fg"> blue</span>.',
    );
  });

  test("the page colours every named colour class with Jupyter's palette", () => {
    expect(ANSI_CSS).toContain(".ansi-red-fg { color: #e75c58; }");
    expect(ANSI_CSS).toContain(".ansi-bright-blue-fg { color: #0065ca; }");
    expect(ANSI_CSS).toContain(".ansi-yellow-bg { background-color: #ddb62b; }");
    expect(ANSI_CSS.split("\n")).toHaveLength(8 * 4);
  });

  test("256-colour and true-colour foregrounds and backgrounds", () => {
    expect(ansiToHtml("\x1b[38;5;196mx")).toBe('<span style="color:rgb(255,0,0)">x</span>'); // cube corner (5,0,0)
    expect(ansiToHtml("\x1b[38;5;232mx")).toBe('<span style="color:rgb(8,8,8)">x</span>'); // first grey
    expect(ansiToHtml("\x1b[48;2;10;20;30;1mx")).toBe('<span style="font-weight:bold;background-color:rgb(10,20,30)">x</span>');
  });

  test("cursor moves and line clears are dropped; an OSC 8 hyperlink becomes a link", () => {
    expect(ansiToHtml("\x1b[2K\x1b[1Gdone \x1b[?25l\x1b]8;;https://x.org\x07link\x1b]8;;\x07")).toBe('done <a href="https://x.org">link</a>');
  });

  test("styles do not leak from one output into the next", () => {
    expect(ansiToHtml("\x1b[31mred, never reset")).toBe('<span class="ansi-red-fg">red, never reset</span>');
    expect(ansiToHtml("plain")).toBe("plain");
  });
});
