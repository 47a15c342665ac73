// What one exported page accumulates while its cells render. Cells share it the way they share a
// live Jupyter page: a \newcommand in one markdown cell is known in the next (MathJax behaves so),
// heading ids stay unique across cells, and the page learns whether it needs KaTeX's CSS and fonts
// (any math at all) and plotly.js (any plot at all) — both are large, so they are inlined only then.

export interface PageState {
  /** KaTeX macros defined so far (KaTeX adds to this object on \newcommand with globalGroup). */
  macros: Record<string, string>;
  /** True once any formula was rendered. */
  usesMath: boolean;
  /** Heading ids already given out. */
  headingIds: Set<string>;
  /** Plots rendered so far; also numbers their divs. */
  plotCount: number;
}

export function newPageState(): PageState {
  return { macros: {}, usesMath: false, headingIds: new Set(), plotCount: 0 };
}
