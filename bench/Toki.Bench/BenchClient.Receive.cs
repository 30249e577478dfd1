using System.Net.Sockets;
using System.Text;

namespace Toki.Bench;

public sealed partial class BenchClient
{
    /// <summary>The next whole message (valid until the next receive); empty when the connection closed.</summary>
    private ValueTask<ReadOnlyMemory<byte>> ReceiveOneAsync(CancellationToken cancellationToken) => _socket!.ReceiveAsync(cancellationToken);

    private async Task ReceiveLoopAsync()
    {
        try
        {
            while (true)
            {
                var frame = await ReceiveOneAsync(CancellationToken.None);
                if (frame.IsEmpty)
                {
                    break;
                }
                if (Handle(frame.Span))
                {
                    await SendTextAsync("3"u8.ToArray(), CancellationToken.None);
                    PingsAnswered++;
                }
            }
        }
        catch (Exception exception) when (exception is SocketException or OperationCanceledException or ObjectDisposedException or IOException)
        {
        }
        finally
        {
            Interlocked.Exchange(ref _closed, 1);
            _connected.TrySetException(new IOException("the connection closed before the namespace was joined"));
            _stateReceived.TrySetException(new IOException("the connection closed before call:state arrived"));
            _events?.Writer.TryComplete();
            FailPendingAcks();
        }
    }

    /// <summary>Handles one Engine.IO text frame; true when it was a ping that needs a pong.</summary>
    private bool Handle(ReadOnlySpan<byte> frame)
    {
        if (frame.IsEmpty)
        {
            return false;
        }
        if (frame[0] == (byte)'2')
        {
            return true;
        }
        if (frame[0] != (byte)'4' || frame.Length < 2)
        {
            return false;
        }
        switch (frame[1])
        {
            case (byte)'0':
                _connected.TrySetResult(WireText.StringField(frame, "sid"u8) ?? "");
                break;
            case (byte)'4':
                _connected.TrySetException(new InvalidOperationException("connect_error: " + Encoding.UTF8.GetString(frame[2..])));
                break;
            case (byte)'2':
                HandleEvent(frame);
                break;
            case (byte)'3':
                HandleAck(frame);
                break;
        }
        return false;
    }

    private void HandleEvent(ReadOnlySpan<byte> frame)
    {
        var name = WireText.EventName(frame);
        if (name.SequenceEqual("call:state"u8))
        {
            _stateReceived.TrySetResult();
        }
        if (OnRelay is { } relay && WireText.IsRelayEvent(name))
        {
            relay(this, frame);
            return;
        }
        _events?.Writer.TryWrite(new ServerEvent(Encoding.UTF8.GetString(name), Encoding.UTF8.GetString(frame[2..])));
    }

    private void HandleAck(ReadOnlySpan<byte> frame)
    {
        var id = WireText.LeadingNumber(frame[2..], out var digits);
        TaskCompletionSource<string>? completion;
        lock (_pendingAcks)
        {
            _pendingAcks.Remove(id, out completion);
        }
        if (completion is null)
        {
            OnBareAck?.Invoke(this);
            return;
        }
        completion.TrySetResult(Encoding.UTF8.GetString(frame[(2 + digits)..]));
    }
}
