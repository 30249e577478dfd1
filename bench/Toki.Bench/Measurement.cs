namespace Toki.Bench;

/// <summary>One number from one run of one workload against one server.</summary>
public sealed record Measurement(string Metric, string Unit, ServerKind Server, int Round, double Value);
