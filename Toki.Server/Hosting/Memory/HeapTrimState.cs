namespace Toki.Server.Hosting.Memory;

/// <summary>What <see cref="HeapTrimPolicy"/> remembers between two looks at the allocation rate.</summary>
/// <param name="PeakAllocated">The most bytes allocated in one interval since the last trim.</param>
/// <param name="AllocatedSinceTrim">Bytes allocated since the last trim (or the start).</param>
/// <param name="LastTrim">When the heap was last trimmed; null if never.</param>
internal readonly record struct HeapTrimState(long PeakAllocated, long AllocatedSinceTrim, DateTimeOffset? LastTrim);
