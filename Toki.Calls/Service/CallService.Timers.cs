using Toki.Calls.Domain;
using Toki.Calls.Notices;
using Toki.Calls.Ports;

namespace Toki.Calls.Service;

public sealed partial class CallService
{
    /// <summary>
    /// After a (re)start: re-arms every live call's deadlines (those that passed while the server was down fire
    /// at once) and gives their participants a reconnect grace before they count as gone.
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var calls = await _store.GetLiveCallsAsync(cancellationToken);
        var now = _time.GetUtcNow();
        foreach (var call in calls)
        {
            _liveCalls[call.Id] = call;
            Reschedule(call);
            var present = call.Status == CallStatus.Pending
                ? [call.CallerId]
                : new[] { call.CallerId, call.CalleeId }.Where(id => !call.IsAway(id));
            foreach (var userId in present)
            {
                if (!_presence.IsOnline(userId))
                {
                    _timers.Schedule(TimerKind.DisconnectGrace, userId, now + _settings.RestartReconnectGrace);
                }
            }
        }
        Log.Restarted(_logger, calls.Count);
        StartDeadlineSweep();
    }

    /// <summary>Arms the call's next deadline and its time warning from the record (clears them once it is over).</summary>
    private void Reschedule(CallRecord call)
    {
        if (call.Status.IsTerminal())
        {
            _timers.Schedule(TimerKind.CallDeadline, call.Id, null);
            _timers.Schedule(TimerKind.TimeWarning, call.Id, null);
            return;
        }
        _timers.Schedule(TimerKind.CallDeadline, call.Id, call.NextDeadline);

        DateTimeOffset? warnAt = null;
        if (call.Status == CallStatus.Active && call.EndsAt is { } endsAt && call.DurationLimitSec > _settings.TimeWarning.TotalSeconds
            && endsAt - _settings.TimeWarning > _time.GetUtcNow())
        {
            warnAt = endsAt - _settings.TimeWarning;
        }
        _timers.Schedule(TimerKind.TimeWarning, call.Id, warnAt);
    }

    private void OnTimerDue(TimerKind kind, string id) => Track(() => kind switch
    {
        TimerKind.CallDeadline => RunTimerActionAsync(id, cancellationToken => OnCallDeadlineAsync(id, cancellationToken)),
        TimerKind.DisconnectGrace => RunTimerActionAsync(id, cancellationToken => OnGraceExpiredAsync(id, cancellationToken)),
        TimerKind.TimeWarning => OnTimeWarningAsync(id),
        _ => Task.CompletedTask,
    });

    /// <summary>
    /// Runs a timer action through the resilience pipeline; if it still fails, tries again later. The pipeline's token
    /// reaches the store, so its per-attempt timeout cuts a hung store call and the retry starts a fresh attempt.
    /// </summary>
    private async Task RunTimerActionAsync(string id, Func<CancellationToken, Task> action)
    {
        try
        {
            await _timerPipeline.ExecuteAsync(static async (action, cancellationToken) => await action(cancellationToken), action, CancellationToken.None);
        }
        catch (Exception exception)
        {
            Log.TimerActionFailed(_logger, id, exception);
            if (_liveCalls.ContainsKey(id))
            {
                _timers.Schedule(TimerKind.CallDeadline, id, _time.GetUtcNow() + TimeSpan.FromSeconds(5));
            }
            else if (!_presence.IsOnline(id))
            {
                _timers.Schedule(TimerKind.DisconnectGrace, id, _time.GetUtcNow() + TimeSpan.FromSeconds(5));
            }
        }
    }

    private Task OnCallDeadlineAsync(string callId, CancellationToken cancellationToken) =>
        ApplyDeadlineAsync(callId, DeadlineSource.Timer, cancellationToken);

    /// <summary>
    /// Warns from the stored call, not from what this server last knew: another server may have paused, resumed or
    /// ended it since (a resume there moves the limit, and every server that follows the call re-arms the warning).
    /// Every server that knows the call warns the participants connected to it, so a warning does not depend on the
    /// server that committed the start staying alive, and nobody is warned twice.
    /// </summary>
    private async Task OnTimeWarningAsync(string callId)
    {
        var call = await _store.GetCallAsync(callId, CancellationToken.None);
        var now = _time.GetUtcNow();
        if (call is { Status: CallStatus.Active, LastResumedAt: not null, EndsAt: { } endsAt } && now >= endsAt - _settings.TimeWarning)
        {
            var remaining = CallClock.RemainingSeconds(call, now);
            _notifier.Notify(new NoticeRecipient.CallSocketsHere(callId), new CallNotice.TimeWarning(callId, remaining));
            Log.TimeWarningSent(_logger, callId, remaining);
        }
    }
}
