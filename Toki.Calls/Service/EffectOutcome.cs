using Toki.Calls.Ports;

namespace Toki.Calls.Service;

/// <summary>What applying effects produced that the result repeats (the media credentials sent to a user).</summary>
internal sealed class EffectOutcome
{
    public static EffectOutcome None { get; } = new();

    public Dictionary<string, MediaCredentials> MediaByUser { get; } = new(StringComparer.Ordinal);
}
