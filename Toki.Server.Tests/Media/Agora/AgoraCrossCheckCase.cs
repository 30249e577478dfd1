using Toki.Server.Media.Agora;

namespace Toki.Server.Tests.Media.Agora;

/// <summary>
/// One token to build both ways for the official-package cross-check. Privileges are (key, seconds) pairs that
/// must include key 1 (join).
/// </summary>
internal sealed record AgoraCrossCheckCase(string Name, string Channel, uint? Uid, string? Account,
    (ushort Key, uint Seconds)[] Privileges, uint TokenExpire, DateTimeOffset Now, uint Salt)
{
    public string UidField => Account ?? (Uid == 0 ? "" : Uid!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public AgoraRtcPrivileges BuildPrivileges()
    {
        TimeSpan? Find(ushort key) =>
            Privileges.Any(p => p.Key == key) ? TimeSpan.FromSeconds(Privileges.Single(p => p.Key == key).Seconds) : null;
        return AgoraRtcPrivileges.Create(Find(1)!.Value, Find(2), Find(3), Find(4));
    }

    public override string ToString() => Name;
}
