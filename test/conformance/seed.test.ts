import { after, before, describe, test } from 'node:test';
import { assertIntegrity, tempDir } from '../support/collections.js';
import { useTestDispatcher } from '../support/dispatch.js';
import { startFileServer } from '../support/file-server.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { SEED_CASES, SERVED_FILES, type Env } from './seed-cases.js';

let files: Awaited<ReturnType<typeof startFileServer>>;
const scratch = tempDir('acs-scratch-');
before(async () => {
  files = await startFileServer(SERVED_FILES);
});
after(async () => {
  await files.stop();
  scratch.remove();
});

describe('seed README samples, through the dispatcher', () => {
  const t = useTestDispatcher();
  let env: Env;
  before(() => {
    env = { send: (request) => t.request(request), filesUrl: files.url, scratch: scratch.dir, mediaDir: t.col.media.path, ids: new Map() };
  });
  for (const step of SEED_CASES) {
    test(step.name, async () => step.check(await env.send(step.request(env)), env));
  }
});

describe('seed README samples, over HTTP', () => {
  let server: TestServer;
  let env: Env;
  before(async () => {
    server = await startTestServer();
    env = {
      send: async (request) => (await server.post(request)).json,
      filesUrl: files.url,
      scratch: scratch.dir,
      mediaDir: server.app.state.collection().media.path,
      ids: new Map(),
    };
  });
  after(async () => {
    assertIntegrity(server.app.state.collection());
    await server.stop();
  });
  for (const step of SEED_CASES) {
    test(step.name, async () => step.check(await env.send(step.request(env)), env));
  }
});
