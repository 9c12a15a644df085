import { reasonKey, type BadgeKey } from '../core/i18n/reasons';
import { reasonValues, type Reason } from '../core/model/reasons';
import type { ClipOutcome } from '../protocol/messages';

// What the toolbar button shows when there is no popup to tell (the shortcut, one-click, the
// context menu, batches): a few characters, a colour, and a tooltip whose lines are table entries,
// put into words by the browser's side (browser-platform.ts) in the browser's language.

/** A table entry and its values; a value may itself be an entry (a reason set inside a line). */
export interface BadgeLine {
  key: BadgeKey;
  values: (string | number | BadgeLine)[];
}

export interface BadgeView {
  text: string;
  color: string;
  title: BadgeLine[];
  /** Stays until the next clip instead of fading: a batch's failures must still be there to read. */
  keep: boolean;
}

const GREEN = '#1a7f37';
const RED = '#cf222e';
const BLUE = '#0969da';
/** Failures the tooltip names one by one; beyond them it says how many more. */
export const TOOLTIP_FAILURES = 10;
/** Browsers show about four characters of a badge. */
const BADGE_CHARS = 4;

const line = (key: BadgeKey, ...values: BadgeLine['values']): BadgeLine => ({ key, values });
const reasonLine = (r: Reason): BadgeLine => line(reasonKey(r.code), ...reasonValues(r));

export function workingBadge(): BadgeView {
  return { text: '…', color: BLUE, title: [line('badgeWorking')], keep: false };
}

export function outcomeBadge(outcome: ClipOutcome): BadgeView {
  if (outcome.status === 'saved')
    return { text: '✓', color: GREEN, title: [line(outcome.clip.fullPage ? 'badgeClippedFullPage' : 'badgeClipped', outcome.clip.title)], keep: false };
  return { text: '!', color: RED, title: [reasonLine(outcome.reason)], keep: false };
}

export interface BatchCount {
  done: number;
  total: number;
  failed: number;
}

/** While a batch runs: how far it is (`3/8`, or a percentage where that would not fit). */
export function batchProgressBadge({ done, total, failed }: BatchCount): BadgeView {
  const fraction = `${done}/${total}`;
  const text = fraction.length <= BADGE_CHARS ? fraction : `${Math.floor((done / total) * 100)}%`;
  return { text, color: BLUE, title: [line('badgeBatchProgress', total, done, failed)], keep: false };
}

export interface BatchFailure {
  /** What the user knows the page by: its address (or its title where the address is not known). */
  label: string | BadgeLine;
  reason: Reason;
}

/** When a batch has ended: how many were clipped and, if any were not, which and why. */
export function batchSummaryBadge(clipped: number, total: number, failures: readonly BatchFailure[]): BadgeView {
  if (failures.length === 0) return { text: '✓', color: GREEN, title: [line('badgeBatchDone', total)], keep: false };
  const more = failures.length - TOOLTIP_FAILURES;
  return {
    text: '!',
    color: RED,
    title: [
      line('badgeBatchSummary', clipped, total),
      ...failures.slice(0, TOOLTIP_FAILURES).map((f) => line('badgeBatchFailure', f.label, reasonLine(f.reason))),
      ...(more > 0 ? [line('badgeBatchMore', more)] : []),
    ],
    keep: true,
  };
}

/** The tooltip's text, one line per entry, `words` wording an entry whose values are worded. */
export function tooltipText(title: readonly BadgeLine[], words: (key: BadgeKey, values: string[]) => string): string {
  const word = (entry: BadgeLine): string => words(entry.key, entry.values.map((v) => (typeof v === 'object' ? word(v) : String(v))));
  return title.map(word).join('\n');
}
