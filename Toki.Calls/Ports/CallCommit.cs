using Toki.Calls.Domain;

namespace Toki.Calls.Ports;

/// <summary>
/// One atomic write: the call as it is now, the version it must still have in the store (null: insert a new
/// call, refused while either participant has a live call), the ledger entries and the user patches.
/// </summary>
public sealed record CallCommit(CallRecord Call, long? ExpectedVersion, IReadOnlyList<LedgerEntry> Ledger, IReadOnlyList<UserPatch> Users);
