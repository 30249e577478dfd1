using System.Net.Sockets;
using System.Text;
using Toki.Server.Tests.EngineIO.Support;

namespace Toki.Server.Tests.Hostile;

/// <summary>
/// One kept-alive HTTP/1.1 connection to the /engine.io/ endpoint, written and read by hand: a request leaves the
/// moment it is sent (no pool, no connect in between), and the bytes sent are exactly the test's.
/// </summary>
internal sealed class EngineIORawHttpConnection : IDisposable
{
    private readonly Socket _socket;
    private readonly string _authority;
    private readonly List<byte> _pending = [];

    private EngineIORawHttpConnection(Socket socket, string authority)
    {
        _socket = socket;
        _authority = authority;
    }

    public static async Task<EngineIORawHttpConnection> ConnectAsync(Uri endpoint)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(endpoint.Host, endpoint.Port);
        return new EngineIORawHttpConnection(socket, endpoint.Authority);
    }

    /// <summary>Sends one request to /engine.io/ and reads its answer (a Content-Length or chunked body).</summary>
    public async Task<HttpAnswer> SendAsync(string method, string query, string? body = null)
    {
        var bytes = body is null ? [] : Encoding.UTF8.GetBytes(body);
        var head = $"{method} /engine.io/?{query} HTTP/1.1\r\nHost: {_authority}\r\n" +
            (body is null ? "" : $"Content-Type: text/plain;charset=UTF-8\r\nContent-Length: {bytes.Length}\r\n") + "\r\n";
        await SendRawAsync([.. Encoding.ASCII.GetBytes(head), .. bytes]);
        return await ReadAnswerAsync();
    }

    public async Task SendRawAsync(byte[] bytes)
    {
        await _socket.SendAsync(bytes);
    }

    /// <summary>Half-closes the connection: the server sees the end of what was sent and can still answer.</summary>
    public void EndSending() => _socket.Shutdown(SocketShutdown.Send);

    /// <summary>Drops the connection with a reset, once the bytes sent so far had time to leave.</summary>
    public async Task ResetAsync()
    {
        await Task.Yield();
        _socket.LingerState = new LingerOption(true, 0);
        _socket.Close();
    }

    /// <summary>Reads one answer; null when the connection ends or is reset first.</summary>
    public async Task<HttpAnswer?> TryReadAnswerAsync()
    {
        try
        {
            return await ReadAnswerAsync();
        }
        catch (Exception exception) when (exception is IOException or SocketException)
        {
            return null;
        }
    }

    /// <summary>Reads one answer.</summary>
    public async Task<HttpAnswer> ReadAnswerAsync()
    {
        var head = Encoding.ASCII.GetString(await ReadUntilAsync("\r\n\r\n"u8.ToArray()));
        var status = int.Parse(head[9..12], System.Globalization.CultureInfo.InvariantCulture);
        var lines = head.Split("\r\n");
        var length = lines.FirstOrDefault(line => line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase)) is { } header
            ? int.Parse(header[15..].Trim(), System.Globalization.CultureInfo.InvariantCulture)
            : -1;
        if (length >= 0)
        {
            return new HttpAnswer(status, Encoding.UTF8.GetString(await ReadExactlyAsync(length)));
        }
        var body = new List<byte>();
        while (true)
        {
            var size = Convert.ToInt32(Encoding.ASCII.GetString(await ReadUntilAsync("\r\n"u8.ToArray()))[..^2], 16);
            body.AddRange(await ReadExactlyAsync(size));
            await ReadExactlyAsync(2);
            if (size == 0)
            {
                return new HttpAnswer(status, Encoding.UTF8.GetString(body.ToArray()));
            }
        }
    }

    private async Task<byte[]> ReadUntilAsync(byte[] delimiter)
    {
        while (true)
        {
            var at = IndexOf(delimiter);
            if (at >= 0)
            {
                return Take(at + delimiter.Length);
            }
            await FillAsync();
        }
    }

    private async Task<byte[]> ReadExactlyAsync(int count)
    {
        while (_pending.Count < count)
        {
            await FillAsync();
        }
        return Take(count);
    }

    private async Task FillAsync()
    {
        var buffer = new byte[8192];
        var read = await _socket.ReceiveAsync(buffer);
        if (read == 0)
        {
            throw new IOException("the server closed the connection");
        }
        _pending.AddRange(buffer.AsSpan(0, read));
    }

    private int IndexOf(byte[] delimiter) => CollectionsMarshalIndexOf(_pending, delimiter);

    private static int CollectionsMarshalIndexOf(List<byte> list, byte[] delimiter) =>
        System.Runtime.InteropServices.CollectionsMarshal.AsSpan(list).IndexOf(delimiter);

    private byte[] Take(int count)
    {
        var taken = _pending.GetRange(0, count).ToArray();
        _pending.RemoveRange(0, count);
        return taken;
    }

    public void Dispose() => _socket.Dispose();
}
