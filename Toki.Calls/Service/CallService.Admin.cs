using Toki.Calls.Domain;

namespace Toki.Calls.Service;

public sealed partial class CallService
{
    /// <summary>
    /// An operator hard-ends a call (one that is stuck, or must stop): the same commit, settlement and notices as any
    /// hard end, under the call's lock, so it bills exactly once whatever races it. Refused with <c>call_ended</c>
    /// when the call is already over, <c>call_not_found</c> when there is no such call.
    /// </summary>
    public Task<CallResult> AdminEndAsync(string callId, string? note, CancellationToken cancellationToken) =>
        ExecuteAsync(callId, new CallCommand.AdminEnd(note), (call, _) => CallResult.Success(Snapshot(call)), needsCallerCoins: false, cancellationToken);

    /// <summary>
    /// An operator sets a user's spendable coins; every tab of the user is told with <c>wallet:updated</c>. Null when
    /// there is no such user. Coins held by a live call stay held.
    /// </summary>
    public async Task<UserRecord?> SetCoinsAsync(string userId, long coins, CancellationToken cancellationToken)
    {
        var user = await _store.SetCoinsAsync(userId, coins, cancellationToken);
        if (user is not null)
        {
            NotifyWallet(user);
        }
        return user;
    }
}
