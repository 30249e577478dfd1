namespace Toki.Calls.Domain;

/// <summary>Everything <see cref="CallFactory.Create"/> needs to decide on a <c>call:request</c>.</summary>
public sealed record CallRequest(
    string CallId,
    UserRecord Caller,
    UserRecord? Callee,
    string CalleeId,
    CallType Type,
    string CallerSocketId,
    bool CallerBusy,
    bool CalleeBusy,
    bool CalleeOnline);
