using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace Toki.Server.Media.Agora;

/// <summary>
/// Encodes Agora AccessToken2 ("007") tokens carrying one RTC service:
/// <c>"007" + base64(zlib(str(signature) + signing_info))</c> with
/// <c>signing_info = str(appId) u32(issueTs) u32(expire) u32(salt) u16(1) rtc_service</c> and
/// <c>rtc_service = u16(1) u16(n) {u16 privilege, u32 expire}* str(channel) str(uid)</c>, all little-endian.
/// </summary>
internal static class AgoraAccessToken2
{
    public const string Version = "007";
    private const ushort RtcServiceType = 1;

    /// <summary>The uid field of the RTC service: the decimal uid, or empty for the wildcard uid 0.</summary>
    public static string UidField(uint uid) => uid == 0 ? "" : uid.ToString(CultureInfo.InvariantCulture);

    /// <summary>The uncompressed token content: the length-prefixed signature followed by the signing info.</summary>
    public static byte[] BuildRtcContent(string appId, string appCertificate, uint issueTs, uint expire, uint salt,
        string channelName, string uidField, AgoraRtcPrivileges privileges)
    {
        if (!AgoraCredentialFormat.IsValid(appId))
        {
            throw new ArgumentException("The App ID must be 32 hexadecimal characters.", nameof(appId));
        }
        if (!AgoraCredentialFormat.IsValid(appCertificate))
        {
            throw new ArgumentException("The App Certificate must be 32 hexadecimal characters.",
                nameof(appCertificate));
        }

        var signingInfo = new AgoraTokenWriter()
            .WriteString(appId)
            .WriteUInt32(issueTs)
            .WriteUInt32(expire)
            .WriteUInt32(salt)
            .WriteUInt16(1)
            .WriteUInt16(RtcServiceType)
            .WriteUInt16((ushort)privileges.Entries.Count);
        foreach (var (privilege, privilegeExpire) in privileges.Entries)
        {
            signingInfo.WriteUInt16((ushort)privilege).WriteUInt32(privilegeExpire);
        }
        signingInfo.WriteString(channelName).WriteString(uidField);

        var signature = Sign(appCertificate, issueTs, salt, signingInfo.WrittenSpan);
        var content = new AgoraTokenWriter().WriteBytes(signature);
        return [.. content.WrittenSpan, .. signingInfo.WrittenSpan];
    }

    /// <summary>Compresses content into the token string.</summary>
    public static string Encode(ReadOnlySpan<byte> content)
    {
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(content);
        }
        return Version + Convert.ToBase64String(compressed.GetBuffer(), 0, (int)compressed.Length);
    }

    // The issue time and then the salt are the HMAC keys, the certificate the first message (see call-anchors.md §1).
    private static byte[] Sign(string appCertificate, uint issueTs, uint salt, ReadOnlySpan<byte> signingInfo)
    {
        Span<byte> key = stackalloc byte[sizeof(uint)];
        BinaryPrimitives.WriteUInt32LittleEndian(key, issueTs);
        var signingKey = HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(appCertificate));
        BinaryPrimitives.WriteUInt32LittleEndian(key, salt);
        signingKey = HMACSHA256.HashData(key, signingKey);
        return HMACSHA256.HashData(signingKey, signingInfo);
    }
}
