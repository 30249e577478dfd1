namespace Toki.Server.Tests.EndToEnd;

/// <summary>How many servers an end-to-end fixture runs its calls on (<see cref="CallKit"/>).</summary>
public enum CallTopology
{
    OneServer,

    /// <summary>Two Toki servers through Redis (streams mode) on one store; caller and callee, and a user's tabs, on different servers.</summary>
    TwoServers,
}
