using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Toki.Server.Media.Agora;

/// <summary>
/// Gives each participant of a call a stable Agora uid, so a user who reconnects to the same call gets the same uid
/// again on any server node, while the uid reveals nothing about the user id and differs between calls.
/// </summary>
/// <remarks>
/// <para>The rule: <c>key = HMAC-SHA256(key = App Certificate as ASCII, message = "toki/agora-uid/v1")</c>;
/// <c>h = HMAC-SHA256(key, str(callId) str(userId) u32(attempt))</c>, where <c>str</c> is a little-endian
/// uint16 byte length followed by the UTF-8 bytes and <c>attempt</c> is little-endian; the uid is
/// <c>(first 8 bytes of h as a little-endian uint64) mod (2^32 - 1) + 1</c>, so it lies in 1..2^32-1 and is never
/// Agora's wildcard 0.</para>
/// <para>The caller always gets its attempt-0 uid. The callee gets its attempt-0 uid unless that equals the
/// caller's; then attempts 1, 2, ... are tried until one differs. The result depends only on
/// (certificate, callId, callerId, calleeId), so recomputing it is always safe. Rotating the certificate changes
/// every uid, including those of calls in progress.</para>
/// </remarks>
internal sealed class AgoraUidAssigner
{
    private static readonly byte[] KeyLabel = Encoding.ASCII.GetBytes("toki/agora-uid/v1");

    private readonly byte[]? _key;

    public AgoraUidAssigner(IOptions<AgoraOptions> options)
    {
        var certificate = options.Value.AppCertificate;
        if (!string.IsNullOrEmpty(certificate))
        {
            _key = HMACSHA256.HashData(Encoding.ASCII.GetBytes(certificate), KeyLabel);
        }
    }

    /// <summary>The uids of a call's caller and callee, which must be different users.</summary>
    public AgoraCallUids AssignCallUids(string callId, string callerId, string calleeId)
    {
        ArgumentException.ThrowIfNullOrEmpty(callId);
        ArgumentException.ThrowIfNullOrEmpty(callerId);
        ArgumentException.ThrowIfNullOrEmpty(calleeId);
        if (string.Equals(callerId, calleeId, StringComparison.Ordinal))
        {
            throw new ArgumentException("The caller and the callee must be different users.", nameof(calleeId));
        }

        var callerUid = DeriveUid(callId, callerId, 0);
        var calleeUid = DeriveUid(callId, calleeId, 0);
        for (uint attempt = 1; calleeUid == callerUid; attempt++)
        {
            calleeUid = DeriveUid(callId, calleeId, attempt);
        }
        return new AgoraCallUids(callerUid, calleeUid);
    }

    internal uint DeriveUid(string callId, string userId, uint attempt)
    {
        var key = _key ?? throw new InvalidOperationException(
            $"Agora is not configured; set {AgoraOptions.SectionName}:AppId and AppCertificate.");
        var message = new AgoraTokenWriter().WriteString(callId).WriteString(userId).WriteUInt32(attempt);
        Span<byte> hash = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(key, message.WrittenSpan, hash);
        return (uint)(BinaryPrimitives.ReadUInt64LittleEndian(hash) % uint.MaxValue) + 1;
    }
}
