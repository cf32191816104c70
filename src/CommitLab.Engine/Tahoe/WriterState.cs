using CommitLab.Engine.Protocols;
using CommitLab.Engine.Simulation;

namespace CommitLab.Engine.Tahoe;

/// <summary>
/// A writer's state. Immutable and value-comparable; <see cref="Answered"/> has a bit per server
/// (in server order) that answered the current request.
/// </summary>
/// <param name="Stage">Where the writer is in its update (a Tahoe writer's phase, not a commit protocol's).</param>
/// <param name="Attempt">Which try this is, from 1; every message of a try carries it.</param>
/// <param name="Base">The newest version read; the update is written on top of it. Magic folder: its <see cref="FileVersion.Edits"/> are the writers whose log entries were read.</param>
/// <param name="Proposed">The version this try writes (2PC and uncoordinated).</param>
/// <param name="Refusal">Why the last refused try was refused ("S2 is locked for W2 try 1").</param>
/// <param name="Retries">How many times the writer has started again after a refusal.</param>
public sealed record WriterState(
    WriterPhase Stage = WriterPhase.Waiting,
    int Attempt = 0,
    FileVersion? Base = null,
    FileVersion? Proposed = null,
    LogEntry? Entry = null,
    int Answered = 0,
    string? Refusal = null,
    int Retries = 0) : NodeState(Protocols.Phase.Working)
{
    public static readonly WriterState Initial = new();

    // Hashed here rather than packed (the fields do not fit two words); the value is the one the explorer has always used.
    internal override (ulong First, ulong Second) FingerprintWords() => (Fingerprint(), 0);

    internal override ulong Fingerprint()
    {
        var h = default(StateHasher);
        h.Add(0x10UL | ((ulong)Stage << 8) | ((ulong)(uint)Answered << 16) | ((ulong)(uint)Attempt << 32) | ((ulong)(uint)Retries << 48), FileVersion.Fingerprint(Base));
        h.Add(FileVersion.Fingerprint(Proposed), LogEntry.Fingerprint(Entry));
        h.Add(StateHasher.Of(Refusal));
        return h.Raw;
    }
}
