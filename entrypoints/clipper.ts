import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { extractDraft } from '@/utils/extract/extract-draft';
import { EXTRACT_GLOBAL, type ExtractMode } from '@/utils/types';

// Injected on demand into the active tab's isolated world. It defines the entry function that the
// worker then calls with the chosen mode (see `browserClipPlatform.extract`); it keeps no state.
export default defineUnlistedScript(() => {
  (globalThis as unknown as Record<string, unknown>)[EXTRACT_GLOBAL] = (mode: ExtractMode) =>
    extractDraft(document, window, { mode });
});
