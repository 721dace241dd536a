// The web UI's files are plain HTML, CSS and ES modules that tsc does not emit: the build
// copies them beside the compiled server (dist/src/gui/web), where src/http/ui/static.ts looks.
import { cpSync, rmSync } from 'node:fs';

const root = new URL('..', import.meta.url).pathname;
rmSync(`${root}dist/src/gui/web`, { recursive: true, force: true });
cpSync(`${root}src/gui/web`, `${root}dist/src/gui/web`, { recursive: true });
