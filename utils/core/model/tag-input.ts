import { FIELD_LIMITS } from './limits';

/**
 * Tags as a person types them: separated by commas (Chinese ones too), trimmed, each once, within
 * the limits a clip keeps.
 */
export const splitTags = (value: string): string[] =>
  [...new Set(value.split(/[,，]/).map((t) => t.trim().slice(0, FIELD_LIMITS.tag).trim()).filter(Boolean))].slice(0, FIELD_LIMITS.tags);
