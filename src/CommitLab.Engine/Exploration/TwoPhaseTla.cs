using System.Text;

namespace CommitLab.Engine.Exploration;

/// <summary>
/// Lamport and Gray's <c>TwoPhase.tla</c> (tlaplus/Examples, specifications/transaction_commit),
/// action for action: RMs prepare or choose to abort on their own, the TM collects
/// <c>Prepared</c> messages into <c>tmPrepared</c>, commits once it has all of them or aborts
/// whenever it likes, and broadcasts its decision; messages are a set that only grows, so a message
/// can be received any number of times. There is no crash and no timeout: the spec is about safety.
/// <para>
/// A state is packed into one <see cref="ulong"/> (4 bits per RM plus 4, so up to
/// <see cref="MaxRms"/> RMs): bits 2i..2i+1 hold RM i's state (working, prepared, committed,
/// aborted); then 2 bits of TM state (init, committed, aborted); then <c>tmPrepared</c> as one bit
/// per RM; then the <c>Prepared</c> messages in <c>msgs</c>, one bit per RM; then the
/// <c>Commit</c> and <c>Abort</c> messages. Ten million states are 80 MB of frontier at most.
/// </para>
/// </summary>
public class TwoPhaseTla : ISymmetricModel<ulong>
{
    public const int MinRms = 1;

    public const int MaxRms = 12;

    /// <summary>rmState values, as the spec names them.</summary>
    internal const ulong Working = 0, Prepared = 1, Committed = 2, Aborted = 3;

    /// <summary>tmState values.</summary>
    internal const ulong TmInit = 0, TmCommitted = 1, TmAborted = 2;

    private const int ActionsPerRm = 5;
    private const int TMRcvPrepared = 0, RMPrepare = 1, RMChooseToAbort = 2, RMRcvCommitMsg = 3, RMRcvAbortMsg = 4;

    private static readonly string[] RmStateNames = ["working", "prepared", "committed", "aborted"];
    private static readonly string[] TmStateNames = ["init", "committed", "aborted", "(not a TM state)"];

    private readonly int tmShift;
    private readonly int preparedShift;
    private readonly int msgShift;
    private readonly ulong all;
    private readonly ulong commitMsg;
    private readonly ulong abortMsg;
    private readonly ulong lowBits;

    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rms"/> is not between <see cref="MinRms"/> and <see cref="MaxRms"/>.</exception>
    public TwoPhaseTla(int rms)
    {
        if (rms is < MinRms or > MaxRms)
        {
            throw new ArgumentOutOfRangeException(nameof(rms), rms, $"TwoPhase takes {MinRms} to {MaxRms} RMs, not {rms}");
        }

        Rms = rms;
        tmShift = 2 * rms;
        preparedShift = tmShift + 2;
        msgShift = preparedShift + rms;
        all = (1UL << rms) - 1;
        commitMsg = 1UL << (msgShift + rms);
        abortMsg = commitMsg << 1;
        lowBits = 0x5555_5555_5555_5555UL & ((1UL << tmShift) - 1);
        Properties =
        [
            new("atomicity", "TCConsistent: no RM has committed while another has aborted", PropertyKind.Invariant, Consistent),
            new("validity", "an RM commits only if every RM has sent Prepared (voted yes)", PropertyKind.Invariant, Valid),
            new("nonblocking", "no terminal state leaves an RM prepared while the TM has not decided", PropertyKind.Terminal, NotBlocked),
            new("typeOK", "TPTypeOK: every variable holds a value of its type", PropertyKind.Invariant, TypeOK),
        ];
    }

    /// <summary>How many resource managers, <c>r1</c> to <c>rN</c>.</summary>
    public int Rms { get; }

    public virtual string Name => "twophase-tla";

    public int MaxSuccessors => 2 + (ActionsPerRm * Rms);

    /// <summary>TPInit: every RM working, the TM in init, nothing prepared, no messages: all zero bits.</summary>
    public IReadOnlyList<ulong> InitialStates { get; } = [0UL];

    public IReadOnlyList<ModelProperty<ulong>> Properties { get; }

    public int Successors(ulong state, Span<Transition<ulong>> into)
    {
        var n = 0;
        var tm = TmState(state);
        var tmPrepared = (state >> preparedShift) & all;
        if (tm == TmInit)
        {
            if (TMCommitEnabled(tmPrepared))
            {
                into[n++] = new(0, WithTm(state, TmCommitted) | commitMsg);
            }

            // TMAbort: the TM may abort whenever it has not decided.
            into[n++] = new(1, WithTm(state, TmAborted) | abortMsg);
        }

        var preparedMsgs = (state >> msgShift) & all;
        var commitSent = (state & commitMsg) != 0;
        var abortSent = (state & abortMsg) != 0;
        for (var rm = 0; rm < Rms; rm++)
        {
            var action = 2 + (ActionsPerRm * rm);
            if (tm == TmInit && (preparedMsgs & (1UL << rm)) != 0)
            {
                into[n++] = new(action + TMRcvPrepared, state | (1UL << (preparedShift + rm)));
            }

            if (RmState(state, rm) == Working)
            {
                into[n++] = new(action + RMPrepare, WithRm(state, rm, Prepared) | (1UL << (msgShift + rm)));
                into[n++] = new(action + RMChooseToAbort, WithRm(state, rm, Aborted));
            }

            // The spec does not guard these on the RM's own state: receiving the decision again changes nothing.
            if (commitSent)
            {
                into[n++] = new(action + RMRcvCommitMsg, WithRm(state, rm, Committed));
            }

            if (abortSent)
            {
                into[n++] = new(action + RMRcvAbortMsg, WithRm(state, rm, Aborted));
            }
        }

        return n;
    }

    public ulong Fingerprint(ulong state) => Fingerprints.Mix(state);

    public string ActionName(int action) => action switch
    {
        0 => "TMCommit",
        1 => "TMAbort",
        _ => ((action - 2) % ActionsPerRm) switch
        {
            TMRcvPrepared => "TMRcvPrepared",
            RMPrepare => "RMPrepare",
            RMChooseToAbort => "RMChooseToAbort",
            RMRcvCommitMsg => "RMRcvCommitMsg",
            _ => "RMRcvAbortMsg",
        } + $"(r{((action - 2) / ActionsPerRm) + 1})",
    };

    public string Describe(ulong state)
    {
        var text = new StringBuilder("rmState [");
        for (var rm = 0; rm < Rms; rm++)
        {
            text.Append(rm == 0 ? "" : ", ").Append('r').Append(rm + 1).Append(' ').Append(RmStateNames[RmState(state, rm)]);
        }

        text.Append("], tmState ").Append(TmStateNames[TmState(state)]).Append(", tmPrepared {");
        text.AppendJoin(", ", Members((state >> preparedShift) & all)).Append("}, msgs {");
        var messages = Members((state >> msgShift) & all).Select(rm => $"Prepared({rm})").ToList();
        if ((state & commitMsg) != 0)
        {
            messages.Add("Commit");
        }

        if ((state & abortMsg) != 0)
        {
            messages.Add("Abort");
        }

        return text.AppendJoin(", ", messages).Append('}').ToString();
    }

    /// <summary>
    /// Sorts the RMs by their 4 bits (rmState, in tmPrepared, Prepared message sent): every
    /// renaming of the RMs gives the same sorted state, as TLC's <c>Permutations(RM)</c> symmetry.
    /// </summary>
    public ulong Canonical(ulong state)
    {
        Span<byte> rms = stackalloc byte[MaxRms];
        for (var rm = 0; rm < Rms; rm++)
        {
            rms[rm] = (byte)(RmState(state, rm) | (((state >> (preparedShift + rm)) & 1) << 2) | (((state >> (msgShift + rm)) & 1) << 3));
        }

        rms[..Rms].Sort();
        var canonical = state & (3UL << tmShift | commitMsg | abortMsg);
        for (var rm = 0; rm < Rms; rm++)
        {
            canonical |= ((ulong)rms[rm] & 3) << (2 * rm);
            canonical |= (((ulong)rms[rm] >> 2) & 1) << (preparedShift + rm);
            canonical |= (((ulong)rms[rm] >> 3) & 1) << (msgShift + rm);
        }

        return canonical;
    }

    /// <summary>TMCommit's guard: <c>tmPrepared = RM</c>. A test's broken TM overrides it.</summary>
    protected virtual bool TMCommitEnabled(ulong tmPrepared) => tmPrepared == all;

    internal ulong RmState(ulong state, int rm) => (state >> (2 * rm)) & 3;

    private ulong TmState(ulong state) => (state >> tmShift) & 3;

    private ulong WithTm(ulong state, ulong tm) => (state & ~(3UL << tmShift)) | (tm << tmShift);

    private static ulong WithRm(ulong state, int rm, ulong value) => (state & ~(3UL << (2 * rm))) | (value << (2 * rm));

    private static IEnumerable<string> Members(ulong set)
    {
        for (var rm = 0; set != 0; rm++, set >>= 1)
        {
            if ((set & 1) != 0)
            {
                yield return $"r{rm + 1}";
            }
        }
    }

    // The properties run once per distinct state, so they read all RMs at once: the low bit of each
    // RM's pair is set for prepared and aborted, the high bit for committed and aborted.
    private ulong Low(ulong state) => state & lowBits;

    private ulong High(ulong state) => (state >> 1) & lowBits;

    private bool Consistent(ulong state)
    {
        var committed = High(state) & ~Low(state);
        var aborted = High(state) & Low(state);
        return committed == 0 || aborted == 0;
    }

    private bool Valid(ulong state) => (High(state) & ~Low(state)) == 0 || ((state >> msgShift) & all) == all;

    private bool NotBlocked(ulong state) => TmState(state) != TmInit || (Low(state) & ~High(state)) == 0;

    private bool TypeOK(ulong state) => TmState(state) != 3 && (state >> (msgShift + Rms + 2)) == 0;
}
