namespace Toki.Server.Wire;

/// <summary><c>{ code, message }</c>: the error of a refused ack and of every HTTP error body.</summary>
internal sealed record WireError(string Code, string Message);
