using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Toki.Server.Tests.Hostile;

/// <summary>
/// A logger factory whose loggers record every entry as "Level EventName" and can be told to throw on one event,
/// standing for a logging provider that fails.
/// </summary>
internal sealed class EngineIOTestLogger : ILoggerFactory, ILogger
{
    public ConcurrentQueue<string> Entries { get; } = new();

    /// <summary>An event whose logging throws.</summary>
    public string? ThrowOn { get; init; }

    public IEnumerable<string> AtLeast(LogLevel level) =>
        Entries.Where(entry => Enum.Parse<LogLevel>(entry[..entry.IndexOf(' ', StringComparison.Ordinal)]) >= level);

    public ILogger CreateLogger(string categoryName) => this;

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        Entries.Enqueue($"{logLevel} {eventId.Name} {formatter(state, exception)}");
        if (eventId.Name is { } name && name == ThrowOn)
        {
            throw new InvalidOperationException("the logging provider failed");
        }
    }
}
