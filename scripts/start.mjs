#!/usr/bin/env node
// `npm start`: build the web app if it is missing or older than its sources, then start the server.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const dist = join(root, 'apps/web/dist/index.html');

function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name === 'dist') continue;
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

const sources = Math.max(newest(join(root, 'apps/web/src')), newest(join(root, 'packages/shared/src')), statSync(join(root, 'apps/web/index.html')).mtimeMs);
if (!existsSync(dist) || statSync(dist).mtimeMs < sources) {
  console.log('Building the web app… 正在构建网页端…');
  const r = spawnSync('npm', ['run', 'build', '-w', '@carebridge/web'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
const server = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'apps/server/src/main.ts')], { cwd: root, stdio: 'inherit' });
process.exit(server.status ?? 0);
