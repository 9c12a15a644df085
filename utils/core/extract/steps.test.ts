// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { makePage, NOW } from '../../../test/helpers/page';
import { extractClip, extractDraft } from './extract-draft';
import { runStepsPaced } from './steps';

// The clip's steps are logged by wrapping the modules that do them; the yield function the
// content script would pass logs too, and resumes only after a later macrotask, so a step that
// ran without waiting for it shows in the log before its 'resumed'.

const log: string[] = [];

vi.mock('@mozilla/readability', async (importOriginal) => {
  const { Readability } = await importOriginal<typeof import('@mozilla/readability')>();
  class Logged<T> extends Readability<T> {
    override parse() {
      log.push('readability');
      return super.parse();
    }
  }
  return { Readability: Logged };
});
vi.mock('./sanitize', async (importOriginal) => {
  const original = await importOriginal<typeof import('./sanitize')>();
  return {
    ...original,
    sanitizeToBody: (html: string, win: Window) => {
      log.push('sanitize');
      return original.sanitizeToBody(html, win);
    },
  };
});
vi.mock('./metadata', async (importOriginal) => {
  const original = await importOriginal<typeof import('./metadata')>();
  return {
    ...original,
    readMetadata: (...args: Parameters<typeof original.readMetadata>) => {
      log.push('metadata');
      return original.readMetadata(...args);
    },
  };
});

const yieldToPage = () => {
  log.push('yield');
  return new Promise<void>((resolve) =>
    setTimeout(() => {
      log.push('resumed');
      resolve();
    }, 0),
  );
};

const GOLDEN = join(dirname(fileURLToPath(import.meta.url)), '../../../test/fixtures/golden/');
const PAGE_URL = 'https://www.epochtimes.com/gb/23/6/18/n14018244.htm';
const golden = () => makePage(readFileSync(`${GOLDEN}epochtimes-n14018244.html`, 'utf8'), PAGE_URL);

beforeEach(() => {
  log.length = 0;
});

describe('the clip in steps', () => {
  it('gives the page its thread back between Readability, the sanitizer, the normalising and the metadata', async () => {
    const { doc, win } = golden();
    const result = await extractClip(doc, win, { mode: 'article', now: NOW, yieldToPage });
    expect(result.ok).toBe(true);
    // The clone and the text sample first; the normalising sits between the two last yields.
    expect(log).toEqual(['yield', 'resumed', 'readability', 'yield', 'resumed', 'sanitize', 'yield', 'resumed', 'yield', 'resumed', 'metadata']);
  });

  it('answers what the clip in one task answers, byte for byte', async () => {
    const once = golden();
    const paced = golden();
    const expected = extractDraft(once.doc, once.win, { mode: 'article', now: NOW });
    expect(await extractClip(paced.doc, paced.win, { mode: 'article', now: NOW, yieldToPage })).toEqual(expected);
  });

  it('yields in full-page and selection modes too, before the sanitizer and after it', async () => {
    const { doc, win } = golden();
    await extractClip(doc, win, { mode: 'full-page', now: NOW, yieldToPage });
    expect(log).toEqual(['metadata', 'yield', 'resumed', 'sanitize', 'yield', 'resumed']);
    log.length = 0;
    win.getSelection()?.selectAllChildren(doc.querySelector('p')!);
    await extractClip(doc, win, { mode: 'selection', now: NOW, yieldToPage });
    expect(log).toEqual(['metadata', 'yield', 'resumed', 'sanitize', 'yield', 'resumed']);
  });

  it('runs in one task without a yield function', async () => {
    const { doc, win } = golden();
    await extractClip(doc, win, { mode: 'article', now: NOW });
    expect(log).toEqual(['readability', 'sanitize', 'metadata']);
  });
});

describe('runStepsPaced', () => {
  it('awaits the yield function between any two steps, not before the first or after the last', async () => {
    function* steps() {
      log.push('one');
      yield;
      log.push('two');
      yield;
      log.push('three');
      return 3;
    }
    expect(await runStepsPaced(steps(), yieldToPage)).toBe(3);
    expect(log).toEqual(['one', 'yield', 'resumed', 'two', 'yield', 'resumed', 'three']);
  });
});
