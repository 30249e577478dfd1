using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Unicode;
using Toki.Calls.Domain;
using Toki.SocketIO;

namespace Toki.Server.Gateway;

/// <summary>
/// Reads a client event's first argument, the payload object, with the contract's checks; every problem
/// is an <c>invalid_payload</c> error naming the field. This is the one place every id of every event is read.
/// </summary>
internal readonly struct EventPayload
{
    public const int MaxIdLength = 128;
    private readonly JsonElement _object;

    private EventPayload(JsonElement @object)
    {
        _object = @object;
    }

    /// <summary>
    /// The payload object; a missing payload counts as <c>{}</c> only when <paramref name="optional"/>. Binary data
    /// (a placeholder standing for an attachment) is not an object, and the object must be valid UTF-8 with
    /// well-formed property names, so that reading its fields cannot throw and relaying it cannot hand the peer
    /// text its transport refuses.
    /// </summary>
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
        var first = args[0];
        if (first.ValueKind != JsonValueKind.Object)
        {
            return Invalid("The payload must be an object.");
        }
        if (BinaryPlaceholderReader.Read(first, args.Attachments, out _) != BinaryPlaceholderKind.NotBinary)
        {
            return Invalid("The payload must be an object, not binary data.");
        }
        if (!Utf8.IsValid(JsonMarshal.GetRawUtf8Value(first)) || !WellFormedJsonText.HasWellFormedNames(first))
        {
            return Invalid("The payload must be well-formed text.");
        }
        payload = new EventPayload(first);
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
        if (!WellFormedJsonText.IsWellFormedString(element))
        {
            return Invalid("'type' must be \"audio\" or \"video\".");
        }
        if (element.ValueEquals("audio"u8))
        {
            type = Calls.Domain.CallType.Audio;
            return null;
        }
        if (element.ValueEquals("video"u8))
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
        if (!WellFormedJsonText.IsWellFormedString(element))
        {
            return Invalid($"'{field}' must be well-formed text (no lone UTF-16 surrogates).");
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
