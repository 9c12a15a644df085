import type { MessageKey, Translate } from './index';
import { REASON_CODES, reasonOf, reasonValues, type Reason, type ReasonCode } from '../model/reasons';

// Reasons into words. Apart from the tables on purpose: the worker needs the names, not the words
// (it reads them from `_locales`), and must not bundle three languages to get them.

/** Each code's entry in the tables: a code without one does not compile. */
export const reasonKey = (code: ReasonCode) => `reason.${code}` as const satisfies MessageKey;

export function reasonText(r: Reason, t: Translate): string {
  return t(reasonKey(r.code), ...reasonValues(r));
}

/** What to tell the user about anything thrown: its reason, in their language. */
export function errorMessage(error: unknown, t: Translate): string {
  return reasonText(reasonOf(error), t);
}

/** The context menu's items and the badge's words that are not reasons. */
const WORKER_WORDS = [
  'badgeClipped',
  'badgeClippedFullPage',
  'badgeBackupFailed',
  'menuClipPage',
  'menuClipSelection',
  'menuClipLink',
  'menuClipAllTabs',
  'menuOpenLibrary',
  'badgeWorking',
  'badgeBatchProgress',
  'badgeBatchDone',
  'badgeBatchSummary',
  'badgeBatchFailure',
  'badgeBatchMore',
  'badgeTabNumber',
] as const satisfies readonly MessageKey[];

/**
 * The entries the worker shows (the context menu, the badge's tooltip). It reads them from
 * `_locales`, which hold copies of them; a test keeps the copies equal to the tables.
 */
export const BADGE_KEYS: BadgeKey[] = [...WORKER_WORDS, ...REASON_CODES.map(reasonKey)];
export type BadgeKey = (typeof WORKER_WORDS)[number] | ReturnType<typeof reasonKey>;

type Underscored<S extends string, C extends string> = S extends `${infer A}${C}${infer B}` ? `${A}_${Underscored<B, C>}` : S;
type LocaleName<S extends string> = Underscored<Underscored<S, '.'>, '-'>;

/** A table entry's name in `_locales/<lang>/messages.json`, which allows only letters, digits and `_`. */
export const localeMessageName = <K extends BadgeKey>(key: K) => key.replace(/[.-]/g, '_') as LocaleName<K>;
