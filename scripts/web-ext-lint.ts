import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

// `web-ext lint` on a Firefox build, failing on any error and on any warning or notice that is not
// a known, explained finding (docs/web-ext-lint.md). Findings are recognised by the code around the
// flagged position, not by line and column, which move with every build. A new `innerHTML` (or any
// other finding) in our own code therefore fails `npm test`.
// Usage: tsx scripts/web-ext-lint.ts .output/firefox-mv3
// (Minified names may hold `$`: signatures match identifiers as [\w$]+.)

interface Finding {
  code: string;
  message: string;
  file?: string;
  line?: number;
  column?: number;
}

interface Known {
  code: string;
  /** Whose code it is. */
  source: string;
  /** Matched against the built code around the flagged position. */
  signature: RegExp;
  /** Why it is safe where it runs (the full reasoning is in docs/web-ext-lint.md). */
  why: string;
}

export const KNOWN: Known[] = [
  {
    code: 'UNSAFE_VAR_ASSIGNMENT',
    source: '@mozilla/readability (Readability.prototype._grabArticle)',
    signature: /readability-page-1[\s\S]*innerHTML=[\w$]+,this\._attempts\.push/,
    why: 'restores its own saved copy of the page body before a retry; runs on our inert clone of the page',
  },
  {
    code: 'UNSAFE_VAR_ASSIGNMENT',
    source: '@mozilla/readability (Readability.prototype._unwrapNoscriptImages)',
    signature: /_isSingleImage\([\w$]+\)\)\{var [\w$]+=[\w$]+\.createElement\(`div`\);[\w$]+\.innerHTML=[\w$]+\.innerHTML/,
    why: "copies a <noscript>'s markup into a div of the same inert clone",
  },
  {
    code: 'UNSAFE_VAR_ASSIGNMENT',
    source: 'dompurify (DOMPurify._initDocument)',
    signature: /createDocument\([\w$]+,`template`,null\);try\{[\w$]+\.documentElement\.innerHTML=/,
    why: "DOMPurify's fallback parse into an inert document it created, before it sanitizes",
  },
  {
    code: 'UNSAFE_VAR_ASSIGNMENT',
    source: 'preact (diff: dangerouslySetInnerHTML)',
    signature: /dangerouslySetInnerHTML[\s\S]*\.innerHTML=[\w$]+\.__html/,
    why: 'only reached through dangerouslySetInnerHTML, which no component of ours uses',
  },
];

function context(sourceDir: string, finding: Finding): string {
  if (!finding.file || !finding.line) return '';
  const lines = readFileSync(join(sourceDir, finding.file), 'utf8').split('\n');
  const text = lines[finding.line - 1] ?? '';
  const at = finding.column ?? 0;
  return text.slice(Math.max(0, at - 500), at + 200);
}

export function classify(sourceDir: string, findings: Finding[]): { known: Array<[Finding, Known]>; unknown: Finding[] } {
  const known: Array<[Finding, Known]> = [];
  const unknown: Finding[] = [];
  for (const finding of findings) {
    const around = context(sourceDir, finding);
    const match = KNOWN.find((k) => k.code === finding.code && k.signature.test(around));
    if (match) known.push([finding, match]);
    else unknown.push(finding);
  }
  return { known, unknown };
}

function main(): void {
  const dir = process.argv[2];
  if (!dir) throw new Error('Usage: tsx scripts/web-ext-lint.ts <extension build folder>');
  const sourceDir = resolve(dir);
  const webExt = resolve('node_modules/.bin/web-ext');
  const run = spawnSync(webExt, ['lint', '--source-dir', sourceDir, '--self-hosted', '--output', 'json'], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const report = JSON.parse(run.stdout) as { errors: Finding[]; warnings: Finding[]; notices: Finding[] };
  const { known, unknown } = classify(sourceDir, [...report.warnings, ...report.notices]);
  console.log(`web-ext lint ${dir}: ${report.errors.length} errors, ${report.warnings.length} warnings, ${report.notices.length} notices`);
  for (const [finding, k] of known) console.log(`  known  ${finding.code} ${finding.file}:${finding.line}:${finding.column} — ${k.source}: ${k.why}`);
  for (const finding of [...report.errors, ...unknown]) console.log(`  NEW    ${finding.code} ${finding.file ?? ''}:${finding.line ?? ''}:${finding.column ?? ''} — ${finding.message}`);
  if (report.errors.length > 0 || unknown.length > 0) {
    console.error('web-ext lint: errors, or warnings not explained in docs/web-ext-lint.md (see NEW above).');
    process.exitCode = 1;
  }
}

if (process.argv[1] && resolve(process.argv[1]) === resolve('scripts/web-ext-lint.ts')) main();
