// The grader's side of the harness's records (src/check/grading.ts): a record counts only if its
// HMAC verifies under the secret of the kernel it came from. It arrives twice — as a display
// message and as a stderr line — and counts once (the same payload is the same record). Text or
// display data that imitates a record or a verdict is ignored and counted, for the report.

import { createHmac, timingSafeEqual } from "node:crypto";
import type { CaseKind } from "../../src/check/cases";

export interface GradeRecord {
  seq: number;
  phase: "begin" | "end" | "test-error";
  question: string;
  case?: string;
  kind?: CaseKind;
  points?: string;
  hidden?: boolean;
  options?: { atol?: string; rtol?: string; equalNan?: boolean };
  /** The value in wire form (parsed JSON), or null. */
  actual?: unknown;
  error?: string | null;
  /** Author mode only. */
  expected?: unknown;
  expectedError?: string | null;
  expectedIsFunction?: boolean;
}

/** A record as it arrived: its payload and mac, and where it arrived. */
export interface ReceivedRecord {
  payload: unknown;
  mac: unknown;
  /** Index of the graded cell that was running when a display message arrived; null from stderr. */
  cell: number | null;
  /** The secret of the kernel that was running. */
  secret: Buffer;
}

export interface VerifiedRecord extends GradeRecord {
  cell: number | null;
  /** The signed text itself: two records are the same record when it is the same. */
  payload: string;
}

/** "<prefix><payload as a JSON string> <mac>" → { payload, mac }, or null for any other line. */
export function parseRecordLine(line: string, prefix: string): { payload: unknown; mac: unknown } | null {
  if (!line.startsWith(prefix)) return null;
  const space = line.lastIndexOf(" ");
  if (space <= prefix.length) return null;
  try {
    return { payload: JSON.parse(line.slice(prefix.length, space)) as unknown, mac: line.slice(space + 1) };
  } catch {
    return null;
  }
}

/** The verified, parsed record, or null for anything that does not verify. */
export function verifyRecord(received: ReceivedRecord): VerifiedRecord | null {
  const { payload, mac } = received;
  if (typeof payload !== "string" || typeof mac !== "string" || !/^[0-9a-f]{64}$/.test(mac)) return null;
  const expected = createHmac("sha256", received.secret).update(payload, "utf8").digest();
  if (!timingSafeEqual(Buffer.from(mac, "hex"), expected)) return null;
  let record: GradeRecord;
  try {
    record = JSON.parse(payload) as GradeRecord;
  } catch {
    return null;
  }
  if (typeof record !== "object" || record === null || typeof record.question !== "string") return null;
  return { ...record, cell: received.cell, payload };
}
