using Microsoft.AspNetCore.Http;
using Toki.EngineIO.Protocol;

namespace Toki.EngineIO.Transports;

/// <summary>Writes the Engine.IO HTTP answers.</summary>
internal static class EngineResponses
{
    public static Task WriteErrorAsync(HttpContext context, EngineError error)
    {
        var response = context.Response;
        if (response.HasStarted)
        {
            return Task.CompletedTask;
        }
        response.StatusCode = error.StatusCode;
        response.ContentType = "application/json";
        return response.WriteAsync(error.ToJson());
    }

    public static async Task WritePayloadAsync(HttpContext context, EngineFrame[] frames)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/plain; charset=UTF-8";
        var length = PollingPayloadEncoder.GetEncodedLength(frames);
        var memory = response.BodyWriter.GetMemory(length);
        var written = PollingPayloadEncoder.Encode(frames, memory.Span);
        response.ContentLength = written;
        response.BodyWriter.Advance(written);
        await response.BodyWriter.FlushAsync(context.RequestAborted);
    }

    public static Task WriteOkAsync(HttpContext context)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/html";
        response.ContentLength = 2;
        return response.Body.WriteAsync("ok"u8.ToArray()).AsTask();
    }
}
