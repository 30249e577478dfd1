namespace Toki.Calls.Ports;

/// <summary>
/// Media credentials for one participant of one call, as the media provider issued them. The call service only
/// passes them on (in notices and results); the host that implements the provider also knows how to send them.
/// </summary>
public abstract record MediaCredentials;
