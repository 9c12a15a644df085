import { errorText } from './errors';
import { isObject, type Check } from './schema';

// Why something was refused or failed, as the worker says it: a code and its parameters, never a
// sentence. The pages (and the badge) put it into the user's language; each code's translation
// numbers its parameters in the order listed here.

export const REASONS = {
  'no-tab': [],
  'tab-no-page': [],
  'tab-bad-url': [],
  'tab-source-view': [],
  'tab-blank': [],
  'tab-browser-page': [],
  'tab-store': [],
  'pdf-file': [],
  'pdf-document': [],
  'file-access-off': [],
  'tab-denied': ['detail'],
  'extract-timeout': ['seconds'],
  'not-an-article': [],
  'no-article': [],
  'storage-full': [],
  'save-failed': ['detail'],
  // Clipping links and tabs the user did not open the popup on (context menu, batches).
  'hosts-refused': [],
  'tab-load-timeout': ['seconds'],
  'link-not-web': [],
  'no-answer': [],
  'malformed-request': [],
  // Importing posts: why a file was not imported, or why the import stopped.
  'import-not-markdown': [],
  'import-not-utf8': [],
  'import-binary': [],
  'import-too-large': ['size', 'max'],
  'import-inflates-too-large': ['max'],
  'import-no-front-matter': [],
  'import-front-matter-unclosed': [],
  'import-broken-yaml': ['detail'],
  'import-not-key-value': [],
  'import-no-url': [],
  'import-bad-url': ['url'],
  'import-bad-zip': [],
  'import-bad-zip-entry': [],
  'import-zip-method': ['method'],
  'import-unsafe-path': [],
  'import-zip-too-many': ['max'],
  'import-zip-too-much': ['max'],
  'import-unreadable': ['detail'],
  'import-storage-full': ['added'],
  'still-starting': [],
  'no-folder-export': [],
  // Importing posts. Mended or cut on the way in (the post was imported):
  'import-title-line-break': [],
  'import-title-backslash': [],
  'import-title-not-text': [],
  'import-field-cut': ['field', 'limit'],
  'import-list-cut': ['field', 'count', 'limit'],
  'import-date-dropped': ['value'],
  // …or not imported:
  'import-yaml-aliases': [],
  'import-too-deep': ['limit'],
  'import-too-many-keys': ['limit'],
  'import-url-too-long': ['limit'],
  // Settings in extension storage that could not be read (each broken field was reset).
  'settings-broken': [],
  // The scheduled backup could not be written.
  'backup-no-downloads': ['detail'],
  /** What an unforeseen error said (a browser's own message): nothing to translate. */
  unexpected: ['detail'],
} as const satisfies Record<string, readonly string[]>;

export type ReasonCode = keyof typeof REASONS;
export const REASON_CODES = Object.keys(REASONS) as ReasonCode[];

export type Reason = {
  [C in ReasonCode]: { code: C; params: { [P in (typeof REASONS)[C][number]]: string | number } };
}[ReasonCode];

/** The codes that take no parameters. */
export type PlainReasonCode = { [C in ReasonCode]: (typeof REASONS)[C] extends readonly [] ? C : never }[ReasonCode];

type ParamsOf<C extends ReasonCode> = Extract<Reason, { code: C }>['params'];

export function reason<C extends ReasonCode>(code: C, ...[params]: keyof ParamsOf<C> extends never ? [] : [ParamsOf<C>]): Reason {
  return { code, params: params ?? {} } as Reason;
}

/** The parameters in the order the translations number them (`{0}`, `{1}`…). */
export function reasonValues(r: Reason): (string | number)[] {
  const params = r.params as Record<string, string | number>;
  return REASONS[r.code].map((name) => params[name] ?? '');
}

/** Carries a reason through code that throws. */
export class ReasonError extends Error {
  constructor(readonly reason: Reason) {
    super(reason.code);
    this.name = 'ReasonError';
  }
}

/** The reason of anything thrown: its own, or what it said. */
export function reasonOf(error: unknown): Reason {
  if (error instanceof ReasonError) return error.reason;
  return reason('unexpected', { detail: errorText(error) });
}

/** A reason as stored or sent: a known code, and parameters that are all text or numbers. */
export const isReason: Check<Reason> = (v): v is Reason =>
  isObject(v) &&
  typeof v.code === 'string' &&
  Object.hasOwn(REASONS, v.code) &&
  isObject(v.params) &&
  Object.values(v.params).every((p) => typeof p === 'string' || typeof p === 'number');
