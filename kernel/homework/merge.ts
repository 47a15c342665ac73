// `deepnotes grade merge <dirs…> --out <dir>`: joins the outputs of sharded grading runs (each
// machine graded `--shard i/n` into its own folder) into one: every submission's folder copied,
// grades.csv rebuilt from the results.json files. Shards must have used the same bundle, and a
// submission graded by two shards must have the same results in both.

import { isDeepStrictEqual } from "node:util";
import * as fs from "node:fs";
import * as path from "node:path";
import { deepnotesExtra, gradeRowOf, gradesCsv, type GradeRow } from "./results";

export interface MergeSummary {
  submissions: number;
  csvFile: string;
}

interface Found {
  /** The submission's folder. */
  dir: string;
  results: Record<string, unknown>;
  bundleSha256: string;
  questionIds: string[];
}

/** Every <dir>/<name>/results.json written by deepnotes grade. */
export function readGraded(dir: string): Found[] {
  if (!fs.statSync(dir, { throwIfNoEntry: false })?.isDirectory()) throw new Error(`${dir}: not a folder of graded submissions`);
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name, "results.json");
    if (!entry.isDirectory() || !fs.existsSync(file)) return [];
    const results = JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, unknown>;
    const extra = deepnotesExtra(results);
    if (extra?.bundle_sha256 === undefined || extra.questions === undefined) throw new Error(`${file}: not a results.json written by deepnotes grade`);
    return [{ dir: path.join(dir, entry.name), results, bundleSha256: extra.bundle_sha256, questionIds: Object.keys(extra.questions) }];
  });
}

export function mergeGraded(dirs: string[], outDir: string): MergeSummary {
  const bySubmission = new Map<string, Found>();
  let bundle: string | undefined;
  let questionIds: string[] | undefined;
  for (const dir of dirs) {
    for (const found of readGraded(dir)) {
      const { results } = found;
      if (bundle !== undefined && found.bundleSha256 !== bundle) throw new Error(`${found.dir}: graded with another autograder bundle than the other shards`);
      bundle = found.bundleSha256;
      questionIds ??= found.questionIds;
      const row = gradeRowOf(results);
      const other = bySubmission.get(row.submission);
      if (other !== undefined && !sameGrade(other.results, results)) {
        throw new Error(`${row.submission} was graded differently in ${other.dir} and ${dir}`);
      }
      bySubmission.set(row.submission, found);
    }
  }
  if (questionIds === undefined) throw new Error(`no graded submissions in ${dirs.join(", ")}`);
  fs.mkdirSync(outDir, { recursive: true });
  const rows: GradeRow[] = [];
  for (const [name, found] of bySubmission) {
    const target = path.join(outDir, name);
    if (path.resolve(found.dir) !== path.resolve(target)) fs.cpSync(found.dir, target, { recursive: true });
    rows.push(gradeRowOf(found.results));
  }
  const csvFile = path.join(outDir, "grades.csv");
  fs.writeFileSync(csvFile, gradesCsv(questionIds, rows));
  return { submissions: rows.length, csvFile };
}

/** The same grade, whatever the time it took. */
function sameGrade(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const { execution_time: _a, ...restA } = a;
  const { execution_time: _b, ...restB } = b;
  return isDeepStrictEqual(restA, restB);
}
