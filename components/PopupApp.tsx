import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { errorText } from '@/utils/errors';
import type { PopupClient } from '@/utils/popup-client';
import type { Clip, ClipSummary, ExtractMode } from '@/utils/types';
import { ClipList } from './ClipList';
import { ClipPanel, type ClipState } from './ClipPanel';
import { UndoBar } from './UndoBar';

interface PopupAppProps {
  client: PopupClient;
  /** How long a notice (and the chance to undo a deletion) stays. */
  noticeMs?: number;
}

interface Notice {
  message: string;
  undo?: Clip;
}

export function PopupApp({ client, noticeMs = 8000 }: PopupAppProps) {
  const [clipState, setClipState] = useState<ClipState>({ kind: 'idle' });
  const [clips, setClips] = useState<ClipSummary[]>();
  const [notice, setNotice] = useState<Notice>();
  const noticeTimer = useRef<ReturnType<typeof setTimeout>>(undefined);

  const refresh = useCallback(
    () => client.listClips().then(setClips, (error: unknown) => showNotice({ message: `Could not load clips: ${errorText(error)}` })),
    [client],
  );
  useEffect(() => void refresh(), [refresh]);

  function showNotice(next: Notice) {
    clearTimeout(noticeTimer.current);
    setNotice(next);
    noticeTimer.current = setTimeout(() => setNotice(undefined), noticeMs);
  }

  async function clip(mode: ExtractMode) {
    setClipState({ kind: 'working' });
    const outcome = await client
      .clipTab(mode)
      .catch((error: unknown) => ({ status: 'failed' as const, message: errorText(error) }));
    setClipState({ kind: 'done', outcome });
    if (outcome.status === 'saved') await refresh();
  }

  /** Runs an action on the whole clip, reporting failures instead of leaving them uncaught. */
  async function withClip(summary: ClipSummary, action: (clip: Clip) => Promise<void> | void) {
    try {
      const full = await client.getClip(summary.id);
      if (!full) throw new Error('this clip no longer exists');
      await action(full);
    } catch (error) {
      showNotice({ message: `That did not work: ${errorText(error)}` });
    }
  }

  const onExport = (summary: ClipSummary) =>
    withClip(summary, (full) => {
      const post = client.exportPost(full);
      client.download(post);
      showNotice({ message: `Exported ${post.fileName}` });
    });

  const onCopy = (summary: ClipSummary) =>
    withClip(summary, async (full) => {
      await client.copyText(client.exportPost(full).text);
      showNotice({ message: 'Copied the post to the clipboard.' });
    });

  async function onDelete(summary: ClipSummary) {
    try {
      const deleted = await client.deleteClip(summary.id);
      await refresh();
      if (deleted) showNotice({ message: `Deleted “${deleted.title}”.`, undo: deleted });
    } catch (error) {
      showNotice({ message: `Could not delete: ${errorText(error)}` });
    }
  }

  async function onUndo(clipToRestore: Clip) {
    try {
      await client.restoreClip(clipToRestore);
      await refresh();
      showNotice({ message: `Restored “${clipToRestore.title}”.` });
    } catch (error) {
      showNotice({ message: `Could not restore: ${errorText(error)}` });
    }
  }

  const saved = clipState.kind === 'done' && clipState.outcome.status === 'saved' ? clipState.outcome.clip : undefined;
  return (
    <main class="popup">
      <ClipPanel state={clipState} onClip={() => void clip('article')} onClipFullPage={() => void clip('full-page')} />
      <ClipList
        clips={clips}
        highlightId={saved?.id}
        onOpen={(c) => client.openUrl(c.url)}
        onExport={(c) => void onExport(c)}
        onCopy={(c) => void onCopy(c)}
        onDelete={(c) => void onDelete(c)}
      />
      {notice && <UndoBar message={notice.message} onUndo={notice.undo && (() => void onUndo(notice.undo!))} />}
    </main>
  );
}
