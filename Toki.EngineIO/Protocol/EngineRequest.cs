namespace Toki.EngineIO.Protocol;

/// <summary>A validated Engine.IO request: its kind and, for an existing session, its sid.</summary>
public readonly record struct EngineRequest(EngineRequestKind Kind, string? Sid);
