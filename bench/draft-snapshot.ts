import { readFileSync, writeFileSync } from 'node:fs';
import { ensureE2eBuild, launchClipper, PROJECT_ROOT } from '../cli/headless';
import { corpusDir, loadCorpus } from '../test/harness/corpus-pages';
import { runCorpus } from '../test/harness/corpus-run';

// `npx tsx bench/draft-snapshot.ts <out.json> [--compare=<before.json>]`: clips every corpus page
// through the test build and writes each page's whole draft (metadata and body), so that a change
// meant to keep results (a speed-up, a refactor) can be checked to keep them, field by field.
// With --compare, prints the pages and fields that differ from an earlier snapshot.

const args = process.argv.slice(2);
const out = args.find((a) => !a.startsWith('--'));
const compareWith = args.find((a) => a.startsWith('--compare='))?.slice('--compare='.length);
if (!out) {
  console.error('Usage: npx tsx bench/draft-snapshot.ts <out.json> [--compare=<before.json>]');
  process.exit(2);
}
const pages = loadCorpus(PROJECT_ROOT);
if (!pages) {
  console.error(`The corpus is not at ${corpusDir(PROJECT_ROOT)}.`);
  process.exit(1);
}
ensureE2eBuild(console.log);
const session = await launchClipper();
let runs;
try {
  runs = await runCorpus(session, pages, { timeoutMs: 15_000, fullPageFallback: true, projectRoot: PROJECT_ROOT });
} finally {
  await session.close();
}
type Snapshot = Record<string, { status: string; mode?: string; draft?: Record<string, unknown> }>;
const snapshot: Snapshot = Object.fromEntries(runs.map((r) => [r.name, { status: r.status, mode: r.mode, draft: r.draft as Record<string, unknown> | undefined }]));
writeFileSync(out, JSON.stringify(snapshot, null, 1));
console.log(`Written: ${out} (${runs.length} pages)`);

if (compareWith) {
  const before = JSON.parse(readFileSync(compareWith, 'utf8')) as Snapshot;
  let differing = 0;
  for (const [name, now] of Object.entries(snapshot)) {
    const then = before[name];
    const fields = new Set([...Object.keys(now.draft ?? {}), ...Object.keys(then?.draft ?? {})]);
    const changed = [...fields].filter((f) => JSON.stringify(now.draft?.[f]) !== JSON.stringify(then?.draft?.[f]));
    if (now.status !== then?.status) changed.unshift('status');
    if (changed.length === 0) continue;
    differing++;
    console.log(`${name}: ${changed.join(', ')}`);
    for (const f of changed.filter((f) => f !== 'contentHtml' && f !== 'status'))
      console.log(`    ${f}: ${JSON.stringify(then?.draft?.[f])} → ${JSON.stringify(now.draft?.[f])}`);
  }
  console.log(`${differing} of ${runs.length} pages differ from ${compareWith}.`);
}
