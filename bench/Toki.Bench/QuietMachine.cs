using System.Globalization;

namespace Toki.Bench;

/// <summary>
/// Numbers taken on a busy machine are meaningless: before measuring, waits until the 1-minute load average is
/// below a threshold and no other test run, dev server, browser or Node process is running, polling once a
/// minute up to a limit; past it, runs anyway and says so.
/// </summary>
public static class QuietMachine
{
    private static readonly string[] Disturbers = ["dotnet test", "testhost", "vite", "chromium", "node"];

    public static async Task<bool> WaitAsync(double maxLoad, TimeSpan limit, TextWriter log, CancellationToken cancellationToken)
    {
        var started = TimeProvider.System.GetTimestamp();
        while (true)
        {
            var load = ProcessSample.LoadAverage();
            var others = OtherDisturbers();
            if (load < maxLoad && others.Count == 0)
            {
                log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Machine quiet: load average {load:0.00}."));
                return true;
            }
            var waited = TimeProvider.System.GetElapsedTime(started);
            if (waited >= limit)
            {
                log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"The machine never quieted within {limit.TotalMinutes:0} min (load average {load:0.00}; {string.Join(", ", others)}); running anyway."));
                return false;
            }
            log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Waiting for a quiet machine ({waited.TotalMinutes:0} min so far): load average {load:0.00}{(others.Count > 0 ? "; running: " + string.Join(", ", others) : "")}"));
            await Task.Delay(TimeSpan.FromSeconds(60), TimeProvider.System, cancellationToken);
        }
    }

    /// <summary>Command lines of other processes that would disturb a measurement (this process and its children excluded).</summary>
    private static List<string> OtherDisturbers()
    {
        var found = new List<string>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid) || pid == Environment.ProcessId)
            {
                continue;
            }
            string commandLine;
            try
            {
                commandLine = File.ReadAllText(Path.Combine(directory, "cmdline")).Replace('\0', ' ').Trim();
            }
            catch (IOException)
            {
                continue;
            }
            catch (UnauthorizedAccessException)
            {
                continue;
            }
            var program = commandLine.Split(' ')[0];
            if (Disturbers.Any(d => commandLine.Contains(d, StringComparison.Ordinal) && (d != "node" || Path.GetFileName(program) == "node")))
            {
                found.Add($"{pid} {(commandLine.Length > 60 ? commandLine[..60] + "…" : commandLine)}");
            }
        }
        return found;
    }
}
