import { describe, expect, it } from 'vitest';
import { isTrustedSender, parseEnvelope } from './messages';
import { makeDraft } from '../../test/helpers/drafts';
import type { Clip } from '../core/model/types';

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
    { type: 'listClips', request: {} },
    { type: 'listClips', request: { limit: 30 } },
    { type: 'getClip', request: { id: 'c1' } },
    { type: 'tabHasSelection', request: {} },
    { type: 'clipTab', request: { mode: 'selection', tabId: 3 } },
    { type: 'searchClips', request: { query: '秦刚' } },
    { type: 'updateClip', request: { id: 'c1', edit: { title: 'New', tags: ['a'], note: '', contentHtml: '<p>x</p>' } } },
    { type: 'retagClips', request: { ids: ['c1', 'c2'], add: ['存档'], remove: [] } },
    { type: 'deleteClips', request: { ids: ['c1'] } },
    { type: 'restoreClips', request: { clips: [clip, { ...clip, id: 'c2', original: { title: 'T', contentHtml: '' } }] } },
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
    ['extra list parameters', { type: 'listClips', request: { offset: 5 } }],
    ['a zero limit', { type: 'listClips', request: { limit: 0 } }],
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
