using System.Text.Json;

namespace Toki.Server.Wire;

/// <summary>
/// Writes <see cref="EventPayloads.Wallet"/> (<c>wallet:updated</c>) with pre-encoded names: the same bytes as the
/// metadata path, without its per-property dispatch.
/// </summary>
internal sealed class WalletJsonConverter : WriteOnlyJsonConverter<EventPayloads.Wallet>
{
    private static readonly JsonEncodedText CoinsName = JsonEncodedText.Encode("coins");
    private static readonly JsonEncodedText HeldCoinsName = JsonEncodedText.Encode("heldCoins");
    private static readonly JsonEncodedText EarningsName = JsonEncodedText.Encode("earnings");

    public override void Write(Utf8JsonWriter writer, EventPayloads.Wallet value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteNumber(CoinsName, value.Coins);
        writer.WriteNumber(HeldCoinsName, value.HeldCoins);
        writer.WriteNumber(EarningsName, value.Earnings);
        writer.WriteEndObject();
    }
}
