using System.Globalization;
using System.Text;

namespace Toki.Bench;

/// <summary>
/// An SVG of both servers' relay latency distributions at the fixed load: latency (log scale) against the
/// percentile on a "nines" axis (50, 90, 99, 99.9, 99.99), the median over rounds per percentile.
/// </summary>
public static class LatencyChart
{
    private const double Width = 800;
    private const double Height = 440;
    private const double Left = 70;
    private const double Right = 190;
    private const double Top = 50;
    private const double Bottom = 60;
    private const double MaxNines = 4;

    private static readonly (ServerKind Server, string Color, string Label)[] Series =
    [
        (ServerKind.Toki, "#1f6feb", "Toki (.NET 10)"),
        (ServerKind.Node, "#3fb950", "Node socket.io 4.8"),
    ];

    public static string Render(BenchResults results, BenchOptions options)
    {
        var curves = Series.Select(s => (s.Server, s.Color, s.Label, Curve: results.MedianLatencyCurve(s.Server))).Where(s => s.Curve.Length > 0).ToArray();
        var all = curves.SelectMany(c => c.Curve).Where(v => v > 0).ToArray();
        var low = Math.Pow(10, Math.Floor(Math.Log10(all.Length == 0 ? 0.01 : all.Min())));
        var high = Math.Pow(10, Math.Ceiling(Math.Log10(all.Length == 0 ? 10 : all.Max())));
        double X(double nines) => Left + (nines / MaxNines * (Width - Left - Right));
        double Y(double ms) => Height - Bottom - ((Math.Log10(Math.Max(ms, low)) - Math.Log10(low)) / (Math.Log10(high) - Math.Log10(low)) * (Height - Top - Bottom));

        var svg = new StringBuilder();
        svg.AppendLine(Invariant($"""<svg xmlns="http://www.w3.org/2000/svg" width="{Width}" height="{Height}" viewBox="0 0 {Width} {Height}" font-family="sans-serif" font-size="12">"""));
        svg.AppendLine(Invariant($"""<rect width="{Width}" height="{Height}" fill="white"/>"""));
        svg.AppendLine(Invariant($"""<text x="{Left}" y="24" font-size="15" font-weight="bold">Relay latency at {options.LatencyRate:#,0} msg/s offered, {options.LatencyPairs} call pairs (median of {options.Rounds} round(s))</text>"""));
        for (var decade = low; decade <= high * 1.0001; decade *= 10)
        {
            svg.AppendLine(Invariant($"""<line x1="{Left}" x2="{Width - Right}" y1="{Y(decade):0.#}" y2="{Y(decade):0.#}" stroke="#ddd"/>"""));
            svg.AppendLine(Invariant($"""<text x="{Left - 8}" y="{Y(decade) + 4:0.#}" text-anchor="end">{decade:0.###} ms</text>"""));
        }
        foreach (var (nines, label) in new[] { (0.0, "0"), (1.0, "90"), (2.0, "99"), (3.0, "99.9"), (4.0, "99.99") })
        {
            svg.AppendLine(Invariant($"""<line x1="{X(nines):0.#}" x2="{X(nines):0.#}" y1="{Top}" y2="{Height - Bottom}" stroke="#eee"/>"""));
            svg.AppendLine(Invariant($"""<text x="{X(nines):0.#}" y="{Height - Bottom + 18}" text-anchor="middle">p{label}</text>"""));
        }
        svg.AppendLine(Invariant($"""<text x="{(Left + Width - Right) / 2}" y="{Height - 18}" text-anchor="middle">percentile</text>"""));
        svg.AppendLine(Invariant($"""<text x="16" y="{(Top + Height - Bottom) / 2}" text-anchor="middle" transform="rotate(-90 16 {(Top + Height - Bottom) / 2})">latency (log scale)</text>"""));

        var legendY = Top + 10;
        foreach (var (_, color, label, curve) in curves)
        {
            var points = LatencyRecorder.Quantiles.Select((q, i) => (Nines: Nines(q), Ms: curve[i])).Where(p => p.Nines <= MaxNines).ToArray();
            svg.AppendLine(Invariant($"""<polyline fill="none" stroke="{color}" stroke-width="2.5" points="{string.Join(' ', points.Select(p => Invariant($"{X(p.Nines):0.#},{Y(p.Ms):0.#}")))}"/>"""));
            foreach (var point in points)
            {
                svg.AppendLine(Invariant($"""<circle cx="{X(point.Nines):0.#}" cy="{Y(point.Ms):0.#}" r="3" fill="{color}"/>"""));
            }
            var p50 = LatencyRecorder.At(curve, 50);
            var p99 = LatencyRecorder.At(curve, 99);
            svg.AppendLine(Invariant($"""<rect x="{Width - Right + 12}" y="{legendY - 9}" width="12" height="12" fill="{color}"/>"""));
            svg.AppendLine(Invariant($"""<text x="{Width - Right + 30}" y="{legendY + 1}">{label}</text>"""));
            svg.AppendLine(Invariant($"""<text x="{Width - Right + 30}" y="{legendY + 16}" fill="#555">p50 {p50:0.00} · p99 {p99:0.00} ms</text>"""));
            legendY += 44;
        }
        svg.AppendLine("</svg>");
        return svg.ToString();
    }

    // 50 → 0.3, 90 → 1, 99 → 2, 99.9 → 3; the maximum sits at the right edge.
    private static double Nines(double quantile) => quantile >= 100 ? MaxNines : Math.Min(MaxNines, -Math.Log10(1 - (quantile / 100)));

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
