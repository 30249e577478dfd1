namespace Toki.Server.Media.Agora;

/// <summary>The Agora uids of the two participants of one call; they always differ.</summary>
internal readonly record struct AgoraCallUids(uint CallerUid, uint CalleeUid);
