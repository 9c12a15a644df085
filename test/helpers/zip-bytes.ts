// Test helper: the whole output of a writer that hands its bytes to a sink chunk by chunk (a zip
// export, a backup), as one array.

export async function zipBytes(write: (sink: (chunk: Uint8Array) => void) => Promise<unknown>): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  await write((chunk) => void chunks.push(chunk));
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  chunks.reduce((at, c) => (out.set(c, at), at + c.length), 0);
  return out;
}
