// Images of exported clips stored in the zip: which images a body shows, what to call their
// files, and the body rewritten to link to them.

import { cutToBytes } from './file-names';

/** The absolute http(s) URLs of the images a body shows, in order, without repeats. */
export function imageUrls(body: ParentNode, baseUrl: string): string[] {
  const urls: string[] = [];
  for (const img of body.querySelectorAll('img[src]')) {
    const url = absoluteHttp(img.getAttribute('src') ?? '', baseUrl);
    if (url !== undefined && !urls.includes(url)) urls.push(url);
  }
  return urls;
}

function absoluteHttp(src: string, base: string): string | undefined {
  try {
    const url = new URL(src, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** Makes every link and image URL absolute, so the body no longer depends on the article's address. */
export function resolveUrls(body: ParentNode, baseUrl: string): void {
  for (const [selector, attribute] of [['a[href]', 'href'], ['img[src]', 'src']] as const) {
    for (const el of body.querySelectorAll(selector)) {
      try {
        el.setAttribute(attribute, new URL(el.getAttribute(attribute) ?? '', baseUrl).href);
      } catch {
        // An unparsable URL stays as the page wrote it.
      }
    }
  }
}

/**
 * Points every image whose URL `localPath` knows at its file, and drops `srcset` (and
 * `<source>` candidates), which would otherwise send a browser back to the remote copies.
 */
export function relinkImages(body: ParentNode, baseUrl: string, localPath: (url: string) => string | undefined): void {
  for (const img of body.querySelectorAll('img[src]')) {
    const url = absoluteHttp(img.getAttribute('src') ?? '', baseUrl);
    const local = url === undefined ? undefined : localPath(url);
    if (local === undefined) continue;
    img.setAttribute('src', local);
    img.removeAttribute('srcset');
    img.removeAttribute('sizes');
    const picture = img.parentElement?.nodeName === 'PICTURE' ? img.parentElement : undefined;
    for (const source of picture?.querySelectorAll('source') ?? []) source.remove();
  }
}

const SIGNATURES: Array<[string, (b: Uint8Array) => boolean]> = [
  ['.jpg', (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff],
  ['.png', (b) => b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47],
  ['.gif', (b) => ascii(b, 0, 4) === 'GIF8'],
  ['.webp', (b) => ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 12) === 'WEBP'],
  ['.avif', (b) => ascii(b, 4, 8) === 'ftyp' && /^avi[fs]$/.test(ascii(b, 8, 12))],
  ['.bmp', (b) => ascii(b, 0, 2) === 'BM'],
  ['.ico', (b) => b[0] === 0 && b[1] === 0 && b[2] === 1 && b[3] === 0],
  ['.svg', (b) => /^\s*(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*(?:<!DOCTYPE svg[^>]*>\s*)?<svg[\s>]/i.test(ascii(b, 0, 1024))],
];

function ascii(bytes: Uint8Array, from: number, to: number): string {
  return String.fromCharCode(...bytes.subarray(from, to));
}

/** The file extension the bytes' own signature names, or undefined when they are no known image. */
export function imageExtension(bytes: Uint8Array): string | undefined {
  return SIGNATURES.find(([, matches]) => matches(bytes))?.[0];
}

/** FNV-1a: a short, stable tag that keeps images of the same name from different URLs apart. */
function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** `<name from the URL>-<hash of the URL><extension>`, safe as a file name everywhere. */
export function imageFileName(url: string, extension: string): string {
  let stem = '';
  try {
    const last = new URL(url).pathname.split('/').pop() ?? '';
    stem = decodeURIComponent(last).replace(/\.[A-Za-z0-9]{1,5}$/, '');
  } catch {
    stem = '';
  }
  const safe = cutToBytes(stem.replace(/[^\p{L}\p{N}_-]+/gu, '-').replace(/^-+|-+$/g, ''), 60);
  return `${safe ? `${safe}-` : ''}${hash(url)}${extension}`;
}
