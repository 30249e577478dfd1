using Microsoft.Extensions.Options;

namespace Toki.Server.Media.WebRtc;

/// <summary>
/// Produces the ICE servers to hand to one user's browser: static servers as configured, shared-secret servers
/// with credentials that expire <see cref="IceServerOptions.CredentialTtl"/> after now.
/// </summary>
internal sealed class IceServerProvider(IOptions<WebRtcOptions> options, TimeProvider timeProvider)
{
    private readonly IReadOnlyList<IceServerOptions> _servers = options.Value.IceServers;

    public IReadOnlyList<IceServer> GetIceServers(string userId)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        if (_servers.Count == 0)
        {
            return [];
        }

        var now = timeProvider.GetUtcNow();
        var result = new IceServer[_servers.Count];
        for (var i = 0; i < result.Length; i++)
        {
            var server = _servers[i];
            if (server.UsesSharedSecret)
            {
                var expiry = now.Add(server.CredentialTtl).ToUnixTimeSeconds();
                var (username, credential) = TurnRestCredentials.Compute(server.SharedSecret!, userId, expiry);
                result[i] = new IceServer([.. server.Urls], username, credential);
            }
            else
            {
                result[i] = new IceServer([.. server.Urls], NullIfEmpty(server.Username),
                    NullIfEmpty(server.Credential));
            }
        }
        return result;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
