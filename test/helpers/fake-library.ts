// Test helper: the worker's library views over an in-memory map of clips, for page tests. The
// views, their ranking and their filters are the real catalog's; the search matches every term
// of the query against a clip's indexed text with the real term functions.
import { idsInView, LibraryCatalog, type ViewOrder } from '../../utils/core/library/library-view';
import { indexTerms, queryTerms } from '../../utils/core/search/search-terms';
import type { Clip, ClipSummary } from '../../utils/core/model/types';
import type { PopupClient } from '../../utils/pages/popup-client';
import type { RequestOf } from '../../utils/protocol/messages';

export const summaryOf = ({ contentHtml: _c, revisions: _r, original: _o, ...summary }: Clip): ClipSummary => summary;

export type LibraryCalls = Pick<PopupClient, 'listClips' | 'viewClips' | 'viewIds' | 'libraryFacets'>;

export function fakeLibrary(store: Map<string, Clip>): LibraryCalls {
  const views = new Map<number, ViewOrder & { key: string; libraryTotal: number }>();
  let last = 0;
  const catalog = () => new LibraryCatalog([...store.values()].map(summaryOf));

  function viewOf({ query, filters, view }: RequestOf<'viewIds'>) {
    const key = JSON.stringify([query.trim(), filters]);
    const known = view === undefined ? undefined : views.get(view);
    if (known && known.key === key) return { token: view!, kept: known };
    const terms = queryTerms(query);
    const seqs =
      terms.length === 0
        ? undefined
        : [...store.values()]
            .filter((c) => {
              const have = indexTerms([c.title, c.siteName, ...c.tags, c.contentHtml].join(' '));
              return terms.every((t) => ('exact' in t ? have.includes(t.exact) : have.some((h) => h.startsWith(t.prefix))));
            })
            .map((c) => c.seq)
            .sort((a, b) => a - b);
    const whole = catalog();
    const kept = { ...whole.view(filters, seqs && { seqs, terms }), key, libraryTotal: whole.size };
    views.set(++last, kept);
    return { token: last, kept };
  }

  return {
    listClips: async (limit) => {
      const { ids } = catalog().view({ dateField: 'clipped', sort: 'clipped' });
      return ids.slice(0, limit).map((id) => summaryOf(store.get(id)!));
    },
    async viewClips({ offset, limit, ...request }) {
      const { token, kept } = viewOf(request);
      const rows = kept.ids
        .slice(offset, offset + limit)
        .map((id) => store.get(id))
        .filter((c): c is Clip => c !== undefined)
        .map(summaryOf);
      return { view: token, total: kept.ids.length, libraryTotal: kept.libraryTotal, titleMatches: kept.titleMatches, offset, rows };
    },
    async viewIds(request) {
      const { token, kept } = viewOf(request);
      return { view: token, ids: idsInView(kept.ids, request) };
    },
    libraryFacets: async () => catalog().facets(),
  };
}
