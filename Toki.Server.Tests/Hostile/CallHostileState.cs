using Toki.Calls.Domain;

namespace Toki.Server.Tests.Hostile;

/// <summary>The stored state a refused call event must leave as it was (see <see cref="CallHostileServer.StateAsync"/>).</summary>
internal sealed record CallHostileState(CallStatus Status, long Version, string Users);
