// Test helper: the metadata of a page made of `head` and `body` HTML, read at a fixed clock.
import { readMetadata, type MetadataOptions } from '../../utils/core/extract/metadata';
import { makePage, NOW, PAGE_URL } from './page';

export function metadataOf(head: string, body = '', options: MetadataOptions & { lang?: string; url?: string } = {}) {
  const lang = options.lang === undefined ? '' : ` lang="${options.lang}"`;
  const { doc } = makePage(`<!doctype html><html${lang}><head>${head}</head><body>${body}</body></html>`, options.url ?? PAGE_URL);
  return readMetadata(doc, doc.URL, { now: NOW, ...options });
}

/** A JSON-LD script holding `data`. */
export const ldScript = (data: unknown) => `<script type="application/ld+json">${JSON.stringify(data)}</script>`;
