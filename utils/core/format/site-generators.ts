// Keeping text away from the template language of the site generator that will read the file.
// These run on finished Markdown (or HTML) bodies: Jekyll and Hugo read the raw file before any
// Markdown parser does, so code blocks and link targets need the protection as much as prose.

/**
 * Jekyll renders every post through Liquid first. Each Liquid opener (`{{` or `{%`) is written as
 * a Liquid output of that same text (`{{ "{{" }}`, `{{ "{%" }}`), so Liquid prints the characters
 * back and nothing else changes: unlike `&#123;`, this also reads right inside code blocks, which
 * Markdown copies verbatim. Closers need nothing: without an opener `}}` and `%}` are plain text.
 * (Liquid's tokenizer ends an output tag at its first `}`, which is why the literal holds only the
 * two opening characters.)
 */
export function protectFromLiquid(text: string): string {
  return text.replace(/\{[{%]/g, (opener) => `{{ "${opener}" }}`);
}

/** Undoes `protectFromLiquid`, for reading our own Jekyll posts back. */
export function unprotectLiquid(text: string): string {
  return text.replace(/\{\{ "(\{[{%])" \}\}/g, '$1');
}

/**
 * Hugo reads `{{<` and `{{%` in content as shortcode calls and fails the build on any it does not
 * know. Hugo has no literal syntax for them, so the first brace becomes a character reference:
 * right in prose and links; inside a code block it shows as `&#123;` (Hugo offers nothing better).
 */
export function protectFromHugo(text: string): string {
  return text.replace(/\{\{([<%])/g, '&#123;{$1');
}
