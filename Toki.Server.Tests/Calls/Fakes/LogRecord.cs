using Microsoft.Extensions.Logging;

namespace Toki.Server.Tests.Calls.Fakes;

/// <summary>One captured log line: its event name, formatted message and structured fields.</summary>
internal sealed record LogRecord(LogLevel Level, string? EventName, string Message, IReadOnlyDictionary<string, object?> Fields);
