namespace Toki.Server.Media.Agora;

/// <summary>RTC privilege keys of an AccessToken2 RTC service, as numbered on the wire.</summary>
internal enum AgoraRtcPrivilege : ushort
{
    JoinChannel = 1,
    PublishAudioStream = 2,
    PublishVideoStream = 3,
    PublishDataStream = 4,
}
