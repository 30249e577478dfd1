using Toki.Calls.Domain;

namespace Toki.Server.Storage.Mongo;

/// <summary>Enums as the lowercase wire strings the documents hold.</summary>
internal static class MongoWireValues
{
    public static string TypeToWire(CallType type) => type switch
    {
        CallType.Audio => "audio",
        CallType.Video => "video",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    public static CallType ParseType(string value) => value switch
    {
        "audio" => CallType.Audio,
        "video" => CallType.Video,
        _ => throw new FormatException($"Unknown call type '{value}'."),
    };

    public static string KindToWire(LedgerKind kind) => kind switch
    {
        LedgerKind.Hold => "hold",
        LedgerKind.Release => "release",
        LedgerKind.Charge => "charge",
        LedgerKind.Earn => "earn",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static LedgerKind ParseKind(string value) => value switch
    {
        "hold" => LedgerKind.Hold,
        "release" => LedgerKind.Release,
        "charge" => LedgerKind.Charge,
        "earn" => LedgerKind.Earn,
        _ => throw new FormatException($"Unknown ledger kind '{value}'."),
    };
}
