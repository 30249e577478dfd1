using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.FSharp.Core;
using NUnit.Framework;

namespace Toki.Server.Tests.Hostile;

/// <summary>
/// The bounded, seeded randomized runs of the hostile-input tier. Every run starts from one seed, printed with any
/// failure (FsCheck adds the exact failing case and its own replay seed); set TOKI_FUZZ_SEED to replay a run, and
/// TOKI_FUZZ_SCALE to multiply the number of cases (for a longer run by hand; CI keeps the default of a few seconds).
/// </summary>
internal static class EngineIOFuzz
{
    public const ulong DefaultSeed = 20261206;

    public static ulong Seed => ulong.TryParse(Environment.GetEnvironmentVariable("TOKI_FUZZ_SEED"), NumberStyles.None, CultureInfo.InvariantCulture, out var seed)
        ? seed
        : DefaultSeed;

    private static int Scale => int.TryParse(Environment.GetEnvironmentVariable("TOKI_FUZZ_SCALE"), NumberStyles.None, CultureInfo.InvariantCulture, out var scale)
        ? Math.Max(1, scale)
        : 1;

    /// <summary>Checks <paramref name="property"/> on <paramref name="cases"/> generated inputs; a failure names the seed.</summary>
    public static void Check<T>(Gen<T> generator, Func<T, bool> property, int cases)
    {
        var config = Config.QuickThrowOnFailure
            .WithMaxTest(cases * Scale)
            .WithQuietOnSuccess(true)
            .WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(Seed), FSharpOption<int>.None)));
        try
        {
            Prop.ForAll(generator.ToArbitrary(), property).Check(config);
        }
        catch (Exception exception) when (exception is not SuccessException)
        {
            Assert.Fail($"randomized run failed with seed {Seed} (set TOKI_FUZZ_SEED={Seed} to replay):\n{exception.Message}");
        }
    }

    /// <summary>Bytes that matter to the decoders (packet types, separators, JSON, escapes, broken UTF-8) more often than others.</summary>
    public static Gen<byte> ProtocolByte { get; } = Gen.Frequency(
        (4, Gen.Elements("0123456789b4[]{}\",:-/_\\uDdn-+e. "u8.ToArray())),
        (1, Gen.Elements<byte>(0x1E, 0xFF, 0xC3, 0xA9, 0xED, 0xA0, 0x80, 0xF0, 0x00, 0x0A, 0x0D)),
        (1, Gen.Choose(0, 255).Select(value => (byte)value)));

    public static Gen<byte[]> ProtocolBytes { get; } = ProtocolByte.ArrayOf();

    /// <summary>Text from <paramref name="pieces"/>, some of them mangled: bytes replaced, dropped or inserted.</summary>
    public static Gen<byte[]> Mangled(Gen<string> text) =>
        from value in text
        from edits in Gen.Choose(0, 3)
        from positions in Gen.Choose(0, 1000).ArrayOf(edits)
        from kinds in Gen.Choose(0, 2).ArrayOf(edits)
        from bytes in ProtocolByte.ArrayOf(edits)
        select Mangle(Encoding.UTF8.GetBytes(value), positions, kinds, bytes);

    private static byte[] Mangle(byte[] input, int[] positions, int[] kinds, byte[] bytes)
    {
        var output = new List<byte>(input);
        for (var i = 0; i < kinds.Length; i++)
        {
            var at = output.Count == 0 ? 0 : positions[i] % (output.Count + 1);
            switch (kinds[i])
            {
                case 0 when at < output.Count:
                    output[at] = bytes[i];
                    break;
                case 1 when at < output.Count:
                    output.RemoveAt(at);
                    break;
                default:
                    output.Insert(at, bytes[i]);
                    break;
            }
        }
        return [.. output];
    }
}
