using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Toki.EngineIO.Protocol;
using Toki.EngineIO.Transports;

namespace Toki.EngineIO.Connections;

/// <summary>The HTTP/1.1 answers to an upgrade request served below Kestrel's HTTP layer, written straight to the connection.</summary>
internal static class RawHttpResponses
{
    /// <summary>
    /// The 101 answer that completes the handshake; with <paramref name="corsOrigin"/>, the CORS headers the HTTP path
    /// would add, and with <paramref name="setCookie"/> the session cookie.
    /// </summary>
    public static byte[] SwitchingProtocols(string key, string? corsOrigin, string? setCookie = null)
    {
        var text = new StringBuilder(256)
            .Append("HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Accept: ")
            .Append(WebSocketUpgrade.ComputeAccept(key)).Append("\r\n");
        AppendCors(text, corsOrigin);
        if (setCookie is not null)
        {
            text.Append("Set-Cookie: ").Append(setCookie).Append("\r\n");
        }
        return Encoding.ASCII.GetBytes(text.Append("\r\n").ToString());
    }

    /// <summary>The spec's error answer (same status and JSON body as the HTTP path); the connection closes after it.</summary>
    public static async ValueTask WriteErrorAsync(PipeWriter output, EngineError error, string? corsOrigin)
    {
        var body = Encoding.UTF8.GetBytes(error.ToJson());
        var text = new StringBuilder(256)
            .Append("HTTP/1.1 ").Append(error.StatusCode).Append(' ').Append(ReasonPhrases.GetReasonPhrase(error.StatusCode)).Append("\r\n")
            .Append("Content-Type: application/json\r\nContent-Length: ").Append(body.Length).Append("\r\nConnection: close\r\n");
        AppendCors(text, corsOrigin);
        output.Write(Encoding.ASCII.GetBytes(text.Append("\r\n").ToString()));
        output.Write(body);
        await output.FlushAsync();
    }

    /// <summary>Kestrel's answer to a request head that did not arrive in time; the connection closes after it.</summary>
    public static async ValueTask WriteRequestTimeoutAsync(PipeWriter output)
    {
        output.Write("HTTP/1.1 408 Request Timeout\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"u8);
        await output.FlushAsync();
    }

    private static void AppendCors(StringBuilder text, string? corsOrigin)
    {
        if (corsOrigin is not null)
        {
            text.Append("Access-Control-Allow-Origin: ").Append(corsOrigin)
                .Append("\r\nAccess-Control-Allow-Credentials: true\r\nVary: Origin\r\n");
        }
    }
}
