using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;
using Toki.Calls.Domain;
using Toki.Calls.Service;

namespace Toki.Server.Wire;

/// <summary>The bodies of the HTTP API (§12 of protocol.md), property by property in wire order.</summary>
[SuppressMessage("Design", "CA1034:Nested types should not be visible", Justification = "One place for every body shape.")]
internal static class HttpPayloads
{
    /// <summary><c>{ error: { code, message } }</c></summary>
    public sealed record ErrorBody(WireError Error);

    /// <summary><c>/api/me</c> and the admin API's user.</summary>
    public sealed record User(string UserId, string Name, long Coins, long HeldCoins, long Earnings, bool IsOnCall, string? CurrentCallId)
    {
        public static User From(UserRecord user) =>
            new(user.Id, user.Name, user.Coins, user.HeldCoins, user.Earnings, user.IsOnCall, user.CurrentCallId);
    }

    /// <summary><c>/api/calls</c>: a page of the history, newest first.</summary>
    public sealed record CallHistory(IReadOnlyList<CallSnapshot> Calls, string? NextCursor);

    /// <summary><c>/healthz</c>, <c>/readyz</c>: <c>{ status }</c>; <c>/healthz</c> of a clustered server adds <c>cluster</c>.</summary>
    public sealed record Health(string Status, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ClusterHealth? Cluster = null);

    /// <summary><c>{ mode: "streams" | "classic", redis: "connected" | "disconnected" }</c></summary>
    public sealed record ClusterHealth(string Mode, string Redis);

    /// <summary><c>/api/dev/token</c></summary>
    public sealed record DevToken(string Token, string UserId, string Name);
}
