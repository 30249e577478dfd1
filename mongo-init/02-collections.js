// Creates Toki's collections (users, videocalls, transactions) with the $jsonSchema validators and indexes in
// toki-collections.json beside this file. The server's tests read the same file: they check that the documents the
// store writes pass these validators and that the store creates exactly these indexes, so the two cannot drift.
// Safe to run again: an existing collection gets the validator through collMod, and an index that exists with
// the same definition is left as it is. TOKI_DATABASE names the database (default toki).
(() => {
  const fs = require('fs');
  const definitions = JSON.parse(fs.readFileSync(`${__dirname}/toki-collections.json`, 'utf8'));
  const toki = db.getSiblingDB(process.env.TOKI_DATABASE || 'toki');
  const existing = toki.getCollectionNames();
  const check = (reply, what) => {
    if (reply.ok !== 1) {
      throw new Error(`${what} failed: ${JSON.stringify(reply)}`);
    }
  };

  for (const [name, definition] of Object.entries(definitions)) {
    const validation = { validator: definition.validator, validationLevel: 'strict', validationAction: 'error' };
    if (existing.includes(name)) {
      check(toki.runCommand({ collMod: name, ...validation }), `collMod ${name}`);
    } else {
      check(toki.runCommand({ create: name, ...validation }), `create ${name}`);
    }
    if (definition.indexes.length > 0) {
      check(toki.runCommand({ createIndexes: name, indexes: definition.indexes }), `createIndexes ${name}`);
    }
    print(`collections: ${toki.getName()}.${name} validated, indexes: ${definition.indexes.map((index) => index.name).join(', ') || 'none'}`);
  }
})();
