namespace Toki.Server.Storage.Sqlite;

/// <summary>
/// The SQL of the store. Every query over <c>calls</c> and <c>transactions</c> is backed by an index (the
/// tests check the query plans), so none of them scans a table that grows with every call.
/// </summary>
internal static class SqliteCallQueries
{
    /// <summary>
    /// The partial indexes repeat this exact text: SQLite uses them only for queries that say it too. ORs rather
    /// than <c>IN (...)</c>: SQLite builds a temporary table for an IN list of more than two values on every
    /// evaluation, and it evaluates this on every call it writes to maintain the indexes.
    /// </summary>
    public const string IsLive = "(status = 'pending' OR status = 'accepted' OR status = 'active' OR status = 'interrupted')";

    public const string CallColumns =
        "id, callerId, calleeId, callerName, calleeName, type, status, createdAt, acceptedAt, startedAt, endedAt, " +
        "endReason, endedBy, durationLimitSec, ratePerMinute, activeMs, lastResumedAt, joinedUserIds, interruptedUserIds, " +
        "rejoinedUserIds, rejoinDeadlines, interruptedFrom, ringDeadline, connectDeadline, endsAt, holdCoins, coinsCharged, " +
        "billedSeconds, settledAt, version";

    public const string UserColumns = "id, name, coins, heldCoins, earnings, isOnCall, currentCallId";

    public const string LedgerColumns = "callId, kind, userId, amount, at";

    public const string GetCall = $"SELECT {CallColumns} FROM calls WHERE id = @id;";

    public const string FindLiveCall =
        $"SELECT {CallColumns} FROM calls WHERE callerId = @user AND {IsLive} " +
        $"UNION ALL SELECT {CallColumns} FROM calls WHERE calleeId = @user AND {IsLive} LIMIT 1;";

    public const string HasLiveCall =
        $"SELECT EXISTS (SELECT 1 FROM calls WHERE callerId = @user AND {IsLive}) " +
        $"OR EXISTS (SELECT 1 FROM calls WHERE calleeId = @user AND {IsLive});";

    /// <summary>
    /// The calls whose deadline has passed, earliest first, down <c>ix_calls_due</c>. <c>dueAt</c> is written with every
    /// call (its <see cref="Toki.Calls.Domain.CallRecord.NextDeadline"/>, null once it is over) and never read back.
    /// </summary>
    public const string GetCallsDue =
        $"SELECT {CallColumns} FROM calls WHERE dueAt IS NOT NULL AND dueAt <= @dueBy ORDER BY dueAt, id LIMIT @take;";

    /// <summary>Every live call, oldest first (a restart's recovery), from the callers' live index as <see cref="ListLiveCalls"/>.</summary>
    public const string GetLiveCalls = $"SELECT {CallColumns} FROM calls INDEXED BY ix_calls_live_caller WHERE {IsLive} ORDER BY createdAt, id;";

    /// <summary>
    /// Newest first, strictly before (@beforeAt, @beforeId): each role reads at most @take rows down its own
    /// index, then the two short lists are merged. Without a cursor @beforeAt is long.MaxValue. A call from
    /// the user to itself would otherwise be listed twice.
    /// </summary>
    public const string History =
        $"SELECT {CallColumns} FROM (SELECT {CallColumns} FROM calls WHERE callerId = @user AND (createdAt, id) < (@beforeAt, @beforeId) " +
        "ORDER BY createdAt DESC, id DESC LIMIT @take) " +
        $"UNION ALL SELECT {CallColumns} FROM (SELECT {CallColumns} FROM calls WHERE calleeId = @user AND callerId <> @user " +
        "AND (createdAt, id) < (@beforeAt, @beforeId) ORDER BY createdAt DESC, id DESC LIMIT @take) " +
        "ORDER BY createdAt DESC, id DESC LIMIT @take;";

    /// <summary>The operators' listing of every call, newest first, down <c>ix_calls_created</c>.</summary>
    public const string ListCalls =
        $"SELECT {CallColumns} FROM calls WHERE (createdAt, id) < (@beforeAt, @beforeId) ORDER BY createdAt DESC, id DESC LIMIT @take;";

    /// <summary>The calls of one status, newest first, down <c>ix_calls_status_created</c>.</summary>
    public const string ListCallsByStatus =
        $"SELECT {CallColumns} FROM calls WHERE status = @status AND (createdAt, id) < (@beforeAt, @beforeId) " +
        "ORDER BY createdAt DESC, id DESC LIMIT @take;";

    /// <summary>
    /// The live calls (few: at most one per user), sorted newest first, from the callers' live index: every live call
    /// has a caller, so that partial index holds them all.
    /// </summary>
    public const string ListLiveCalls =
        $"SELECT {CallColumns} FROM calls INDEXED BY ix_calls_live_caller WHERE {IsLive} AND (createdAt, id) < (@beforeAt, @beforeId) " +
        "ORDER BY createdAt DESC, id DESC LIMIT @take;";

    /// <summary>One user's calls of one status: <see cref="History"/> with the status in both walks.</summary>
    public const string HistoryByStatus =
        $"SELECT {CallColumns} FROM (SELECT {CallColumns} FROM calls WHERE callerId = @user AND status = @status " +
        "AND (createdAt, id) < (@beforeAt, @beforeId) ORDER BY createdAt DESC, id DESC LIMIT @take) " +
        $"UNION ALL SELECT {CallColumns} FROM (SELECT {CallColumns} FROM calls WHERE calleeId = @user AND callerId <> @user " +
        "AND status = @status AND (createdAt, id) < (@beforeAt, @beforeId) ORDER BY createdAt DESC, id DESC LIMIT @take) " +
        "ORDER BY createdAt DESC, id DESC LIMIT @take;";

    /// <summary>One user's live calls (at most one) through the live partial indexes.</summary>
    public const string HistoryLive =
        $"SELECT {CallColumns} FROM calls WHERE callerId = @user AND {IsLive} AND (createdAt, id) < (@beforeAt, @beforeId) " +
        $"UNION ALL SELECT {CallColumns} FROM calls WHERE calleeId = @user AND callerId <> @user AND {IsLive} " +
        "AND (createdAt, id) < (@beforeAt, @beforeId) ORDER BY createdAt DESC, id DESC LIMIT @take;";

    public const string InsertCall =
        $"INSERT INTO calls ({CallColumns}, dueAt) VALUES (@id, @callerId, @calleeId, @callerName, @calleeName, @type, @status, @createdAt, " +
        "@acceptedAt, @startedAt, @endedAt, @endReason, @endedBy, @durationLimitSec, @ratePerMinute, @activeMs, @lastResumedAt, " +
        "@joinedUserIds, @interruptedUserIds, @rejoinedUserIds, @rejoinDeadlines, @interruptedFrom, @ringDeadline, @connectDeadline, " +
        "@endsAt, @holdCoins, @coinsCharged, @billedSeconds, @settledAt, @version, @dueAt) ON CONFLICT (id) DO NOTHING;";

    /// <summary>
    /// The compare-and-set of a transition, which never changes a call's identity (parties, their names, type, creation
    /// time): the identity is matched rather than set. SQLite maintains only the indexes over the columns an UPDATE
    /// sets (and the partial ones whose condition reads them), so the four over the identity (the primary key, both
    /// histories, the creation order) are left alone instead of being rewritten with every transition, and each commit
    /// writes fewer pages to the WAL. No row changed: the version moved on, or the commit changes the identity too,
    /// which <see cref="UpdateCall"/> then writes.
    /// </summary>
    public const string UpdateTransition =
        "UPDATE calls SET status = @status, acceptedAt = @acceptedAt, startedAt = @startedAt, endedAt = @endedAt, " +
        "endReason = @endReason, endedBy = @endedBy, durationLimitSec = @durationLimitSec, ratePerMinute = @ratePerMinute, " +
        "activeMs = @activeMs, lastResumedAt = @lastResumedAt, joinedUserIds = @joinedUserIds, interruptedUserIds = @interruptedUserIds, " +
        "rejoinedUserIds = @rejoinedUserIds, rejoinDeadlines = @rejoinDeadlines, interruptedFrom = @interruptedFrom, " +
        "ringDeadline = @ringDeadline, connectDeadline = @connectDeadline, endsAt = @endsAt, holdCoins = @holdCoins, " +
        "coinsCharged = @coinsCharged, billedSeconds = @billedSeconds, settledAt = @settledAt, version = @version, " +
        "dueAt = @dueAt WHERE id = @id AND version = @expectedVersion AND callerId = @callerId AND calleeId = @calleeId " +
        "AND callerName = @callerName AND calleeName = @calleeName AND type = @type AND createdAt = @createdAt;";

    /// <summary>The compare-and-set of every column, for a commit that <see cref="UpdateTransition"/> did not match.</summary>
    public const string UpdateCall =
        "UPDATE calls SET callerId = @callerId, calleeId = @calleeId, callerName = @callerName, calleeName = @calleeName, " +
        "type = @type, status = @status, createdAt = @createdAt, acceptedAt = @acceptedAt, startedAt = @startedAt, endedAt = @endedAt, " +
        "endReason = @endReason, endedBy = @endedBy, durationLimitSec = @durationLimitSec, ratePerMinute = @ratePerMinute, " +
        "activeMs = @activeMs, lastResumedAt = @lastResumedAt, joinedUserIds = @joinedUserIds, interruptedUserIds = @interruptedUserIds, " +
        "rejoinedUserIds = @rejoinedUserIds, rejoinDeadlines = @rejoinDeadlines, interruptedFrom = @interruptedFrom, " +
        "ringDeadline = @ringDeadline, connectDeadline = @connectDeadline, endsAt = @endsAt, holdCoins = @holdCoins, " +
        "coinsCharged = @coinsCharged, billedSeconds = @billedSeconds, settledAt = @settledAt, version = @version, " +
        "dueAt = @dueAt WHERE id = @id AND version = @expectedVersion;";

    /// <summary>
    /// For a commit that finds the call missing its expected version (or its id taken): no row when there is no such
    /// call, 1 when the stored row is exactly the commit's call (the commit already landed), else 0. Column by column
    /// with <c>IS</c>, so that nulls compare equal; the values are bound as <see cref="SqliteRowParameters.Call"/> builds them.
    /// </summary>
    public const string StoredCallMatches =
        "SELECT version IS @version AND callerId IS @callerId AND calleeId IS @calleeId AND callerName IS @callerName " +
        "AND calleeName IS @calleeName AND type IS @type AND status IS @status AND createdAt IS @createdAt AND acceptedAt IS @acceptedAt " +
        "AND startedAt IS @startedAt AND endedAt IS @endedAt AND endReason IS @endReason AND endedBy IS @endedBy " +
        "AND durationLimitSec IS @durationLimitSec AND ratePerMinute IS @ratePerMinute AND activeMs IS @activeMs " +
        "AND lastResumedAt IS @lastResumedAt AND joinedUserIds IS @joinedUserIds AND interruptedUserIds IS @interruptedUserIds " +
        "AND rejoinedUserIds IS @rejoinedUserIds AND rejoinDeadlines IS @rejoinDeadlines AND interruptedFrom IS @interruptedFrom " +
        "AND ringDeadline IS @ringDeadline AND connectDeadline IS @connectDeadline AND endsAt IS @endsAt AND holdCoins IS @holdCoins " +
        "AND coinsCharged IS @coinsCharged AND billedSeconds IS @billedSeconds AND settledAt IS @settledAt FROM calls WHERE id = @id;";

    public const string InsertLedger =
        $"INSERT INTO transactions (key, {LedgerColumns}) VALUES (@key, @callId, @kind, @userId, @amount, @at);";

    public const string GetLedger = $"SELECT {LedgerColumns} FROM transactions WHERE callId = @callId ORDER BY at, key;";

    /// <summary>
    /// Balances move in SQL, never read-modify-written. @onCall: 1 claims the user for @callId, 0 frees the user
    /// only while it is still claimed by @callId, NULL leaves the flag alone.
    /// </summary>
    public const string PatchUser =
        "UPDATE users SET coins = coins + @coinsDelta, heldCoins = heldCoins + @heldDelta, earnings = earnings + @earningsDelta, " +
        "isOnCall = CASE WHEN @onCall = 1 THEN 1 WHEN @onCall = 0 AND currentCallId = @callId THEN 0 ELSE isOnCall END, " +
        "currentCallId = CASE WHEN @onCall = 1 THEN @callId WHEN @onCall = 0 AND currentCallId = @callId THEN NULL ELSE currentCallId END " +
        "WHERE id = @id;";

    public const string GetUser = $"SELECT {UserColumns} FROM users WHERE id = @id;";

    public const string InsertUser =
        $"INSERT INTO users ({UserColumns}) VALUES (@id, @name, @coins, @heldCoins, @earnings, @isOnCall, @currentCallId) " +
        "ON CONFLICT (id) DO NOTHING;";

    public const string SetCoins = "UPDATE users SET coins = @coins WHERE id = @id;";

    public const string ClearOnCallIfIdle =
        "UPDATE users SET isOnCall = 0, currentCallId = NULL WHERE id = @id " +
        $"AND NOT EXISTS (SELECT 1 FROM calls WHERE callerId = @id AND {IsLive}) " +
        $"AND NOT EXISTS (SELECT 1 FROM calls WHERE calleeId = @id AND {IsLive});";
}
