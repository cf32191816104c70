using CommitLab.Engine.Protocols;

namespace CommitLab.Engine.TwoGenerals;

/// <summary>Which email of the exchange a message is (1 for the proposal, 2 for Jill's acknowledgement, ...).</summary>
public sealed record LunchEmail(int Number) : MessageBody
{
    /// <summary>Nothing: the trace already prints each message's id, and email n is always message n.</summary>
    public override string Label => "";

    internal override ulong Fingerprint() => 0x22UL | ((ulong)(uint)Number << 8);
}
