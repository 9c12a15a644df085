import { Zip, ZipDeflate } from 'fflate';

// fflate alone, as the extension drives it (streaming Zip, ZipDeflate level 6), over file bytes
// ready in memory: the floor the export benchmarks compare the extension's export with.

export interface ZipInput {
  path: string;
  bytes: Uint8Array;
  mtime: number;
}

/** Zips `files` to `write`; answers the wall and CPU time (ms) and the zip's size. */
export function zipAlone(files: readonly ZipInput[], write: (chunk: Uint8Array) => void = () => {}): { ms: number; cpuMs: number; bytes: number } {
  const cpu = process.cpuUsage();
  const start = performance.now();
  let bytes = 0;
  const zip = new Zip((error, chunk) => {
    if (error) throw error;
    bytes += chunk.length;
    write(chunk);
  });
  for (const file of files) {
    const entry = new ZipDeflate(file.path, { level: 6 });
    entry.mtime = file.mtime;
    zip.add(entry);
    entry.push(file.bytes, true);
  }
  zip.end();
  const ms = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { ms, cpuMs: (used.user + used.system) / 1000, bytes };
}
