using Polly;
using Polly.Retry;
using Toki.Calls.Ports;

namespace Toki.Calls.Service;

/// <summary>
/// How timer actions survive store hiccups: each attempt is bounded by a timeout, and transient store
/// failures are retried with jittered exponential backoff. Time comes from the injected provider.
/// </summary>
public static class CallTimerPipeline
{
    public static ResiliencePipeline Create(TimeProvider time) => new ResiliencePipelineBuilder { TimeProvider = time }
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<CallStoreUnavailableException>().Handle<Polly.Timeout.TimeoutRejectedException>(),
            MaxRetryAttempts = 6,
            Delay = TimeSpan.FromMilliseconds(200),
            MaxDelay = TimeSpan.FromSeconds(5),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
        })
        .AddTimeout(TimeSpan.FromSeconds(10))
        .Build();
}
