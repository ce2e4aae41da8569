// Loaded into a spawned flis with `node --import` by the kill tests, never by flis itself. It counts the file
// operations that change something on disk (opening, writing, flushing, closing, renaming, removing, making
// folders) and sends the process SIGKILL just before the one numbered FLIS_KILL_AT, as `kill -9` from cron or
// the OOM killer would. With FLIS_KILL_COUNT set to a file path, it writes there how many it counted.

import fs, { writeFileSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';

const killAt = Number(process.env.FLIS_KILL_AT ?? '0');
let count = 0;

function counted(owner, name) {
  const real = owner[name];
  owner[name] = function (...args) {
    count += 1;
    if (count === killAt) process.kill(process.pid, 'SIGKILL');
    return real.apply(this, args);
  };
}

const probe = await fs.promises.open(process.execPath, 'r');
const fileHandle = Object.getPrototypeOf(probe);
await probe.close();

for (const name of ['open', 'rename', 'rm', 'mkdir', 'writeFile', 'link', 'unlink']) counted(fs.promises, name);
for (const name of ['writeFile', 'write', 'sync', 'close']) counted(fileHandle, name);
syncBuiltinESMExports();

if (process.env.FLIS_KILL_COUNT) {
  const file = process.env.FLIS_KILL_COUNT;
  process.on('exit', () => writeFileSync(file, String(count)));
}
