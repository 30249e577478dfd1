using System.Buffers;
using System.IO.Pipelines;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http;
using Toki.EngineIO.Protocol;
using Toki.EngineIO.Transports;

namespace Toki.EngineIO;

public sealed partial class EngineIOSession
{
    private TaskCompletionSource<EngineFrame[]>? _pendingPoll;
    private bool _postActive;

    /// <summary>A long-polling GET: answered at once when frames are queued, otherwise when the next frame arrives.</summary>
    internal async Task HandlePollAsync(HttpContext context)
    {
        EngineFrame[]? frames = null;
        TaskCompletionSource<EngineFrame[]>? wait = null;
        EngineError? error = null;
        var overlap = false;
        var finishLinger = false;
        lock (_gate)
        {
            if (_state == EngineIOSessionState.Closed)
            {
                if (_lingering)
                {
                    frames = _queue.DrainAll();
                    _lingering = false;
                    finishLinger = true;
                }
                else
                {
                    error = EngineError.UnknownSid;
                }
            }
            else if (_transport != EngineTransportKind.Polling)
            {
                error = EngineError.BadRequest;
            }
            else if (_pendingPoll is not null)
            {
                overlap = true;
            }
            else if (_state == EngineIOSessionState.Upgrading)
            {
                wait = new TaskCompletionSource<EngineFrame[]>(TaskCreationOptions.RunContinuationsAsynchronously);
                _pendingPoll = wait;
                HoldPendingPollLocked();
            }
            else if (_queue.Count > 0)
            {
                frames = _queue.DrainAll();
            }
            else
            {
                wait = new TaskCompletionSource<EngineFrame[]>(TaskCreationOptions.RunContinuationsAsynchronously);
                _pendingPoll = wait;
            }
        }

        if (finishLinger)
        {
            _server.Remove(this);
        }
        if (overlap)
        {
            // Two GETs at once break ordering: the spec closes the session, the first GET gets the close packet.
            CloseCore(EngineCloseReason.TransportError, "overlap from client", EngineCloseMode.Discard);
            await EngineResponses.WriteErrorAsync(context, EngineError.BadRequest);
            return;
        }
        if (error is not null)
        {
            await EngineResponses.WriteErrorAsync(context, error);
            return;
        }
        if (wait is not null)
        {
            using (context.RequestAborted.Register(static state => ((EngineIOSession)state!).OnPollAborted(), this))
            {
                frames = await wait.Task;
            }
        }
        if (ReferenceEquals(frames, UpgradedWhilePolling))
        {
            await EngineResponses.WriteErrorAsync(context, EngineError.BadRequest);
            return;
        }
        try
        {
            await EngineResponses.WritePayloadAsync(context, frames!);
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException)
        {
            CloseCore(EngineCloseReason.TransportError, "poll response failed", EngineCloseMode.Discard);
        }
    }

    /// <summary>A POST: decodes every packet, hands them over in order, then answers "ok".</summary>
    internal async Task HandlePostAsync(HttpContext context)
    {
        EngineError? error = null;
        var overlap = false;
        lock (_gate)
        {
            if (_state == EngineIOSessionState.Closed)
            {
                error = EngineError.UnknownSid;
            }
            else if (_transport != EngineTransportKind.Polling && _state != EngineIOSessionState.Upgrading)
            {
                error = EngineError.BadRequest;
            }
            else if (_postActive)
            {
                overlap = true;
            }
            else
            {
                _postActive = true;
            }
        }
        if (overlap)
        {
            CloseCore(EngineCloseReason.TransportError, "overlapping POST", EngineCloseMode.Discard);
            await EngineResponses.WriteErrorAsync(context, EngineError.BadRequest);
            return;
        }
        if (error is not null)
        {
            await EngineResponses.WriteErrorAsync(context, error);
            return;
        }

        try
        {
            var (body, failure, answer) = await TryReadBodyAsync(context);
            if (failure is not null)
            {
                CloseCore(EngineCloseReason.TransportError, failure, EngineCloseMode.Discard);
                await TryAnswerAsync(context, answer);
                return;
            }
            if (body is null)
            {
                Log.PayloadTooLarge(_server.Logger, Id, _server.Options.MaxPayload);
                CloseCore(EngineCloseReason.TransportError, "max payload exceeded", EngineCloseMode.Discard);
                await EngineResponses.WriteErrorAsync(context, EngineError.PayloadTooLarge);
                return;
            }
            var packets = new List<DecodedPacket>();
            var decodeError = PollingPayloadDecoder.Decode(body.Value, packets);
            if (decodeError != EngineDecodeError.None)
            {
                Log.InvalidPayload(_server.Logger, Id, decodeError);
                CloseCore(EngineCloseReason.ParseError, "invalid payload", EngineCloseMode.Discard);
                await EngineResponses.WriteErrorAsync(context, EngineError.BadRequest);
                return;
            }
            foreach (var packet in packets)
            {
                var keepGoing = packet.IsBinary ? InvokeHandler(packet.Data.Span, binary: true) : Dispatch(packet.Type, packet.Data.Span);
                if (!keepGoing)
                {
                    break;
                }
            }
            await EngineResponses.WriteOkAsync(context);
        }
        catch (Exception exception) when (exception is IOException or OperationCanceledException)
        {
            // The answer could not be written: the client is gone, and so is the session.
            CloseCore(EngineCloseReason.TransportError, "data request connection closed prematurely", EngineCloseMode.Discard);
        }
        finally
        {
            lock (_gate)
            {
                _postActive = false;
            }
        }
    }

    private void OnPollAborted()
    {
        lock (_gate)
        {
            if (_pendingPoll is null)
            {
                return;
            }
        }
        CloseCore(EngineCloseReason.TransportError, "poll connection closed prematurely", EngineCloseMode.Discard);
    }

    /// <summary>
    /// Reads the whole body (null when it exceeds the maximum payload), or says why it could not: the close
    /// description, and the error to answer (none when the client is gone). Kestrel's own answer to these would be a
    /// 500, with the stack trace in Development.
    /// </summary>
    private async Task<(ReadOnlyMemory<byte>? Body, string? Failure, EngineError? Answer)> TryReadBodyAsync(HttpContext context)
    {
        try
        {
            return (await ReadBodyAsync(context), null, null);
        }
        catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            Log.InvalidBody(_server.Logger, Id, exception.Message);
            return (null, "max payload exceeded", EngineError.PayloadTooLarge);
        }
        catch (Exception exception) when (exception is ConnectionResetException or OperationCanceledException)
        {
            Log.BodyConnectionLost(_server.Logger, Id, exception.Message);
            return (null, "data request connection closed prematurely", null);
        }
        catch (IOException exception)
        {
            // BadHttpRequestException (malformed chunked framing, a body cut short or sent too slowly), or Kestrel's
            // IOException for a chunk size that overflows.
            Log.InvalidBody(_server.Logger, Id, exception.Message);
            return (null, "invalid request body", EngineError.BadRequest);
        }
    }

    private static async Task TryAnswerAsync(HttpContext context, EngineError? answer)
    {
        if (answer is null)
        {
            // Nobody to answer; aborting also spares Kestrel draining a body whose read already failed.
            context.Abort();
            return;
        }
        // The body's framing is lost, so is the connection: Kestrel's failed body read can leave the connection's pipe
        // mid-read, and reading a next request there fails with "Reading is already in progress".
        if (HttpProtocol.IsHttp11(context.Request.Protocol) || HttpProtocol.IsHttp10(context.Request.Protocol))
        {
            context.Response.Headers.Connection = "close";
        }
        try
        {
            await EngineResponses.WriteErrorAsync(context, answer);
        }
        catch (Exception exception) when (exception is IOException or OperationCanceledException)
        {
            // The client left after all.
        }
    }

    /// <summary>Reads the whole body; null when it exceeds the maximum payload.</summary>
    private async Task<ReadOnlyMemory<byte>?> ReadBodyAsync(HttpContext context)
    {
        var limit = _server.Options.MaxPayload;
        if (context.Request.ContentLength > limit)
        {
            return null;
        }
        var reader = context.Request.BodyReader;
        while (true)
        {
            // No RequestAborted token here: cancelling Kestrel's body read from outside leaves its own read running,
            // and its end-of-request drain then fails with "Reading is already in progress". An aborted connection
            // ends the read with an exception anyway.
            var result = await reader.ReadAsync();
            var buffer = result.Buffer;
            if (buffer.Length > limit)
            {
                reader.AdvanceTo(buffer.Start, buffer.End);
                return null;
            }
            if (result.IsCompleted)
            {
                var copy = buffer.ToArray();
                reader.AdvanceTo(buffer.End);
                return copy;
            }
            if (result.IsCanceled)
            {
                // Kestrel cancels the read when it stops the connection (shutdown); a result left unadvanced keeps its
                // connection pipe "reading", and Kestrel's next read there then fails with "Reading is already in progress".
                reader.AdvanceTo(buffer.Start);
                throw new OperationCanceledException("The request body read was cancelled.");
            }
            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }
}
