using System.Globalization;
using System.Text.RegularExpressions;

namespace Toki.Server.Tests.Observability;

/// <summary>A Prometheus text exposition, read into samples: name and labels (as written) to value.</summary>
internal sealed partial class PrometheusScrape(string text)
{
    public string Text { get; } = text;

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(?<labels>\{[^}]*\})?\s+(?<value>\S+)")]
    private static partial Regex Sample();

    /// <summary>The value of the sample with exactly this name whose labels include every given pair; null when none.</summary>
    public double? Value(string name, params (string Label, string Value)[] labels)
    {
        foreach (var line in Text.Split('\n'))
        {
            var match = Sample().Match(line);
            if (!match.Success || match.Groups["name"].Value != name)
            {
                continue;
            }
            var written = match.Groups["labels"].Value;
            if (labels.All(pair => written.Contains($"{pair.Label}=\"{pair.Value}\"", StringComparison.Ordinal)))
            {
                return double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture);
            }
        }
        return null;
    }
}
