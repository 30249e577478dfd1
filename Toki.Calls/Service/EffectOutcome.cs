namespace Toki.Calls.Service;

/// <summary>What applying effects produced that the ack repeats (the media credentials sent to a user).</summary>
internal sealed class EffectOutcome
{
    public static EffectOutcome None { get; } = new();

    public Dictionary<string, object> MediaByUser { get; } = new(StringComparer.Ordinal);
}
