using System.Text;

namespace CommitLab.Engine.Exploration;

/// <summary>
/// Lamport and Gray's <c>TCommit.tla</c>: the transaction commit problem itself, with no TM and no
/// messages. Each RM may prepare while working; it may commit once every RM is prepared or
/// committed (<c>canCommit</c>), and abort while working or prepared as long as none has committed
/// (<c>notCommitted</c>). TwoPhase implements it. A state is 2 bits per RM in one <see cref="ulong"/>.
/// </summary>
public sealed class TCommitTla : ISymmetricModel<ulong>
{
    public const int MinRms = 1;

    public const int MaxRms = 12;

    private const ulong Working = 0, Prepared = 1, Committed = 2, Aborted = 3;
    private const int ActionsPerRm = 3;
    private const int Prepare = 0, DecideCommit = 1, DecideAbort = 2;

    private static readonly string[] RmStateNames = ["working", "prepared", "committed", "aborted"];

    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rms"/> is not between <see cref="MinRms"/> and <see cref="MaxRms"/>.</exception>
    public TCommitTla(int rms)
    {
        if (rms is < MinRms or > MaxRms)
        {
            throw new ArgumentOutOfRangeException(nameof(rms), rms, $"TCommit takes {MinRms} to {MaxRms} RMs, not {rms}");
        }

        Rms = rms;
        Properties =
        [
            new("atomicity", "TCConsistent: no RM has committed while another has aborted", PropertyKind.Invariant, Consistent),
            new("validity", "an RM commits only if every RM has prepared or committed", PropertyKind.Invariant, Valid),
            new("nonblocking", "no terminal state leaves an RM prepared", PropertyKind.Terminal, NotBlocked),
            new("typeOK", "TCTypeOK: every RM's state is working, prepared, committed or aborted", PropertyKind.Invariant, TypeOK),
        ];
    }

    public int Rms { get; }

    public string Name => "tcommit-tla";

    public int MaxSuccessors => ActionsPerRm * Rms;

    /// <summary>TCInit: every RM working.</summary>
    public IReadOnlyList<ulong> InitialStates { get; } = [0UL];

    public IReadOnlyList<ModelProperty<ulong>> Properties { get; }

    public int Successors(ulong state, Span<Transition<ulong>> into)
    {
        var n = 0;
        var canCommit = CanCommit(state);
        var notCommitted = !AnyIs(state, Committed);
        for (var rm = 0; rm < Rms; rm++)
        {
            var rmState = RmState(state, rm);
            if (rmState == Working)
            {
                into[n++] = new((ActionsPerRm * rm) + Prepare, With(state, rm, Prepared));
            }

            // Decide(rm) is one action with two disjuncts; each is its own transition, as TLC counts them.
            if (rmState == Prepared && canCommit)
            {
                into[n++] = new((ActionsPerRm * rm) + DecideCommit, With(state, rm, Committed));
            }

            if (rmState is Working or Prepared && notCommitted)
            {
                into[n++] = new((ActionsPerRm * rm) + DecideAbort, With(state, rm, Aborted));
            }
        }

        return n;
    }

    public ulong Fingerprint(ulong state) => Fingerprints.Mix(state);

    public string ActionName(int action) => (action % ActionsPerRm) switch
    {
        Prepare => "Prepare",
        DecideCommit => "Decide (commit)",
        _ => "Decide (abort)",
    } + $"(r{(action / ActionsPerRm) + 1})";

    public string Describe(ulong state)
    {
        var text = new StringBuilder("rmState [");
        for (var rm = 0; rm < Rms; rm++)
        {
            text.Append(rm == 0 ? "" : ", ").Append('r').Append(rm + 1).Append(' ').Append(RmStateNames[RmState(state, rm)]);
        }

        return text.Append(']').ToString();
    }

    /// <summary>Sorts the RMs' 2-bit states: the same result for every renaming of the RMs.</summary>
    public ulong Canonical(ulong state)
    {
        Span<byte> rms = stackalloc byte[MaxRms];
        for (var rm = 0; rm < Rms; rm++)
        {
            rms[rm] = (byte)RmState(state, rm);
        }

        rms[..Rms].Sort();
        var canonical = 0UL;
        for (var rm = 0; rm < Rms; rm++)
        {
            canonical |= (ulong)rms[rm] << (2 * rm);
        }

        return canonical;
    }

    private static ulong RmState(ulong state, int rm) => (state >> (2 * rm)) & 3;

    private static ulong With(ulong state, int rm, ulong value) => (state & ~(3UL << (2 * rm))) | (value << (2 * rm));

    private bool AnyIs(ulong state, ulong value)
    {
        for (var rm = 0; rm < Rms; rm++)
        {
            if (RmState(state, rm) == value)
            {
                return true;
            }
        }

        return false;
    }

    private bool CanCommit(ulong state)
    {
        for (var rm = 0; rm < Rms; rm++)
        {
            if (RmState(state, rm) is not (Prepared or Committed))
            {
                return false;
            }
        }

        return true;
    }

    private bool Consistent(ulong state) => !(AnyIs(state, Committed) && AnyIs(state, Aborted));

    private bool Valid(ulong state) => !AnyIs(state, Committed) || CanCommit(state);

    private bool NotBlocked(ulong state) => !AnyIs(state, Prepared);

    private bool TypeOK(ulong state) => (state >> (2 * Rms)) == 0;
}
