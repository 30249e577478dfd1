namespace Toki.Bench.Workloads;

/// <summary>The call protocol steps the workloads drive, as a frontend does them (protocol.md §13).</summary>
public static class CallCycle
{
    /// <summary>request → incoming → accept → proceed ×2 → joined ×2 → started ×2; returns the call id.</summary>
    public static async Task<string> EstablishAsync(BenchClient caller, BenchClient callee, CancellationToken cancellationToken)
    {
        var requested = caller.EmitWithAckAsync("call:request", $$"""{"calleeId":"{{callee.UserId}}","type":"video"}""", cancellationToken);
        await callee.ExpectAsync("call:incoming", cancellationToken);
        var callId = WireText.StringField(Ok(await requested), "callId") ?? throw new InvalidOperationException("call:request ack without callId");
        var callIdJson = $$"""{"callId":"{{callId}}"}""";
        Ok(await callee.EmitWithAckAsync("call:accept", callIdJson, cancellationToken));
        await Task.WhenAll(caller.ExpectAsync("call:proceed", cancellationToken), callee.ExpectAsync("call:proceed", cancellationToken));
        var joined = await Task.WhenAll(caller.EmitWithAckAsync("call:joined", callIdJson, cancellationToken),
            callee.EmitWithAckAsync("call:joined", callIdJson, cancellationToken));
        Ok(joined[0]);
        Ok(joined[1]);
        await Task.WhenAll(caller.ExpectAsync("call:started", cancellationToken), callee.ExpectAsync("call:started", cancellationToken));
        return callId;
    }

    /// <summary>A hard hang-up by the caller; returns once both sides got <c>call:ended</c>.</summary>
    public static async Task EndAsync(BenchClient caller, BenchClient callee, string callId, CancellationToken cancellationToken)
    {
        Ok(await caller.EmitWithAckAsync("call:end", $$"""{"callId":"{{callId}}","permanent":true}""", cancellationToken));
        await Task.WhenAll(caller.ExpectAsync("call:ended", cancellationToken), callee.ExpectAsync("call:ended", cancellationToken));
    }

    private static string Ok(string ack) =>
        ack.StartsWith("""[{"ok":true""", StringComparison.Ordinal) ? ack : throw new InvalidOperationException("refused: " + ack);
}
