namespace CommitLab.Engine.Protocols.ThreePhase;

/// <summary>A 3PC participant's volatile state, including its part in the termination protocol.</summary>
/// <param name="Recovered">It crashed and came back: its own state may be stale, so it never decides alone.</param>
/// <param name="Leading">It is the new coordinator of the termination protocol.</param>
/// <param name="Reported">Participants whose state it has (itself included) while leading.</param>
/// <param name="ReportedPreCommitted">Of those, the ones that are pre-committed.</param>
/// <param name="ReportedTrusted">Of those, the ones that never crashed, whose report can be trusted alone.</param>
/// <param name="PreCommitSent">Leading, it decided to move everyone to pre-committed and waits for acks.</param>
/// <param name="PreCommitAcked">Participants known to be pre-committed while <paramref name="PreCommitSent"/>.</param>
/// <param name="CoordinatorLost">L said it recovered without a decision: treat it as failed, as if suspected.</param>
public sealed record ThreePhaseParticipantState(
    Phase Phase,
    bool Recovered = false,
    bool Leading = false,
    ulong Reported = 0,
    ulong ReportedPreCommitted = 0,
    ulong ReportedTrusted = 0,
    bool PreCommitSent = false,
    ulong PreCommitAcked = 0,
    bool CoordinatorLost = false) : NodeState(Phase)
{
    /// <summary>
    /// One shared state per phase for a participant that holds nothing else (never crashed, not
    /// leading): most of a run's states. States compare by value, never by reference, so sharing them
    /// is invisible; it spares a run an allocation on most of its steps.
    /// </summary>
    private static readonly ThreePhaseParticipantState[] OnlyPhase =
        [.. Enum.GetValues<Phase>().Select(phase => new ThreePhaseParticipantState(phase))];

    /// <summary>The state of a participant in <paramref name="phase"/> holding nothing else (shared: see <see cref="OnlyPhase"/>).</summary>
    public static ThreePhaseParticipantState Of(Phase phase) => (int)phase < OnlyPhase.Length ? OnlyPhase[(int)phase] : new(phase);

    /// <summary>This state moved to <paramref name="phase"/>: the same as <c>this with { Phase = phase }</c>, without a new object when nothing else is held.</summary>
    public ThreePhaseParticipantState In(Phase phase)
    {
        if (Phase == phase)
        {
            return this;
        }

        // Compared with the shared state of its own phase, field by field, so a field added later is
        // never dropped by handing out a shared state (first by reference: most states are that one).
        var shared = Of(Phase);
        return ReferenceEquals(this, shared) || Equals(shared) ? Of(phase) : this with { Phase = phase };
    }

    public bool IsDecided => Phase is Phase.Committed or Phase.Aborted;

    public Outcome Decision => Phase switch
    {
        Phase.Committed => Outcome.Commit,
        Phase.Aborted => Outcome.Abort,
        _ => Outcome.None,
    };

    internal override (ulong First, ulong Second) FingerprintWords()
    {
        var flags = 5UL | ((ulong)Phase << 8) | (Recovered ? 1UL << 16 : 0) | (Leading ? 1UL << 17 : 0)
            | (PreCommitSent ? 1UL << 18 : 0) | (CoordinatorLost ? 1UL << 19 : 0);
        // Node bit sets fit in 18 bits (at most 16 participants and L); rotation keeps a wider one whole.
        return (flags ^ Simulation.StateHasher.Rotl(PreCommitAcked, 32), Reported ^ Simulation.StateHasher.Rotl(ReportedPreCommitted, 20) ^ Simulation.StateHasher.Rotl(ReportedTrusted, 40));
    }
}
