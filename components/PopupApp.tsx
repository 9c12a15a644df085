import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { errorMessage } from '@/utils/core/i18n/reasons';
import { reasonOf } from '@/utils/core/model/reasons';
import type { DirectoryHandle } from '@/utils/pages/folder-memory';
import type { PopupClient } from '@/utils/pages/popup-client';
import type { ClipOutcome, ClipReview } from '@/utils/protocol/messages';
import type { Clip, ClipEdit, ClipSummary, ExtractMode } from '@/utils/core/model/types';
import { BulkBar } from './BulkBar';
import { ClipDetail } from './ClipDetail';
import { ClipList, FIRST_ROWS_TIMING } from './ClipList';
import { ClipPanel, type ClipState } from './ClipPanel';
import { ExportJob, type ExportJobSpec } from './ExportJob';
import { FilterBar, activeFilters } from './FilterBar';
import { useT } from './i18n-context';
import { SearchBar } from './SearchBar';
import { UndoBar } from './UndoBar';
import { useClipList } from './use-clip-list';
import { useSearch } from './use-search';
import { useSelection } from './use-selection';

interface PopupAppProps {
  client: PopupClient;
  /** The library opened as a full tab: no clip panel (the tab itself is the active page). */
  asTab?: boolean;
  /** How long a notice (and the chance to undo a deletion) stays. */
  noticeMs?: number;
  /** The newest clips, already requested by the page before it rendered (saves a frame or two). */
  firstScreen?: Promise<ClipSummary[]>;
}

interface Notice {
  message: string;
  undo?: Clip[];
}

export function PopupApp({ client, asTab = false, noticeMs = 8000, firstScreen }: PopupAppProps) {
  const t = useT();
  const [clipState, setClipState] = useState<ClipState>({ kind: 'idle' });
  const [hasSelection, setHasSelection] = useState(false);
  const [activeIndex, setActiveIndex] = useState(-1);
  const [detail, setDetail] = useState<Clip>();
  const [notice, setNotice] = useState<Notice>();
  const [job, setJob] = useState<ExportJobSpec>();
  const [includeImages, setIncludeImages] = useState(false);
  const [folder, setFolder] = useState<DirectoryHandle>();
  // The filters fold away until asked for: the popup has room for the list or for them.
  const [filtersOpen, setFiltersOpen] = useState(false);
  const noticeTimer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const searchInput = useRef<HTMLInputElement>(null);

  const showNotice = useCallback(
    (next: Notice) => {
      clearTimeout(noticeTimer.current);
      setNotice(next);
      noticeTimer.current = setTimeout(() => setNotice(undefined), noticeMs);
    },
    [noticeMs],
  );

  const onLoadFailed = useCallback((error: unknown) => showNotice({ message: t('loadFailed', errorMessage(error, t)) }), [showNotice, t]);
  const { query, setQuery, filters, setFilters, filtered, clear: clearSearch } = useSearch();
  const { total, libraryTotal, rowAt, need, view, sites, tags, refresh } = useClipList({ client, firstScreen, query, filters, onLoadFailed });
  const { selected, toggle: toggleSelect, selectAll, clear: clearSelection, selectedIds } = useSelection(client, { view, rowAt, total });

  useEffect(() => {
    client.folders?.remembered().then(setFolder, () => undefined);
    // The setting is read by the export code, which loads after the first render.
    client.includeImages().then(setIncludeImages, () => undefined);
  }, [client]);
  useEffect(() => {
    if (!asTab) client.hasSelection().then(setHasSelection, () => setHasSelection(false));
  }, [client, asTab]);

  async function clip(mode: ExtractMode) {
    setClipState({ kind: 'working' });
    const outcome = await client.clipTab(mode).catch((error: unknown) => ({ status: 'failed' as const, reason: reasonOf(error) }));
    if (outcome.status === 'review') setClipState({ kind: 'review', review: outcome });
    else await clipDone(outcome);
  }

  async function clipDone(outcome: ClipOutcome) {
    setClipState({ kind: 'done', outcome });
    if (outcome.status === 'saved') {
      setActiveIndex(-1);
      await refresh();
    }
  }

  /** The reviewed article, saved with the user's tags and note. */
  async function saveReviewed(review: ClipReview, tags: string[], note: string) {
    setClipState({ kind: 'working' });
    await clipDone(await client.saveClip(review.draft, tags, note).catch((error: unknown) => ({ status: 'failed' as const, reason: reasonOf(error) })));
  }

  /** Runs an action, reporting failures instead of leaving them uncaught. */
  async function attempt(action: () => Promise<void> | void) {
    try {
      await action();
    } catch (error) {
      showNotice({ message: t('failed', errorMessage(error, t)) });
    }
  }

  async function fullClip(id: string): Promise<Clip> {
    const full = await client.getClip(id);
    if (!full) throw new Error('this clip no longer exists');
    return full;
  }

  const exportClip = (c: Clip) =>
    attempt(() => {
      const file = client.postFor(c);
      client.downloadPost(file);
      showNotice({ message: t('exported', file.path.slice(file.path.lastIndexOf('/') + 1)) });
    });

  /** Several clips: one zip (with images when chosen), with progress and a way to stop. */
  const exportMany = (ids: string[]) => {
    setNotice(undefined);
    setJob({ kind: 'zip', ids, images: includeImages });
  };

  // The folder picker and the permission prompt need the click's user gesture: both start here,
  // before the worker answers which clips are selected.
  const exportToFolder = (fresh: boolean) => {
    const folders = client.folders;
    if (!folders) return;
    const chosen = fresh || !folder ? folders.pick() : folders.allow(folder).then((ok) => (ok ? folder : Promise.reject(new Error(t('folderNotAllowed', folder.name)))));
    void chosen.then(setFolder, () => undefined);
    setNotice(undefined);
    void attempt(async () => setJob({ kind: 'folder', ids: await selectedIds(), folder: chosen }));
  };

  const copyClip = (c: Clip) =>
    attempt(async () => {
      await client.copyText(client.postFor(c).text);
      showNotice({ message: t('copied') });
    });

  const deleteIds = (ids: string[]) =>
    attempt(async () => {
      const deleted = await client.deleteClips(ids);
      clearSelection();
      await refresh();
      if (deleted.length > 0)
        showNotice({ message: deleted.length === 1 ? t('deletedOne', deleted[0]!.title) : t('deletedMany', deleted.length), undo: deleted });
    });

  const undoDelete = (list: Clip[]) =>
    attempt(async () => {
      await client.restoreClips(list);
      await refresh();
      showNotice({ message: t('restored', list.length) });
    });

  const openDetail = (c: ClipSummary) => attempt(async () => setDetail(await fullClip(c.id)));

  const saveEdit = (edit: ClipEdit) =>
    attempt(async () => {
      if (!detail) return;
      await client.updateClip(detail.id, edit);
      setDetail(await fullClip(detail.id));
      await refresh();
      showNotice({ message: t('editSaved') });
    });

  function onListKey(event: KeyboardEvent) {
    const current = rowAt(activeIndex);
    switch (event.key) {
      case 'ArrowDown':
        setActiveIndex(Math.min((total ?? 0) - 1, activeIndex + 1));
        break;
      case 'ArrowUp':
        if (activeIndex <= 0) searchInput.current?.focus();
        setActiveIndex(Math.max(0, activeIndex - 1));
        break;
      case 'Enter':
        if (current) void openDetail(current);
        break;
      case ' ':
        if (current) void attempt(() => toggleSelect(current, activeIndex, event.shiftKey));
        break;
      case 'Delete':
      case 'Backspace':
        if (selected.size > 0) void attempt(async () => deleteIds(await selectedIds()));
        else if (current) void deleteIds([current.id]);
        break;
      case 'Escape':
        if (selected.size === 0) return;
        clearSelection();
        break;
      default:
        return;
    }
    event.preventDefault();
  }

  function onSearchKey(event: KeyboardEvent) {
    if (event.key === 'ArrowDown' && (total ?? 0) > 0) {
      event.preventDefault();
      setActiveIndex(0);
      (document.querySelector('.clip-options') as HTMLElement | null)?.focus();
    } else if (event.key === 'Escape' && query) {
      event.preventDefault();
      event.stopPropagation();
      setQuery('');
    }
  }

  // `/` searches and Esc leaves a preview, from anywhere but a text field. The listener is added
  // once and reads the open clip through a ref, so no keystroke falls between two listeners.
  const detailOpen = useRef(false);
  detailOpen.current = detail !== undefined;
  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      const typing = event.target instanceof HTMLElement && event.target.closest('input, textarea, select');
      if (event.key === '/' && !typing) {
        event.preventDefault();
        setDetail(undefined);
        setTimeout(() => searchInput.current?.focus());
      } else if (event.key === 'Escape' && detailOpen.current && !typing) {
        event.preventDefault();
        setDetail(undefined);
      }
    }
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  const saved = clipState.kind === 'done' && clipState.outcome.status === 'saved' ? clipState.outcome.clip : undefined;
  return (
    <main class={asTab ? 'popup as-tab' : 'popup'}>
      <header class="top">
        {/* The page's one heading of the first rank: seen in the tab, read out in the popup. */}
        <h1 class={asTab ? 'app-title' : 'app-title visually-hidden'}>{t('appTitle')}</h1>
        {!asTab && (
          <ClipPanel
            state={clipState}
            hasSelection={hasSelection}
            onClip={() => void clip('article')}
            onClipSelection={() => void clip('selection')}
            onClipFullPage={() => void clip('full-page')}
            onSaveReview={(review, tags, note) => void saveReviewed(review, tags, note)}
            onCancelReview={() => {
              setClipState({ kind: 'idle' });
              showNotice({ message: t('reviewCancelled') });
            }}
          />
        )}
        {!asTab && client.openLibraryTab && (
          <button type="button" class="link" onClick={() => client.openLibraryTab?.()}>
            {t('openLibrary')}
          </button>
        )}
      </header>
      {detail ? (
        <ClipDetail
          clip={detail}
          client={client}
          onBack={() => setDetail(undefined)}
          onExport={(c) => void exportClip(c)}
          onCopy={(c) => void copyClip(c)}
          onSave={(edit) => void saveEdit(edit)}
        />
      ) : (
        <section class="library">
          <div class="search-row">
            <SearchBar query={query} onQuery={setQuery} inputRef={searchInput} onKeyDown={onSearchKey} />
            <button type="button" class="filter-toggle" aria-expanded={filtersOpen} aria-controls="library-filters" onClick={() => setFiltersOpen(!filtersOpen)}>
              {t('filtersToggle')}
              {activeFilters(filters) > 0 && <span class="badge">{activeFilters(filters)}</span>}
            </button>
          </div>
          <FilterBar id="library-filters" open={filtersOpen} filters={filters} sites={sites} tags={tags} onChange={setFilters} />
          {total !== undefined && libraryTotal !== undefined && (
            <p class="count" aria-live="polite">
              {t('resultsCount', total, libraryTotal)}
              {filtered && (
                <button type="button" class="link" onClick={clearSearch}>
                  {t('clearFilters')}
                </button>
              )}
            </p>
          )}
          {selected.size > 0 && (
            <BulkBar
              count={selected.size}
              resultCount={total ?? 0}
              onSelectAll={() => void attempt(selectAll)}
              onClear={clearSelection}
              onAddTag={(tag) => void attempt(async () => (await client.retagClips(await selectedIds(), [tag], []), await refresh()))}
              onRemoveTag={(tag) => void attempt(async () => (await client.retagClips(await selectedIds(), [], [tag]), await refresh()))}
              onExport={() =>
                void attempt(async () => {
                  const ids = await selectedIds();
                  // One clip is one file, unless its images are to come along (they need a zip).
                  if (ids.length === 1 && !includeImages) await exportClip(await fullClip(ids[0]!));
                  else exportMany(ids);
                })
              }
              includeImages={includeImages}
              onIncludeImages={(include) => {
                setIncludeImages(include);
                client.setIncludeImages(include);
              }}
              folder={
                asTab && client.folders
                  ? { remembered: folder?.name, onPick: () => exportToFolder(true), onRemembered: () => exportToFolder(false) }
                  : undefined
              }
              onDelete={() => void attempt(async () => deleteIds(await selectedIds()))}
            />
          )}
          {total === undefined ? (
            <p class="empty">{t('loading')}</p>
          ) : libraryTotal === 0 || (libraryTotal === undefined && total === 0) ? (
            // Its own element (not the loading message's, changed): Element Timing sees new paints only.
            <p key="empty-library" class="empty" elementtiming={FIRST_ROWS_TIMING}>
              {t('emptyLibrary')}
            </p>
          ) : total === 0 ? (
            <p class="empty">{t('emptyResults')}</p>
          ) : (
            <ClipList
              count={total}
              rowAt={rowAt}
              onNeed={need}
              query={query}
              activeIndex={activeIndex}
              freshId={saved?.id}
              selected={selected}
              onToggleSelect={(c, index, shiftKey) => void attempt(() => toggleSelect(c, index, shiftKey))}
              onKeyDown={onListKey}
              onOpen={(c) => client.openUrl(c.url)}
              onPreview={(c) => void openDetail(c)}
              onExport={(c) => void attempt(async () => exportClip(await fullClip(c.id)))}
              onCopy={(c) => void attempt(async () => copyClip(await fullClip(c.id)))}
              onDelete={(c) => void deleteIds([c.id])}
            />
          )}
        </section>
      )}
      {job && <ExportJob job={job} client={client} noticeMs={noticeMs} onClose={() => setJob(undefined)} />}
      {notice && (
        <UndoBar message={notice.message} onUndo={notice.undo && (() => void undoDelete(notice.undo!))} />
      )}
    </main>
  );
}
