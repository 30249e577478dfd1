using System.Net.Sockets;
using System.Text;

namespace Toki.Server.Tests.Infrastructure;

/// <summary>Reads of a raw client socket, for tests that speak to the server below HTTP clients.</summary>
public static class SocketReads
{
    /// <summary>What arrives (as ASCII) until the connection ends; a reset ends it too.</summary>
    public static async Task<string> ReadToEndAsync(Socket socket)
    {
        var text = new StringBuilder();
        var buffer = new byte[4096];
        try
        {
            while (await socket.ReceiveAsync(buffer) is var read and > 0)
            {
                text.Append(Encoding.ASCII.GetString(buffer, 0, read));
            }
        }
        catch (SocketException exception) when (exception.SocketErrorCode == SocketError.ConnectionReset)
        {
        }
        return text.ToString();
    }
}
