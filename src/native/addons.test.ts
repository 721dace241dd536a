import assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { prebuildKey as installKey } from '../../native/install.mjs';
import { tempDir } from '../../test/support/collections.js';
import { builtAddonPath, prebuildKey } from './addons.js';

test('the loader looks in the prebuilds/ folder the install step chose from', () => {
  assert.equal(prebuildKey(), installKey());
  assert.match(prebuildKey(), /^(linux|darwin|win32)-(x64|arm64)(-musl)?$/);
});

test("node-gyp's build comes first, then the prebuilt binary, else an error that says what to do", () => {
  const { dir, remove } = tempDir('acs-addons-');
  try {
    const built = join(dir, 'build', 'Release', 'mathf.node');
    const prebuilt = join(dir, 'prebuilds', prebuildKey(), 'mathf.node');
    assert.throws(() => builtAddonPath('mathf', dir), (err: Error) => {
      assert.match(err.message, /^the native part mathf is neither built \(.*\) nor prebuilt for /);
      assert.match(err.message, /run npm rebuild anki-connect-server .*python3, make and a C compiler$/);
      return true;
    });
    for (const file of [prebuilt, built]) {
      mkdirSync(join(file, '..'), { recursive: true });
      writeFileSync(file, '');
    }
    assert.equal(builtAddonPath('mathf', dir), built);
    rmSync(built);
    assert.equal(builtAddonPath('mathf', dir), prebuilt);
  } finally {
    remove();
  }
});
