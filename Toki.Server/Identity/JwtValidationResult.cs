using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace Toki.Server.Identity;

/// <summary>The outcome of <see cref="JwtValidator.Validate"/>: a user id and claims, or a failure reason.</summary>
internal sealed class JwtValidationResult
{
    private JwtValidationResult(string? userId, JsonElement claims, JwtFailureReason reason)
    {
        UserId = userId;
        Claims = claims;
        Reason = reason;
    }

    [MemberNotNullWhen(true, nameof(UserId))]
    public bool IsValid => UserId is not null;

    public string? UserId { get; }

    /// <summary>The verified payload (a detached JSON object); <see cref="JsonValueKind.Undefined"/> on failure.</summary>
    public JsonElement Claims { get; }

    /// <summary><see cref="JwtFailureReason.None"/> on success.</summary>
    public JwtFailureReason Reason { get; }

    public static JwtValidationResult Success(string userId, JsonElement claims) =>
        new(userId, claims, JwtFailureReason.None);

    public static JwtValidationResult Failure(JwtFailureReason reason) =>
        reason == JwtFailureReason.None
            ? throw new ArgumentOutOfRangeException(nameof(reason), "A failure needs a reason.")
            : new(null, default, reason);

    public override string ToString() => IsValid ? $"valid (user {UserId})" : $"invalid ({Reason})";
}
