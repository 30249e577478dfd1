// Adds the demo users of demo-users.json (the same users as Toki.Server/seed-users.json: alice and bob) when they
// do not exist yet. An existing user is never changed, so balances survive running this again.
// Balances are Int64 (NumberLong), as the store writes them and the users validator requires.
(() => {
  const fs = require('fs');
  const { users } = JSON.parse(fs.readFileSync(`${__dirname}/demo-users.json`, 'utf8'));
  const toki = db.getSiblingDB(process.env.TOKI_DATABASE || 'toki');
  for (const user of users) {
    const result = toki.users.updateOne(
      { _id: user.id },
      {
        $setOnInsert: {
          name: user.name,
          coins: NumberLong(String(user.coins)),
          heldCoins: NumberLong('0'),
          earnings: NumberLong('0'),
          isOnCall: false,
          currentCallId: null,
        },
      },
      { upsert: true },
    );
    print(`demo users: ${user.id} ${result.upsertedCount === 1 ? 'added' : 'already there, kept'}`);
  }
})();
