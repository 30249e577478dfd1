namespace Toki.Server.Tests.Hostile;

/// <summary>One generated hostile event: who sends it, its arguments' JSON (<c>$CALL</c> is the live call), its attachments and the documented answer.</summary>
internal sealed record CallHostileInput(string Event, string Sender, string Arguments, byte[][] Attachments, string ExpectedCode)
{
    public override string ToString()
    {
        var arguments = Arguments.Length > 300 ? Arguments[..300] + $"… ({Arguments.Length} chars)" : Arguments;
        var attachments = Attachments.Length == 0 ? "" : $" + {Attachments.Length} attachment(s) of {string.Join("/", Attachments.Select(a => a.Length))} bytes";
        return $"{Sender} {Event} [{arguments}]{attachments} -> {ExpectedCode}";
    }
}
