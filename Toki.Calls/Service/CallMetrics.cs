using System.Diagnostics.Metrics;
using Toki.Calls.Domain;

namespace Toki.Calls.Service;

/// <summary>
/// The call service's instruments (meter <c>Toki.Calls</c>). Relays are counted with plain interlocked fields read at
/// collection time, so the relay path neither allocates nor takes a lock; the rest happens at most a few times per call.
/// </summary>
internal sealed class CallMetrics : IDisposable
{
    public const string MeterName = "Toki.Calls";

    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private readonly Counter<long> _ended;
    private readonly Counter<long> _coinsCharged;
    private readonly Counter<long> _rejoins;
    private readonly Histogram<double> _commitDuration;
    private readonly Histogram<double> _timerLateness;
    private readonly Counter<long> _deadlineOutcomes;
    private readonly Histogram<double> _deadlineLateness;
    private long _relaysForwarded;
    private long _relaysNoPeer;
    private long _relaysRefused;

    public CallMetrics(IMeterFactory? factory, Func<IEnumerable<CallRecord>> liveCalls)
    {
        // A factory's meters are the factory's to dispose (with the host); one of our own is ours.
        _ownsMeter = factory is null;
        _meter = factory?.Create(MeterName) ?? new Meter(MeterName);
        _ended = _meter.CreateCounter<long>("toki.calls.ended", "{call}", "Calls that reached a terminal status, by status and end reason.");
        _coinsCharged = _meter.CreateCounter<long>("toki.calls.coins_charged", "{coin}", "Coins charged to callers at settlement.");
        _rejoins = _meter.CreateCounter<long>("toki.calls.rejoins", "{rejoin}", "Rejoin outcomes: rejoined or the refusal's error code.");
        _commitDuration = _meter.CreateHistogram<double>("toki.calls.store.commit.duration", "s", "Time for the store to commit one call transition.");
        _timerLateness = _meter.CreateHistogram<double>("toki.calls.timer.lateness", "s", "How long after its due time a call timer fired.");
        _deadlineOutcomes = _meter.CreateCounter<long>("toki.calls.deadline.outcomes", "{attempt}",
            "Tries of a call deadline by source (timer, sweep) and outcome (applied, lost_race: another server applied it first, not_due).");
        _deadlineLateness = _meter.CreateHistogram<double>("toki.calls.deadline.lateness", "s",
            "How long after a call deadline this server applied it, by source (a sweep's are the deadlines of servers that died).");
        _meter.CreateObservableGauge("toki.calls.live", () => ObserveLive(liveCalls()), "{call}", "Calls not over yet, by status.");
        _meter.CreateObservableCounter("toki.calls.relays", ObserveRelays, "{message}",
            "Signalling relays: forwarded to the peer, dropped (the peer has no call socket) or refused.");
    }

    public void Ended(CallRecord call)
    {
        _ended.Add(1, new KeyValuePair<string, object?>("status", call.Status.ToWire()), new KeyValuePair<string, object?>("reason", call.EndReason));
        if (call.CoinsCharged > 0)
        {
            _coinsCharged.Add(call.CoinsCharged);
        }
    }

    public void Rejoin(string outcome) => _rejoins.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public void Committed(TimeSpan elapsed, string outcome) =>
        _commitDuration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("outcome", outcome));

    public void TimerFired(TimerKind kind, TimeSpan lateness) =>
        _timerLateness.Record(Math.Max(0, lateness.TotalSeconds), new KeyValuePair<string, object?>("timer", TimerName(kind)));

    public void Deadline(DeadlineSource source, string outcome, TimeSpan? lateness)
    {
        var sourceTag = new KeyValuePair<string, object?>("source", source == DeadlineSource.Timer ? "timer" : "sweep");
        _deadlineOutcomes.Add(1, sourceTag, new KeyValuePair<string, object?>("outcome", outcome));
        if (lateness is { } late)
        {
            _deadlineLateness.Record(Math.Max(0, late.TotalSeconds), sourceTag);
        }
    }

    public void Relay(RelayRoute route)
    {
        if (!route.Allowed)
        {
            Interlocked.Increment(ref _relaysRefused);
        }
        else if (route.PeerSocketId is null)
        {
            Interlocked.Increment(ref _relaysNoPeer);
        }
        else
        {
            Interlocked.Increment(ref _relaysForwarded);
        }
    }

    public void Dispose()
    {
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }

    private static string TimerName(TimerKind kind) => kind switch
    {
        TimerKind.CallDeadline => "call_deadline",
        TimerKind.DisconnectGrace => "disconnect_grace",
        TimerKind.TimeWarning => "time_warning",
        _ => kind.ToString(),
    };

    private static IEnumerable<Measurement<int>> ObserveLive(IEnumerable<CallRecord> calls)
    {
        int pending = 0, accepted = 0, active = 0, interrupted = 0;
        foreach (var call in calls)
        {
            switch (call.Status)
            {
                case CallStatus.Pending: pending++; break;
                case CallStatus.Accepted: accepted++; break;
                case CallStatus.Active: active++; break;
                case CallStatus.Interrupted: interrupted++; break;
            }
        }
        return
        [
            new(pending, new KeyValuePair<string, object?>("status", "pending")),
            new(accepted, new KeyValuePair<string, object?>("status", "accepted")),
            new(active, new KeyValuePair<string, object?>("status", "active")),
            new(interrupted, new KeyValuePair<string, object?>("status", "interrupted")),
        ];
    }

    private IEnumerable<Measurement<long>> ObserveRelays() =>
    [
        new(Volatile.Read(ref _relaysForwarded), new KeyValuePair<string, object?>("outcome", "forwarded")),
        new(Volatile.Read(ref _relaysNoPeer), new KeyValuePair<string, object?>("outcome", "no_peer")),
        new(Volatile.Read(ref _relaysRefused), new KeyValuePair<string, object?>("outcome", "refused")),
    ];
}
