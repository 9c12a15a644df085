import { describe, expect, expectTypeOf, it } from 'vitest';
import { BATCH_LIMIT, IMPORT_BATCH_CHARS, IMPORT_BATCH_LIMIT, isTrustedSender, PAGE_LIMIT, parseEnvelope, type RequestOf, type ResponseOf } from './messages';
import type { ViewPage } from '../core/library/library-view';
import { makeDraft } from '../../test/helpers/drafts';
import { FIELD_LIMITS } from '../core/model/limits';
import { MAX_IMPORTED_TEXT, type Clip, type ClipEdit, type ClipSummary, type ExtractMode, type ImportDraft } from '../core/model/types';

const clip: Clip = {
  ...makeDraft(),
  id: 'c1',
  seq: 1,
  clippedAt: 1,
  updatedAt: 1,
  tags: [],
  urlKeys: ['https://news.example/2024/05/01/story.html'],
  revisionCount: 0,
  revisions: [],
};

describe('parseEnvelope', () => {
  it.each([
    { type: 'clipTab', request: { mode: 'article' } },
    { type: 'clipTab', request: { mode: 'full-page', tabId: 12 } },
    { type: 'listClips', request: { limit: 30 } },
    { type: 'viewClips', request: { query: '北京', filters: { dateField: 'clipped', sort: 'clipped' }, offset: 0, limit: 100 } },
    {
      type: 'viewClips',
      request: { query: '', filters: { site: 'NHK', tag: '中美', dateField: 'published', from: 0, to: 1e12, sort: 'published' }, view: 3, offset: 200, limit: 100 },
    },
    { type: 'viewIds', request: { query: '', filters: { dateField: 'clipped', sort: 'clipped' }, view: 3, from: 0, to: 50 } },
    { type: 'viewIds', request: { query: '', filters: { dateField: 'clipped', sort: 'clipped' }, only: ['c1'] } },
    { type: 'libraryFacets', request: {} },
    { type: 'getClip', request: { id: 'c1' } },
    { type: 'tabHasSelection', request: {} },
    { type: 'clipTab', request: { mode: 'selection', tabId: 3 } },
    { type: 'searchClips', request: { query: '秦刚' } },
    { type: 'updateClip', request: { id: 'c1', edit: { title: 'New', tags: ['a'], note: '', contentHtml: '<p>x</p>' } } },
    { type: 'retagClips', request: { ids: ['c1', 'c2'], add: ['存档'], remove: [] } },
    { type: 'deleteClips', request: { ids: ['c1'] } },
    { type: 'restoreClips', request: { clips: [clip, { ...clip, id: 'c2', original: { title: 'T', contentHtml: '' } }] } },
    { type: 'restoreClips', request: { clips: [{ ...clip, imported: { path: '_posts/archived/2019-05-03/a\nb.md', text: '---\n' } }] } },
    { type: 'importClips', request: { drafts: [{ ...makeDraft(), tags: [], imported: { path: '_posts/  两会 .md', text: '\ufeff---\r\n' } }] } },
  ])('accepts a well-formed $type', (message) => {
    expect(parseEnvelope(message)).toEqual(message);
  });

  it.each([
    ['no object', 'clipTab'],
    ['an unknown type', { type: 'dropDatabase', request: {} }],
    ['an inherited name', { type: 'toString', request: {} }],
    ['a bad mode', { type: 'clipTab', request: { mode: 'everything' } }],
    ['a negative tab id', { type: 'clipTab', request: { mode: 'article', tabId: -1 } }],
    ['a fractional tab id', { type: 'clipTab', request: { mode: 'article', tabId: 1.5 } }],
    ['extra list parameters', { type: 'listClips', request: { limit: 5, offset: 5 } }],
    ['the whole library at once', { type: 'listClips', request: {} }],
    ['a zero limit', { type: 'listClips', request: { limit: 0 } }],
    ['a view without filters', { type: 'viewClips', request: { query: '', offset: 0, limit: 10 } }],
    ['a view with an unknown filter', { type: 'viewClips', request: { query: '', filters: { dateField: 'clipped', sort: 'clipped', x: 1 }, offset: 0, limit: 10 } }],
    ['a view sorted by something else', { type: 'viewClips', request: { query: '', filters: { dateField: 'clipped', sort: 'title' }, offset: 0, limit: 10 } }],
    ['a negative offset', { type: 'viewClips', request: { query: '', filters: { dateField: 'clipped', sort: 'clipped' }, offset: -1, limit: 10 } }],
    ['an empty id', { type: 'getClip', request: { id: '' } }],
    ['a numeric id', { type: 'deleteClips', request: { ids: [5] } }],
    ['a clip without a body', { type: 'restoreClips', request: { clips: [{ ...clip, contentHtml: undefined }] } }],
    ['a clip with a bad revision', { type: 'restoreClips', request: { clips: [{ ...clip, revisions: [{ title: 'x' }] }] } }],
    ['a clip with a string date', { type: 'restoreClips', request: { clips: [{ ...clip, publishedAt: '2024-01-01' }] } }],
    ['an edit of a field that is not editable', { type: 'updateClip', request: { id: 'c1', edit: { url: 'https://evil.example/' } } }],
    ['an edit emptying the title', { type: 'updateClip', request: { id: 'c1', edit: { title: '  ' } } }],
    ['a blank tag', { type: 'retagClips', request: { ids: ['c1'], add: [' '], remove: [] } }],
    ['a search that is not text', { type: 'searchClips', request: { query: 42 } }],
  ])('rejects %s', (_name, message) => {
    expect(parseEnvelope(message)).toBeUndefined();
  });
});

describe('the limits', () => {
  const ids = (n: number) => Array.from({ length: n }, (_, i) => `c${i}`);
  const view = { query: '', filters: { dateField: 'clipped', sort: 'clipped' } };
  const drafts = (n: number) => Array.from({ length: n }, () => ({ ...makeDraft(), tags: ['存档'] }));
  it.each([
    ['getClips', { ids: ids(BATCH_LIMIT) }, { ids: ids(BATCH_LIMIT + 1) }],
    ['importClips', { drafts: drafts(IMPORT_BATCH_LIMIT) }, { drafts: drafts(IMPORT_BATCH_LIMIT + 1) }],
    ['deleteClips', { ids: ids(100_000) }, { ids: ids(100_001) }],
    ['searchClips', { query: 'x'.repeat(500) }, { query: 'x'.repeat(501) }],
    ['listClips', { limit: PAGE_LIMIT }, { limit: PAGE_LIMIT + 1 }],
    ['viewClips', { ...view, offset: 0, limit: PAGE_LIMIT }, { ...view, offset: 0, limit: PAGE_LIMIT + 1 }],
    ['getClip', { id: 'x'.repeat(100) }, { id: 'x'.repeat(101) }],
    ['retagClips', { ids: ['c1'], add: ['t'.repeat(100)], remove: [] }, { ids: ['c1'], add: [], remove: ['t'.repeat(101)] }],
  ])('%s: accepts up to the limit, not one more', (type, within, beyond) => {
    expect(parseEnvelope({ type, request: within })).toBeDefined();
    expect(parseEnvelope({ type, request: beyond })).toBeUndefined();
  });

  it("importClips: a batch's bodies are bounded too, but a batch of one may hold a post of any size", () => {
    const batch = (...lengths: number[]) => ({ type: 'importClips', request: { drafts: lengths.map((n) => ({ ...makeDraft({ contentHtml: 'x'.repeat(n) }), tags: [] })) } });
    expect(parseEnvelope(batch(IMPORT_BATCH_CHARS / 2, IMPORT_BATCH_CHARS / 2))).toBeDefined();
    expect(parseEnvelope(batch(IMPORT_BATCH_CHARS / 2, IMPORT_BATCH_CHARS / 2 + 1))).toBeUndefined();
    expect(parseEnvelope(batch(IMPORT_BATCH_CHARS + 1))).toBeDefined();
  });

  it.each<[string, unknown]>([
    ['without tags', { ...makeDraft() }],
    ['with a blank tag', { ...makeDraft(), tags: [''] }],
    ['with a clipping time that is not a number', { ...makeDraft(), tags: [], clippedAt: '2024' }],
    ['that is not a draft', { tags: [] }],
    ...['../x.md', '_posts/../../x.md', '/etc/x.md', '_posts//x.md', '_posts/..\\x.md', '_posts/./x.md', '_posts/x\0.md', ''].map(
      (path): [string, unknown] => [`whose post would be written at ${JSON.stringify(path)}`, { ...makeDraft(), tags: [], imported: { path, text: '' } }],
    ),
    ['whose kept post is longer than any import reads', { ...makeDraft(), tags: [], imported: { path: '_posts/x.md', text: 'x'.repeat(MAX_IMPORTED_TEXT + 1) } }],
  ])('importClips: refuses a draft %s', (_name, draft) => {
    expect(parseEnvelope({ type: 'importClips', request: { drafts: [draft] } })).toBeUndefined();
  });

  const url = (n: number) => `https://n.example/${'a'.repeat(n - 'https://n.example/'.length)}`;
  const importDraft = (patch: Partial<ImportDraft>) => ({ type: 'importClips', request: { drafts: [{ ...makeDraft(), tags: [], ...patch }] } });
  it.each<[string, Partial<ImportDraft>, Partial<ImportDraft>]>([
    ['title', { title: 't'.repeat(FIELD_LIMITS.title) }, { title: 't'.repeat(FIELD_LIMITS.title + 1) }],
    ['byline', { byline: 'b'.repeat(FIELD_LIMITS.author) }, { byline: 'b'.repeat(FIELD_LIMITS.author + 1) }],
    ['siteName', { siteName: 's'.repeat(FIELD_LIMITS.site) }, { siteName: 's'.repeat(FIELD_LIMITS.site + 1) }],
    ['excerpt', { excerpt: 'e'.repeat(FIELD_LIMITS.excerpt) }, { excerpt: 'e'.repeat(FIELD_LIMITS.excerpt + 1) }],
    ['lang', { lang: 'l'.repeat(FIELD_LIMITS.lang) }, { lang: 'l'.repeat(FIELD_LIMITS.lang + 1) }],
    ['url', { url: url(FIELD_LIMITS.url) }, { url: url(FIELD_LIMITS.url + 1) }],
    ['pageUrl', { pageUrl: url(FIELD_LIMITS.url) }, { pageUrl: url(FIELD_LIMITS.url + 1) }],
    ['tags', { tags: Array.from({ length: FIELD_LIMITS.tags }, (_, i) => `t${i}`) }, { tags: Array.from({ length: FIELD_LIMITS.tags + 1 }, (_, i) => `t${i}`) }],
    ['a tag', { tags: ['t'.repeat(FIELD_LIMITS.tag)] }, { tags: ['t'.repeat(FIELD_LIMITS.tag + 1)] }],
    ['keywords', { keywords: Array.from({ length: FIELD_LIMITS.tags }, () => 'k') }, { keywords: Array.from({ length: FIELD_LIMITS.tags + 1 }, () => 'k') }],
    ['a keyword', { keywords: ['k'.repeat(FIELD_LIMITS.tag)] }, { keywords: ['k'.repeat(FIELD_LIMITS.tag + 1)] }],
    ['publishedAt', { publishedAt: Date.parse('9999-12-31T23:59:59.999Z') }, { publishedAt: Date.parse('9999-12-31T23:59:59.999Z') + 1 }],
    ['publishedAt (the other end)', { publishedAt: Date.parse('0000-01-01T00:00:00Z') }, { publishedAt: Date.parse('0000-01-01T00:00:00Z') - 1 }],
    ['clippedAt', { clippedAt: Date.parse('9999-12-31T23:59:59.999Z') }, { clippedAt: 8.64e15 }],
  ])('importClips: a draft’s %s up to its limit, not beyond', (_field, within, beyond) => {
    expect(parseEnvelope(importDraft(within))).toBeDefined();
    expect(parseEnvelope(importDraft(beyond))).toBeUndefined();
  });
});

describe('the types the definitions give (checked by tsc)', () => {
  it('requests and responses', () => {
    expectTypeOf<RequestOf<'clipTab'>>().toEqualTypeOf<{ tabId?: number | undefined; mode: ExtractMode }>();
    expectTypeOf<RequestOf<'listClips'>>().toEqualTypeOf<{ limit: number }>();
    expectTypeOf<ResponseOf<'viewClips'>>().toEqualTypeOf<ViewPage>();
    expectTypeOf<ResponseOf<'viewIds'>>().toEqualTypeOf<{ view: number; ids: string[] }>();
    expectTypeOf<RequestOf<'updateClip'>>().toEqualTypeOf<{ id: string; edit: ClipEdit }>();
    expectTypeOf<RequestOf<'importClips'>>().toEqualTypeOf<{ drafts: ImportDraft[] }>();
    expectTypeOf<RequestOf<'retagClips'>>().toEqualTypeOf<{ ids: string[]; add: string[]; remove: string[] }>();
    expectTypeOf<ResponseOf<'getClip'>>().toEqualTypeOf<Clip | null>();
    expectTypeOf<ResponseOf<'updateClip'>>().toEqualTypeOf<ClipSummary | null>();
    expectTypeOf<ResponseOf<'searchClips'>>().toEqualTypeOf<number[] | null>();
  });
});

describe('isTrustedSender', () => {
  const id = 'abcdefghijklmnop';
  const origin = `chrome-extension://${id}/`;
  it('trusts this extension’s pages', () => {
    expect(isTrustedSender({ id, url: `${origin}popup.html` }, id, origin)).toBe(true);
  });
  it.each([
    ['a content script in a web page', { id, url: 'https://news.example/', tab: {} }],
    ['another extension', { id: 'other', url: 'chrome-extension://other/popup.html' }],
    ['a sender without a URL', { id }],
  ])('does not trust %s', (_name, sender) => {
    expect(isTrustedSender(sender, id, origin)).toBe(false);
  });
});
