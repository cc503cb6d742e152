// Preloaded with `node -r` into the embedded node servers (kinesalite, dynalite), which were not
// written to be run by another process:
// 1. Every server listens on 127.0.0.1 only, never on all interfaces, whatever host it asks for.
// 2. The server stops when the Chief JVM that started it is gone (even after a SIGKILL), so no orphan
//    survives its parent, and on SIGTERM. SIGINT (Ctrl-C reaches the whole terminal's process group)
//    is ignored: Chief stops its servers itself, after its own routes.
'use strict';
const net = require('net');

const originalListen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
  if (args.length > 0 && typeof args[0] === 'object' && args[0] !== null) {
    args[0] = Object.assign({}, args[0], { host: '127.0.0.1' });
  } else if (typeof args[0] === 'number' || typeof args[0] === 'string') {
    const port = args[0];
    const callback = args.slice(1).find((a) => typeof a === 'function');
    return originalListen.call(this, { port: Number(port), host: '127.0.0.1' }, callback);
  }
  return originalListen.apply(this, args);
};

function stop(why) {
  console.error(new Date().toISOString() + ' [chief] stopping: ' + why);
  process.exit(0); // both stores write every acknowledged change before answering: nothing to flush
}
process.on('SIGTERM', () => stop('SIGTERM'));
process.on('SIGINT', () => {});

if (Number(process.env.CHIEF_PARENT_PID || 0) > 0) {
  // a process whose parent ends is handed to another parent, so its parent pid changes
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) {
      stop('the Chief that started this server (pid ' + parent + ') is gone');
    }
  }, 1000).unref();
}
