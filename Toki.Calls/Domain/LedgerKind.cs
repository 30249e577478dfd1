namespace Toki.Calls.Domain;

public enum LedgerKind
{
    /// <summary>Coins moved from the caller's coins to heldCoins at accept.</summary>
    Hold,

    /// <summary>The hold returned to the caller's coins at the hard end.</summary>
    Release,

    /// <summary>The caller pays for the connected time.</summary>
    Charge,

    /// <summary>The callee earns what the caller paid.</summary>
    Earn,
}
