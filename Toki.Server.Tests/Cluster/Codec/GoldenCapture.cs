using System.Text.Json;
using Toki.Server.Tests.Infrastructure;

namespace Toki.Server.Tests.Cluster.Codec;

/// <summary>
/// What node/golden/capture.mjs recorded from the official adapters (socket.io 4.8.4, @socket.io/redis-streams-adapter
/// 0.3.1, @socket.io/redis-adapter 8.3.0 with notepack.io 3.0.1): pub/sub messages with their channel and step, and in
/// streams mode the stream entries (one per step that writes the stream, in order) and a saved session.
/// </summary>
internal sealed class GoldenCapture
{
    private GoldenCapture(JsonElement root)
    {
        Messages = [.. root.GetProperty("captured").EnumerateArray().Select(m =>
            new Message(m.GetProperty("step").GetString()!, m.GetProperty("channel").GetString()!, Convert.FromBase64String(m.GetProperty("payload").GetString()!)))];
        Entries = root.TryGetProperty("entries", out var entries)
            ? [.. entries.EnumerateArray().Select(e => e.GetProperty("fields").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!))]
            : [];
        Sessions = root.TryGetProperty("sessions", out var sessions)
            ? [.. sessions.EnumerateArray().Select(s => s.GetProperty("value").GetString()!)]
            : [];
    }

    public IReadOnlyList<Message> Messages { get; }

    public IReadOnlyList<Dictionary<string, string>> Entries { get; }

    public IReadOnlyList<string> Sessions { get; }

    public static GoldenCapture Load(string mode) =>
        new(JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.NodeDrivers, "golden", mode + ".json"))).RootElement.Clone());

    public sealed record Message(string Step, string Channel, byte[] Payload)
    {
        public bool IsJson => Payload.Length > 0 && Payload[0] == (byte)'{';
    }
}
