// Pages fetched for a multi-page article arrive as bytes; many Chinese sites still send GBK or
// Big5. The charset is read as a browser would: from the Content-Type header, a byte-order mark,
// or a <meta> in the first kilobyte; UTF-8 otherwise.

const SNIFF_BYTES = 1024;
const META_CHARSET = /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i;

function labelFromContentType(contentType: string | null | undefined): string | undefined {
  return /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType ?? '')?.[1];
}

function labelFromBom(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  return undefined;
}

function decoderFor(label: string | undefined): TextDecoder | undefined {
  if (!label) return undefined;
  try {
    return new TextDecoder(label);
  } catch {
    // An unknown label ("x-user-defined-gb") is no charset: try the next source.
    return undefined;
  }
}

/** The text of an HTML document's bytes, decoded in its declared charset. */
export function decodeHtml(bytes: Uint8Array, contentType?: string | null): string {
  // ASCII-compatible sniffing: every charset a <meta> can name keeps ASCII as is.
  const head = new TextDecoder('windows-1252').decode(bytes.subarray(0, SNIFF_BYTES));
  const decoder =
    decoderFor(labelFromBom(bytes)) ??
    decoderFor(labelFromContentType(contentType)) ??
    decoderFor(META_CHARSET.exec(head)?.[1]) ??
    new TextDecoder('utf-8');
  return decoder.decode(bytes);
}
