using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using NUnit.Framework;

namespace Toki.Server.Tests.Infrastructure;

/// <summary>
/// Official socket.io-client instances in one Node process (node/clients.mjs), driven by JSON commands.
/// Every record the process prints is kept; waits read them in order per client and event.
/// </summary>
public sealed class NodeClients : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<JsonElement> _records = [];
    private readonly Dictionary<string, int> _cursors = [];
    private readonly Task _reader;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _nextRef;

    private NodeClients(Process process)
    {
        _process = process;
        _reader = Task.Run(ReadAsync);
    }

    public Uri? ServerUrl { get; set; }

    public static async Task<NodeClients> StartAsync()
    {
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = RepositoryPaths.NodeDrivers,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(RepositoryPaths.NodeDrivers, "clients.mjs"));
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start node");
        var clients = new NodeClients(process);
        await clients.NextAsync(r => Type(r) == "ready", "clients.mjs ready");
        return clients;
    }

    public IReadOnlyList<JsonElement> Records
    {
        get { lock (_records) return [.. _records]; }
    }

    /// <summary>Signs a token with the npm jsonwebtoken package.</summary>
    public async Task<string> SignAsync(object payload, string secret, object? options = null)
    {
        var reference = Interlocked.Increment(ref _nextRef);
        Send(new { cmd = "sign", @ref = reference, payload, secret, options });
        var record = await NextAsync(r => Type(r) == "signed" && Ref(r) == reference, "signed token");
        return record.GetProperty("token").GetString()!;
    }

    /// <summary>Connects a client (to <paramref name="namespace"/>, "/" by default) and returns its connect (or connect_error) record.</summary>
    public Task<JsonElement> ConnectAsync(string id, object? options = null, string @namespace = "")
    {
        Send(new { cmd = "connect", id, url = ServerUrl!.ToString().TrimEnd('/') + @namespace, options = options ?? new { } });
        return NextAsync(r => Id(r) == id && Type(r) is "connect" or "connect_error", $"{id} connect", cursorKey: $"{id}|#connect");
    }

    /// <summary>Emits with an acknowledgement callback and returns the ack's first argument.</summary>
    public async Task<JsonElement> EmitAsync(string id, string eventName, params object?[] args)
    {
        var reference = Interlocked.Increment(ref _nextRef);
        Send(new { cmd = "emit", id, @event = eventName, args, @ref = reference });
        var record = await NextAsync(r => Ref(r) == reference && Type(r) is "ack" or "ack-timeout" or "error", $"{id} ack of {eventName}");
        Assert.That(Type(record), Is.EqualTo("ack"), $"{eventName} was not acknowledged: {record}");
        return record.GetProperty("args")[0];
    }

    /// <summary>Emits without an acknowledgement callback.</summary>
    public void Emit(string id, string eventName, params object?[] args) => Send(new { cmd = "emit", id, @event = eventName, args });

    public void Drop(string id) => Send(new { cmd = "drop", id });

    public void Disconnect(string id) => Send(new { cmd = "disconnect", id });

    public void Reconnect(string id) => Send(new { cmd = "reconnect", id });

    /// <summary>From now on the client answers events sent with an acknowledgement with <paramref name="value"/>.</summary>
    public void Answer(string id, object value) => Send(new { cmd = "answer", id, value });

    /// <summary>Emits with an acknowledgement callback and returns all the ack's arguments.</summary>
    public async Task<JsonElement> EmitForAllAsync(string id, string eventName, params object?[] args)
    {
        var reference = Interlocked.Increment(ref _nextRef);
        Send(new { cmd = "emit", id, @event = eventName, args, @ref = reference });
        var record = await NextAsync(r => Ref(r) == reference && Type(r) is "ack" or "ack-timeout" or "error", $"{id} ack of {eventName}");
        Assert.That(Type(record), Is.EqualTo("ack"), $"{eventName} was not acknowledged: {record}");
        return record.GetProperty("args");
    }

    /// <summary>Every <paramref name="eventName"/> event <paramref name="id"/> received so far, each as its arguments array.</summary>
    public IReadOnlyList<JsonElement> Events(string id, string eventName) =>
        [.. Records.Where(r => Id(r) == id && Type(r) == "event" && Event(r) == eventName).Select(r => r.GetProperty("args"))];

    /// <summary>Replaces the client's <c>auth</c>, which socket.io-client sends whole on its next connect or reconnect.</summary>
    public void SetAuth(string id, object auth) => Send(new { cmd = "auth", id, auth });

    /// <summary>The client's next connect or connect_error record (the cursor <see cref="ConnectAsync"/> uses).</summary>
    public Task<JsonElement> NextConnectOutcomeAsync(string id, TimeSpan? timeout = null) =>
        NextAsync(r => Id(r) == id && Type(r) is "connect" or "connect_error", $"{id} connect", timeout, $"{id}|#connect");

    /// <summary>The next (not yet taken) <paramref name="eventName"/> received by <paramref name="id"/>; returns its first argument.</summary>
    public async Task<JsonElement> NextEventAsync(string id, string eventName, TimeSpan? timeout = null)
    {
        var record = await NextAsync(r => Id(r) == id && Type(r) == "event" && Event(r) == eventName, $"{id} {eventName}", timeout, $"{id}|{eventName}");
        return record.GetProperty("args")[0];
    }

    /// <summary>Like <see cref="NextEventAsync"/>, but returns all the event's arguments (there may be none).</summary>
    public async Task<JsonElement> NextEventArgsAsync(string id, string eventName, TimeSpan? timeout = null)
    {
        var record = await NextAsync(r => Id(r) == id && Type(r) == "event" && Event(r) == eventName, $"{id} {eventName}", timeout, $"{id}|{eventName}");
        return record.GetProperty("args");
    }

    /// <summary>Like <see cref="NextEventAsync"/>, for the next <paramref name="eventName"/> whose arguments satisfy <paramref name="match"/>; returns them all.</summary>
    public async Task<JsonElement> NextEventArgsAsync(string id, string eventName, Func<JsonElement, bool> match, TimeSpan? timeout = null)
    {
        var record = await NextAsync(r => Id(r) == id && Type(r) == "event" && Event(r) == eventName && match(r.GetProperty("args")),
            $"{id} {eventName} (matching)", timeout);
        return record.GetProperty("args");
    }

    /// <summary>The next record of <paramref name="type"/> (connect and connect_error share one cursor with <see cref="ConnectAsync"/>).</summary>
    public Task<JsonElement> NextRecordAsync(string id, string type, TimeSpan? timeout = null) =>
        NextAsync(r => Id(r) == id && Type(r) == type, $"{id} {type}", timeout, type == "connect" ? $"{id}|#connect" : $"{id}|#{type}");

    /// <summary>How many <paramref name="eventName"/> events <paramref name="id"/> has received so far.</summary>
    public int Count(string id, string eventName) => Records.Count(r => Id(r) == id && Type(r) == "event" && Event(r) == eventName);

    public async ValueTask DisposeAsync()
    {
        try
        {
            Send(new { cmd = "exit" });
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(5), TimeProvider.System);
        }
        catch (Exception exception) when (exception is TimeoutException or IOException or InvalidOperationException)
        {
            _process.Kill(entireProcessTree: true);
        }
        FailureOutput.WriteIfFailed("client records", Records.Select(record => record.GetRawText()));
        _process.Dispose();
    }

    private void Send(object command)
    {
        var line = JsonSerializer.Serialize(command);
        lock (_process)
        {
            _process.StandardInput.WriteLine(line);
            _process.StandardInput.Flush();
        }
    }

    private async Task<JsonElement> NextAsync(Func<JsonElement, bool> match, string what, TimeSpan? timeout = null, string? cursorKey = null)
    {
        var deadline = TimeProvider.System.GetUtcNow() + (timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            Task changed;
            lock (_records)
            {
                var start = cursorKey is not null && _cursors.TryGetValue(cursorKey, out var c) ? c : 0;
                for (var i = start; i < _records.Count; i++)
                {
                    if (match(_records[i]))
                    {
                        if (cursorKey is not null)
                        {
                            _cursors[cursorKey] = i + 1;
                        }
                        return _records[i];
                    }
                }
                changed = _changed.Task;
            }
            var left = deadline - TimeProvider.System.GetUtcNow();
            if (left <= TimeSpan.Zero || _reader.IsCompleted)
            {
                throw new TimeoutException($"Timed out waiting for {what}.");
            }
            await Task.WhenAny(changed, Task.Delay(left, TimeProvider.System));
        }
    }

    private async Task ReadAsync()
    {
        while (await _process.StandardOutput.ReadLineAsync() is { } line)
        {
            JsonElement record;
            try
            {
                record = JsonDocument.Parse(line).RootElement.Clone();
            }
            catch (JsonException)
            {
                continue;
            }
            TaskCompletionSource changed;
            lock (_records)
            {
                _records.Add(record);
                changed = _changed;
                _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
            changed.TrySetResult();
        }
        lock (_records)
        {
            _changed.TrySetResult();
        }
    }

    private static string? Type(JsonElement r) => r.TryGetProperty("type", out var v) ? v.GetString() : null;

    private static string? Id(JsonElement r) => r.TryGetProperty("id", out var v) ? v.GetString() : null;

    private static string? Event(JsonElement r) => r.TryGetProperty("event", out var v) ? v.GetString() : null;

    private static int? Ref(JsonElement r) => r.TryGetProperty("ref", out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt32() : null;
}
