import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { E2E_BUILD_DIR, launchClipper, PROJECT_ROOT } from '../../cli/headless';
import type { Clip } from '../../utils/core/model/types';
import { articleUrlKeys } from '../../utils/core/model/url';
import { newsDraft, newsTags, random } from './news-library';

// Libraries of news clips for the library benchmark, filled through the test build's worker (the
// restore path: whole clips, a few hundred per transaction, then the search index's merge) and
// kept as browser profiles in bench/.cache, so that a run measures the popup, not hours of
// filling. A profile is made once per size and generator version; BENCH_FRESH=1 makes them anew,
// BENCH_CACHE puts them elsewhere.

/** Bump when the generator or the seeding changes: older profiles are then made again. */
const GENERATOR = 'news-v3';
const CACHE = process.env.BENCH_CACHE ?? join(PROJECT_ROOT, 'bench/.cache');
const BATCH = 500;
/**
 * The index is merged a segment of clips at a time (search-index.ts), and at the end of each size:
 * the stored index is the same whenever merges happen, and each segment's buckets are then
 * written once instead of once a batch.
 */
const MERGE_EVERY = 2048;
/**
 * The test build, copied to a path of its own: an unpacked extension's id (and so its database's
 * origin) comes from its folder, and a rebuild of .output must not pull the build from under a
 * browser that is filling a library.
 */
export const BENCH_EXTENSION = join(CACHE, 'extension');

/** Copies the current test build to BENCH_EXTENSION, where every benchmark browser loads it from. */
export function installBenchExtension(): string {
  rmSync(BENCH_EXTENSION, { recursive: true, force: true });
  mkdirSync(CACHE, { recursive: true });
  cpSync(E2E_BUILD_DIR, BENCH_EXTENSION, { recursive: true });
  return BENCH_EXTENSION;
}

export interface SeedFigures {
  clips: number;
  /** Wall time to fill the library, seconds. */
  seedSeconds: number;
  /** Article HTML stored, MB of UTF-8. */
  htmlMb: number;
  /** Median body, bytes of UTF-8. */
  medianBodyBytes: number;
  /** Per batch of BATCH clips: the write transaction (median), and the index merges (one batch in four or so merges: their mean over all batches), ms. */
  batchWriteMs: number;
  batchMergeMs: number;
}

export interface SeededLibrary extends SeedFigures {
  /** A copy of the cached profile, for this run to change at will; `discard` removes it. */
  dir: string;
  discard(): void;
}

/** Clip `n` of the benchmark library (1-based), the same on every run for the same `n`. */
export function benchClip(n: number): Clip {
  // A source per clip, its seed scrambled (consecutive seeds would start alike): clip n does not
  // depend on how many clips were made before it.
  const rand = random(Math.imul(n ^ (n >>> 16), 0x45d9f3b) ^ 0x9e3779b9);
  const draft = newsDraft(n, rand);
  // Clipped over years, a few hours apart, as an archive was.
  const at = Date.UTC(2014, 0, 1) + n * 4 * 3_600_000;
  return { ...draft, id: `bench-${n}`, seq: 0, clippedAt: at, updatedAt: at, tags: newsTags(rand), urlKeys: articleUrlKeys(draft.pageUrl, draft.url), revisionCount: 0, revisions: [] };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const profileDir = (size: number) => join(CACHE, `${GENERATOR}-${size}`);

/**
 * Profiles holding the first `size` benchmark clips, for each size (ascending): the larger are
 * filled on from a copy of the smaller, so 65,000 clips cost 65,000 writes in all.
 */
export async function seededLibraries(sizes: number[], log: (line: string) => void): Promise<Map<number, SeededLibrary>> {
  const sorted = [...new Set(sizes)].sort((a, b) => a - b);
  mkdirSync(CACHE, { recursive: true });
  if (process.env.BENCH_FRESH === '1') for (const size of sorted) rmSync(profileDir(size), { recursive: true, force: true });
  let from: { size: number; figures: SeedFigures; batches: { writeMs: number[]; mergeMs: number[] } } | undefined;
  for (const size of sorted) {
    const dir = profileDir(size);
    if (existsSync(join(dir, 'seeded.json'))) {
      const saved = JSON.parse(readFileSync(join(dir, 'seeded.json'), 'utf8')) as SeedFigures & { batches: { writeMs: number[]; mergeMs: number[] } };
      from = { size, figures: saved, batches: saved.batches };
      continue;
    }
    const work = mkdtempSync(join(tmpdir(), 'news-clipper-seed-'));
    if (from) cpSync(profileDir(from.size), work, { recursive: true });
    const session = await launchClipper({ userDataDir: work, extensionDir: BENCH_EXTENSION });
    const started = performance.now();
    const batches = { writeMs: [...(from?.batches.writeMs ?? [])], mergeMs: [...(from?.batches.mergeMs ?? [])] };
    let htmlBytes = (from?.figures.htmlMb ?? 0) * 1e6;
    for (let n = (from?.size ?? 0) + 1; n <= size; n += BATCH) {
      const clips = Array.from({ length: Math.min(BATCH, size - n + 1) }, (_, i) => benchClip(n + i));
      for (const clip of clips) htmlBytes += Buffer.byteLength(clip.contentHtml);
      const last = n + clips.length - 1 === size;
      const { writeMs, mergeMs } = await session.worker.evaluate(([batch, at]) => __newsClipperSeedClips(batch, at), [clips, last ? 1 : MERGE_EVERY] as const);
      batches.writeMs.push(writeMs);
      batches.mergeMs.push(mergeMs);
      log(`seeded ${n + clips.length - 1} of ${size} (batch: write ${Math.round(writeMs)} ms, index merge ${Math.round(mergeMs)} ms)`);
    }
    const seedSeconds = (from?.figures.seedSeconds ?? 0) + (performance.now() - started) / 1000;
    // Closing the context (not the session, which removes its profile) keeps the library on disk.
    await session.context.close();
    const sample = Array.from({ length: Math.min(size, 2000) }, (_, i) => Buffer.byteLength(benchClip(1 + Math.floor((i * size) / Math.min(size, 2000))).contentHtml));
    const figures: SeedFigures = {
      clips: size,
      seedSeconds: Math.round(seedSeconds),
      htmlMb: Math.round(htmlBytes / 1e5) / 10,
      medianBodyBytes: median(sample),
      batchWriteMs: Math.round(median(batches.writeMs)),
      batchMergeMs: Math.round(batches.mergeMs.reduce((a, b) => a + b, 0) / Math.max(1, batches.mergeMs.length)),
    };
    writeFileSync(join(work, 'seeded.json'), JSON.stringify({ ...figures, batches }, null, 2));
    rmSync(dir, { recursive: true, force: true });
    renameSync(work, dir);
    from = { size, figures, batches };
  }
  const out = new Map<number, SeededLibrary>();
  for (const size of sorted) {
    const saved = JSON.parse(readFileSync(join(profileDir(size), 'seeded.json'), 'utf8')) as SeedFigures;
    const copy = mkdtempSync(join(tmpdir(), 'news-clipper-bench-'));
    cpSync(profileDir(size), copy, { recursive: true });
    const { clips, seedSeconds, htmlMb, medianBodyBytes, batchWriteMs, batchMergeMs } = saved;
    out.set(size, { clips, seedSeconds, htmlMb, medianBodyBytes, batchWriteMs, batchMergeMs, dir: copy, discard: () => rmSync(copy, { recursive: true, force: true }) });
  }
  return out;
}
