using CommitLab.Engine.Protocols;

namespace CommitLab.Engine.TwoGenerals;

/// <summary>
/// What Sam and Jill send: the proposal, then acknowledgements. They write nothing down and say where
/// they eat as a stage, so no node ever leaves <see cref="Phase.Working"/>.
/// </summary>
internal static class LunchVocabulary
{
    public static readonly ProtocolVocabulary Protocol = new(ProtocolKind.TwoGenerals,
    [
        new RoleVocabulary(LunchColleague.Instance, sends: [MessageKind.Proposal, MessageKind.Ack], logs: [], states: [Phase.Working]),
    ]);
}
