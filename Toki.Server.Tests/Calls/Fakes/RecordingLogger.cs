using Microsoft.Extensions.Logging;

namespace Toki.Server.Tests.Calls.Fakes;

/// <summary>Keeps every log line with its structured fields (thread-safe: timer actions log off the test thread).</summary>
internal sealed class RecordingLogger<T> : ILogger<T>
{
    private readonly Lock _gate = new();
    private readonly List<LogRecord> _records = [];

    public IReadOnlyList<LogRecord> Records
    {
        get
        {
            lock (_gate)
            {
                return [.. _records];
            }
        }
    }

    public IReadOnlyList<LogRecord> Named(string eventName) => [.. Records.Where(record => record.EventName == eventName)];

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var fields = state is IReadOnlyList<KeyValuePair<string, object?>> pairs
            ? pairs.Where(pair => pair.Key != "{OriginalFormat}").ToDictionary(pair => pair.Key, pair => pair.Value)
            : [];
        lock (_gate)
        {
            _records.Add(new LogRecord(logLevel, eventId.Name, formatter(state, exception), fields));
        }
    }
}
