using System.Globalization;
using System.Text.Json;
using Toki.Calls.Domain;
using Toki.Calls.Ports;
using Toki.Calls.Service;
using Toki.Server.Wire;

namespace Toki.Server.Http;

/// <summary>
/// <c>/api/admin/calls</c>: list (paged, newest first), read one whole record, its ledger, and hard-end a call through
/// the call service.
/// </summary>
internal static class AdminCallEndpoints
{
    public const int MaxNoteLength = 500;

    public static void MapAdminCallEndpoints(this RouteGroupBuilder admin)
    {
        admin.MapGet("/calls", async (string? status, string? userId, string? cursor, string? limit, ICallStore store, TimeProvider time,
            CancellationToken cancellationToken) =>
        {
            if (ReadQuery(status, userId) is not { } query)
            {
                return ApiErrors.BadRequest(
                    "'status' must be live, pending, accepted, active, interrupted, ended, missed, rejected or cancelled; 'userId' a non-empty id.");
            }
            var size = ApiEndpoints.DefaultPageSize;
            if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size < 1))
            {
                return ApiErrors.BadRequest("'limit' must be a positive integer.");
            }
            CallHistoryCursor? before = null;
            if (cursor is not null && !CallHistoryCursor.TryParse(cursor, out before))
            {
                return ApiErrors.BadRequest("'cursor' must be a cursor returned as nextCursor.");
            }
            var page = await store.ListCallsAsync(query, Math.Min(size, ApiEndpoints.MaxPageSize), before, cancellationToken);
            var now = time.GetUtcNow();
            return Results.Json(new AdminPayloads.AdminCallPage([.. page.Calls.Select(call => AdminJson.Call(call, now))], page.Next?.ToString()),
                WireJson.Context.AdminCallPage);
        });

        admin.MapGet("/calls/{id}", async (string id, ICallStore store, TimeProvider time, CancellationToken cancellationToken) =>
        {
            var call = AdminEndpoints.IsId(id) ? await store.GetCallAsync(id, cancellationToken) : null;
            return call is null ? CallNotFound() : Results.Json(AdminJson.Call(call, time.GetUtcNow()), WireJson.Context.AdminCall);
        });

        admin.MapGet("/calls/{id}/ledger", async (string id, ICallStore store, CancellationToken cancellationToken) =>
        {
            var call = AdminEndpoints.IsId(id) ? await store.GetCallAsync(id, cancellationToken) : null;
            return call is null
                ? CallNotFound()
                : Results.Json(AdminJson.Ledger(call.Id, await store.GetLedgerAsync(call.Id, cancellationToken)), WireJson.Context.AdminLedger);
        });

        admin.MapPost("/calls/{id}/end", async (string id, HttpRequest request, CallService calls, ICallStore store, TimeProvider time,
            CancellationToken cancellationToken) =>
        {
            if (await ReadNoteAsync(request, cancellationToken) is not (true, var note))
            {
                return ApiErrors.BadRequest($"Expected no body, or {{ note?: string of at most {MaxNoteLength} characters }}.");
            }
            if (!AdminEndpoints.IsId(id))
            {
                return CallNotFound();
            }
            var ack = await calls.AdminEndAsync(id, note, cancellationToken);
            if (!ack.Ok)
            {
                return ack.Error!.Code switch
                {
                    CallErrorCode.CallNotFound => CallNotFound(),
                    CallErrorCode.CallEnded => ApiErrors.Conflict(CallErrorCode.CallEnded, "The call is already over."),
                    _ => ApiErrors.Error(StatusCodes.Status503ServiceUnavailable, ack.Error.Code, ack.Error.Message),
                };
            }
            var ended = await store.GetCallAsync(id, cancellationToken);
            return Results.Json(AdminJson.Call(ended!, time.GetUtcNow()), WireJson.Context.AdminCall);
        });
    }

    /// <summary>The listing's filter, or null when a parameter is invalid.</summary>
    internal static CallQuery? ReadQuery(string? status, string? userId)
    {
        if (userId is not null && !AdminEndpoints.IsId(userId))
        {
            return null;
        }
        return status switch
        {
            null => new CallQuery(userId),
            "live" => new CallQuery(userId, liveOnly: true),
            _ => TryParseStatus(status, out var parsed) ? new CallQuery(userId, parsed) : null,
        };
    }

    private static bool TryParseStatus(string value, out CallStatus status)
    {
        try
        {
            status = CallStatusExtensions.ParseWire(value);
            return true;
        }
        catch (FormatException)
        {
            status = default;
            return false;
        }
    }

    /// <summary>The optional operator's note: no body, <c>{}</c>, or <c>{ note: string }</c>.</summary>
    private static async Task<(bool Valid, string? Note)> ReadNoteAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength is 0 || (request.ContentLength is null && !request.Headers.ContainsKey("Transfer-Encoding")))
        {
            return (true, null);
        }
        JsonElement body;
        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
            body = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return (false, null);
        }
        if (body.ValueKind != JsonValueKind.Object)
        {
            return (false, null);
        }
        if (!body.TryGetProperty("note", out var note) || note.ValueKind == JsonValueKind.Null)
        {
            return (true, null);
        }
        return note.ValueKind == JsonValueKind.String && note.GetString()!.Length <= MaxNoteLength ? (true, note.GetString()) : (false, null);
    }

    private static IResult CallNotFound() => ApiErrors.NotFound("call_not_found", "No call with that id.");
}
