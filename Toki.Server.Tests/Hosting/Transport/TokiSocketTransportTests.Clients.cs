using System.Net;
using System.Net.Sockets;
using System.Text;
using NUnit.Framework;
using Toki.Server.Tests.Infrastructure;

namespace Toki.Server.Tests.Hosting.Transport;

public sealed partial class TokiSocketTransportTests
{
    private async Task<Socket> ConnectAsync()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(IPAddress.Loopback, _host.BaseUrl.Port).DefaultTimeout();
        return socket;
    }

    private static async Task SendAsync(Socket socket, string text) =>
        await socket.SendAsync(Encoding.ASCII.GetBytes(text).AsMemory()).AsTask().DefaultTimeout();

    private static async Task<string> ReadResponseAsync(Socket socket)
    {
        var buffer = new byte[4096];
        var text = new StringBuilder();
        while (!text.ToString().EndsWith("hello from toki", StringComparison.Ordinal))
        {
            var read = await socket.ReceiveAsync(buffer.AsMemory()).AsTask().DefaultTimeout();
            if (read == 0)
            {
                break;
            }
            text.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }
        return text.ToString();
    }

    private static async Task<long> ReadToEndOfBodyAsync(Socket socket, long length)
    {
        var buffer = new byte[256 * 1024];
        var total = 0L;
        var headerEnd = -1;
        var head = new StringBuilder();
        while (true)
        {
            var read = await socket.ReceiveAsync(buffer.AsMemory()).AsTask().DefaultTimeout();
            if (read == 0)
            {
                return total;
            }
            if (headerEnd < 0)
            {
                head.Append(Encoding.Latin1.GetString(buffer, 0, read));
                headerEnd = head.ToString().IndexOf("\r\n\r\n", StringComparison.Ordinal);
                if (headerEnd < 0)
                {
                    continue;
                }
                total = head.Length - (headerEnd + 4);
            }
            else
            {
                total += read;
            }
            if (total >= length)
            {
                return total;
            }
        }
    }

    private async Task<long> WaitUntilTheWritesStallAsync()
    {
        var last = -1L;
        var unchanged = 0;
        for (var attempt = 0; attempt < 200 && unchanged < 5; attempt++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), TimeProvider.System);
            var now = Interlocked.Read(ref _written);
            unchanged = now == last && now > 0 ? unchanged + 1 : 0;
            last = now;
        }
        Assert.That(unchanged, Is.EqualTo(5), "the server never stopped writing");
        return last;
    }
}
