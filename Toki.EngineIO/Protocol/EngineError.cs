namespace Toki.EngineIO.Protocol;

/// <summary>
/// The Engine.IO error answers, with the codes, messages and HTTP statuses of the reference server; the body
/// is <c>{"code":N,"message":"..."}</c>.
/// </summary>
public sealed record EngineError(int Code, string Message, int StatusCode)
{
    public static EngineError UnknownTransport { get; } = new(0, "Transport unknown", 400);

    public static EngineError UnknownSid { get; } = new(1, "Session ID unknown", 400);

    public static EngineError BadHandshakeMethod { get; } = new(2, "Bad handshake method", 400);

    public static EngineError BadRequest { get; } = new(3, "Bad request", 400);

    public static EngineError Forbidden { get; } = new(4, "Forbidden", 403);

    public static EngineError UnsupportedProtocolVersion { get; } = new(5, "Unsupported protocol version", 400);

    /// <summary>Not in the reference server: the configured session limit is reached.</summary>
    public static EngineError ServiceUnavailable { get; } = new(6, "Too many sessions", 503);

    /// <summary>Not in the reference server: a polling body above the configured maximum payload.</summary>
    public static EngineError PayloadTooLarge { get; } = new(7, "Payload too large", 413);

    public string ToJson() => $$"""{"code":{{Code}},"message":"{{Message}}"}""";
}
