// Preloaded with `node -r` into the kinesis-local emulator, which has no bind-address option.
// 1. Every server listens on 127.0.0.1 only, never on all interfaces.
// 2. The emulator exits when the Chief JVM that started it is gone (even after a SIGKILL),
//    so no orphan process survives its parent.
'use strict';
const net = require('net');
const originalListen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
  if (args.length > 0 && typeof args[0] === 'object' && args[0] !== null) {
    args[0] = Object.assign({}, args[0], { host: '127.0.0.1' });
  } else if (typeof args[0] === 'number' || typeof args[0] === 'string') {
    const port = args[0];
    const rest = args.slice(1).filter((a) => typeof a === 'function' || typeof a === 'number');
    const callback = rest.find((a) => typeof a === 'function');
    return originalListen.call(this, { port: Number(port), host: '127.0.0.1' }, callback);
  }
  return originalListen.apply(this, args);
};

const parentPid = Number(process.env.CHIEF_PARENT_PID || 0);
if (parentPid > 0) {
  setInterval(() => {
    try {
      process.kill(parentPid, 0);
    } catch (e) {
      process.exit(0);
    }
  }, 1000).unref();
}
