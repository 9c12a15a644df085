// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FolderClient } from '@/utils/pages/folder-client';
import type { DirectoryHandle } from '@/utils/pages/folder-memory';
import type { PopupClient, ZipReport } from '@/utils/pages/popup-client';
import { ExportJob, type ExportJobSpec } from './ExportJob';

afterEach(cleanup);

const FAILED = { clipUrl: 'https://n.example/1', imageUrl: 'https://img.example/gone.png', reason: 'HTTP 404' };

/** The parts of the client an export uses, recording calls. */
function fakeClient(options: { granted?: boolean; allow?: boolean; report?: ZipReport; stepMs?: number } = {}) {
  const calls: string[] = [];
  const zip = vi.fn(async (ids: string[], signal: AbortSignal, onProgress: (p: { done: number; total: number }) => void, opts?: { images?: boolean }) => {
    calls.push(`zip images=${opts?.images ?? false}`);
    for (let i = 1; i <= ids.length; i += 1) {
      await new Promise((r) => setTimeout(r, options.stepMs ?? 0));
      signal.throwIfAborted();
      onProgress({ done: i, total: ids.length });
    }
    return options.report ?? { posts: ids.length, images: opts?.images ? 2 : 0, failedImages: [] };
  });
  const client = {
    exportZip: zip,
    imageHosts: async () => {
      calls.push('hosts');
      return { origins: ['https://img.example/*', 'https://cdn.example/*'], granted: options.granted ?? false };
    },
    requestImageHosts: (origins: string[]) => {
      calls.push(`request ${origins.join(' ')}`);
      return Promise.resolve(options.allow ?? true);
    },
  } as unknown as PopupClient;
  return { client, calls };
}

function show(job: ExportJobSpec, client: PopupClient, onClose = () => {}) {
  return render(<ExportJob job={job} client={client} onClose={onClose} noticeMs={60_000} />);
}

describe('a zip export with images', () => {
  it('asks for the image hosts from the Allow click itself, then lists the images that kept their remote link', async () => {
    const { client, calls } = fakeClient({ report: { posts: 2, images: 3, failedImages: [FAILED] } });
    const closed = vi.fn();
    show({ kind: 'zip', ids: ['a', 'b'], images: true }, client, closed);
    await screen.findByText('The images are on 2 site(s). Allow the clipper to download them for this export?');
    fireEvent.click(screen.getByRole('button', { name: 'Allow' }));
    // Synchronously in the click: the browser only prompts from a user gesture.
    expect(calls).toEqual(['hosts', 'request https://img.example/* https://cdn.example/*']);
    await screen.findByText('Exported 2 posts with 3 images. 1 image(s) could not be stored and keep their remote link:');
    expect(calls.at(-1)).toBe('zip images=true');
    expect(screen.getByRole('link', { name: FAILED.imageUrl }).getAttribute('href')).toBe(FAILED.imageUrl);
    expect(screen.getByText(/HTTP 404/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    expect(closed).toHaveBeenCalledOnce();
  });

  it('does not ask again when the hosts are already allowed', async () => {
    const { client, calls } = fakeClient({ granted: true });
    show({ kind: 'zip', ids: ['a'], images: true }, client);
    await screen.findByText('Exported 1 posts with 2 images');
    expect(calls).toEqual(['hosts', 'zip images=true']);
  });

  it('exports without images when the user refuses access, and says so', async () => {
    const { client, calls } = fakeClient({ allow: false });
    show({ kind: 'zip', ids: ['a'], images: true }, client);
    fireEvent.click(await screen.findByRole('button', { name: 'Allow' }));
    await screen.findByText('Exported 1 posts. Access to the image sites was not given: the images keep their remote links.');
    expect(calls.at(-1)).toBe('zip images=false');
  });

  it('"Without images" exports the posts alone, asking nothing', async () => {
    const { client, calls } = fakeClient();
    show({ kind: 'zip', ids: ['a'], images: true }, client);
    fireEvent.click(await screen.findByRole('button', { name: 'Without images' }));
    await screen.findByText(/^Exported 1 posts\./);
    expect(calls).toEqual(['hosts', 'zip images=false']);
  });

  it('can be cancelled while it runs', async () => {
    const { client } = fakeClient({ granted: true, stepMs: 20 });
    show({ kind: 'zip', ids: ['a', 'b', 'c', 'd'], images: true }, client);
    await screen.findByText(/Exporting… 1 of 4/);
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    await screen.findByText('Export cancelled: nothing was saved.');
  });
});

describe('an export into a folder', () => {
  const posts: DirectoryHandle = { name: '_posts' } as DirectoryHandle;
  const folders = (stepMs = 0): FolderClient => ({
    remembered: async () => undefined,
    pick: async () => posts,
    allow: async () => true,
    async write(folder, ids, signal, onProgress) {
      for (let i = 1; i <= ids.length; i += 1) {
        await new Promise((r) => setTimeout(r, stepMs));
        signal.throwIfAborted();
        onProgress({ done: i, total: ids.length });
      }
      return { written: ids.map((id, i) => ({ path: `${id}.md`, url: `https://n.example/${id}`, replaced: i === 0 })), duplicates: [] };
    },
  });

  it('writes, then says how many posts went in and how many were updated', async () => {
    const client = { folders: folders() } as unknown as PopupClient;
    show({ kind: 'folder', ids: ['a', 'b'], folder: Promise.resolve(posts) }, client);
    await screen.findByText('Wrote 2 posts into _posts (1 updated)');
  });

  it('runs a second export after the first one (a new run is not cancelled by the old one)', async () => {
    const client = { folders: folders() } as unknown as PopupClient;
    const { rerender } = show({ kind: 'folder', ids: ['a'], folder: Promise.resolve(posts) }, client);
    await screen.findByText('Wrote 1 posts into _posts (1 updated)');
    rerender(<ExportJob job={{ kind: 'folder', ids: ['a', 'b', 'c'], folder: Promise.resolve(posts) }} client={client} onClose={() => {}} noticeMs={60_000} />);
    await screen.findByText('Wrote 3 posts into _posts (1 updated)');
  });

  it('stops when cancelled, saying what was written', async () => {
    const client = { folders: folders(30) } as unknown as PopupClient;
    show({ kind: 'folder', ids: ['a', 'b', 'c', 'd', 'e'], folder: Promise.resolve(posts) }, client);
    await screen.findByText(/Writing… 1 of 5 into _posts/);
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    await screen.findByText(/^Stopped: [1-5] post\(s\) were written into _posts\.$/);
  });

  it('closes quietly when the user closes the folder picker', async () => {
    const client = { folders: folders() } as unknown as PopupClient;
    const closed = vi.fn();
    show({ kind: 'folder', ids: ['a'], folder: Promise.reject(Object.assign(new Error('The user aborted a request.'), { name: 'AbortError' })) }, client, closed);
    await waitFor(() => expect(closed).toHaveBeenCalledOnce());
  });

  it('reports a folder it may not write into', async () => {
    const client = { folders: folders() } as unknown as PopupClient;
    show({ kind: 'folder', ids: ['a'], folder: Promise.reject(new Error('Writing into _posts was not allowed.')) }, client);
    await screen.findByText('That did not work: Writing into _posts was not allowed.');
  });
});
