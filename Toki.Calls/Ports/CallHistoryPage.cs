using Toki.Calls.Domain;

namespace Toki.Calls.Ports;

public sealed record CallHistoryPage(IReadOnlyList<CallRecord> Calls, CallHistoryCursor? Next);
