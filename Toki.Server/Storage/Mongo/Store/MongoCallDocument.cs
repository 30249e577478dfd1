using Toki.Calls.Domain;
using Toki.Server.Storage.Mongo.Bson;

namespace Toki.Server.Storage.Mongo.Store;

/// <summary>
/// A call as a <c>videocalls</c> document, with the contract's field names. Beyond the record it carries
/// <c>participants</c> (caller and callee, for the per-user queries and the live guard), <c>live: true</c> while the
/// call is not terminal (absent once it is) and <c>rejoinDeadline</c>, the earliest of <c>rejoinDeadlines</c>, which
/// are written for the indexes and for operators and ignored when read.
/// </summary>
internal static class MongoCallDocument
{
    public static BsonDocument ToDocument(CallRecord call)
    {
        var builder = new BsonDocumentBuilder()
            .Add("_id", call.Id)
            .Add("callerId", call.CallerId)
            .Add("calleeId", call.CalleeId)
            .AddStrings("participants", [call.CallerId, call.CalleeId])
            .Add("callerName", call.CallerName)
            .Add("calleeName", call.CalleeName)
            .Add("type", MongoDocumentValues.TypeToWire(call.Type))
            .Add("status", call.Status.ToWire());
        if (!call.Status.IsTerminal())
        {
            builder.Add("live", true);
        }
        return builder
            .AddDate("createdAt", call.CreatedAt)
            .AddDate("acceptedAt", call.AcceptedAt)
            .AddDate("startedAt", call.StartedAt)
            .AddDate("endedAt", call.EndedAt)
            .AddString("endReason", call.EndReason)
            .AddString("endedBy", call.EndedBy)
            .Add("durationLimitSec", call.DurationLimitSec)
            .Add("ratePerMinute", call.RatePerMinute)
            .Add("activeMs", call.ActiveMs)
            .AddDate("lastResumedAt", call.LastResumedAt)
            .AddStrings("joinedUserIds", call.JoinedUserIds)
            .AddStrings("interruptedUserIds", call.InterruptedUserIds)
            .AddStrings("rejoinedUserIds", call.RejoinedUserIds)
            .AddDocument("rejoinDeadlines", deadlines =>
            {
                foreach (var (userId, deadline) in call.RejoinDeadlines)
                {
                    deadlines.AddDate(userId, deadline);
                }
            })
            .AddDate("rejoinDeadline", call.RejoinDeadline)
            .AddString("interruptedFrom", call.InterruptedFrom?.ToWire())
            .AddDate("ringDeadline", call.RingDeadline)
            .AddDate("connectDeadline", call.ConnectDeadline)
            .AddDate("endsAt", call.EndsAt)
            .Add("holdCoins", call.HoldCoins)
            .Add("coinsCharged", call.CoinsCharged)
            .Add("billedSeconds", call.BilledSeconds)
            .AddDate("settledAt", call.SettledAt)
            .Add("version", call.Version)
            .Build();
    }

    public static CallRecord FromDocument(BsonDocument document) => MongoDocumentValues.Read(document, MongoStoreCollections.Calls, d => new CallRecord
    {
        Id = d.GetString("_id"),
        CallerId = d.GetString("callerId"),
        CalleeId = d.GetString("calleeId"),
        CallerName = d.GetString("callerName"),
        CalleeName = d.GetString("calleeName"),
        Type = MongoDocumentValues.ParseType(d.GetString("type")),
        Status = CallStatusExtensions.ParseWire(d.GetString("status")),
        CreatedAt = d.GetDateTime("createdAt"),
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
        RejoinDeadlines = d.GetDocument("rejoinDeadlines").ToDictionary(element => element.Name, element => element.Value.AsDateTime),
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
