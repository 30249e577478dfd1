using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Polly;
using Toki.Calls.Domain;
using Toki.Calls.Ports;

namespace Toki.Calls.Service;

/// <summary>
/// Applies the pure call state machine at the edge: loads the record, decides, commits atomically with a
/// compare-and-set (retrying on conflicts), then carries out the effects (notify, move call sockets,
/// arm timers). One instance per process; several processes may share one store. On a cluster (<see cref="ICallCluster"/>)
/// every server runs one on the same store: the compare-and-set on the call's version decides between servers, each
/// keeps only its own sockets, and each sweeps the store for deadlines that have passed.
/// </summary>
public sealed partial class CallService : IDisposable
{
    private const int MaxCommitAttempts = 8;
    private readonly ICallStore _store;
    private readonly IMediaCredentialsProvider _media;
    private readonly ICallNotifier _notifier;
    private readonly CallSettings _settings;
    private readonly TimeProvider _time;
    private readonly ILogger<CallService> _logger;
    private readonly ResiliencePipeline _timerPipeline;
    private readonly KeyedAsyncLock _locks = new();
    private readonly CallTimerScheduler _timers;
    private readonly PresenceTracker _presence = new();
    private readonly CallSocketRegistry _callSockets;
    private readonly ICallObserver? _observer;
    private readonly ICallCluster? _cluster;
    private readonly CallMetrics _metrics;
    private readonly ConcurrentDictionary<string, CallRecord> _liveCalls = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string CallId, string UserId), DateTimeOffset> _resyncs = new();
    private int _inFlight;
    private TaskCompletionSource _idle = CompletedIdle();

    public CallService(ICallStore store, IMediaCredentialsProvider media, ICallNotifier notifier, CallSettings settings,
        TimeProvider time, ILogger<CallService> logger, ResiliencePipeline? timerPipeline = null, ICallObserver? observer = null,
        IMeterFactory? meters = null, ICallCluster? cluster = null)
    {
        _store = store;
        _media = media;
        _notifier = notifier;
        _settings = settings;
        _time = time;
        _logger = logger;
        _timerPipeline = timerPipeline ?? CallTimerPipeline.Create(time);
        _cluster = cluster;
        _callSockets = new CallSocketRegistry(notifier, cluster);
        _observer = observer;
        _metrics = new CallMetrics(meters, () => _liveCalls.Values);
        _timers = new CallTimerScheduler(time, OnTimerDue, _metrics.TimerFired);
    }

    public CallSettings Settings => _settings;

    public string MediaProvider => _media.Provider;

    /// <summary>Completes when no timer action is running (tests await this after moving a fake clock).</summary>
    public Task WhenIdleAsync()
    {
        lock (_locks)
        {
            return _idle.Task;
        }
    }

    public void Dispose()
    {
        _timers.Dispose();
        _sweepTimer?.Dispose();
        _metrics.Dispose();
    }

    /// <summary>
    /// Loads a call, decides <paramref name="command"/> with the pure state machine, commits, applies effects. Refusals,
    /// no-ops and successes all come back as an ack built by <paramref name="acknowledge"/> from the resulting record.
    /// </summary>
    private async Task<CallResult> ExecuteAsync(string callId, CallCommand command,
        Func<CallRecord, EffectOutcome, CallResult> acknowledge, bool needsCallerCoins, CancellationToken cancellationToken)
    {
        using var held = await _locks.AcquireAsync(callId, cancellationToken);
        var trustCache = true;
        for (var attempt = 0; attempt < MaxCommitAttempts; attempt++)
        {
            // The cached copy of a live call is what this server last committed or saw, so a decision taken on it
            // commits only if the store still holds exactly that version (the compare-and-set); a decision that commits
            // nothing (a refusal, a no-op) proves nothing about the store, so it is taken again on a fresh read.
            var cached = trustCache && _liveCalls.TryGetValue(callId, out var live) ? live : null;
            trustCache = false;
            var call = cached ?? await _store.GetCallAsync(callId, cancellationToken);
            if (call is null)
            {
                return CallResult.Failure(CallError.CallNotFound());
            }
            long? callerCoins = needsCallerCoins ? (await _store.GetUserAsync(call.CallerId, cancellationToken))?.Coins ?? 0 : null;
            var result = CallTransitions.Apply(call, command, new CallContext(_time.GetUtcNow(), _settings, callerCoins));
            if (result.Next is null)
            {
                if (cached is not null)
                {
                    attempt--;
                    continue;
                }
                if (result.Decision is { } unchanged)
                {
                    LogDecision(unchanged);
                }
                return result.Error is { } refusal ? CallResult.Failure(refusal) : acknowledge(call, EffectOutcome.None);
            }

            var outcome = await CommitAsync(new CallCommit(result.Next, call.Version, result.Ledger, result.Users), cancellationToken);
            if (outcome.Kind != CommitOutcomeKind.Committed)
            {
                Log.CommitConflict(_logger, callId, call.Version, attempt + 1);
                continue;
            }
            // Committed: the effects and the re-armed timers must follow even if the caller gives up now, or a
            // timer action cut by its timeout here would leave the new state without its deadlines.
            var effects = await AfterCommitAsync(call, command, result, outcome, CancellationToken.None);
            return result.Error is { } error ? CallResult.Failure(error) : acknowledge(result.Next, effects);
        }
        Log.CommitGaveUp(_logger, callId, MaxCommitAttempts);
        return CallResult.Failure(CallErrorCode.Internal, "The call kept changing; try again.");
    }

    /// <summary>
    /// Everything that follows a successful commit: logs, the audit, the live-call cache, effects, timers.
    /// <paramref name="committed"/> may carry the users as the commit left them, which the wallet notices then use
    /// instead of a read.
    /// </summary>
    private async Task<EffectOutcome> AfterCommitAsync(CallRecord? previous, CallCommand? command, TransitionResult result, CommitOutcome committed,
        CancellationToken cancellationToken)
    {
        var call = result.Next!;
        Observe(previous, command, result);
        if (result.Decision is { } decision)
        {
            LogDecision(decision);
        }
        foreach (var entry in result.Ledger)
        {
            Log.LedgerStep(_logger, call.Id, entry.Kind.ToString().ToLowerInvariant(), entry.UserId, entry.Amount, entry.Key);
        }
        CacheLive(call);
        if (call.Status.IsTerminal())
        {
            Log.CallSettled(_logger, call.Id, call.Status.ToWire(), call.EndReason, call.CallerId, call.CalleeId,
                call.ActiveMs, call.BilledSeconds, call.CoinsCharged, call.HoldCoins);
            _metrics.Ended(call);
        }
        var effects = await ApplyEffectsAsync(call, result.Effects, committed, cancellationToken);
        Reschedule(call);
        _cluster?.CallChanged(call.Id, call.Version);
        return effects;
    }

    /// <summary>Tells the observer (the audit log); a failing observer never fails the committed action.</summary>
    private void Observe(CallRecord? previous, CallCommand? command, TransitionResult result)
    {
        if (_observer is null)
        {
            return;
        }
        var (action, actorKind, actorId, note) = command is null
            ? ("request", CallCause.User, result.Next!.CallerId, null)
            : CallCause.Of(command);
        try
        {
            _observer.OnTransition(new CallTransition(previous, result.Next!, action, actorKind, actorId, result.Decision, result.Ledger,
                _time.GetUtcNow(), note));
        }
        catch (Exception exception)
        {
            Log.ObserverFailed(_logger, result.Next!.Id, exception);
        }
    }

    private string NewCallId() => CallIds.New(_time.GetUtcNow());

    private CallSnapshot Snapshot(CallRecord call) => CallSnapshotFactory.Create(call, _time.GetUtcNow());

    private static TaskCompletionSource CompletedIdle()
    {
        var idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        idle.SetResult();
        return idle;
    }

    private void Track(Func<Task> work)
    {
        lock (_locks)
        {
            if (_inFlight++ == 0)
            {
                _idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
        _ = RunTrackedAsync(work);
    }

    private async Task RunTrackedAsync(Func<Task> work)
    {
        try
        {
            await Task.Yield();
            await work();
        }
        catch (Exception exception)
        {
            Log.BackgroundActionFailed(_logger, exception);
        }
        finally
        {
            TaskCompletionSource? idle = null;
            lock (_locks)
            {
                if (--_inFlight == 0)
                {
                    idle = _idle;
                }
            }
            idle?.TrySetResult();
        }
    }
}
