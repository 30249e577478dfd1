using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Toki.Server.Storage.Sqlite;

/// <summary>
/// Creates and migrates the schema. Times are INTEGER unix milliseconds; the id sets
/// (<c>joinedUserIds</c>, <c>interruptedUserIds</c>, <c>rejoinedUserIds</c>) are JSON arrays of strings and
/// <c>rejoinDeadlines</c> a JSON object of user id to unix milliseconds: they are only ever read and written
/// whole, never queried. Statuses, types and ledger kinds are stored as their lowercase wire strings.
/// </summary>
internal static class SqliteSchema
{
    public const int CurrentVersion = 6;

    /// <summary>The SQL of each version, in order: index 0 takes an empty database to version 1.</summary>
    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE users (
            id TEXT NOT NULL PRIMARY KEY,
            name TEXT NOT NULL,
            coins INTEGER NOT NULL DEFAULT 0,
            heldCoins INTEGER NOT NULL DEFAULT 0,
            earnings INTEGER NOT NULL DEFAULT 0,
            isOnCall INTEGER NOT NULL DEFAULT 0,
            currentCallId TEXT NULL
        );

        CREATE TABLE calls (
            id TEXT NOT NULL PRIMARY KEY,
            callerId TEXT NOT NULL REFERENCES users (id),
            calleeId TEXT NOT NULL REFERENCES users (id),
            callerName TEXT NOT NULL,
            calleeName TEXT NOT NULL,
            type TEXT NOT NULL,
            status TEXT NOT NULL,
            createdAt INTEGER NOT NULL,
            acceptedAt INTEGER NULL,
            startedAt INTEGER NULL,
            endedAt INTEGER NULL,
            endReason TEXT NULL,
            endedBy TEXT NULL,
            durationLimitSec INTEGER NOT NULL,
            ratePerMinute INTEGER NOT NULL,
            activeMs INTEGER NOT NULL,
            lastResumedAt INTEGER NULL,
            joinedUserIds TEXT NOT NULL,
            interruptedUserIds TEXT NOT NULL,
            rejoinedUserIds TEXT NOT NULL,
            rejoinDeadlines TEXT NOT NULL,
            interruptedFrom TEXT NULL,
            ringDeadline INTEGER NULL,
            connectDeadline INTEGER NULL,
            endsAt INTEGER NULL,
            holdCoins INTEGER NOT NULL,
            coinsCharged INTEGER NOT NULL,
            billedSeconds INTEGER NOT NULL,
            settledAt INTEGER NULL,
            version INTEGER NOT NULL
        );

        CREATE INDEX ix_calls_caller_history ON calls (callerId, createdAt DESC, id DESC);
        CREATE INDEX ix_calls_callee_history ON calls (calleeId, createdAt DESC, id DESC);
        CREATE INDEX ix_calls_live_caller ON calls (callerId) WHERE status IN ('pending', 'accepted', 'active', 'interrupted');
        CREATE INDEX ix_calls_live_callee ON calls (calleeId) WHERE status IN ('pending', 'accepted', 'active', 'interrupted');
        CREATE INDEX ix_calls_live ON calls (status) WHERE status IN ('pending', 'accepted', 'active', 'interrupted');

        CREATE TABLE transactions (
            seq INTEGER PRIMARY KEY,
            key TEXT NOT NULL,
            callId TEXT NOT NULL REFERENCES calls (id),
            kind TEXT NOT NULL,
            userId TEXT NOT NULL REFERENCES users (id),
            amount INTEGER NOT NULL,
            at INTEGER NOT NULL
        );

        CREATE UNIQUE INDEX ux_transactions_key ON transactions (key);
        CREATE INDEX ix_transactions_call ON transactions (callId, at);
        """,
        // Version 2: the live-call predicate as ORs. SQLite evaluates a partial index's predicate on every row
        // written, and an IN list of more than two values builds a temporary table each time it does (six per
        // call update), which cost more than the rest of the update.
        $"""
        DROP INDEX ix_calls_live_caller;
        DROP INDEX ix_calls_live_callee;
        DROP INDEX ix_calls_live;
        CREATE INDEX ix_calls_live_caller ON calls (callerId) WHERE {SqliteCallQueries.IsLive};
        CREATE INDEX ix_calls_live_callee ON calls (calleeId) WHERE {SqliteCallQueries.IsLive};
        CREATE INDEX ix_calls_live ON calls (status) WHERE {SqliteCallQueries.IsLive};
        """,
        // Version 3: a call's ledger is read by time, then by key, so that entries of one instant come in an order
        // every store shares (not insertion order); the index delivers that order without a sort.
        """
        DROP INDEX ix_transactions_call;
        CREATE INDEX ix_transactions_call ON transactions (callId, at, key);
        """,
        // Version 4: the operators' listings (GET /api/admin/calls), newest first: every call, and one status.
        """
        CREATE INDEX IF NOT EXISTS ix_calls_created ON calls (createdAt DESC, id DESC);
        CREATE INDEX IF NOT EXISTS ix_calls_status_created ON calls (status, createdAt DESC, id DESC);
        """,
        // Version 5: every node sweeps for the calls whose deadline has passed (those a node that died had armed), so a
        // live call carries its next deadline in a column of its own (CallRecord.NextDeadline), null once it is over.
        """
        ALTER TABLE calls ADD COLUMN dueAt INTEGER NULL;
        UPDATE calls SET dueAt = CASE status
            WHEN 'pending' THEN ringDeadline
            WHEN 'accepted' THEN connectDeadline
            WHEN 'active' THEN endsAt
            WHEN 'interrupted' THEN (SELECT min(value) FROM json_each(calls.rejoinDeadlines))
            ELSE NULL END;
        CREATE INDEX ix_calls_due ON calls (dueAt, id) WHERE dueAt IS NOT NULL;
        """,
        // Version 6: the live calls' status index goes. Every live call is also in ix_calls_live_caller (each has a
        // caller), which the operators' live listing and the restart's scan walk instead, while each status change
        // rewrote its entry and the WAL page under it.
        """
        DROP INDEX IF EXISTS ix_calls_live;
        """,
    ];

    /// <summary>
    /// Brings the file to <see cref="CurrentVersion"/> in one immediate transaction, so that two processes
    /// starting together cannot both migrate. A file from a newer server is refused rather than misread.
    /// </summary>
    public static void Migrate(SqliteConnection connection)
    {
        using (var wal = connection.CreateCommand())
        {
            // Persistent in the file; it cannot change inside a transaction.
            wal.CommandText = "PRAGMA journal_mode = WAL;";
            wal.ExecuteNonQuery();
        }

        using var transaction = connection.BeginTransaction(deferred: false);
        Execute(connection, transaction, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL);");
        var version = ReadVersion(connection, transaction);
        if (version > CurrentVersion)
        {
            throw new InvalidOperationException(
                $"The database '{connection.DataSource}' has schema version {version}; this server knows versions up to {CurrentVersion}.");
        }
        for (var next = version + 1; next <= CurrentVersion; next++)
        {
            Execute(connection, transaction, Migrations[next - 1]);
        }
        if (version != CurrentVersion)
        {
            Execute(connection, transaction, "DELETE FROM schema_version;");
            Execute(connection, transaction,
                $"INSERT INTO schema_version (version) VALUES ({CurrentVersion.ToString(CultureInfo.InvariantCulture)});");
        }
        transaction.Commit();
    }

    public static int ReadVersion(SqliteConnection connection, SqliteTransaction? transaction)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT max(version) FROM schema_version;";
        return command.ExecuteScalar() is long version ? checked((int)version) : 0;
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
