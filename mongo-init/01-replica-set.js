// Initiates the single-member replica set that Toki's store needs (its commits are multi-document transactions),
// then waits until this member is the writable primary. Safe to run again: an initiated set is left as it is.
//
// Run against the real server (docker-compose.yml's one-shot `mongo-init` service does so), not from
// /docker-entrypoint-initdb.d: without MONGO_INITDB_ROOT_USERNAME/PASSWORD the image's entrypoint keeps --replSet on
// its temporary init-time mongod, which listens on 127.0.0.1 only, so an initiation naming the host the other
// containers use (mongo:27017) cannot find itself there.
//
// TOKI_RS_MEMBER: the member's host:port as Toki reaches it (default mongo:27017). The set name is the one the
// server was started with (--replSet); a server started without it has nothing to initiate.
(() => {
  const member = process.env.TOKI_RS_MEMBER || 'mongo:27017';
  const replication = db.adminCommand({ getCmdLineOpts: 1 }).parsed.replication || {};
  const setName = replication.replSet || replication.replSetName;
  if (!setName) {
    print('replica set: the server runs without --replSet; nothing to initiate');
    return;
  }

  let initiated = true;
  try {
    rs.status();
  } catch (error) {
    if (error.codeName !== 'NotYetInitialized') {
      throw error;
    }
    initiated = false;
  }
  if (!initiated) {
    rs.initiate({ _id: setName, members: [{ _id: 0, host: member }] });
    print(`replica set: initiated ${setName} with member ${member}`);
  } else {
    print(`replica set: ${setName} was already initiated`);
  }

  const deadline = Date.now() + 60000;
  while (!db.hello().isWritablePrimary) {
    if (Date.now() > deadline) {
      throw new Error(`replica set: ${setName} has no writable primary after 60 s`);
    }
    sleep(500);
  }
  print(`replica set: ${setName} primary is ${db.hello().primary}`);
})();
