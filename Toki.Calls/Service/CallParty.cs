namespace Toki.Calls.Service;

public sealed record CallParty(string Id, string Name);
