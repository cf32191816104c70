using System.Collections.Immutable;
using CommitLab.Engine.Protocols;

namespace CommitLab.Web.Builder;

/// <summary>
/// What a drafted fault's trigger can name: the records its node's role writes, the states it can be
/// in, the messages it sends (or, for "receives", any message its protocol sends, since a role does
/// not declare what it receives), all read from the protocol's declared vocabulary. When the draft's
/// own choice is not among them (the protocol changed under it), <see cref="Never"/> says why it
/// would never fire, and the choice is kept so the teacher sees it and decides.
/// </summary>
public sealed record TriggerChoices(
    ImmutableArray<LogRecordKind> Records,
    ImmutableArray<Phase> States,
    ImmutableArray<MessageKind> Messages,
    string? Never)
{
    /// <summary>
    /// Declared kinds that happen only under a 2PC variant the builder does not set up (presumed
    /// commit's COLLECTING, the read-only vote), so a built scenario never reaches them.
    /// </summary>
    private static readonly ImmutableHashSet<LogRecordKind> VariantRecords = [LogRecordKind.Collecting];

    private static readonly ImmutableHashSet<Phase> VariantStates = [Phase.ReadOnly];

    private static readonly ImmutableHashSet<MessageKind> VariantMessages = [MessageKind.VoteReadOnly];

    /// <summary>The choices for a <paramref name="when"/> trigger on a node of <paramref name="protocol"/> that plays <paramref name="role"/> (null: a node the run lacks, offered the whole protocol).</summary>
    public static TriggerChoices For(ProtocolVocabulary protocol, RoleVocabulary? role, FaultWhen when, string? never)
    {
        ArgumentNullException.ThrowIfNull(protocol);
        var sent = when == FaultWhen.Receives ? protocol.Sends : role?.Sends ?? protocol.Sends;
        return new TriggerChoices(
            [.. (role?.Logs ?? protocol.Logs).Where(r => !VariantRecords.Contains(r)).Order()],
            [.. (role?.States ?? protocol.States).Where(s => !VariantStates.Contains(s)).Order()],
            [.. sent.Where(m => !VariantMessages.Contains(m)).Order()],
            never);
    }

    /// <summary>
    /// After the draft switched to another kind of trigger: the field that kind reads keeps its value
    /// when it is offered, else takes the first offered, so a fresh choice never starts out dead.
    /// </summary>
    public void Fit(FaultDraft fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        switch (fault.When)
        {
            case FaultWhen.Logs when !Records.Contains(fault.Record) && !Records.IsEmpty:
                fault.Record = Records[0];
                break;
            case FaultWhen.Enters when !States.Contains(fault.State) && !States.IsEmpty:
                fault.State = States[0];
                break;
            case FaultWhen.Sends or FaultWhen.Receives when !Messages.Contains(fault.Message) && !Messages.IsEmpty:
                fault.Message = Messages[0];
                break;
        }
    }
}
