// Preloaded with `node -r` into the embedded node servers (kinesis-local emulator, dynalite), which
// have no bind-address option and were not written to be killed.
// 1. Every server listens on 127.0.0.1 only, never on all interfaces.
// 2. The emulator's snapshot (CHIEF_ATOMIC_FILE) is written to a temporary file and renamed into
//    place when complete: a process killed mid-write leaves the previous snapshot, never a torn one
//    that the emulator cannot load at its next start (no fsync: safe against a kill, not a power cut).
// 3. The server stops when the Chief JVM that started it is gone (even after a SIGKILL), so no orphan
//    survives its parent, and on SIGTERM. With a snapshot file it first waits for a snapshot begun
//    after that moment, so nothing acknowledged before is lost. (The emulator's own SIGTERM/SIGINT
//    handling drains open connections for 30 s before its last snapshot: too slow for a stop.)
//    SIGINT (Ctrl-C reaches the whole terminal's process group) is ignored: Chief stops its servers.
'use strict';
const fs = require('fs');
const net = require('net');
const path = require('path');

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

let snapshots = 0; // complete snapshots so far

const atomicFile = process.env.CHIEF_ATOMIC_FILE ? path.resolve(process.env.CHIEF_ATOMIC_FILE) : null;
if (atomicFile) {
  const originalCreateWriteStream = fs.createWriteStream;
  let writes = 0;
  fs.createWriteStream = function (file, options) {
    if (typeof file !== 'string' || path.resolve(file) !== atomicFile) {
      return originalCreateWriteStream.apply(this, arguments);
    }
    const partial = atomicFile + '.partial-' + process.pid + '-' + (++writes);
    const stream = originalCreateWriteStream.call(this, partial, options);
    let finished = false;
    // the writer (fs2) calls removeAllListeners() once the file is open, and the process may exit
    // right after 'finish': so the events are watched here, in emit, not with listeners
    const originalEmit = stream.emit;
    stream.emit = function (event, ...args) {
      if (event === 'finish') {
        finished = true;
        try {
          fs.renameSync(partial, atomicFile);
          snapshots++;
        } catch (e) {
          console.error('Cannot replace ' + atomicFile + ': ' + e.message);
          fs.rmSync(partial, { force: true });
        }
      } else if (event === 'close' && !finished) {
        // cut short (the writer cancelled it, or a write failed): this snapshot is lost, not the previous one
        fs.rmSync(partial, { force: true });
      } else if (event === 'error' && this.listenerCount('error') === 0) {
        // a failed write (disk full...) costs this snapshot, not the process
        console.error('Snapshot not written: ' + (args[0] && args[0].message));
        return false;
      }
      return originalEmit.call(this, event, ...args);
    };
    return stream;
  };
}

// the emulator's runtime replaces process.exit with a graceful exit that drains for 30 s
const exit = process.exit.bind(process);
let stopping = false;
function stop(why) {
  if (stopping) {
    return;
  }
  stopping = true;
  console.error(new Date().toISOString() + ' [chief] stopping: ' + why);
  if (!atomicFile) {
    exit(0);
  }
  // the state of a snapshot under way (or being serialised) may predate this moment; the next one's does not
  const enough = snapshots + 2;
  setInterval(() => {
    if (snapshots >= enough) {
      exit(0);
    }
  }, 20);
  setTimeout(() => exit(0), 8000).unref(); // before Chief's kill (10 s): exit with the last good snapshot
}
process.on('SIGTERM', () => stop('SIGTERM'));
process.on('SIGINT', () => {});
// ...and only these handlers: the server's own would stop the periodic snapshots and drain
for (const method of ['on', 'addListener', 'once', 'prependListener', 'prependOnceListener']) {
  const original = process[method];
  process[method] = function (event, ...rest) {
    return event === 'SIGTERM' || event === 'SIGINT' ? this : original.call(this, event, ...rest);
  };
}

if (Number(process.env.CHIEF_PARENT_PID || 0) > 0) {
  // a process whose parent ends is handed to another parent, so its parent pid changes
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) {
      stop('the Chief that started this server (pid ' + parent + ') is gone');
    }
  }, 1000).unref();
}
