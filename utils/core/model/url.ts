// Article URLs without the parameters that only say how a reader arrived. Used for the `from:`
// fallback and as dedupe keys, so two shares of one article map to the same key. Pure: no
// browser API beyond `URL`, which Node and the service worker both have.

/** Parameter name prefixes that are tracking whatever follows. */
const TRACKING_PREFIXES = [
  'utm_', // Google Analytics campaigns
  'share_', // share_source, share_medium, share_token, share_from … (Bilibili, Weibo, apps)
  'sharer_', // WeChat: sharer_sharetime, sharer_shareid, sharer_shareinfo …
];

/** Parameter names that never identify content. */
const TRACKING_NAMES = new Set([
  // Ad and social click ids
  'fbclid',
  'gclid',
  'gclsrc',
  'gbraid',
  'wbraid',
  'dclid',
  'msclkid',
  'yclid',
  'twclid',
  'ttclid',
  'li_fat_id',
  'igshid',
  'igsh',
  // Analytics and e-mail campaigns
  '_ga',
  '_gl',
  '_hsenc',
  '_hsmi',
  'mc_cid',
  'mc_eid',
  'mkt_tok',
  'xtor',
  'at_medium',
  'at_campaign',
  'cmp',
  'cmpid',
  'ocid',
  'ncid',
  'icid',
  'intcmp',
  'smid',
  'ref_src',
  'ref_url',
  // Chinese platforms' share markers
  'spm',
  'scm',
  'spm_id_from',
  'vd_source',
  'isappinstalled',
  'wfr',
  'tt_from',
  'chksm',
  'mpshare',
  'exportkey',
  'pass_ticket',
]);

/**
 * Names that are share markers only with some values: `from=timeline` (WeChat) or
 * `from=singlemessage` is a marker, `from=20` may be an offset into a listing.
 */
const TRACKING_WHEN: ReadonlyMap<string, (value: string) => boolean> = new Map([
  ['from', (value: string) => !/^\d+$/.test(value)],
  // Baidu's `for=pc` rides along with `wfr=spider`.
  ['for', (value: string) => value === 'pc' || value === 'mobile'],
]);

function decodeComponent(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

function isTracking(pair: string): boolean {
  const equals = pair.indexOf('=');
  const name = decodeComponent(equals === -1 ? pair : pair.slice(0, equals)).toLowerCase();
  const value = equals === -1 ? '' : decodeComponent(pair.slice(equals + 1));
  if (TRACKING_NAMES.has(name)) return true;
  if (TRACKING_PREFIXES.some((prefix) => name.startsWith(prefix))) return true;
  return TRACKING_WHEN.get(name)?.(value) ?? false;
}

/**
 * `url` normalised by `new URL(url).href`, without tracking parameters and without a fragment
 * (an article is the same article at any anchor). The input is returned unchanged when it does
 * not parse as an absolute URL.
 */
export function stripTrackingParams(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url;
  }
  // The kept pairs are copied as written: re-serialising through URLSearchParams would re-encode
  // them (`/` → `%2F`, `%20` → `+`) and the key would no longer match the canonical URL.
  const kept = parsed.search
    .slice(1)
    .split('&')
    .filter((pair) => pair !== '' && !isTracking(pair));
  parsed.search = kept.length === 0 ? '' : `?${kept.join('&')}`;
  parsed.hash = '';
  return parsed.href;
}

/** The distinct dedupe keys of an article clipped at `pageUrl` whose article URL is `url`. */
export function articleUrlKeys(pageUrl: string, url: string): string[] {
  const keys = [stripTrackingParams(pageUrl), stripTrackingParams(url)].filter((key) => key !== '');
  return [...new Set(keys)];
}
