using System.Collections.Concurrent;
using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Toki.Server.Tests.Infrastructure;

namespace Toki.Server.Tests.Hostile;

/// <summary>
/// A Socket.IO client over a raw WebSocket that writes every packet by hand, so hostile-input tests can send exactly the
/// bytes they mean (escapes of lone surrogates, placeholders, attachments of any size) to the call gateway and read the
/// acknowledgement as it comes. It answers pings and keeps every event it receives.
/// </summary>
internal sealed class CallWireClient : IAsyncDisposable
{
    private readonly ClientWebSocket _socket;
    private readonly SemaphoreSlim _sending = new(1, 1);
    private readonly ConcurrentDictionary<long, TaskCompletionSource<string>> _acks = new();
    private readonly ConcurrentQueue<string> _events = new();
    private readonly Task _reader;
    private long _nextAck;
    private TaskCompletionSource _received = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private CallWireClient(ClientWebSocket socket, string connectAnswer)
    {
        _socket = socket;
        ConnectAnswer = connectAnswer;
        _reader = Task.Run(ReadAsync);
    }

    /// <summary>The server's answer to the CONNECT: <c>40{...}</c> or <c>44{...}</c>.</summary>
    public string ConnectAnswer { get; }

    public bool Connected => ConnectAnswer.StartsWith("40", StringComparison.Ordinal);

    /// <summary>Every EVENT packet received so far, as text (<c>42[...]</c>).</summary>
    public IReadOnlyCollection<string> Events => _events;

    /// <summary>Waits (at most the default timeout) until an event received so far matches.</summary>
    public async Task<string> WaitForEventAsync(Func<string, bool> match)
    {
        var deadline = TimeProvider.System.GetUtcNow() + TaskTimeoutExtensions.Timeout;
        while (true)
        {
            var received = Volatile.Read(ref _received).Task;
            if (_events.FirstOrDefault(match) is { } found)
            {
                return found;
            }
            var left = deadline - TimeProvider.System.GetUtcNow();
            if (left <= TimeSpan.Zero)
            {
                throw new TimeoutException("No matching event arrived.");
            }
            await received.WaitAsync(left, TimeProvider.System).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>Opens a WebSocket session and sends a CONNECT to "/" with <paramref name="authJson"/> as its payload.</summary>
    public static async Task<CallWireClient> ConnectAsync(Uri baseUrl, string authJson)
    {
        var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri($"ws://{baseUrl.Authority}/socket.io/?EIO=4&transport=websocket"), CancellationToken.None).DefaultTimeout();
        var open = await ReceiveTextAsync(socket);
        if (!open.StartsWith("0{", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"unexpected open packet {open}");
        }
        await socket.SendAsync(Encoding.UTF8.GetBytes("40" + authJson), WebSocketMessageType.Text, true, CancellationToken.None).DefaultTimeout();
        string answer;
        do
        {
            answer = await ReceiveTextAsync(socket);
        }
        while (answer == "2");
        return new CallWireClient(socket, answer);
    }

    public static Task<CallWireClient> ConnectWithTokenAsync(Uri baseUrl, string token) =>
        ConnectAsync(baseUrl, JsonSerializer.Serialize(new { token }));

    /// <summary>
    /// Emits <paramref name="eventName"/> with <paramref name="argumentsJson"/> (the arguments' JSON, comma-separated,
    /// exactly as it goes on the wire) and its binary attachments, and returns the acknowledgement's first argument.
    /// </summary>
    public async Task<JsonElement> EmitAsync(string eventName, string argumentsJson, IReadOnlyList<byte[]>? attachments = null)
    {
        var id = Interlocked.Increment(ref _nextAck);
        var answer = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        _acks[id] = answer;
        var header = attachments is { Count: > 0 } ? $"45{attachments.Count}-" : "42";
        var separator = argumentsJson.Length == 0 ? "" : ",";
        var packet = $"{header}{id}[{JsonSerializer.Serialize(eventName)}{separator}{argumentsJson}]";
        await _sending.WaitAsync();
        try
        {
            await _socket.SendAsync(Encoding.UTF8.GetBytes(packet), WebSocketMessageType.Text, true, CancellationToken.None).DefaultTimeout();
            foreach (var attachment in attachments ?? [])
            {
                await _socket.SendAsync(attachment, WebSocketMessageType.Binary, true, CancellationToken.None).DefaultTimeout();
            }
        }
        finally
        {
            _sending.Release();
        }
        var ack = await answer.Task.DefaultTimeout();
        return JsonDocument.Parse(ack).RootElement[0].Clone();
    }

    private async Task ReadAsync()
    {
        try
        {
            while (_socket.State == WebSocketState.Open)
            {
                var (type, bytes) = await ReceiveAsync(_socket, CancellationToken.None);
                if (type == WebSocketMessageType.Close)
                {
                    break;
                }
                if (type == WebSocketMessageType.Binary)
                {
                    continue;
                }
                var text = Encoding.UTF8.GetString(bytes);
                if (text == "2")
                {
                    await SendTextAsync("3");
                }
                else if (text.StartsWith("43", StringComparison.Ordinal))
                {
                    var bracket = text.IndexOf('[', StringComparison.Ordinal);
                    var id = long.Parse(text.AsSpan(2, bracket - 2), CultureInfo.InvariantCulture);
                    if (_acks.TryRemove(id, out var answer))
                    {
                        answer.TrySetResult(text[bracket..]);
                    }
                }
                else if (text.StartsWith("42", StringComparison.Ordinal))
                {
                    _events.Enqueue(text);
                    Interlocked.Exchange(ref _received, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
                }
            }
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
        foreach (var pending in _acks.Values)
        {
            pending.TrySetException(new InvalidOperationException("The server closed the connection before acknowledging."));
        }
    }

    private async Task SendTextAsync(string text)
    {
        await _sending.WaitAsync();
        try
        {
            await _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);
        }
        finally
        {
            _sending.Release();
        }
    }

    private static async Task<string> ReceiveTextAsync(ClientWebSocket socket)
    {
        using var timeout = new CancellationTokenSource(TaskTimeoutExtensions.Timeout, TimeProvider.System);
        var (_, bytes) = await ReceiveAsync(socket, timeout.Token);
        return Encoding.UTF8.GetString(bytes);
    }

    private static async Task<(WebSocketMessageType Type, byte[] Bytes)> ReceiveAsync(ClientWebSocket socket, CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        using var message = new MemoryStream();
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, cancellationToken);
            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage || result.MessageType == WebSocketMessageType.Close)
            {
                return (result.MessageType, message.ToArray());
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2), TimeProvider.System);
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
            }
            catch (Exception exception) when (exception is WebSocketException or OperationCanceledException)
            {
            }
        }
        _socket.Abort();
        await _reader.WaitAsync(TimeSpan.FromSeconds(5), TimeProvider.System).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _socket.Dispose();
        _sending.Dispose();
    }
}
