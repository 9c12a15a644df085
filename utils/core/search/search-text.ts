// Plain text of a stored body, for the search index. The worker has no DOM; stored bodies are
// already sanitized and normalised, so removing tags and decoding entities is enough here.

import { decodeReferences } from '../format/html-text';

export function htmlToText(html: string): string {
  const text = html.replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, ' ').replace(/<[^>]+>/g, ' ');
  return decodeReferences(text).replace(/\s+/g, ' ').trim();
}
