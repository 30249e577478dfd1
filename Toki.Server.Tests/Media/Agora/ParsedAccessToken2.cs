using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Toki.Server.Tests.Media.Agora;

/// <summary>The fields of a parsed "007" token, with the raw bytes needed to check its signature.</summary>
internal sealed record ParsedAccessToken2(
    byte[] Content, byte[] Signature, byte[] SigningInfo, string AppId, uint IssueTs, uint Expire, uint Salt,
    IReadOnlyList<ParsedRtcService> RtcServices)
{
    /// <summary>Recomputes the signature from the certificate, independently of the server's encoder.</summary>
    public bool VerifySignature(string appCertificate)
    {
        var issueKey = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(issueKey, IssueTs);
        var saltKey = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(saltKey, Salt);
        using var first = new HMACSHA256(issueKey);
        using var second = new HMACSHA256(saltKey);
        using var final = new HMACSHA256(second.ComputeHash(first.ComputeHash(Encoding.ASCII.GetBytes(appCertificate))));
        return CryptographicOperations.FixedTimeEquals(final.ComputeHash(SigningInfo), Signature);
    }
}
