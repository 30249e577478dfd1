using Toki.Calls.Domain;
using Toki.Calls.Ports;

namespace Toki.Server.Tests.Calls.Fakes;

/// <summary>
/// Media credentials as a readable string, <c>webrtc:bob:initiator</c> or <c>agora:alice:responder</c>, so
/// payloads can be compared exactly; <see cref="IssuedCount"/> shows that each answer carries fresh ones.
/// </summary>
internal sealed class FakeMediaCredentialsProvider(string provider = "webrtc") : IMediaCredentialsProvider
{
    private int _issued;

    public string Provider => provider;

    public int IssuedCount => Volatile.Read(ref _issued);

    public object Issue(CallRecord call, string userId, bool initiator)
    {
        Interlocked.Increment(ref _issued);
        return $"{provider}:{userId}:{(initiator ? "initiator" : "responder")}";
    }
}
