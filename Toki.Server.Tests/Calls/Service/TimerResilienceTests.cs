using NUnit.Framework;
using Polly;
using Polly.Retry;
using Toki.Calls.Ports;
using static Toki.Server.Tests.Calls.Service.CallServiceHarness;
using static Toki.Server.Tests.Calls.Service.Wire;

namespace Toki.Server.Tests.Calls.Service;

/// <summary>§7 "a store hiccup at the deadline does not lose the ending": retried through the pipeline, and tried again later if that fails.</summary>
[TestFixture]
[Category(TestCategories.Unit)]
internal sealed class TimerResilienceTests
{
    private static ResiliencePipeline RetryAtOnce(int attempts) => new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<CallStoreUnavailableException>(),
            MaxRetryAttempts = attempts,
            Delay = TimeSpan.Zero,
        })
        .Build();

    [Test]
    public async Task ATransientFailureAtTheDeadlineIsRetried()
    {
        using var h = new CallServiceHarness(timerPipeline: RetryAtOnce(3));
        var id = await h.RingAsync();
        h.Store.FailNextCommits(2);
        h.Notifier.Clear();

        await h.AdvanceAsync(20);

        Assert.That(h.State(id), Is.EqualTo("missed no_answer"));
        Assert.That(h.Notifier.Sent("call:ended"), Is.EqualTo(EndedLines(id, "missed", "no_answer", 0, 0, 20).Where(line => line.Contains("call:ended"))));
    }

    [Test]
    public async Task ADeadlineWhoseRetriesAllFailIsTriedAgainFiveSecondsLater()
    {
        using var h = new CallServiceHarness(timerPipeline: ResiliencePipeline.Empty);
        var id = await h.RingAsync();
        h.Store.FailNextCommits(1);

        await h.AdvanceAsync(20);
        Assert.That(h.State(id), Is.EqualTo("pending"));
        Assert.That(h.Logger.Named("TimerActionFailed"), Has.Count.EqualTo(1));
        await h.AdvanceAsync(4.999);
        Assert.That(h.State(id), Is.EqualTo("pending"));
        await h.AdvanceAsync(0.001);

        Assert.That((h.State(id), h.Store.Call(id).EndedAt), Is.EqualTo(("missed no_answer", Start.AddSeconds(25))));
    }

    [Test]
    public async Task ADisconnectGraceWhoseActionFailsIsTriedAgain()
    {
        using var h = new CallServiceHarness(timerPipeline: ResiliencePipeline.Empty);
        var id = await h.ActiveCallAsync();
        h.Store.FailNextCommits(1);

        h.Disconnect(Alice, "s-a1");
        await h.AdvanceAsync(3);
        Assert.That(h.State(id), Is.EqualTo("active"));
        await h.AdvanceAsync(5);

        Assert.That((h.State(id), h.Store.Call(id).RejoinDeadline), Is.EqualTo(("interrupted", (DateTimeOffset?)Start.AddSeconds(26))));
    }
}
