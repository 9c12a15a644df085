/** A WXT logger that prints only warnings and errors: the profiles' own output stays readable. */
export const quietLogger = {
  debug() {},
  log() {},
  info() {},
  warn: console.warn,
  error: console.error,
  fatal: console.error,
  success() {},
  level: 1,
};
