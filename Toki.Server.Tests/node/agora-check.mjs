// Checks tokens built by the C# server against the official agora-token package.
// stdin: JSON array of cases { id, token, cert, wrongCert, official? }, where official describes a token for the
// package to build itself: { appId, cert, issueTs, expire, salt, channel, uid | account, privileges: [[key, expire]] }.
// stdout: JSON array of { id, parsed, verified, verifiedWithWrongCert, appId, issueTs, expire, salt, services,
// officialContentHex? }.
import { createRequire } from 'node:module';
import zlib from 'node:zlib';

const require = createRequire(import.meta.url);
const { AccessToken2, ServiceRtc } = require('agora-token/src/AccessToken2');

let input = '';
for await (const chunk of process.stdin) input += chunk;
const cases = JSON.parse(input);

const results = cases.map((c) => {
  const token = new AccessToken2('', '', 0, 0);
  const parsed = token.from_string(c.token) === true;
  const result = {
    id: c.id,
    parsed,
    verified: parsed && token.verifySignature(c.cert),
    verifiedWithWrongCert: parsed && token.verifySignature(c.wrongCert),
    appId: parsed ? token.appId.toString('utf8') : null,
    issueTs: token.issueTs,
    expire: token.expire,
    salt: token.salt,
    services: token.services.map((s) => ({
      type: s.service_type(),
      channel: Buffer.from(s.__channel_name).toString('utf8'),
      uid: Buffer.from(s.__uid).toString('utf8'),
      privileges: Object.entries(s.__privileges).map(([key, value]) => [Number(key), value]),
    })),
  };
  if (c.official) {
    const o = c.official;
    const official = new AccessToken2(o.appId, o.cert, o.issueTs, o.expire);
    official.salt = o.salt;
    const service = new ServiceRtc(o.channel, o.account ?? o.uid);
    for (const [key, value] of o.privileges) service.add_privilege(key, value);
    official.add_service(service);
    const built = official.build();
    result.officialContentHex = built.startsWith('007')
      ? zlib.inflateSync(Buffer.from(built.substring(3), 'base64')).toString('hex')
      : null;
  }
  return result;
});

process.stdout.write(JSON.stringify(results));
