// The grader's side of the harness's records (src/check/grading.ts): a record counts only if its
// HMAC verifies under the secret of the kernel it came from and it arrived while the grader was
// running that question's test cell. Everything else — text, display data that imitates a record
// or a verdict, records sent from a student's own cell — is ignored (and counted, for the report).

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

/** A record as it arrived: the display message's payload and mac, and where it arrived. */
export interface ReceivedRecord {
  payload: unknown;
  mac: unknown;
  /** Index of the graded cell that was running. */
  cell: number;
  /** The secret of the kernel that was running. */
  secret: Buffer;
}

export interface VerifiedRecord extends GradeRecord {
  cell: number;
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
  return { ...record, cell: received.cell };
}
