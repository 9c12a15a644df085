// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ImportOutcome, ImportProgress } from '@/utils/core/backup/import-run';
import { translatorFor } from '../test/helpers/i18n';
import { reason } from '@/utils/core/model/reasons';
import type { ReadableFolder } from '@/utils/pages/import-sources';
import type { ImportControl, OptionsClient } from '@/utils/pages/options-client';
import { I18n } from './i18n-context';
import { ImportJob, type ImportJobSpec, type ImportReport } from './ImportJob';

afterEach(cleanup);

const at = (p: Partial<ImportProgress>): ImportProgress => ({ done: 0, bytesRead: 0, totalBytes: 1000, added: 0, known: 0, failed: 0, ...p });

/** A client whose import the test drives: it reports what the test says, and ends when told. */
function drivenClient() {
  let control: ImportControl | undefined;
  let finish: (outcome: ImportOutcome) => void = () => {};
  const importFiles = vi.fn((_files: File[], c: ImportControl) => {
    control = c;
    return new Promise<ImportOutcome>((resolve) => (finish = resolve));
  });
  const client = { importFiles, importFolder: importFiles } as unknown as OptionsClient;
  return { client, control: () => control!, finish: (outcome: ImportOutcome) => finish(outcome) };
}

function show(job: ImportJobSpec, client: OptionsClient, clock: { now: number }, language = 'en') {
  const done = vi.fn<(report: ImportReport | undefined) => void>();
  render(
    <I18n.Provider value={translatorFor(language)}>
      <ImportJob job={job} client={client} onDone={done} now={() => clock.now} />
    </I18n.Provider>,
  );
  return done;
}

const bar = () => screen.getByRole('progressbar', { name: /Import progress|导入进度/ }) as HTMLProgressElement;
const files: ImportJobSpec = { kind: 'files', files: [new File(['x'], 'site.zip')] };

describe('ImportJob', () => {
  it('shows posts done of all, the rate and the time left, then reports what was imported and what was not', async () => {
    const driven = drivenClient();
    const clock = { now: 0 };
    const done = show(files, driven.client, clock);
    await waitFor(() => expect(driven.client.importFiles).toHaveBeenCalled());
    driven.control().onProgress(at({ total: 1000 }));
    await screen.findByText('0 of 1000 posts');
    expect(bar().getAttribute('value')).toBe('0');
    clock.now = 10;
    driven.control().onProgress(at({ total: 1000, bytesRead: 10 }));
    clock.now = 2010;
    driven.control().onProgress(at({ total: 1000, done: 200, added: 200, bytesRead: 200 }));
    await screen.findByText('200 of 1000 posts · 100 posts per second · about 8 s left');
    expect(Number(bar().getAttribute('value'))).toBeCloseTo(0.2);
    clock.now = 2010 + 200_000;
    driven.control().onProgress(at({ total: 1000, done: 400, added: 400, bytesRead: 400 }));
    await screen.findByText('400 of 1000 posts · 2 posts per second · about 5 min left');

    driven.finish({ progress: at({ total: 1000, done: 1000, added: 990, known: 9, failed: 1 }), errors: [{ file: 'site.zip/_posts/x.md', reason: reason('import-no-url') }], notices: [] });
    await waitFor(() => expect(done).toHaveBeenCalledOnce());
    expect(done.mock.calls[0]![0]).toEqual({
      message: 'Imported 990 new articles; 9 were already in the library.',
      problems: ['site.zip/_posts/x.md: The post names no article URL (from:, source: or url: in its front matter), so it cannot be matched to the library.'],
      notices: [],
    });
  });

  it('shows the share of the files read where the count is unknown, in the page language', async () => {
    const driven = drivenClient();
    const clock = { now: 0 };
    show(files, driven.client, clock, 'zh-CN');
    await waitFor(() => expect(driven.client.importFiles).toHaveBeenCalled());
    driven.control().onProgress(at({ done: 12, bytesRead: 500 }));
    await screen.findByText('12 篇文章 · 已读取文件的 50%');
    expect(Number(bar().getAttribute('value'))).toBeCloseTo(0.5);
    expect(screen.getByRole('button', { name: '取消' })).toBeTruthy();
  });

  it('cancels: the import is told to stop, and the report says what was kept', async () => {
    const driven = drivenClient();
    const done = show(files, driven.client, { now: 0 });
    await waitFor(() => expect(driven.client.importFiles).toHaveBeenCalled());
    driven.control().onProgress(at({ total: 10, done: 5, added: 5 }));
    fireEvent.click(await screen.findByRole('button', { name: 'Cancel' }));
    expect(driven.control().signal.aborted).toBe(true);
    driven.finish({ progress: at({ total: 10, done: 5, added: 5 }), errors: [], notices: [], stopped: { cancelled: true } });
    await waitFor(() => expect(done).toHaveBeenCalledOnce());
    expect(done.mock.calls[0]![0]?.message).toMatch(/^Import cancelled: 5 new articles were added and 0 were already in the library/);
  });

  it('says the disk is full, and how much is safe', async () => {
    const driven = drivenClient();
    const done = show(files, driven.client, { now: 0 });
    await waitFor(() => expect(driven.client.importFiles).toHaveBeenCalled());
    driven.finish({ progress: at({ added: 500 }), errors: [], notices: [], stopped: { reason: reason('import-storage-full', { added: 500 }) } });
    await waitFor(() => expect(done).toHaveBeenCalledOnce());
    expect(done.mock.calls[0]![0]?.message).toMatch(/^That did not work: Storage is full.* The 500 new articles imported before that are in the library and safe/);
  });

  it('a folder: shows the posts found while it looks, and says nothing when the picker was closed', async () => {
    const folder = { kind: 'directory', name: '_posts', values: async function* () {} } as unknown as ReadableFolder;
    const importFolder = vi.fn(async (_folder: ReadableFolder, control: ImportControl & { onFinding?: (n: number) => void }) => {
      control.onFinding?.(3);
      return new Promise<ImportOutcome>(() => {});
    });
    show({ kind: 'folder', folder: Promise.resolve(folder) }, { importFolder } as unknown as OptionsClient, { now: 0 });
    await screen.findByText('Looking for posts… 3 found');
    expect(importFolder.mock.calls[0]![0]).toBe(folder);
    cleanup();

    const closed = Object.assign(new Error('The user aborted a request.'), { name: 'AbortError' });
    const done = show({ kind: 'folder', folder: Promise.reject(closed) }, { importFolder } as unknown as OptionsClient, { now: 0 });
    await waitFor(() => expect(done).toHaveBeenCalledWith(undefined));
  });
});
