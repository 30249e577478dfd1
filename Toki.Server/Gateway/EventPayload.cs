using System.Text.Json;
using Toki.Calls.Domain;
using Toki.SocketIO;

namespace Toki.Server.Gateway;

/// <summary>
/// Reads a client event's first argument, the payload object, with the contract's checks; every problem
/// is an <c>invalid_payload</c> error naming the field.
/// </summary>
internal readonly struct EventPayload
{
    public const int MaxIdLength = 128;
    private readonly JsonElement _object;

    private EventPayload(JsonElement @object)
    {
        _object = @object;
    }

    /// <summary>The payload object; a missing payload counts as <c>{}</c> only when <paramref name="optional"/>.</summary>
    public static CallError? TryRead(SocketIOArgs args, bool optional, out EventPayload payload)
    {
        payload = default;
        if (args.Count == 0 || args[0].ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            if (optional)
            {
                return null;
            }
            return Invalid("The payload must be an object.");
        }
        if (args[0].ValueKind != JsonValueKind.Object)
        {
            return Invalid("The payload must be an object.");
        }
        payload = new EventPayload(args[0]);
        return null;
    }

    public JsonElement Object => _object;

    /// <summary>A required non-empty id string of at most <see cref="MaxIdLength"/> characters.</summary>
    public CallError? RequiredId(string field, out string value)
    {
        value = "";
        if (_object.ValueKind != JsonValueKind.Object || !_object.TryGetProperty(field, out var element))
        {
            return Invalid($"'{field}' is required.");
        }
        return ReadId(field, element, out value);
    }

    /// <summary>An optional id string; absent or null gives null.</summary>
    public CallError? OptionalId(string field, out string? value)
    {
        value = null;
        if (_object.ValueKind != JsonValueKind.Object || !_object.TryGetProperty(field, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        var error = ReadId(field, element, out var id);
        value = id;
        return error;
    }

    public CallError? OptionalBool(string field, out bool value)
    {
        value = false;
        if (_object.ValueKind != JsonValueKind.Object || !_object.TryGetProperty(field, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (element.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            return Invalid($"'{field}' must be a boolean.");
        }
        value = element.GetBoolean();
        return null;
    }

    public CallError? CallType(out CallType type)
    {
        type = default;
        if (_object.ValueKind != JsonValueKind.Object || !_object.TryGetProperty("type", out var element))
        {
            return Invalid("'type' is required.");
        }
        if (element.ValueKind == JsonValueKind.String && element.ValueEquals("audio"u8))
        {
            type = Calls.Domain.CallType.Audio;
            return null;
        }
        if (element.ValueKind == JsonValueKind.String && element.ValueEquals("video"u8))
        {
            type = Calls.Domain.CallType.Video;
            return null;
        }
        return Invalid("'type' must be \"audio\" or \"video\".");
    }

    private static CallError? ReadId(string field, JsonElement element, out string value)
    {
        value = "";
        if (element.ValueKind != JsonValueKind.String)
        {
            return Invalid($"'{field}' must be a string.");
        }
        var text = element.GetString();
        if (string.IsNullOrWhiteSpace(text) || text.Length > MaxIdLength)
        {
            return Invalid($"'{field}' must be a non-empty string of at most {MaxIdLength} characters.");
        }
        value = text;
        return null;
    }

    private static CallError Invalid(string message) => new(CallErrorCode.InvalidPayload, message);
}
