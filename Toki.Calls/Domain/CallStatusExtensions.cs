namespace Toki.Calls.Domain;

public static class CallStatusExtensions
{
    public static bool IsTerminal(this CallStatus status) =>
        status is CallStatus.Ended or CallStatus.Missed or CallStatus.Rejected or CallStatus.Cancelled;

    public static string ToWire(this CallStatus status) => status switch
    {
        CallStatus.Pending => "pending",
        CallStatus.Accepted => "accepted",
        CallStatus.Active => "active",
        CallStatus.Interrupted => "interrupted",
        CallStatus.Ended => "ended",
        CallStatus.Missed => "missed",
        CallStatus.Rejected => "rejected",
        CallStatus.Cancelled => "cancelled",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static CallStatus ParseWire(string value) => value switch
    {
        "pending" => CallStatus.Pending,
        "accepted" => CallStatus.Accepted,
        "active" => CallStatus.Active,
        "interrupted" => CallStatus.Interrupted,
        "ended" => CallStatus.Ended,
        "missed" => CallStatus.Missed,
        "rejected" => CallStatus.Rejected,
        "cancelled" => CallStatus.Cancelled,
        _ => throw new FormatException($"Unknown call status '{value}'."),
    };
}
