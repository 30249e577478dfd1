using System.Globalization;

namespace Toki.Bench;

/// <summary>
/// One reading of a process's CPU time and resident memory from /proc, with the wall clock it was taken at.
/// CPU is in clock ticks of 1/100 s (USER_HZ on Linux).
/// </summary>
public readonly record struct ProcessSample(long CpuTicks, long RssBytes, long Timestamp)
{
    private const double TicksPerSecond = 100;

    public static ProcessSample Read(int pid)
    {
        var now = TimeProvider.System.GetTimestamp();
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        // Fields after the command name, which is in parentheses and may itself contain spaces.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var cpu = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        long rss = 0;
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                rss = long.Parse(line[6..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
                break;
            }
        }
        return new ProcessSample(cpu, rss, now);
    }

    public static ProcessSample Self() => Read(Environment.ProcessId);

    /// <summary>Cores used between two samples (1.0 = one core busy all the time).</summary>
    public static double CoresUsed(ProcessSample from, ProcessSample to)
    {
        var seconds = TimeProvider.System.GetElapsedTime(from.Timestamp, to.Timestamp).TotalSeconds;
        return seconds <= 0 ? 0 : (to.CpuTicks - from.CpuTicks) / TicksPerSecond / seconds;
    }

    /// <summary>
    /// Context switches of all the process's threads so far (voluntary: a thread went to sleep waiting for work, the
    /// wake-ups a message costs; involuntary: preempted). Threads that have exited are not counted.
    /// </summary>
    public static (long Voluntary, long Involuntary) ContextSwitches(int pid)
    {
        long voluntary = 0, involuntary = 0;
        foreach (var task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
        {
            try
            {
                foreach (var line in File.ReadLines(Path.Combine(task, "status")))
                {
                    if (line.StartsWith("voluntary_ctxt_switches:", StringComparison.Ordinal))
                    {
                        voluntary += long.Parse(line[24..].Trim(), CultureInfo.InvariantCulture);
                    }
                    else if (line.StartsWith("nonvoluntary_ctxt_switches:", StringComparison.Ordinal))
                    {
                        involuntary += long.Parse(line[27..].Trim(), CultureInfo.InvariantCulture);
                    }
                }
            }
            catch (IOException)
            {
                // The thread exited while being read.
            }
        }
        return (voluntary, involuntary);
    }

    /// <summary>The 1-minute load average of the machine.</summary>
    public static double LoadAverage() =>
        double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture);
}
