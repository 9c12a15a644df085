// The backup zip's table of contents. Every clip is stored whole as JSON (clips/000001.json …),
// so any field the library keeps, today's or a later version's, survives a backup unchanged.

export const BACKUP_FORMAT = 'news-clipper-backup';
/** Raise when the layout changes; restore refuses newer versions instead of misreading them. */
export const BACKUP_VERSION = 1;
export const MANIFEST_PATH = 'manifest.json';
export const CLIP_FOLDER = 'clips/';

export interface ManifestEntry {
  id: string;
  /** The clip's JSON file in the zip. */
  file: string;
  /** Its archive post in the zip, for people and Jekyll (absent when another clip of the same article has it). */
  post?: string;
}

export interface Manifest {
  format: typeof BACKUP_FORMAT;
  version: number;
  /** Epoch ms. */
  createdAt: number;
  clipCount: number;
  clips: ManifestEntry[];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function isEntry(v: unknown): v is ManifestEntry {
  return (
    isObject(v) &&
    typeof v.id === 'string' &&
    typeof v.file === 'string' &&
    v.file.startsWith(CLIP_FOLDER) &&
    (v.post === undefined || typeof v.post === 'string')
  );
}

/** Why a manifest cannot be read, or undefined when it can. */
export function manifestProblem(v: unknown): string | undefined {
  if (!isObject(v) || v.format !== BACKUP_FORMAT) return 'This zip is not a News Clipper backup (no backup manifest).';
  if (typeof v.version !== 'number' || !Number.isInteger(v.version) || v.version < 1) return 'The backup manifest has no valid version.';
  if (v.version > BACKUP_VERSION) {
    return `This backup was made by a newer version of the extension (backup format ${v.version}); update the extension to restore it.`;
  }
  if (!Array.isArray(v.clips) || !v.clips.every(isEntry)) return 'The backup manifest is damaged (its list of clips cannot be read).';
  return undefined;
}
