// A minimal reader of source maps (version 3): enough to say which original file and line a
// position of a bundle comes from, for the profiler (no dependency for thirty lines of VLQ).

export interface SourceMapJson {
  version: number;
  sources: string[];
  mappings: string;
}

export interface OriginalPosition {
  source: string;
  /** 0-based, like the bundle position asked for. */
  line: number;
  column: number;
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DIGIT = new Map([...BASE64].map((c, i) => [c, i]));

/** The Base64 VLQ numbers of one mapping segment. */
function decodeSegment(text: string): number[] {
  const out: number[] = [];
  let value = 0;
  let shift = 0;
  for (const c of text) {
    const digit = DIGIT.get(c);
    if (digit === undefined) throw new Error(`Not a Base64 VLQ digit: ${c}`);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
      continue;
    }
    out.push(value & 1 ? -(value >>> 1) : value >>> 1);
    value = 0;
    shift = 0;
  }
  return out;
}

/** Decodes `map`; `lookup` answers the original position of the last segment at or before a bundle position. */
export function decodeSourceMap(map: SourceMapJson) {
  // Per generated line: [generated column, source index, original line, original column] segments.
  const lines: number[][][] = [];
  let source = 0;
  let line = 0;
  let column = 0;
  for (const lineText of map.mappings.split(';')) {
    const segments: number[][] = [];
    let generated = 0;
    for (const segmentText of lineText.split(',')) {
      if (!segmentText) continue;
      const s = decodeSegment(segmentText);
      generated += s[0]!;
      if (s.length < 4) continue;
      source += s[1]!;
      line += s[2]!;
      column += s[3]!;
      segments.push([generated, source, line, column]);
    }
    lines.push(segments);
  }
  return {
    lookup(genLine: number, genColumn: number): OriginalPosition | undefined {
      // A function's position is where its code starts; a line without mappings takes the last
      // mapping of an earlier line.
      for (let l = genLine; l >= 0; l--) {
        const segments = lines[l] ?? [];
        for (let i = segments.length - 1; i >= 0; i--) {
          const s = segments[i]!;
          if (l < genLine || s[0]! <= genColumn) return { source: map.sources[s[1]!] ?? '?', line: s[2]!, column: s[3]! };
        }
      }
      return undefined;
    },
  };
}
