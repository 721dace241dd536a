import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ChangesRequired, changesRequired, planSync, type SyncMeta } from './protocol.js';

const meta = (over: Partial<SyncMeta>): SyncMeta => ({ mod: 1000, scm: 500, usn: 7, ts: 0, msg: '', cont: true, hostNum: 0, empty: false, media_usn: 0, ...over });

test("Anki's decision table: equal mod first, then the schema, then a normal sync", () => {
  const cases: [Partial<SyncMeta>, Partial<SyncMeta>, ChangesRequired, string][] = [
    [{}, {}, ChangesRequired.NoChanges, 'same mod'],
    [{ scm: 1 }, {}, ChangesRequired.NoChanges, 'same mod wins even when the schemas differ'],
    [{ mod: 2000 }, {}, ChangesRequired.NormalSync, 'local newer'],
    [{}, { mod: 2000 }, ChangesRequired.NormalSync, 'remote newer'],
    [{ mod: 2000, scm: 1 }, {}, ChangesRequired.FullSync, 'both have cards'],
    [{ mod: 2000, scm: 1, empty: true }, {}, ChangesRequired.FullDownload, 'no cards here'],
    [{ mod: 2000, scm: 1 }, { empty: true }, ChangesRequired.FullUpload, 'no cards there'],
    [{ mod: 2000, scm: 1, empty: true }, { empty: true }, ChangesRequired.FullSync, 'neither has cards'],
  ];
  for (const [local, remote, expected, why] of cases) {
    assert.equal(changesRequired(planSync(meta(local), meta(remote))), expected, why);
  }
});

test('a normal sync starts from our usn, sends the server usn and says which side changed last', () => {
  assert.deepEqual(planSync(meta({ mod: 2000, usn: 3 }), meta({ usn: 9 })), { kind: 'normal', localIsNewer: true, minUsn: 3, serverUsn: 9 });
  assert.deepEqual(planSync(meta({ usn: 3 }), meta({ mod: 2000, usn: 9 })), { kind: 'normal', localIsNewer: false, minUsn: 3, serverUsn: 9 });
});
