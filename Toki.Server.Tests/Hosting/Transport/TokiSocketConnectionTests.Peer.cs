using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;
using System.Text;
using NUnit.Framework;
using Toki.Server.Tests.Infrastructure;

namespace Toki.Server.Tests.Hosting.Transport;

public sealed partial class TokiSocketConnectionTests
{
    private async Task PeerSendsAsync(string text) => await _peer.SendAsync(Encoding.ASCII.GetBytes(text).AsMemory()).AsTask().DefaultTimeout();

    private async Task<ReadResult> ReadAtLeastAsync(int length)
    {
        var result = await Input.ReadAsync().AsTask().DefaultTimeout();
        while (result.Buffer.Length < length)
        {
            Input.AdvanceTo(result.Buffer.Start, result.Buffer.End);
            result = await Input.ReadAsync().AsTask().DefaultTimeout();
        }
        return result;
    }

    private async Task<string> PeerReadsAsync(int length)
    {
        var buffer = new byte[length];
        var read = 0;
        while (read < length)
        {
            var count = await _peer.ReceiveAsync(buffer.AsMemory(read)).AsTask().DefaultTimeout();
            Assert.That(count, Is.GreaterThan(0), "the connection ended early");
            read += count;
        }
        return Encoding.ASCII.GetString(buffer);
    }

    private async Task<long> PeerReadsCountAsync(long length)
    {
        var buffer = new byte[256 * 1024];
        var read = 0L;
        while (read < length)
        {
            var count = await _peer.ReceiveAsync(buffer.AsMemory()).AsTask().DefaultTimeout();
            if (count == 0)
            {
                break;
            }
            read += count;
        }
        return read;
    }

    private static string Text(ReadOnlySequence<byte> buffer) => Encoding.ASCII.GetString(buffer.ToArray());
}
