using System.Text.Json;
using Toki.Calls.Ports;

namespace Toki.Server.Tests.Calls.Fakes;

/// <summary>
/// Records what the call service sends and every room change, in order, one line each:
/// <c>user bob call:incoming {json}</c>, <c>user bob call:clear-all {json} except s-a1,s-b1</c>,
/// <c>socket s-a1 call:proceed {json}</c>, <c>room &lt;callId&gt; call:started {json}</c>, <c>join s-a1 &lt;callId&gt;</c>,
/// <c>leave s-a1 &lt;callId&gt;</c>. Payloads are serialized as the gateway would (camelCase JSON).
/// </summary>
internal sealed class RecordingCallNotifier : ICallNotifier
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly Lock _gate = new();
    private readonly List<string> _lines = [];

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_gate)
            {
                return [.. _lines];
            }
        }
    }

    /// <summary>The lines whose event is <paramref name="eventName"/>.</summary>
    public IReadOnlyList<string> Sent(string eventName) => [.. Lines.Where(line => line.Split(' ')[2] == eventName)];

    public void Clear()
    {
        lock (_gate)
        {
            _lines.Clear();
        }
    }

    public void ToUser(string userId, string eventName, object payload, IReadOnlyCollection<string>? exceptSocketIds = null) =>
        Add($"user {userId} {eventName} {Serialize(payload)}"
            + (exceptSocketIds is { Count: > 0 } except ? $" except {string.Join(',', except)}" : ""));

    public void ToSocket(string socketId, string eventName, object payload) => Add($"socket {socketId} {eventName} {Serialize(payload)}");

    public void JoinCallRoom(string socketId, string callId) => Add($"join {socketId} {callId}");

    public void LeaveCallRoom(string socketId, string callId) => Add($"leave {socketId} {callId}");

    public void ToCallRoom(string callId, string eventName, object payload) => Add($"room {callId} {eventName} {Serialize(payload)}");

    public static string Serialize(object? payload) => JsonSerializer.Serialize(payload, Json);

    private void Add(string line)
    {
        lock (_gate)
        {
            _lines.Add(line);
        }
    }
}
