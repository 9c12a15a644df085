/** The message of anything thrown, for showing to the user. */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
