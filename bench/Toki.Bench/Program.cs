using Toki.Bench;

// dotnet run -c Release --project bench/Toki.Bench -- --rounds 3     (see bench/README.md for every option)
BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (ArgumentException exception)
{
    Console.Error.WriteLine(exception.Message);
    return 2;
}
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};
await BenchRunner.RunAsync(options, Console.Out, cancel.Token);
return 0;
