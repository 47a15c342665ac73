// Locating JSON syntax errors: the offset the validator finds, and the message a student reads.
import { describe, expect, test } from "vitest";
import { describeJsonError, jsonErrorOffset } from "../../../kernel/runner/json-error";

function messageFor(text: string): string {
  try {
    JSON.parse(text);
  } catch (error) {
    return describeJsonError((error as Error).message, text);
  }
  throw new Error("expected invalid JSON");
}

describe("jsonErrorOffset", () => {
  test("valid JSON of every kind is -1", () => {
    expect(jsonErrorOffset('{"a": [1, -2.5e3, 0, "\\u00e9\\n\\"", true, false, null, {}, []]}')).toBe(-1);
    expect(jsonErrorOffset("  42  ")).toBe(-1);
  });

  test("points at the offending character", () => {
    expect(jsonErrorOffset("[1,]")).toBe(3); // trailing comma: the ]
    expect(jsonErrorOffset('{"a": 1 "b": 2}')).toBe(8); // missing comma
    expect(jsonErrorOffset("<<<<<<< HEAD\n{}")).toBe(0); // a merge conflict
    expect(jsonErrorOffset('{"a": "x')).toBe(8); // unterminated string: the end
    expect(jsonErrorOffset("01")).toBe(1);
  });
});

describe("describeJsonError", () => {
  test("V8's snippet is replaced by line and column", () => {
    expect(messageFor('{\n  "nbformat": 4,\n  "cells": [,]\n}\n')).toBe("Unexpected token ',' at line 3 column 13");
  });

  test("V8's position is replaced by line and column", () => {
    expect(messageFor('{\n "a": 1,\n}')).toBe("Expected double-quoted property name at line 3 column 1");
    expect(messageFor('{"a":1}}')).toBe("Unexpected non-whitespace character after JSON at line 1 column 8");
  });
});
