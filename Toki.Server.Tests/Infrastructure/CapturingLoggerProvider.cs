using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Toki.Server.Tests.Infrastructure;

/// <summary>Keeps a host's log lines in memory (the newest 10,000) so a failing test can print them.</summary>
public sealed class CapturingLoggerProvider(ConcurrentQueue<string> sink) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new CapturingLogger(sink, categoryName);

    public void Dispose()
    {
    }

    private sealed class CapturingLogger(ConcurrentQueue<string> sink, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            sink.Enqueue($"{TimeProvider.System.GetUtcNow():HH:mm:ss.fff} {logLevel,-11} {category}: {formatter(state, exception)}{(exception is null ? "" : " " + exception)}");
            while (sink.Count > 10000)
            {
                sink.TryDequeue(out _);
            }
        }
    }
}
