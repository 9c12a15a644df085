// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { ClipOutcome } from '@/utils/messages';
import type { PopupClient } from '@/utils/popup-client';
import type { Clip, ExtractMode } from '@/utils/types';
import { makeDraft } from '@/utils/test-drafts';
import { PopupApp } from './PopupApp';

afterEach(cleanup);

function clipOf(id: string, title: string, clippedAt: number): Clip {
  return { ...makeDraft({ title }), id, clippedAt, updatedAt: clippedAt, tags: [], urlKeys: [], revisionCount: 0, revisions: [] };
}

/** An in-memory stand-in for the worker, recording what the popup asked. */
function fakeClient(outcomes: Partial<Record<ExtractMode, ClipOutcome>> = {}) {
  const store = new Map<string, Clip>([['old', clipOf('old', 'Older story', 1)]]);
  const log = { downloads: [] as string[], copied: [] as string[], opened: [] as string[], modes: [] as ExtractMode[] };
  const summaries = () => [...store.values()].sort((a, b) => b.updatedAt - a.updatedAt).map(({ contentHtml: _c, revisions: _r, ...s }) => s);
  const client: PopupClient = {
    async clipTab(mode) {
      log.modes.push(mode);
      const outcome = outcomes[mode] ?? { status: 'failed', message: 'no outcome' };
      if (outcome.status === 'saved') store.set(outcome.clip.id, { ...clipOf(outcome.clip.id, outcome.clip.title, 10) });
      return outcome;
    },
    listClips: async () => summaries(),
    getClip: async (id) => store.get(id) ?? null,
    async deleteClip(id) {
      const clip = store.get(id) ?? null;
      store.delete(id);
      return clip;
    },
    restoreClip: async (clip) => void store.set(clip.id, clip),
    exportPost: (clip) => ({ fileName: `${clip.title}.md`, text: `post of ${clip.title}` }),
    download: (post) => void log.downloads.push(post.fileName),
    copyText: async (text) => void log.copied.push(text),
    openUrl: (url) => void log.opened.push(url),
  };
  return { client, log, store };
}

const saved = (id: string, title: string): ClipOutcome => ({
  status: 'saved',
  created: true,
  revisionAdded: false,
  clip: (({ contentHtml: _c, revisions: _r, ...s }) => s)(clipOf(id, title, 10)),
});

describe('PopupApp', () => {
  it('lists clips and offers "Clip this page" first, focused', async () => {
    render(<PopupApp client={fakeClient().client} />);
    expect(await screen.findByText('Older story')).toBeTruthy();
    const button = screen.getByRole('button', { name: 'Clip this page' });
    expect(document.activeElement).toBe(button);
  });

  it('shows the new clip on top, highlighted, with a saved state', async () => {
    const { client } = fakeClient({ article: saved('new', 'Fresh story') });
    render(<PopupApp client={client} />);
    await screen.findByText('Older story');
    fireEvent.click(screen.getByRole('button', { name: 'Clip this page' }));
    expect((await screen.findByRole('status')).textContent).toBe('Saved: Fresh story');
    await waitFor(() => expect(document.querySelector('.clip-row.highlighted .clip-title')?.textContent).toBe('Fresh story'));
    expect(document.querySelector('.clip-row .clip-title')?.textContent).toBe('Fresh story');
  });

  it('offers the whole page only after no article was found', async () => {
    const { client, log } = fakeClient({
      article: { status: 'no-article', message: 'No article was found on this page.' },
      'full-page': saved('whole', 'Whole page'),
    });
    render(<PopupApp client={client} />);
    expect(screen.queryByRole('button', { name: 'Clip the whole page' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Clip this page' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Clip the whole page' }));
    await screen.findByText('Saved: Whole page');
    expect(log.modes).toEqual(['article', 'full-page']);
  });

  it('shows why a page cannot be clipped', async () => {
    const { client } = fakeClient({ article: { status: 'unclippable', message: 'Browser pages cannot be clipped.' } });
    render(<PopupApp client={client} />);
    fireEvent.click(screen.getByRole('button', { name: 'Clip this page' }));
    expect((await screen.findByRole('status')).textContent).toBe('Browser pages cannot be clipped.');
  });

  it('exports, copies and opens a clip', async () => {
    const { client, log } = fakeClient();
    render(<PopupApp client={client} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Export Older story' }));
    await screen.findByText('Exported Older story.md');
    fireEvent.click(screen.getByRole('button', { name: 'Copy Older story as a post' }));
    await screen.findByText('Copied the post to the clipboard.');
    fireEvent.click(screen.getByRole('button', { name: 'Open the original of Older story' }));
    expect(log).toMatchObject({ downloads: ['Older story.md'], copied: ['post of Older story'], opened: ['https://news.example/2024/05/01/story.html'] });
  });

  it('deletes with undo', async () => {
    const { client, store } = fakeClient();
    render(<PopupApp client={client} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Delete Older story' }));
    await screen.findByText(/No clips yet/);
    expect(store.size).toBe(0);
    fireEvent.click(screen.getByRole('button', { name: 'Undo' }));
    await screen.findByText('Older story');
    expect(store.has('old')).toBe(true);
  });

  it('reports a failed export instead of failing silently', async () => {
    const { client } = fakeClient();
    client.exportPost = () => {
      throw new Error('disk full');
    };
    render(<PopupApp client={client} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Export Older story' }));
    expect((await screen.findByText(/That did not work/)).textContent).toContain('disk full');
  });
});
