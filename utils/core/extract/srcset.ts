// `srcset` read the way browsers read it: a URL is a run of non-whitespace (CDN URLs such as
// `…/w_300,h_200/a.jpg` contain commas), descriptors follow it up to the next comma.

export interface SrcsetCandidate {
  url: string;
  /** `300w`, `2x`, or '' when none is given. */
  descriptor: string;
}

export function parseSrcset(srcset: string): SrcsetCandidate[] {
  const out: SrcsetCandidate[] = [];
  let i = 0;
  while (i < srcset.length) {
    while (i < srcset.length && /[\s,]/.test(srcset[i]!)) i++;
    const urlStart = i;
    while (i < srcset.length && !/\s/.test(srcset[i]!)) i++;
    let url = srcset.slice(urlStart, i);
    let descriptor = '';
    if (url.endsWith(',')) {
      url = url.replace(/,+$/, '');
    } else {
      const end = srcset.indexOf(',', i);
      descriptor = srcset.slice(i, end === -1 ? srcset.length : end).trim();
      i = end === -1 ? srcset.length : end + 1;
    }
    if (url) out.push({ url, descriptor });
  }
  return out;
}

export function serializeSrcset(candidates: readonly SrcsetCandidate[]): string {
  return candidates.map((c) => (c.descriptor ? `${c.url} ${c.descriptor}` : c.url)).join(', ');
}

/** The candidate a reader would want kept as `src`: the widest (or densest) one. */
export function largestCandidate(srcset: string): string | undefined {
  const size = (d: string) => parseFloat(d) || 1;
  const sorted = parseSrcset(srcset).sort((a, b) => size(b.descriptor) - size(a.descriptor));
  return sorted[0]?.url;
}
