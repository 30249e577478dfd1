using Microsoft.Extensions.Logging.Testing;

namespace Toki.Server.Tests;

/// <summary>Reads a <see cref="FakeLogger"/>'s records by event name, and their structured fields.</summary>
internal static class FakeLoggerExtensions
{
    public static IReadOnlyList<FakeLogRecord> Named(this FakeLogger logger, string eventName) =>
        [.. logger.Collector.GetSnapshot().Where(record => record.Id.Name == eventName)];

    /// <summary>The structured fields without the message template; FakeLogger keeps their values as invariant text.</summary>
    public static IReadOnlyDictionary<string, string?> Fields(this FakeLogRecord record) =>
        (record.StructuredState ?? []).Where(pair => pair.Key != "{OriginalFormat}").ToDictionary(pair => pair.Key, pair => pair.Value);
}
