namespace Toki.Calls.Domain;

/// <summary>
/// A change to one user committed together with a call transition: balance deltas and the on-call flag.
/// <see cref="OnCall"/> true sets <c>isOnCall</c>/<c>currentCallId</c> to <see cref="CallId"/>; false clears them
/// only if they still point at <see cref="CallId"/>; null leaves them.
/// </summary>
public sealed record UserPatch(string UserId, string CallId, long CoinsDelta = 0, long HeldDelta = 0, long EarningsDelta = 0, bool? OnCall = null)
{
    public bool ChangesBalance => CoinsDelta != 0 || HeldDelta != 0 || EarningsDelta != 0;
}
