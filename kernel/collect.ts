// Structured results of an executed notebook: the claims and errata it emitted, read from their own
// MIME types in the recorded display outputs — never from text — with the cell each came from.

import { CLAIM_MIME, ERRATUM_MIME } from "../src/display/common";
import type { ClaimResult } from "../src/check/claim";
import type { Erratum } from "../src/check/erratum";
import type { Notebook } from "./notebook-format";

export interface Located {
  /** The notebook's file name without extension, e.g. "01-deep-networks". */
  notebook: string;
  /** Index of the cell in notebook.cells (the HTML page has an anchor #cell-<index>). */
  cellIndex: number;
}

export type CollectedClaim = ClaimResult & Located;
export type CollectedErratum = Erratum & Located;

export function collectStructured(notebook: Notebook, name: string): { claims: CollectedClaim[]; errata: CollectedErratum[] } {
  const claims: CollectedClaim[] = [];
  const errata: CollectedErratum[] = [];
  notebook.cells.forEach((cell, cellIndex) => {
    if (cell.cell_type !== "code") return;
    for (const output of cell.outputs) {
      if (output.output_type !== "display_data" && output.output_type !== "execute_result") continue;
      const claim = output.data[CLAIM_MIME] as ClaimResult | undefined;
      if (claim) claims.push({ ...claim, notebook: name, cellIndex });
      const erratum = output.data[ERRATUM_MIME] as Erratum | undefined;
      if (erratum) errata.push({ ...erratum, notebook: name, cellIndex });
    }
  });
  return { claims, errata };
}
