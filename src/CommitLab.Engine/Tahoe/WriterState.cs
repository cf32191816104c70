namespace CommitLab.Engine.Tahoe;

/// <summary>
/// A writer's state. Immutable and value-comparable; <see cref="Answered"/> has a bit per server
/// (in server order) that answered the current request.
/// </summary>
/// <param name="Attempt">Which try this is, from 1; every message of a try carries it.</param>
/// <param name="Base">The newest version read; the update is written on top of it. Magic folder: its <see cref="FileVersion.Edits"/> are the writers whose log entries were read.</param>
/// <param name="Proposed">The version this try writes (2PC and uncoordinated).</param>
/// <param name="Refusal">Why the last refused try was refused ("S2 is locked for W2 try 1").</param>
/// <param name="Retries">How many times the writer has started again after a refusal.</param>
public sealed record WriterState(
    WriterPhase Phase = WriterPhase.Waiting,
    int Attempt = 0,
    FileVersion? Base = null,
    FileVersion? Proposed = null,
    LogEntry? Entry = null,
    int Answered = 0,
    string? Refusal = null,
    int Retries = 0)
{
    public static readonly WriterState Initial = new();
}
