import { installBenchExtension, seededLibraries } from './lib/seeded-library';
installBenchExtension();
const libs = await seededLibraries([10_000, 65_000], (l) => console.error(l));
for (const [size, lib] of libs) { console.log(size, JSON.stringify({ ...lib, dir: undefined })); lib.discard(); }
