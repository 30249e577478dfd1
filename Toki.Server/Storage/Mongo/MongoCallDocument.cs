using MongoDB.Bson;
using Toki.Calls.Domain;
using static Toki.Server.Storage.Mongo.MongoBsonValues;

namespace Toki.Server.Storage.Mongo;

/// <summary>
/// A call as a <c>videocalls</c> document, with the contract's field names. Beyond the record it carries
/// <c>participants</c> (caller and callee, for the per-user queries and the live guard), <c>live: true</c> while the
/// call is not terminal (absent once it is), <c>rejoinDeadline</c>, the earliest of <c>rejoinDeadlines</c>, and <c>dueAt</c>,
/// the deadline that ends the call in its status (<see cref="CallRecord.NextDeadline"/>, for every node's sweep), which
/// are written for the indexes and for operators and ignored when read. The document is always written whole, so a
/// stored call equals <see cref="ToDocument"/> of its record.
/// </summary>
internal static class MongoCallDocument
{
    public static BsonDocument ToDocument(CallRecord call)
    {
        var document = new BsonDocument
        {
            { "_id", call.Id },
            { "callerId", call.CallerId },
            { "calleeId", call.CalleeId },
            { "participants", Strings([call.CallerId, call.CalleeId]) },
            { "callerName", call.CallerName },
            { "calleeName", call.CalleeName },
            { "type", MongoWireValues.TypeToWire(call.Type) },
            { "status", call.Status.ToWire() },
        };
        if (!call.Status.IsTerminal())
        {
            document.Add("live", BsonBoolean.True);
        }
        return document.AddRange(new BsonDocument
        {
            { "createdAt", Date(call.CreatedAt) },
            { "acceptedAt", Date(call.AcceptedAt) },
            { "startedAt", Date(call.StartedAt) },
            { "endedAt", Date(call.EndedAt) },
            { "endReason", TextOrNull(call.EndReason) },
            { "endedBy", TextOrNull(call.EndedBy) },
            { "durationLimitSec", new BsonInt32(call.DurationLimitSec) },
            { "ratePerMinute", new BsonInt32(call.RatePerMinute) },
            { "activeMs", new BsonInt64(call.ActiveMs) },
            { "lastResumedAt", Date(call.LastResumedAt) },
            { "joinedUserIds", Strings(call.JoinedUserIds) },
            { "interruptedUserIds", Strings(call.InterruptedUserIds) },
            { "rejoinedUserIds", Strings(call.RejoinedUserIds) },
            { "rejoinDeadlines", new BsonDocument(call.RejoinDeadlines.Select(pair => new BsonElement(pair.Key, Date(pair.Value)))) },
            { "rejoinDeadline", Date(call.RejoinDeadline) },
            { "interruptedFrom", TextOrNull(call.InterruptedFrom?.ToWire()) },
            { "ringDeadline", Date(call.RingDeadline) },
            { "connectDeadline", Date(call.ConnectDeadline) },
            { "endsAt", Date(call.EndsAt) },
            { "holdCoins", new BsonInt64(call.HoldCoins) },
            { "coinsCharged", new BsonInt64(call.CoinsCharged) },
            { "billedSeconds", new BsonInt32(call.BilledSeconds) },
            { "settledAt", Date(call.SettledAt) },
            { "version", new BsonInt64(call.Version) },
            { "dueAt", Date(call.NextDeadline) },
        });
    }

    public static CallRecord FromDocument(BsonDocument document) => Read(document, MongoStoreCollections.Calls, d => new CallRecord
    {
        Id = d.GetString("_id"),
        CallerId = d.GetString("callerId"),
        CalleeId = d.GetString("calleeId"),
        CallerName = d.GetString("callerName"),
        CalleeName = d.GetString("calleeName"),
        Type = MongoWireValues.ParseType(d.GetString("type")),
        Status = CallStatusExtensions.ParseWire(d.GetString("status")),
        CreatedAt = d.GetDate("createdAt"),
        AcceptedAt = d.GetNullableDate("acceptedAt"),
        StartedAt = d.GetNullableDate("startedAt"),
        EndedAt = d.GetNullableDate("endedAt"),
        EndReason = d.GetNullableString("endReason"),
        EndedBy = d.GetNullableString("endedBy"),
        DurationLimitSec = d.GetInt32("durationLimitSec"),
        RatePerMinute = d.GetInt32("ratePerMinute"),
        ActiveMs = d.GetInt64("activeMs"),
        LastResumedAt = d.GetNullableDate("lastResumedAt"),
        JoinedUserIds = d.GetStrings("joinedUserIds"),
        InterruptedUserIds = d.GetStrings("interruptedUserIds"),
        RejoinedUserIds = d.GetStrings("rejoinedUserIds"),
        RejoinDeadlines = d.GetDates("rejoinDeadlines"),
        InterruptedFrom = d.GetNullableString("interruptedFrom") is { } from ? CallStatusExtensions.ParseWire(from) : null,
        RingDeadline = d.GetNullableDate("ringDeadline"),
        ConnectDeadline = d.GetNullableDate("connectDeadline"),
        EndsAt = d.GetNullableDate("endsAt"),
        HoldCoins = d.GetInt64("holdCoins"),
        CoinsCharged = d.GetInt64("coinsCharged"),
        BilledSeconds = d.GetInt32("billedSeconds"),
        SettledAt = d.GetNullableDate("settledAt"),
        Version = d.GetInt64("version"),
    });
}
