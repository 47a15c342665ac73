// Errata: where a lecture notebook finds the course notes wrong (a sign, an index, a constant), it
// records the erratum with erratum(); the reproduction report lists all of them.

import { display } from "../display/display";
import { ERRATUM_MIME, escapeHtml } from "../display/common";

export interface Erratum {
  lecture: number | string;
  /** Where in the notes, e.g. "Wzór (2.7)", "Algorytm 14, krok 3". */
  location: string;
  /** What the notes say. */
  text: string;
  /** What is right, and how the notebook shows it. */
  correction: string;
}


/**
 * Records an erratum of the notes.
 * @example
 * const lines = printed(() => erratum({ lecture: 0, location: "Wzór (0.1)", text: "2 + 2 = 5", correction: "2 + 2 = 4" }));
 * expect(lines).toEqual(['Erratum (lecture 0, Wzór (0.1)): the notes say "2 + 2 = 5"; correct: 2 + 2 = 4']);
 */
export function erratum(entry: Erratum): Erratum {
  const html =
    `<div class="deepnotes-erratum" style="font-family:system-ui,sans-serif;font-size:14px;padding:4px 8px;border-left:4px solid #d97706;background:#fffbeb">` +
    `<b style="color:#b45309">Erratum · lecture ${escapeHtml(String(entry.lecture))}, ${escapeHtml(entry.location)}</b>: ` +
    `the notes say “${escapeHtml(entry.text)}”; correct: ${escapeHtml(entry.correction)}</div>`;
  display({
    [ERRATUM_MIME]: entry,
    "text/html": html,
    "text/plain": `Erratum (lecture ${entry.lecture}, ${entry.location}): the notes say "${entry.text}"; correct: ${entry.correction}`,
  });
  return entry;
}
