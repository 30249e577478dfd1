using System.Text.Json;
using Toki.Server.Tests.EngineIO.Support;
using Toki.Server.Tests.Infrastructure;
using Toki.SocketIO;

namespace Toki.Server.Tests.SocketIO.Support;

/// <summary>
/// A Socket.IO client over <see cref="InProcessPollingClient"/>: it sends and receives Engine.IO packets
/// exactly as written ("42[...]", "b" + base64 for attachments), so tests compare the wire text.
/// </summary>
public sealed class InProcessSocketIOClient
{
    private readonly Queue<string> _received = new();

    private InProcessSocketIOClient(InProcessPollingClient engine)
    {
        Engine = engine;
    }

    public InProcessPollingClient Engine { get; }

    /// <summary>The socket id from the server's CONNECT answer.</summary>
    public string Id { get; private set; } = "";

    /// <summary>The recovery session id from the CONNECT answer (null when recovery is off).</summary>
    public string? Pid { get; private set; }

    /// <summary>The CONNECT answer as received, for example "40{\"sid\":\"...\"}".</summary>
    public string ConnectAnswer { get; private set; } = "";

    /// <summary>Opens a session and joins <paramref name="namespace"/>; the answer may also be a CONNECT_ERROR.</summary>
    public static async Task<InProcessSocketIOClient> OpenAsync(SocketIOServer server, string @namespace = "/", string? auth = null)
    {
        var client = new InProcessSocketIOClient(await InProcessPollingClient.HandshakeAsync(server.Engine));
        await client.JoinAsync(@namespace, auth);
        return client;
    }

    /// <summary>Opens a session, joins the namespace and fails unless the server accepted it.</summary>
    public static async Task<InProcessSocketIOClient> ConnectAsync(SocketIOServer server, string @namespace = "/", string? auth = null)
    {
        var client = await OpenAsync(server, @namespace, auth);
        if (client.Id.Length == 0)
        {
            throw new InvalidOperationException($"the server refused the connection: {client.ConnectAnswer}");
        }
        return client;
    }

    /// <summary>Sends a CONNECT for <paramref name="namespace"/> and reads the answer.</summary>
    public async Task JoinAsync(string @namespace, string? auth = null)
    {
        var prefix = @namespace == "/" ? "40" : $"40{@namespace},";
        await SendAsync(prefix + (auth ?? ""));
        ConnectAnswer = await ReceiveAsync();
        if (!ConnectAnswer.StartsWith(prefix + "{", StringComparison.Ordinal))
        {
            return;
        }
        using var answer = JsonDocument.Parse(ConnectAnswer[prefix.Length..]);
        if (answer.RootElement.TryGetProperty("sid", out var sid))
        {
            Id = sid.GetString()!;
            Pid = answer.RootElement.TryGetProperty("pid", out var pid) ? pid.GetString() : null;
        }
    }

    /// <summary>POSTs the packets as one payload; each is an Engine.IO packet ("42[...]", "b...", "1").</summary>
    public async Task SendAsync(params string[] packets)
    {
        var answer = await Engine.PostAsync(string.Join('\u001e', packets)).DefaultTimeout();
        if (answer != new HttpAnswer(200, "ok"))
        {
            throw new InvalidOperationException($"POST refused: {answer}");
        }
    }

    /// <summary>The next packet from the server, polling when none is buffered.</summary>
    public async Task<string> ReceiveAsync()
    {
        while (_received.Count == 0)
        {
            var answer = await Engine.PollAsync().DefaultTimeout();
            if (answer.Status != 200)
            {
                throw new InvalidOperationException($"poll refused: {answer}");
            }
            foreach (var packet in answer.Body.Split('\u001e'))
            {
                _received.Enqueue(packet);
            }
        }
        return _received.Dequeue();
    }

    /// <summary>Every packet received before <paramref name="fence"/> (which is consumed).</summary>
    public async Task<List<string>> ReceiveUntilAsync(string fence)
    {
        var packets = new List<string>();
        while (await ReceiveAsync() is var packet && packet != fence)
        {
            packets.Add(packet);
        }
        return packets;
    }
}
