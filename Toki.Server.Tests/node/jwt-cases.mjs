// Signs and verifies JWTs with npm jsonwebtoken, the library the migrating Node backends use.
// stdin: a JSON array of operations; stdout: a JSON array with one result per operation, same order.
//   {"op":"sign","payload":{...},"secret":"s"|null,"key":"rsa"?,"options":{...}} -> {"token":"..."} | {"error":"..."}
//   {"op":"verify","token":"...","secret":"s","options":{...}}                   -> {"ok":true} | {"ok":false,"error":"..."}
import { generateKeyPairSync } from 'node:crypto';
import jwt from 'jsonwebtoken';

let rsaKey;
const privateRsaKey = () => {
  rsaKey ??= generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  return rsaKey;
};

const describe = (error) => `${error.name}: ${error.message}`;

const run = (operation) => {
  try {
    switch (operation.op) {
      case 'sign': {
        const key = operation.key === 'rsa' ? privateRsaKey() : operation.secret;
        return { token: jwt.sign(operation.payload, key, operation.options ?? {}) };
      }
      case 'verify':
        jwt.verify(operation.token, operation.secret, operation.options ?? {});
        return { ok: true };
      default:
        return { error: `unknown op ${operation.op}` };
    }
  } catch (error) {
    return operation.op === 'verify' ? { ok: false, error: describe(error) } : { error: describe(error) };
  }
};

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const operations = JSON.parse(Buffer.concat(chunks).toString('utf8'));
process.stdout.write(JSON.stringify(operations.map(run)));
