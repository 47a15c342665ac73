// ANSI escape codes in stream output. Streams keep their colours, as Jupyter shows them: the
// package ansi_up turns SGR codes into spans (the 16 named colours as classes ansi-red-fg,
// ansi-bright-blue-bg, …, coloured by ANSI_CSS below with Jupyter's palette, readable on a white
// page; the 256-colour table and true colour as inline rgb()), escapes the text, turns OSC 8
// hyperlinks to http(s) into links and drops cursor moves and line clears, because a static page
// has no cursor. (Tracebacks are shown stripped of all escapes, in the page's own error style: outputs.ts.)
// ansi_up is an ES module: kernel/ is CommonJS and loads it with require(), which Node does from
// 20.19 on (package.json "engines").

import { AnsiUp } from "ansi_up";

/** Escaped HTML of text whose SGR colour codes become spans; other sequences are dropped. */
export function ansiToHtml(text: string): string {
  const converter = new AnsiUp(); // one per text: styles do not carry over from another output
  converter.use_classes = true;
  return converter.ansi_to_html(text);
}

// Jupyter's 16-colour palette: normal, then bright ("intense").
const PALETTE: Record<string, [string, string]> = {
  black: ["#3e424d", "#282c36"],
  red: ["#e75c58", "#b22b31"],
  green: ["#00a250", "#007427"],
  yellow: ["#ddb62b", "#b27d12"],
  blue: ["#208ffb", "#0065ca"],
  magenta: ["#d160c4", "#a03196"],
  cyan: ["#60c6c8", "#258f8f"],
  white: ["#c5c1b4", "#a1a6b2"],
};

/** The page's rules for ansi_up's colour classes. */
export const ANSI_CSS = Object.entries(PALETTE)
  .flatMap(([name, [normal, bright]]) => [
    `.ansi-${name}-fg { color: ${normal}; }`,
    `.ansi-${name}-bg { background-color: ${normal}; }`,
    `.ansi-bright-${name}-fg { color: ${bright}; }`,
    `.ansi-bright-${name}-bg { background-color: ${bright}; }`,
  ])
  .join("\n");
