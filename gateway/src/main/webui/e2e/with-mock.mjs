// Runs the browser suite against the mock API (e2e/mock-api.mjs) serving the built dist/.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startMock } from './mock-api.mjs';

const here = dirname(fileURLToPath(import.meta.url));
if (!existsSync(join(here, '..', 'dist', 'index.html'))) {
  console.error('dist/ is missing: run `npm run build` first');
  process.exit(2);
}
const { server, url } = await startMock(0);
console.log(`mock API at ${url}`);
const child = spawn(process.execPath, ['--test', '--test-concurrency=1', join(here, 'ui.test.mjs'), join(here, 'embed.test.mjs')], {
  stdio: 'inherit',
  env: { ...process.env, KIEZWERK_BASE_URL: url, KIEZWERK_MOCK: '1' },
});
const stop = (signal) => child.kill(signal);
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
child.on('exit', (code, signal) => {
  server.close();
  process.exit(code ?? (signal ? 1 : 0));
});
