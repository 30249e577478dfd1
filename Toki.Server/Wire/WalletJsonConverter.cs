using System.Text.Json;
using System.Text.Json.Serialization;

namespace Toki.Server.Wire;

/// <summary>
/// Writes <see cref="EventPayloads.Wallet"/> (<c>wallet:updated</c>) with pre-encoded names: the same bytes as the
/// metadata path, without its per-property dispatch.
/// </summary>
internal sealed class WalletJsonConverter : JsonConverter<EventPayloads.Wallet>
{
    private static readonly JsonEncodedText CoinsName = JsonEncodedText.Encode("coins");
    private static readonly JsonEncodedText HeldCoinsName = JsonEncodedText.Encode("heldCoins");
    private static readonly JsonEncodedText EarningsName = JsonEncodedText.Encode("earnings");

    /// <summary>Events are only ever written: the server never takes one in.</summary>
    public override EventPayloads.Wallet Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("An event payload is written by the server, never read.");

    public override void Write(Utf8JsonWriter writer, EventPayloads.Wallet value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteNumber(CoinsName, value.Coins);
        writer.WriteNumber(HeldCoinsName, value.HeldCoins);
        writer.WriteNumber(EarningsName, value.Earnings);
        writer.WriteEndObject();
    }
}
