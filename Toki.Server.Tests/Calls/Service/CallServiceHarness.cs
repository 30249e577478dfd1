using Microsoft.Extensions.Logging.Testing;
using Polly;
using Toki.Calls.Domain;
using Toki.Calls.Service;
using Toki.Server.Tests.Calls.Fakes;
using Toki.Server.Tests.Infrastructure;

namespace Toki.Server.Tests.Calls.Service;

/// <summary>
/// A <see cref="CallService"/> over the fakes and a manual clock standing at <see cref="Start"/> (10:00:00.000Z).
/// alice (100 coins) calls bob (0 coins) from s-a1 to s-b1; carol is a bystander. Move time only with
/// <see cref="AdvanceAsync"/>, which waits for the timer actions it set off: a timer action runs off the clock's
/// thread, so one step should not cross a deadline that an earlier action in the same step arms.
/// </summary>
internal sealed class CallServiceHarness : IDisposable
{
    public const string Alice = "alice";
    public const string Bob = "bob";
    public const string Carol = "carol";

    public static readonly DateTimeOffset Start = new(2030, 1, 1, 10, 0, 0, TimeSpan.Zero);

    public CallServiceHarness(Action<CallSettings>? configure = null, string provider = "webrtc", InMemoryCallStore? store = null,
        ResiliencePipeline? timerPipeline = null, ObservedFakeTimeProvider? time = null, Toki.Calls.Ports.ICallCluster? cluster = null)
    {
        Time = time ?? new ObservedFakeTimeProvider(Start);
        Settings = new CallSettings();
        configure?.Invoke(Settings);
        Media = new FakeMediaCredentialsProvider(provider);
        if (store is null)
        {
            Store = new InMemoryCallStore();
            Store.Seed(new UserRecord { Id = Alice, Name = "Alice", Coins = 100 });
            Store.Seed(new UserRecord { Id = Bob, Name = "Bob" });
            Store.Seed(new UserRecord { Id = Carol, Name = "Carol", Coins = 100 });
        }
        else
        {
            Store = store;
        }
        Service = new CallService(Store, Media, Notifier, Settings, Time, Logger, timerPipeline, Observer, cluster: cluster);
    }

    public ObservedFakeTimeProvider Time { get; }

    public InMemoryCallStore Store { get; }

    public RecordingCallNotifier Notifier { get; } = new();

    public FakeMediaCredentialsProvider Media { get; }

    public FakeLogger<CallService> Logger { get; } = new();

    /// <summary>Every committed transition, as the call audit log is told of it.</summary>
    public RecordingCallObserver Observer { get; } = new();

    public CallSettings Settings { get; }

    public CallService Service { get; }

    public Task ConnectAsync(string user, string socket) => Service.OnSocketConnectedAsync(user, socket, CancellationToken.None);

    public void Disconnect(string user, string socket) => Service.OnSocketDisconnected(user, socket);

    /// <summary>Moves the clock by <paramref name="seconds"/> (to the millisecond) and waits for the timer actions.</summary>
    public async Task AdvanceAsync(double seconds)
    {
        Time.Advance(TimeSpan.FromMilliseconds(Math.Round(seconds * 1000)));
        await Service.WhenIdleAsync().DefaultTimeout();
    }

    public double Elapsed => (Time.GetUtcNow() - Start).TotalMilliseconds / 1000;

    /// <summary>alice (s-a1) calls bob (s-b1) now, connecting whichever of them is offline; returns the call id.</summary>
    public async Task<string> RingAsync()
    {
        foreach (var (user, socket) in new[] { (Alice, "s-a1"), (Bob, "s-b1") })
        {
            if (!Service.IsOnline(user))
            {
                await ConnectAsync(user, socket);
            }
        }
        var ack = await Service.RequestAsync(Alice, "s-a1", Bob, CallType.Video, CancellationToken.None).DefaultTimeout();
        if (!ack.Ok)
        {
            throw new InvalidOperationException($"The request failed: {ack.Error}");
        }
        return ack.Call!.CallId;
    }

    /// <summary>Rings at 0 s, bob accepts from s-b1 at 2 s, both join at 3 s: the timer runs from 10:00:03.</summary>
    public async Task<string> ActiveCallAsync()
    {
        var callId = await RingAsync();
        await AdvanceAsync(2);
        await CommandAsync(callId, new CallCommand.Accept(Bob, "s-b1"));
        await AdvanceAsync(1);
        await CommandAsync(callId, new CallCommand.Joined(Alice));
        await CommandAsync(callId, new CallCommand.Joined(Bob));
        return callId;
    }

    public Task<CallResult> CommandAsync(string callId, CallCommand command) =>
        Service.CommandAsync(callId, command, CancellationToken.None).DefaultTimeout();

    public Task<CallResult> RejoinAsync(string user, string socket, string callId) =>
        Service.RejoinAsync(user, socket, callId, CancellationToken.None).DefaultTimeout();

    public Task<CallResult> SyncAsync(string user, string socket, string? callId) =>
        Service.SyncAsync(user, socket, callId, CancellationToken.None).DefaultTimeout();

    /// <summary>The stored call as <c>status</c> or <c>status reason</c>.</summary>
    public string State(string callId)
    {
        var call = Store.Call(callId);
        return call.Status.IsTerminal() ? $"{call.Status.ToWire()} {call.EndReason}" : call.Status.ToWire();
    }

    public void Dispose() => Service.Dispose();
}
