using Toki.Calls.Ports;

namespace Toki.Server.Tests.Calls.Fakes;

/// <summary>Keeps every transition the call service reports, in order (thread-safe: timer actions report off the test thread).</summary>
internal sealed class RecordingCallObserver : ICallObserver
{
    private readonly Lock _gate = new();
    private readonly List<CallTransition> _transitions = [];

    public IReadOnlyList<CallTransition> Transitions
    {
        get
        {
            lock (_gate)
            {
                return [.. _transitions];
            }
        }
    }

    public void OnTransition(CallTransition transition)
    {
        lock (_gate)
        {
            _transitions.Add(transition);
        }
    }
}
