namespace Toki.Calls.Notices;

/// <summary>
/// A participant's place in a live call: away, whether a rejoin would succeed now, and the own rejoin deadline
/// (null when not away).
/// </summary>
public sealed record ParticipantState(bool Away, bool CanRejoin, DateTimeOffset? RejoinDeadline);
