// Where a JSON text stops being JSON, as line and column. V8 names the position only for some
// errors ("… in JSON at position 11"); for others it quotes a snippet of the text instead
// ("Unexpected token ',', …"), which for a 2 MB notebook helps nobody. So on a parse error we scan
// the text once more with this small validator, which only finds the offset of the first error.
// Grammar: RFC 8259.

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const WHITESPACE = /[ \t\n\r]*/y;

/** The offset of the first syntax error in `text` (its length for a premature end); -1 if valid. */
export function jsonErrorOffset(text: string): number {
  let i = 0;
  const fail = (): never => {
    throw new SyntaxAt(i);
  };
  const skipWhitespace = () => {
    WHITESPACE.lastIndex = i;
    WHITESPACE.exec(text);
    i = WHITESPACE.lastIndex;
  };
  const expect = (char: string) => {
    skipWhitespace();
    if (text[i] !== char) fail();
    i++;
  };
  const string = () => {
    expect('"');
    while (text[i] !== '"') {
      if (i >= text.length || text.charCodeAt(i) < 0x20) fail();
      if (text[i] === "\\") {
        i++;
        if (text[i] === "u") {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail();
          i += 4;
        } else if (!'"\\/bfnrt'.includes(text[i] ?? "x")) {
          fail();
        }
      }
      i++;
    }
    i++;
  };
  const sequence = (close: string, item: () => void) => {
    i++; // the opening bracket
    skipWhitespace();
    if (text[i] === close) {
      i++;
      return;
    }
    for (;;) {
      item();
      skipWhitespace();
      if (text[i] === close) {
        i++;
        return;
      }
      expect(",");
    }
  };
  const value = (): void => {
    skipWhitespace();
    const c = text[i];
    if (c === "{") {
      sequence("}", () => {
        string();
        expect(":");
        value();
      });
    } else if (c === "[") {
      sequence("]", value);
    } else if (c === '"') {
      string();
    } else if (c === "t" || c === "f" || c === "n") {
      const word = c === "t" ? "true" : c === "f" ? "false" : "null";
      if (!text.startsWith(word, i)) fail();
      i += word.length;
    } else {
      NUMBER.lastIndex = i;
      if (!NUMBER.test(text)) fail();
      i = NUMBER.lastIndex;
    }
  };
  try {
    value();
    skipWhitespace();
    if (i < text.length) fail();
    return -1;
  } catch (error) {
    if (error instanceof SyntaxAt) return error.offset;
    throw error;
  }
}

class SyntaxAt extends Error {
  constructor(readonly offset: number) {
    super(`JSON syntax error at offset ${offset}`);
  }
}

/** 1-based line and column of `offset` in `text`. */
function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  return { line: before.split("\n").length, column: offset - before.lastIndexOf("\n") };
}

/**
 * JSON.parse's message for `text`, with the quoted snippet or "at position N" replaced by
 * "at line L column C": "Unexpected token ',' at line 3 column 13".
 */
export function describeJsonError(message: string, text: string): string {
  const offset = jsonErrorOffset(text);
  if (offset < 0) return message;
  const what = message
    .replace(/ (?:in JSON )?at position \d+.*$/s, "")
    .replace(/, (?:\.\.\.)?".*" is not valid JSON$/s, "");
  const { line, column } = lineAndColumn(text, offset);
  return `${what} at line ${line} column ${column}`;
}
