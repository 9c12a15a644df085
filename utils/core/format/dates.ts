// Dates in exports are UTC, like the archive post's `date:`: the same clip gives the same file on
// every machine, whatever the time zone of the browser that exports it.

const TOKEN = /\[([^\]]*)\]|YYYY|YY|MM|M|DD|D|HH|H|mm|m|ss|s|SSS|ZZ|Z|X|x/g;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * Formats an instant (epoch ms) in UTC with moment-style tokens: `YYYY` `YY` `MM` `M` `DD` `D`
 * `HH` `H` `mm` `m` `ss` `s` `SSS`, `Z` (`+00:00`), `ZZ` (`+0000`), `X` (epoch seconds), `x`
 * (epoch ms); text in `[brackets]` is copied. `iso` (or an empty pattern) gives
 * `toISOString()`.
 */
export function formatDate(ms: number, pattern: string): string {
  const d = new Date(ms);
  if (pattern === '' || pattern.toLowerCase() === 'iso') return d.toISOString();
  return pattern.replace(TOKEN, (token, literal: string | undefined) => {
    if (literal !== undefined) return literal;
    switch (token) {
      case 'YYYY': return pad(d.getUTCFullYear(), 4);
      case 'YY': return pad(d.getUTCFullYear() % 100);
      case 'MM': return pad(d.getUTCMonth() + 1);
      case 'M': return String(d.getUTCMonth() + 1);
      case 'DD': return pad(d.getUTCDate());
      case 'D': return String(d.getUTCDate());
      case 'HH': return pad(d.getUTCHours());
      case 'H': return String(d.getUTCHours());
      case 'mm': return pad(d.getUTCMinutes());
      case 'm': return String(d.getUTCMinutes());
      case 'ss': return pad(d.getUTCSeconds());
      case 's': return String(d.getUTCSeconds());
      case 'SSS': return pad(d.getUTCMilliseconds(), 3);
      case 'Z': return '+00:00';
      case 'ZZ': return '+0000';
      case 'X': return String(Math.floor(ms / 1000));
      default: return String(ms);
    }
  });
}

/** `YYYY-MM-DD` of an instant, in UTC. */
export function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
