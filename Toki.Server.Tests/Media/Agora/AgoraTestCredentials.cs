using Microsoft.Extensions.Options;
using Toki.Server.Media.Agora;

namespace Toki.Server.Tests.Media.Agora;

/// <summary>Agora's published sample credentials, used by the fixed vectors in call-anchors.md section 1.</summary>
internal static class AgoraTestCredentials
{
    public const string AppId = "970CA35de60c44645bbae8a215061b33";
    public const string AppCertificate = "5CFd2fd1755d40ecb72977518be15d3b";
    public const string OtherCertificate = "0123456789abcdef0123456789ABCDEF";

    public static IOptions<AgoraOptions> Options(string? appId = AppId, string? certificate = AppCertificate) =>
        Microsoft.Extensions.Options.Options.Create(new AgoraOptions { AppId = appId, AppCertificate = certificate });
}
