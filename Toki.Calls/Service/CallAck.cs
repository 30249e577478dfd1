using Toki.Calls.Domain;

namespace Toki.Calls.Service;

/// <summary>
/// An acknowledgement: <c>{ ok: true, call, ...extras }</c> or <c>{ ok: false, error: { code, message } }</c>.
/// <see cref="Body"/> is what goes on the wire.
/// </summary>
public sealed class CallAck
{
    private CallAck(bool ok, IReadOnlyDictionary<string, object?> body, CallError? error)
    {
        Ok = ok;
        Body = body;
        Error = error;
    }

    public bool Ok { get; }

    public CallError? Error { get; }

    public IReadOnlyDictionary<string, object?> Body { get; }

    public static CallAck Success(CallSnapshot? call, params (string Key, object? Value)[] extras)
    {
        var body = new Dictionary<string, object?> { ["ok"] = true, ["call"] = call };
        foreach (var (key, value) in extras)
        {
            body[key] = value;
        }
        return new CallAck(true, body, null);
    }

    public static CallAck Failure(CallError error) =>
        new(false, new Dictionary<string, object?> { ["ok"] = false, ["error"] = new { code = error.Code, message = error.Message } }, error);

    public static CallAck Failure(string code, string message) => Failure(new CallError(code, message));
}
