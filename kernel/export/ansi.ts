// ANSI escape codes in stream output and tracebacks. Streams keep their colours (SGR codes become
// styled spans, as Jupyter shows them); everything else (cursor moves, line clears, OSC links) is
// dropped, because a static page has no cursor. Tracebacks are shown stripped, in the page's own
// error style.

import { escapeHtml } from "../../src/display/common";

// CSI sequences (ESC [ params final-byte) and OSC sequences (ESC ] … BEL or ESC \).
const ESCAPE_SEQUENCE = /\x1b\[([0-9;?]*)([@-~])|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)/g;

// Jupyter's 16-colour palette (normal, then bright), readable on a white page.
const PALETTE = [
  "#3e424d", "#e75c58", "#00a250", "#ddb62b", "#208ffb", "#d160c4", "#60c6c8", "#c5c1b4",
  "#282c36", "#b22b31", "#007427", "#b27d12", "#0065ca", "#a03196", "#258f8f", "#a1a6b2",
];

interface Style {
  fg?: string;
  bg?: string;
  bold: boolean;
  italic: boolean;
  underline: boolean;
}

const PLAIN: Style = { bold: false, italic: false, underline: false };

/** Text without any ANSI escape sequences. */
export function stripAnsi(text: string): string {
  return text.replace(ESCAPE_SEQUENCE, "");
}

/** Escaped HTML of text whose SGR colour codes become <span style=…>; other sequences are dropped. */
export function ansiToHtml(text: string): string {
  let html = "";
  let style = PLAIN;
  let last = 0;
  for (const match of text.matchAll(ESCAPE_SEQUENCE)) {
    const at = match.index ?? 0; // always set for matchAll; typed optional
    html += styled(text.slice(last, at), style);
    last = at + match[0].length;
    if (match[2] === "m") style = applySgr(style, match[1]);
  }
  return html + styled(text.slice(last), style);
}

function styled(text: string, style: Style): string {
  if (text === "") return "";
  const css: string[] = [];
  if (style.fg !== undefined) css.push(`color:${style.fg}`);
  if (style.bg !== undefined) css.push(`background-color:${style.bg}`);
  if (style.bold) css.push("font-weight:bold");
  if (style.italic) css.push("font-style:italic");
  if (style.underline) css.push("text-decoration:underline");
  const escaped = escapeHtml(text);
  return css.length === 0 ? escaped : `<span style="${css.join(";")}">${escaped}</span>`;
}

/** The style after one SGR sequence ("1;31", "38;5;208", "" = reset). */
function applySgr(current: Style, params: string): Style {
  const codes = params === "" ? [0] : params.split(";").map((p) => (p === "" ? 0 : Number(p)));
  let style = { ...current };
  for (let i = 0; i < codes.length; i++) {
    const code = codes[i];
    if (code === 0) style = { ...PLAIN };
    else if (code === 1) style.bold = true;
    else if (code === 3) style.italic = true;
    else if (code === 4) style.underline = true;
    else if (code === 22) style.bold = false;
    else if (code === 23) style.italic = false;
    else if (code === 24) style.underline = false;
    else if (code >= 30 && code <= 37) style.fg = PALETTE[code - 30];
    else if (code >= 90 && code <= 97) style.fg = PALETTE[code - 90 + 8];
    else if (code >= 40 && code <= 47) style.bg = PALETTE[code - 40];
    else if (code >= 100 && code <= 107) style.bg = PALETTE[code - 100 + 8];
    else if (code === 39) style.fg = undefined;
    else if (code === 49) style.bg = undefined;
    else if (code === 38 || code === 48) {
      // Extended colour: 5;n (256-colour table) or 2;r;g;b (true colour).
      const [color, used] = extendedColor(codes, i + 1);
      if (code === 38) style.fg = color;
      else style.bg = color;
      i += used;
    }
  }
  return style;
}

/** The colour of "5;n" or "2;r;g;b" starting at codes[at], and how many codes it used. */
function extendedColor(codes: number[], at: number): [string | undefined, number] {
  if (codes[at] === 5 && at + 1 < codes.length) return [color256(codes[at + 1]), 2];
  if (codes[at] === 2 && at + 3 < codes.length) return [rgb(codes[at + 1], codes[at + 2], codes[at + 3]), 4];
  return [undefined, codes.length - at];
}

/** xterm's 256-colour table: 16 named colours, a 6×6×6 cube, then 24 greys. */
function color256(n: number): string | undefined {
  if (n < 16) return PALETTE[n];
  if (n < 232) {
    const level = (v: number) => (v === 0 ? 0 : 55 + 40 * v);
    const i = n - 16;
    return rgb(level(Math.floor(i / 36)), level(Math.floor(i / 6) % 6), level(i % 6));
  }
  if (n < 256) {
    const grey = 8 + 10 * (n - 232);
    return rgb(grey, grey, grey);
  }
  return undefined;
}

function rgb(r: number, g: number, b: number): string {
  return `rgb(${r},${g},${b})`;
}
