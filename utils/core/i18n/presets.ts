import type { PresetId } from '../format/presets';
import type { MessageKey, Translate } from './index';

// The export formats as the options page names them. The presets themselves (format/) hold no
// words: each one's name and description are table entries, so a preset without them in every
// language does not compile.

export const presetNameKey = (id: PresetId) => `preset.${id}.name` as const satisfies MessageKey;
export const presetAboutKey = (id: PresetId) => `preset.${id}.about` as const satisfies MessageKey;

export const presetName = (id: PresetId, t: Translate) => t(presetNameKey(id));
export const presetAbout = (id: PresetId, t: Translate) => t(presetAboutKey(id));
