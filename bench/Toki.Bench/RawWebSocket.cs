using System.Buffers.Binary;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace Toki.Bench;

/// <summary>
/// The client side of RFC 6455 on a connected <see cref="Socket"/>, with nothing between the two: the opening handshake
/// (its <c>Sec-WebSocket-Accept</c> checked), text frames out, each masked with a fresh key as browsers do, and frames in
/// parsed where they landed in one receive buffer, so several frames that arrive in one segment cost one receive.
/// Servers' pings are answered; a close frame or the peer's FIN ends the stream. It stands in for <c>ClientWebSocket</c>,
/// whose HTTP connection layer made the generator take CPU from the server it measures on the same cores; the framework's
/// own framing on the same socket (<c>WebSocket.CreateFromStream</c>) was measured too and took about a quarter more
/// (bench/README.md). Sends are serialized here; one receiver at a time.
/// </summary>
public sealed class RawWebSocket : IDisposable
{
    private const string AcceptGuid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private const int MaxHeaderBytes = 8 * 1024;
    private readonly Socket _socket;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private byte[] _receive = new byte[16 * 1024];
    private int _start;
    private int _end;
    private byte[] _fragments = [];
    private int _fragmentLength;
    private bool _fragmented;
    private byte[] _frame = new byte[1024];
    private ulong _maskState;

    private RawWebSocket(Socket socket)
    {
        _socket = socket;
        _maskState = (ulong)Random.Shared.NextInt64() | 1;
    }

    /// <summary>Runs the opening handshake for <paramref name="pathAndQuery"/> on <paramref name="socket"/>, which it then owns.</summary>
    public static async Task<RawWebSocket> ConnectAsync(Socket socket, string host, string pathAndQuery, CancellationToken cancellationToken)
    {
        var webSocket = new RawWebSocket(socket);
        try
        {
            var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
            var request = Encoding.ASCII.GetBytes(
                $"GET {pathAndQuery} HTTP/1.1\r\nHost: {host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
                $"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n");
            await socket.SendAsync(request, SocketFlags.None, cancellationToken);
            await webSocket.ReadHandshakeResponseAsync(ExpectedAccept(key), cancellationToken);
            return webSocket;
        }
        catch
        {
            webSocket.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The next text or binary message, valid until the next call; empty once the server closed the stream (a close
    /// frame or its FIN). A reset or a disposed socket throws.
    /// </summary>
    public async ValueTask<ReadOnlyMemory<byte>> ReceiveAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            while (TryReadFrame(out var opcode, out var fin, out var payload))
            {
                switch (opcode)
                {
                    case 0x1 or 0x2 when fin && !_fragmented:
                        return payload;
                    case 0x1 or 0x2 or 0x0:
                        if (!_fragmented)
                        {
                            _fragmentLength = 0;
                            _fragmented = true;
                        }
                        AppendFragment(payload.Span);
                        if (fin)
                        {
                            _fragmented = false;
                            return _fragments.AsMemory(0, _fragmentLength);
                        }
                        break;
                    case 0x8:
                        return ReadOnlyMemory<byte>.Empty;
                    case 0x9:
                        await SendFrameAsync(0xA, payload.ToArray(), cancellationToken);
                        break;
                }
            }
            if (!await FillAsync(cancellationToken))
            {
                return ReadOnlyMemory<byte>.Empty;
            }
        }
    }

    /// <summary>Sends <paramref name="payload"/> as one masked text frame with one send.</summary>
    public ValueTask SendTextAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken) =>
        SendFrameAsync(0x1, payload, cancellationToken);

    public void Dispose() => _socket.Dispose();

    private async ValueTask SendFrameAsync(byte opcode, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        await _sendLock.WaitAsync(cancellationToken);
        try
        {
            var length = WriteFrame(opcode, payload.Span);
            await _socket.SendAsync(_frame.AsMemory(0, length), SocketFlags.None, cancellationToken);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    private int WriteFrame(byte opcode, ReadOnlySpan<byte> payload)
    {
        var header = payload.Length < 126 ? 2 : payload.Length <= ushort.MaxValue ? 4 : 10;
        var total = header + 4 + payload.Length;
        if (_frame.Length < total)
        {
            _frame = new byte[Math.Max(total, _frame.Length * 2)];
        }
        var frame = _frame.AsSpan();
        frame[0] = (byte)(0x80 | opcode);
        switch (header)
        {
            case 2:
                frame[1] = (byte)(0x80 | payload.Length);
                break;
            case 4:
                frame[1] = 0x80 | 126;
                BinaryPrimitives.WriteUInt16BigEndian(frame[2..], (ushort)payload.Length);
                break;
            default:
                frame[1] = 0x80 | 127;
                BinaryPrimitives.WriteUInt64BigEndian(frame[2..], (ulong)payload.Length);
                break;
        }
        var mask = NextMask();
        BinaryPrimitives.WriteUInt32LittleEndian(frame[header..], mask);
        Mask(payload, frame.Slice(header + 4, payload.Length), mask);
        return total;
    }

    /// <summary>Copies <paramref name="source"/> into <paramref name="destination"/> XORed with the key, four bytes at a time.</summary>
    private static void Mask(ReadOnlySpan<byte> source, Span<byte> destination, uint mask)
    {
        var i = 0;
        for (; i + 4 <= source.Length; i += 4)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(destination[i..], BinaryPrimitives.ReadUInt32LittleEndian(source[i..]) ^ mask);
        }
        for (; i < source.Length; i++)
        {
            destination[i] = (byte)(source[i] ^ (mask >> (8 * (i & 3))));
        }
    }

    /// <summary>A fresh masking key per frame (xorshift64*; the key only has to be unpredictable to intermediaries).</summary>
    private uint NextMask()
    {
        _maskState ^= _maskState >> 12;
        _maskState ^= _maskState << 25;
        _maskState ^= _maskState >> 27;
        return (uint)((_maskState * 0x2545F4914F6CDD1DUL) >> 32);
    }

    /// <summary>Takes the next whole frame from the buffer: its opcode, FIN bit and payload (in place).</summary>
    private bool TryReadFrame(out byte opcode, out bool fin, out ReadOnlyMemory<byte> payload)
    {
        (opcode, fin, payload) = (0, false, default);
        var available = _end - _start;
        if (available < 2)
        {
            return false;
        }
        var first = _receive[_start];
        var second = _receive[_start + 1];
        if ((second & 0x80) != 0)
        {
            throw new IOException("the server sent a masked frame");
        }
        var header = 2;
        long length = second & 0x7F;
        if (length == 126)
        {
            header = 4;
            if (available < header)
            {
                return false;
            }
            length = BinaryPrimitives.ReadUInt16BigEndian(_receive.AsSpan(_start + 2));
        }
        else if (length == 127)
        {
            header = 10;
            if (available < header)
            {
                return false;
            }
            length = checked((long)BinaryPrimitives.ReadUInt64BigEndian(_receive.AsSpan(_start + 2)));
        }
        if (header + length > _receive.Length)
        {
            Array.Resize(ref _receive, checked((int)(header + length)));
        }
        if (available < header + length)
        {
            return false;
        }
        opcode = (byte)(first & 0x0F);
        fin = (first & 0x80) != 0;
        payload = _receive.AsMemory(_start + header, (int)length);
        _start += header + (int)length;
        return true;
    }

    /// <summary>Receives more bytes behind what is buffered (moving an unfinished frame to the front first); false at the peer's FIN.</summary>
    private async ValueTask<bool> FillAsync(CancellationToken cancellationToken)
    {
        if (_start == _end)
        {
            _start = _end = 0;
        }
        else if (_end == _receive.Length)
        {
            Buffer.BlockCopy(_receive, _start, _receive, 0, _end - _start);
            (_start, _end) = (0, _end - _start);
        }
        var received = await _socket.ReceiveAsync(_receive.AsMemory(_end), SocketFlags.None, cancellationToken);
        _end += received;
        return received > 0;
    }

    private void AppendFragment(ReadOnlySpan<byte> payload)
    {
        if (_fragmentLength + payload.Length > _fragments.Length)
        {
            Array.Resize(ref _fragments, Math.Max(_fragmentLength + payload.Length, _fragments.Length * 2));
        }
        payload.CopyTo(_fragments.AsSpan(_fragmentLength));
        _fragmentLength += payload.Length;
    }

    private async Task ReadHandshakeResponseAsync(string expectedAccept, CancellationToken cancellationToken)
    {
        while (true)
        {
            var end = _receive.AsSpan(0, _end).IndexOf("\r\n\r\n"u8);
            if (end >= 0)
            {
                CheckHandshakeResponse(Encoding.ASCII.GetString(_receive, 0, end), expectedAccept);
                _start = end + 4;
                return;
            }
            if (_end >= MaxHeaderBytes || !await FillAsync(cancellationToken))
            {
                throw new IOException("the server did not complete the WebSocket handshake");
            }
        }
    }

    private static void CheckHandshakeResponse(string head, string expectedAccept)
    {
        var lines = head.Split("\r\n");
        if (!lines[0].StartsWith("HTTP/1.1 101", StringComparison.Ordinal))
        {
            throw new IOException("the WebSocket handshake was refused: " + lines[0]);
        }
        var accept = lines.Skip(1)
            .Select(line => line.Split(':', 2))
            .FirstOrDefault(parts => parts.Length == 2 && parts[0].Trim().Equals("Sec-WebSocket-Accept", StringComparison.OrdinalIgnoreCase));
        if (accept is null || accept[1].Trim() != expectedAccept)
        {
            throw new IOException("the WebSocket handshake answered a wrong Sec-WebSocket-Accept");
        }
    }

    private static string ExpectedAccept(string key) =>
        Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key + AcceptGuid)));
}
