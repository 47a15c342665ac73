// The MIME types deepnotes puts into Jupyter display messages. Plots use plotly's registered type;
// claims and errata use our own vendor types so the headless runner collects them from the messages
// themselves, never by scraping text output.

export const PLOTLY_MIME = "application/vnd.plotly.v1+json";
export const CLAIM_MIME = "application/vnd.deepnotes.claim+json";
export const ERRATUM_MIME = "application/vnd.deepnotes.erratum+json";

/** One display message's data: MIME type → payload (strings, or JSON for +json types). */
export type MimeBundle = Record<string, unknown>;
