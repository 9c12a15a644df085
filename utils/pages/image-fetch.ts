import type { FetchImage } from '../core/format/zip';

// Downloading an exported clip's images, bounded: a slow or huge image must not hold up or blow
// up an export of a thousand clips. What is out of bounds fails, and the post keeps its remote
// link (the zip writer reports it).

export interface ImageFetchLimits {
  /** Larger images are not downloaded. */
  maxBytes: number;
  /** Per image, from the request to the last byte. */
  timeoutMs: number;
}

export const IMAGE_LIMITS: ImageFetchLimits = { maxBytes: 10 * 1024 * 1024, timeoutMs: 20_000 };

const megabytes = (bytes: number) => `${Math.round(bytes / 1048576)} MB`;

/**
 * A FetchImage over `fetchFn` (the page's `fetch`): no cookies or referrer go with the request,
 * the download stops at `maxBytes` (before reading when the server says the size) and after
 * `timeoutMs`, and the export's cancel stops it too.
 */
export function boundedImageFetch(fetchFn: typeof fetch, limits: ImageFetchLimits = IMAGE_LIMITS): FetchImage {
  return async (url, cancel) => {
    const timeout = AbortSignal.timeout(limits.timeoutMs);
    const signal = cancel ? AbortSignal.any([cancel, timeout]) : timeout;
    try {
      const response = await fetchFn(url, { signal, credentials: 'omit', referrerPolicy: 'no-referrer', cache: 'force-cache' });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const declared = Number(response.headers.get('content-length'));
      if (declared > limits.maxBytes) {
        await response.body?.cancel();
        throw new Error(`larger than ${megabytes(limits.maxBytes)}`);
      }
      if (!response.body) return new Uint8Array(await response.arrayBuffer());
      const parts: Uint8Array[] = [];
      let size = 0;
      const reader = response.body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        size += value.length;
        if (size > limits.maxBytes) {
          await reader.cancel();
          throw new Error(`larger than ${megabytes(limits.maxBytes)}`);
        }
        parts.push(value);
      }
      const bytes = new Uint8Array(size);
      let at = 0;
      for (const part of parts) {
        bytes.set(part, at);
        at += part.length;
      }
      return bytes;
    } catch (error) {
      // The export's own cancel is passed on as it is; a timeout becomes this image's failure.
      cancel?.throwIfAborted();
      if (timeout.aborted) throw new Error(`no answer within ${Math.round(limits.timeoutMs / 1000)} s`);
      throw error;
    }
  };
}

/** The host patterns (`https://img.example.com/*`) that downloading these image URLs needs. */
export function hostPatterns(urls: Iterable<string>): string[] {
  const patterns = new Set<string>();
  for (const url of urls) {
    try {
      const { protocol, hostname } = new URL(url);
      if (protocol === 'http:' || protocol === 'https:') patterns.add(`${protocol}//${hostname}/*`);
    } catch {
      // Not a URL: nothing to ask for.
    }
  }
  return [...patterns].sort();
}
