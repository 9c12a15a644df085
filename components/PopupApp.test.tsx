// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ClipOutcome, PopupClipOutcome } from '@/utils/protocol/messages';
import type { PopupClient } from '@/utils/pages/popup-client';
import type { Clip, ExtractMode } from '@/utils/core/model/types';
import { makeDraft } from '@/test/helpers/drafts';
import { fakeLibrary, summaryOf } from '@/test/helpers/fake-library';
import { reason, ReasonError } from '@/utils/core/model/reasons';
import { translator } from '@/utils/core/i18n';
import { dictionaryFor } from '../test/helpers/i18n';
import { I18n } from './i18n-context';
import { PopupApp } from './PopupApp';

beforeAll(() => {
  // jsdom has no layout: the virtual list measures nothing, so give it a size.
  globalThis.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  } as unknown as typeof ResizeObserver;
});
afterEach(cleanup);

let seqs = 0;
function clipOf(id: string, title: string, at: number, extra: Partial<Clip> = {}): Clip {
  return {
    seq: ++seqs,
    ...makeDraft({ title, url: `https://news.example/${id}`, pageUrl: `https://news.example/${id}` }),
    id,
    clippedAt: at,
    updatedAt: at,
    tags: [],
    urlKeys: [],
    revisionCount: 0,
    revisions: [],
    ...extra,
  };
}

let zipDelay = 0;
let loadImages = true;

/** An in-memory stand-in for the worker (search uses the real term functions), recording calls. */
function fakeClient(outcomes: Partial<Record<ExtractMode, PopupClipOutcome>> = {}, initial: Clip[] = [clipOf('old', 'Older story', 1)]) {
  const store = new Map(initial.map((c) => [c.id, c]));
  const log = { saved: [] as { title: string; tags: string[]; note: string }[], zipped: [] as string[], downloads: [] as string[][], copied: [] as string[], opened: [] as string[], modes: [] as ExtractMode[], zipImages: [] as boolean[] };
  let includeImages = false;
  const client: PopupClient = {
    async clipTab(mode) {
      log.modes.push(mode);
      const outcome = outcomes[mode] ?? { status: 'failed', reason: reason('not-an-article') };
      if (outcome.status === 'saved') store.set(outcome.clip.id, clipOf(outcome.clip.id, outcome.clip.title, 10));
      return outcome;
    },
    async saveClip(draft, tags, note) {
      log.saved.push({ title: draft.title, tags, note });
      const clip = clipOf('reviewed', draft.title, 11, { tags, ...(note && { note }) });
      store.set(clip.id, clip);
      return { status: 'saved', clip: summaryOf(clip), created: true, revisionAdded: false };
    },
    hasSelection: async () => false,
    ...fakeLibrary(store),
    getClip: async (id) => store.get(id) ?? null,
    async updateClip(id, edit) {
      const clip = store.get(id);
      if (!clip) return null;
      const next = { ...clip, ...edit };
      store.set(id, next);
      return summaryOf(next);
    },
    async retagClips(ids, add, remove) {
      for (const id of ids) {
        const clip = store.get(id)!;
        store.set(id, { ...clip, tags: [...new Set([...clip.tags.filter((t) => !remove.includes(t)), ...add])] });
      }
    },
    async deleteClips(ids) {
      const gone = ids.map((id) => store.get(id)).filter((c): c is Clip => c !== undefined);
      for (const id of ids) store.delete(id);
      return gone;
    },
    restoreClips: async (clips) => void clips.forEach((c) => store.set(c.id, c)),
    postFor: (clip) => ({ path: `_posts/${clip.title}.md`, text: `post of ${clip.title}` }),
    downloadPost: (file) => void log.downloads.push([file.path]),
    async exportZip(ids, signal, onProgress, options) {
      log.zipImages.push(options?.images ?? false);
      for (const [i, id] of ids.entries()) {
        signal.throwIfAborted();
        onProgress({ done: i, total: ids.length });
        await new Promise((r) => setTimeout(r, zipDelay));
        log.zipped.push(store.get(id)!.title);
      }
      log.downloads.push(ids.map((id) => `${store.get(id)!.title}.md`));
      return { posts: ids.length, images: options?.images ? 1 : 0, failedImages: [] };
    },
    includeImages: async () => includeImages,
    setIncludeImages: (include) => void (includeImages = include),
    imageHosts: async () => ({ origins: ['https://img.example/*'], granted: true }),
    requestImageHosts: async () => true,
    copyText: async (text) => void log.copied.push(text),
    openUrl: (url) => void log.opened.push(url),
    sanitize: (html) => html.replace(/<script[\s\S]*?<\/script>/g, ''),
    previewImages: () => loadImages,
    parser: new DOMParser(),
  };
  return { client, log, store };
}

const saved = (id: string, title: string): ClipOutcome => ({ status: 'saved', created: true, revisionAdded: false, clip: summaryOf(clipOf(id, title, 10)) });

function renderApp(client: PopupClient, language = 'en') {
  return render(
    <I18n.Provider value={translator(dictionaryFor(language))}>
      <PopupApp client={client} />
    </I18n.Provider>,
  );
}

const titles = () => Array.from(document.querySelectorAll('.clip-row .clip-title')).map((e) => e.textContent);

describe('clipping', () => {
  it('offers "Clip this page" first, focused', async () => {
    renderApp(fakeClient().client);
    expect(await screen.findByText('Older story')).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Clip this page' }));
  });

  it('shows the new clip on top, highlighted, with a saved state', async () => {
    renderApp(fakeClient({ article: saved('new', 'Fresh story') }).client);
    await screen.findByText('Older story');
    fireEvent.click(screen.getByRole('button', { name: 'Clip this page' }));
    expect((await screen.findByText(/^Saved:/)).textContent).toBe('Saved: Fresh story');
    await waitFor(() => expect(document.querySelector('.clip-row.highlighted .clip-title')?.textContent).toBe('Fresh story'));
    expect(titles()[0]).toBe('Fresh story');
  });

  it('asks for tags and a note before saving when the user chose so, and Enter saves', async () => {
    const draft = makeDraft({ title: 'Reviewed story', siteName: 'News Example', publishedAt: Date.UTC(2024, 2, 5, 12) });
    const { client, log } = fakeClient({ article: { status: 'review', draft, tags: ['news'], recentTags: ['news', 'politics', '政治'] } });
    renderApp(client);
    fireEvent.click(await screen.findByRole('button', { name: 'Clip this page' }));
    const form = await screen.findByRole('form', { name: 'Before saving' });
    expect(within(form).getByText('Reviewed story')).toBeTruthy();
    expect(within(form).getByText('News Example')).toBeTruthy();
    expect(form.querySelector('time')?.getAttribute('datetime')).toBe('2024-03-05T12:00:00.000Z');
    const tags = within(form).getByRole('textbox', { name: /Tags/ }) as HTMLInputElement;
    await waitFor(() => expect(document.activeElement).toBe(tags));
    expect(tags.value).toBe('news');
    // A recent tag already chosen is not offered again.
    expect(within(form).queryByRole('button', { name: 'Add tag news' })).toBeNull();
    fireEvent.click(within(form).getByRole('button', { name: 'Add tag 政治' }));
    expect(tags.value).toBe('news, 政治');
    fireEvent.input(within(form).getByRole('textbox', { name: 'Note' }), { target: { value: 'read later' } });
    fireEvent.keyDown(within(form).getByRole('textbox', { name: 'Note' }), { key: 'Enter' });
    expect((await screen.findByText(/^Saved:/)).textContent).toBe('Saved: Reviewed story');
    expect(log.saved).toEqual([{ title: 'Reviewed story', tags: ['news', '政治'], note: 'read later' }]);
    expect(screen.queryByRole('form', { name: 'Before saving' })).toBeNull();
  });

  it('saves nothing when the review is cancelled', async () => {
    const { client, log } = fakeClient({ article: { status: 'review', draft: makeDraft({ title: 'Not this one' }), tags: [], recentTags: [] } });
    renderApp(client);
    fireEvent.click(await screen.findByRole('button', { name: 'Clip this page' }));
    await screen.findByRole('form', { name: 'Before saving' });
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    await screen.findByText('Not saved.');
    expect(log.saved).toEqual([]);
    expect(screen.getByRole('button', { name: 'Clip this page' })).toBeTruthy();
  });

  it('offers the whole page only after no article was found', async () => {
    const { client, log } = fakeClient({ article: { status: 'no-article', reason: reason('no-article') }, 'full-page': saved('whole', 'Whole page') });
    renderApp(client);
    expect(screen.queryByRole('button', { name: 'Clip the whole page' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Clip this page' }));
    await screen.findByText('No article was found on this page. You can clip the whole page instead.');
    fireEvent.click(await screen.findByRole('button', { name: 'Clip the whole page' }));
    await screen.findByText('Saved: Whole page');
    expect(log.modes).toEqual(['article', 'full-page']);
  });

  it('offers "Clip selection" when the page has a selection', async () => {
    const { client, log } = fakeClient({ selection: saved('sel', 'Selected part') });
    client.hasSelection = async () => true;
    renderApp(client);
    fireEvent.click(await screen.findByRole('button', { name: 'Clip selection' }));
    await screen.findByText('Saved: Selected part');
    expect(log.modes).toEqual(['selection']);
  });

  it('says how many pages were joined and how many could not be fetched', async () => {
    const outcome = saved('multi', 'Long read') as Extract<ClipOutcome, { status: 'saved' }>;
    outcome.clip = { ...outcome.clip, pageCount: 3, missingPages: ['https://news.example/p4'] };
    renderApp(fakeClient({ article: outcome }).client);
    fireEvent.click(screen.getByRole('button', { name: 'Clip this page' }));
    expect((await screen.findByText(/^Saved:/)).textContent).toBe(
      'Saved: Long read (3 pages joined) 1 more page(s) could not be fetched; the clip holds the pages before them.',
    );
  });

  it('says when the page had no article and its text was clipped, and marks such clips in the list', async () => {
    const outcome = saved('short', 'Short notice') as Extract<ClipOutcome, { status: 'saved' }>;
    outcome.clip = { ...outcome.clip, fallback: true };
    renderApp(fakeClient({ article: outcome }, [clipOf('video', 'A video', 1, { fallback: true }), clipOf('story', 'A story', 2)]).client);
    fireEvent.click(screen.getByRole('button', { name: 'Clip this page' }));
    expect((await screen.findByText(/^Saved:/)).textContent).toBe('Saved: Short notice No article was found on this page: its text was clipped instead.');
    const row = (title: string) => screen.getByText(title).closest('.clip-row') as HTMLElement;
    expect(within(row('A video')).getByText('page text').getAttribute('title')).toBe('No article was found on this page: its text was clipped instead.');
    expect(within(row('A story')).queryByText('page text')).toBeNull();
  });

  it('shows why a page cannot be clipped', async () => {
    renderApp(fakeClient({ article: { status: 'unclippable', reason: reason('tab-browser-page') } }).client);
    fireEvent.click(screen.getByRole('button', { name: 'Clip this page' }));
    const status = await screen.findByText('Browser and extension pages cannot be clipped: open an article on the web and try again.');
    expect(status.getAttribute('data-status')).toBe('unclippable');
  });

  it('says why in the interface’s language, with the reason’s parameters', async () => {
    renderApp(fakeClient({ article: { status: 'failed', reason: reason('extract-timeout', { seconds: 120 }) } }).client, 'zh-TW');
    fireEvent.click(screen.getByRole('button', { name: '剪藏此頁' }));
    expect((await screen.findByRole('status')).textContent).toBe(
      '讀取此頁面耗時太久（超過 120 秒），因此未儲存任何內容。請等它載入完畢，或選取文章的文字後剪藏選取內容。',
    );
  });

  it('words an error of the transport, such as a worker that did not answer', async () => {
    const { client } = fakeClient();
    client.clipTab = () => Promise.reject(new ReasonError(reason('no-answer')));
    renderApp(client, 'zh-CN');
    fireEvent.click(screen.getByRole('button', { name: '剪藏此页' }));
    expect((await screen.findByRole('status')).textContent).toBe('本扩展没有响应。请重新载入扩展后再试。');
  });
});

describe('the library', () => {
  const library = () => [
    clipOf('a', '布林肯和秦刚会面', 3, { siteName: '大纪元', tags: ['中美'], contentHtml: '<p>外交部长秦刚在北京会面。</p>', publishedAt: Date.UTC(2023, 5, 18) }),
    clipOf('b', 'Climate talks stall', 2, { siteName: 'BBC News', contentHtml: '<p>Negotiators in Bonn.</p>', publishedAt: Date.UTC(2024, 0, 2) }),
    clipOf('c', '東京の天気', 1, { siteName: 'NHK', contentHtml: '<p>明日は晴れ。北京も。</p>', publishedAt: undefined }),
  ];

  it('searches as you type, Chinese in the body included, and marks the match', async () => {
    renderApp(fakeClient({}, library()).client);
    await screen.findByText('Climate talks stall');
    fireEvent.input(screen.getByRole('searchbox', { name: 'Search clips' }), { target: { value: '秦刚' } });
    await waitFor(() => expect(titles()).toEqual(['布林肯和秦刚会面']));
    expect(document.querySelector('.clip-row mark')?.textContent).toBe('秦刚');
    fireEvent.input(screen.getByRole('searchbox'), { target: { value: '北京' } });
    await waitFor(() => expect(titles()).toEqual(['布林肯和秦刚会面', '東京の天気']));
    fireEvent.input(screen.getByRole('searchbox'), { target: { value: 'clim' } });
    await waitFor(() => expect(titles()).toEqual(['Climate talks stall']));
    expect(screen.getByText('1 of 3 clips')).toBeTruthy();
  });

  it('says what to do when nothing matches', async () => {
    renderApp(fakeClient({}, library()).client);
    await screen.findByText('Climate talks stall');
    fireEvent.input(screen.getByRole('searchbox'), { target: { value: 'zzzz' } });
    await screen.findByText(/No clip matches/);
    fireEvent.click(screen.getByRole('button', { name: 'Clear filters' }));
    await waitFor(() => expect(titles()).toHaveLength(3));
  });

  it('filters by site and tag, and sorts by published time', async () => {
    renderApp(fakeClient({}, library()).client);
    // Folded away until asked for, and the toggle says which it is.
    const toggle = screen.getByRole('button', { name: 'Filters' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(screen.queryByRole('combobox', { name: 'Site' })).toBeNull();
    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(document.getElementById(toggle.getAttribute('aria-controls')!)?.hidden).toBe(false);
    // The menus offer the library's sites and tags once the worker has answered them.
    await screen.findByRole('option', { name: 'NHK' });
    fireEvent.change(screen.getByRole('combobox', { name: 'Site' }), { target: { value: 'NHK' } });
    await waitFor(() => expect(titles()).toEqual(['東京の天気']));
    fireEvent.change(screen.getByRole('combobox', { name: 'Site' }), { target: { value: '' } });
    fireEvent.change(screen.getByRole('combobox', { name: 'Tag' }), { target: { value: '中美' } });
    await waitFor(() => expect(titles()).toEqual(['布林肯和秦刚会面']));
    fireEvent.change(screen.getByRole('combobox', { name: 'Tag' }), { target: { value: '' } });
    fireEvent.change(screen.getByRole('combobox', { name: 'Sort by' }), { target: { value: 'published' } });
    await waitFor(() => expect(titles()).toEqual(['Climate talks stall', '布林肯和秦刚会面', '東京の天気']));
    // A filter in force is counted on the toggle, folded or not.
    fireEvent.change(screen.getByRole('combobox', { name: 'Site' }), { target: { value: 'NHK' } });
    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(toggle.textContent).toBe('Filters1');
  });

  it('selects with shift-click, tags, exports and deletes the selection with undo', async () => {
    const { client, log, store } = fakeClient({}, library());
    renderApp(client);
    await screen.findByText('Climate talks stall');
    fireEvent.click(screen.getByRole('checkbox', { name: 'Select 布林肯和秦刚会面' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Select 東京の天気' }), { shiftKey: true });
    expect(screen.getByText('3 selected')).toBeTruthy();
    const bar = screen.getByRole('toolbar');
    fireEvent.input(within(bar).getByRole('textbox', { name: 'Tag' }), { target: { value: '存档' } });
    fireEvent.click(within(bar).getByRole('button', { name: 'Add tag' }));
    await waitFor(() => expect([...store.values()].every((c) => c.tags.includes('存档'))).toBe(true));
    fireEvent.click(within(bar).getByRole('button', { name: 'Export selected' }));
    await waitFor(() => expect(log.downloads).toEqual([['布林肯和秦刚会面.md', 'Climate talks stall.md', '東京の天気.md']]));
    await screen.findByText('Exported 3 posts');
    fireEvent.click(within(screen.getByRole('toolbar')).getByRole('button', { name: 'Delete selected' }));
    await screen.findByText('Deleted 3 clips.');
    expect(store.size).toBe(0);
    fireEvent.click(screen.getByRole('button', { name: 'Undo' }));
    await waitFor(() => expect(titles()).toHaveLength(3));
  });

  it('shows the progress of a long export and can cancel it, saving nothing', async () => {
    zipDelay = 30;
    const { client, log } = fakeClient({}, library());
    renderApp(client);
    await screen.findByText('Climate talks stall');
    fireEvent.click(screen.getByRole('checkbox', { name: 'Select 布林肯和秦刚会面' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Select 東京の天気' }), { shiftKey: true });
    fireEvent.click(within(screen.getByRole('toolbar')).getByRole('button', { name: 'Export selected' }));
    await screen.findByText(/Exporting… 1 of 3/);
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    await screen.findByText('Export cancelled: nothing was saved.');
    expect(log.downloads).toEqual([]);
    zipDelay = 0;
  });

  it('works from the keyboard: / to search, arrows, Enter to preview, Esc back, Delete', async () => {
    const { store } = (() => {
      const made = fakeClient({}, library());
      renderApp(made.client);
      return made;
    })();
    await screen.findByText('Climate talks stall');
    fireEvent.keyDown(document.body, { key: '/' });
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('searchbox')));
    fireEvent.keyDown(screen.getByRole('searchbox'), { key: 'ArrowDown' });
    const list = screen.getByRole('listbox');
    fireEvent.keyDown(list, { key: 'ArrowDown' });
    await waitFor(() => expect(list.getAttribute('aria-activedescendant')).toBe('clip-b'));
    fireEvent.keyDown(list, { key: 'Enter' });
    expect((await screen.findByRole('heading', { level: 2 })).textContent).toBe('Climate talks stall');
    fireEvent.keyDown(document.body, { key: 'Escape' });
    await waitFor(() => expect(screen.queryByRole('heading', { level: 2 })).toBeNull());
    fireEvent.keyDown(screen.getByRole('listbox'), { key: 'Delete' });
    await screen.findByText('Deleted “Climate talks stall”.');
    expect(store.has('b')).toBe(false);
  });

  it('exports, copies and opens a clip from its row', async () => {
    const { client, log } = fakeClient();
    renderApp(client);
    fireEvent.click(await screen.findByRole('button', { name: 'Export Older story' }));
    await screen.findByText('Exported Older story.md');
    fireEvent.click(screen.getByRole('button', { name: 'Copy Older story as a post' }));
    await screen.findByText('Copied the post to the clipboard.');
    fireEvent.click(screen.getByRole('button', { name: 'Open the original of Older story' }));
    expect(log).toMatchObject({ downloads: [['_posts/Older story.md']], copied: ['post of Older story'], opened: ['https://news.example/old'] });
  });

  it('reports a failed export instead of failing silently', async () => {
    const { client } = fakeClient();
    client.postFor = () => {
      throw new Error('disk full');
    };
    renderApp(client);
    fireEvent.click(await screen.findByRole('button', { name: 'Export Older story' }));
    expect((await screen.findByText(/That did not work/)).textContent).toContain('disk full');
  });

  it('speaks Chinese when the browser does', async () => {
    renderApp(fakeClient().client, 'zh-CN');
    expect(await screen.findByRole('button', { name: '剪藏此页' })).toBeTruthy();
    cleanup();
    renderApp(fakeClient().client, 'zh-TW');
    expect(await screen.findByRole('button', { name: '剪藏此頁' })).toBeTruthy();
  });

  it('scrolls through a large library a page at a time, and keeps the rows in view after a change', async () => {
    const many = Array.from({ length: 250 }, (_, i) => clipOf(`m${i}`, `Story ${i}`, i));
    const { client, store } = fakeClient({}, many);
    const asked: number[] = [];
    const viewClips = client.viewClips;
    client.viewClips = (request) => (asked.push(request.offset), viewClips(request));
    renderApp(client);
    await screen.findByText('250 of 250 clips');
    expect(titles()[0]).toBe('Story 249');
    // The listbox scrolls inside its scroller, which holds each row's controls beside it too.
    const list = document.querySelector('.clip-list')!;
    expect(list.contains(screen.getByRole('listbox'))).toBe(true);
    list.scrollTop = 150 * 84;
    fireEvent.scroll(list);
    await waitFor(() => expect(titles()).toContain('Story 99'));
    expect(asked).toContain(100);
    expect(document.querySelectorAll('.clip-row[role="option"]').length).toBeLessThan(40);
    fireEvent.click(screen.getByRole('button', { name: 'Delete Story 99' }));
    await screen.findByText('249 of 249 clips');
    expect(store.has('m99')).toBe(false);
    await waitFor(() => expect(titles()).toContain('Story 98'));
    expect(titles()).not.toContain('Story 99');
  });

  it('with an empty library says what to do', async () => {
    renderApp(fakeClient({}, []).client);
    expect(await screen.findByText(/No clips yet/)).toBeTruthy();
  });
});

describe('preview and editing', () => {
  const article = () =>
    clipOf('a', 'Original title', 1, {
      contentHtml: '<p>Keep this.</p><p>Subscribe to our newsletter!</p><p>And this.</p>',
      revisions: [{ clippedAt: 0, title: 'Original title', contentHtml: '<p>Keep this.</p>', textLength: 9 }],
      revisionCount: 1,
    });

  it('previews the sanitized article in a sandboxed frame with its revisions', async () => {
    const { client } = fakeClient({}, [article()]);
    renderApp(client);
    fireEvent.click(await screen.findByRole('button', { name: 'Preview Original title' }));
    const frame = (await screen.findByTitle('Article preview')) as HTMLIFrameElement;
    expect(frame.getAttribute('sandbox')).toBe('');
    expect(frame.getAttribute('srcdoc')).toContain("Content-Security-Policy");
    expect(frame.getAttribute('srcdoc')).toContain('<p>Keep this.</p>');
    expect(screen.getByText('2 paragraph(s) added, 0 removed')).toBeTruthy();
  });

  it('loads no image in the preview when the user turned images off', async () => {
    loadImages = false;
    renderApp(fakeClient({}, [article()]).client);
    fireEvent.click(await screen.findByRole('button', { name: 'Preview Original title' }));
    const frame = (await screen.findByTitle('Article preview')) as HTMLIFrameElement;
    expect(frame.getAttribute('srcdoc')).toContain("img-src 'none'");
    loadImages = true;
  });

  it('edits the title, removes a block and saves', async () => {
    const { client, store, log } = fakeClient({}, [article()]);
    renderApp(client);
    fireEvent.click(await screen.findByRole('button', { name: 'Preview Original title' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Edit' }));
    fireEvent.input(screen.getByRole('textbox', { name: 'Title' }), { target: { value: 'Better title' } });
    const promo = screen.getByText('Subscribe to our newsletter!').closest('li')!;
    fireEvent.click(within(promo).getByRole('button', { name: 'Remove' }));
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText(/Changes saved/);
    expect(store.get('a')).toMatchObject({ title: 'Better title', contentHtml: '<p>Keep this.</p><p>And this.</p>' });
    fireEvent.click(screen.getByRole('button', { name: 'Export' }));
    await waitFor(() => expect(log.downloads).toEqual([['_posts/Better title.md']]));
  });
});

describe('export with images', () => {
  it('shows the remembered "Include images in the zip" choice', async () => {
    const { client } = fakeClient({}, [clipOf('a', 'Climate talks stall', 5)]);
    client.setIncludeImages(true);
    renderApp(client);
    await screen.findByText('Climate talks stall');
    fireEvent.click(screen.getByRole('checkbox', { name: 'Select Climate talks stall' }));
    const box = within(screen.getByRole('toolbar')).getByRole('checkbox', { name: 'Include images in the zip' }) as HTMLInputElement;
    await waitFor(() => expect(box.checked).toBe(true));
  });

  it('remembers "Include images in the zip" and exports even one clip as a zip with its images', async () => {
    const { client, log } = fakeClient({}, [clipOf('a', 'Climate talks stall', 5), clipOf('b', '東京の天気', 6)]);
    renderApp(client);
    await screen.findByText('Climate talks stall');
    fireEvent.click(screen.getByRole('checkbox', { name: 'Select 東京の天気' }));
    fireEvent.click(within(screen.getByRole('toolbar')).getByRole('checkbox', { name: 'Include images in the zip' }));
    expect(await client.includeImages()).toBe(true);
    fireEvent.click(within(screen.getByRole('toolbar')).getByRole('button', { name: 'Export selected' }));
    await screen.findByText('Exported 1 posts with 1 images');
    expect(log.zipImages).toEqual([true]);
    expect(log.downloads).toEqual([['東京の天気.md']]);
  });
});

