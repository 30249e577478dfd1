using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Toki.Server.Tests.Hostile;

/// <summary>
/// A logger factory that sends every entry, at every level, to a <see cref="FakeLogCollector"/>; optionally with a
/// provider that throws on one event, standing for a logging provider that fails (which FakeLogger cannot be told to do).
/// </summary>
internal static class FakeLoggerFactory
{
    public static ILoggerFactory Create(FakeLogCollector collector, string? throwOn = null) =>
        LoggerFactory.Create(builder =>
        {
            builder.SetMinimumLevel(LogLevel.Trace).AddProvider(new FakeLoggerProvider(collector));
            if (throwOn is not null)
            {
                builder.AddProvider(new ThrowingProvider(throwOn));
            }
        });

    private sealed class ThrowingProvider(string eventName) : ILoggerProvider, ILogger
    {
        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (eventId.Name == eventName)
            {
                throw new InvalidOperationException("the logging provider failed");
            }
        }

        public void Dispose()
        {
        }
    }
}
