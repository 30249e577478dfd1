namespace Toki.Server.Tests.EngineIO.Support;

/// <summary>An HTTP answer as the tests compare it: status code and body text.</summary>
public readonly record struct HttpAnswer(int Status, string Body)
{
    public override string ToString() => $"{Status} {Body}";
}
