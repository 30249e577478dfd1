using Toki.Server.Hosting;

await TokiApp.Create(args).RunAsync();
