/**
 * Creating a folder and its missing parents. Node's `mkdirSync(…, { recursive: true })` spins
 * forever where creating a folder keeps failing with ENOENT although its parent exists (under
 * /proc, for instance); this walks up once and down once, and fails with the folder's name.
 */
import { mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

export function makeFolders(path: string): void {
  const missing: string[] = [];
  for (let folder = path; ; folder = dirname(folder)) {
    let info;
    try {
      info = statSync(folder, { throwIfNoEntry: false });
    } catch (err) {
      // ENOTDIR: a file where a folder should be, further up.
      throw new Error(`cannot create the folder ${path}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
    }
    if (info !== undefined) {
      if (!info.isDirectory()) throw new Error(`cannot create the folder ${path}: ${folder} is not a folder`);
      break;
    }
    missing.push(folder);
    if (dirname(folder) === folder) break;
  }
  for (const folder of missing.reverse()) {
    try {
      mkdirSync(folder);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') continue;
      throw new Error(`cannot create the folder ${folder}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
    }
  }
}
