// Chief's local Kinesis: npm kinesalite (LevelDB on disk, every acknowledged write is in its log, so a
// SIGKILL loses nothing) serving the same handler on three loopback ports:
//   CHIEF_KINESIS_PORT      http, for the AWS SDK clients (readers, Camel, KCL);
//   CHIEF_KINESIS_TLS_PORT  https, for the KPL's native daemon, which only speaks TLS;
//   CHIEF_STS_PORT          https, STS GetCallerIdentity, which the KPL asks once at start and dies without.
// Certificates: kinesalite's own self-signed pair (the KPL runs with certificate checks off locally).
'use strict';
const fs = require('fs');
const https = require('https');
const path = require('path');
const crypto = require('crypto');
const kinesalite = require('kinesalite');

const store = process.env.CHIEF_KINESIS_STORE;
const ssl = path.join(path.dirname(require.resolve('kinesalite')), 'ssl');
const tls = { key: fs.readFileSync(path.join(ssl, 'server-key.pem')), cert: fs.readFileSync(path.join(ssl, 'server-crt.pem')) };

const plain = kinesalite({
  path: store,
  createStreamMs: 0,
  deleteStreamMs: 0,
  updateStreamMs: 0,
  shardLimit: 1000, // kinesalite counts shards over all streams
});
const handler = plain.listeners('request')[0];

const account = '000000000000';
function callerIdentity(req, res) {
  req.resume();
  req.on('end', () => {
    res.setHeader('Content-Type', 'text/xml');
    res.end('<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult>'
      + '<Arn>arn:aws:iam::' + account + ':user/chief-local</Arn><UserId>AIDACHIEFLOCAL</UserId>'
      + '<Account>' + account + '</Account></GetCallerIdentityResult>'
      + '<ResponseMetadata><RequestId>' + crypto.randomUUID() + '</RequestId></ResponseMetadata></GetCallerIdentityResponse>');
  });
}

function listen(server, variable) {
  server.keepAliveTimeout = 60000; // the KPL and the SDK keep connections open between batches
  server.listen(Number(process.env[variable]), '127.0.0.1');
  server.on('error', (e) => {
    console.error(variable + ': ' + e.message);
    process.exit(1);
  });
}
listen(plain, 'CHIEF_KINESIS_PORT');
listen(https.createServer(tls, handler), 'CHIEF_KINESIS_TLS_PORT');
listen(https.createServer(tls, callerIdentity), 'CHIEF_STS_PORT');
console.log(new Date().toISOString() + ' kinesalite up, data in ' + (store || 'memory'));
