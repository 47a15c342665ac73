// ANSI escape codes: SGR colours become styled spans (16 colours, xterm's 256-colour table, true
// colour), everything else a terminal does with escapes is dropped, and text is always escaped.

import { describe, expect, test } from "vitest";
import { ansiToHtml, stripAnsi } from "../../../kernel/export/ansi";

describe("ansiToHtml", () => {
  test("plain text is only escaped", () => {
    expect(ansiToHtml("a < b & c")).toBe("a &lt; b &amp; c");
  });

  test("16 colours, bold, and reset", () => {
    expect(ansiToHtml("\x1b[31mred\x1b[0m \x1b[1;94mbright\x1b[22m blue\x1b[39m.")).toBe(
      '<span style="color:#e75c58">red</span> <span style="color:#0065ca;font-weight:bold">bright</span><span style="color:#0065ca"> blue</span>.',
    );
  });

  test("256-colour and true-colour foregrounds and backgrounds", () => {
    expect(ansiToHtml("\x1b[38;5;196mx")).toBe('<span style="color:rgb(255,0,0)">x</span>'); // cube corner (5,0,0)
    expect(ansiToHtml("\x1b[38;5;232mx")).toBe('<span style="color:rgb(8,8,8)">x</span>'); // first grey
    expect(ansiToHtml("\x1b[48;2;10;20;30;1mx")).toBe('<span style="background-color:rgb(10,20,30);font-weight:bold">x</span>');
  });

  test("cursor moves, line clears and OSC hyperlinks are dropped", () => {
    expect(ansiToHtml("\x1b[2K\x1b[1Gdone \x1b]8;;https://x.org\x07link\x1b]8;;\x07")).toBe("done link");
  });
});

describe("stripAnsi", () => {
  test("removes every escape sequence and keeps the text", () => {
    expect(stripAnsi("\x1b[1;31mError\x1b[0m: \x1b[?25lboom")).toBe("Error: boom");
  });
});
