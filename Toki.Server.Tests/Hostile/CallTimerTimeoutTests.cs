using NUnit.Framework;
using Toki.Calls.Service;
using Toki.Server.Tests.Calls.Service;
using Toki.Server.Tests.Infrastructure;

namespace Toki.Server.Tests.Hostile;

/// <summary>
/// The per-attempt timeout of the timer pipeline (protocol.md §9: 10 s per attempt, retried with backoff) is live: the
/// pipeline's token reaches the store, so a store call that hangs is cut when the attempt times out and the retry
/// finishes the deadline. Fake time throughout, with the real <see cref="CallTimerPipeline"/>.
/// </summary>
[TestFixture]
[Category(TestCategories.Unit)]
internal sealed class CallTimerTimeoutTests
{
    [Test]
    public async Task AHungStoreCallInATimerActionIsCutByTheTimeoutAndRetried()
    {
        using var h = new CallServiceHarness();
        var id = await h.RingAsync();
        var hung = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var cancelled = false;
        var loads = 0;
        h.Store.BeforeGetCall = async (_, cancellationToken) =>
        {
            if (Interlocked.Increment(ref loads) > 1)
            {
                return;
            }
            hung.TrySetResult();
            try
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, TimeProvider.System, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                cancelled = true;
                throw;
            }
        };

        // The ring deadline: the timer action's first load of the call hangs.
        h.Time.Advance(TimeSpan.FromSeconds(20));
        await hung.Task.DefaultTimeout();
        Assert.That(h.State(id), Is.EqualTo("pending"));

        // Ten seconds later the attempt times out; the retry arms its backoff (at most 5 s) and then succeeds.
        var arms = h.Time.ArmCount;
        h.Time.Advance(TimeSpan.FromSeconds(10));
        await h.Time.WhenArmedAsync(arms).DefaultTimeout();
        h.Time.Advance(TimeSpan.FromSeconds(5));
        await h.Service.WhenIdleAsync().DefaultTimeout();

        Assert.That((cancelled, loads), Is.EqualTo((true, 2)), "the hung load was cancelled and the call loaded again");
        Assert.That(h.State(id), Is.EqualTo("missed no_answer"));
        Assert.That(h.Store.Call(id).EndedAt, Is.InRange(CallServiceHarness.Start.AddSeconds(30), CallServiceHarness.Start.AddSeconds(35)));
        Assert.That(h.Notifier.Sent("call:ended"), Has.Count.EqualTo(2), "both users told once");
    }
}
