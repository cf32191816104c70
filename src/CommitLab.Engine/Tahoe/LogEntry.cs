namespace CommitLab.Engine.Tahoe;

/// <summary>
/// A magic-folder writer's record of its edit, in its own single-writer log. <see cref="Seen"/> has a
/// bit per writer whose edit this writer had already read when it made its own: two edits that did
/// not see each other are concurrent, and the reader shows them as a conflict.
/// </summary>
public sealed record LogEntry(string Writer, int WriterIndex, int Seen)
{
    public bool Saw(int writerIndex) => (Seen & (1 << writerIndex)) != 0;

    internal static ulong Fingerprint(LogEntry? e) =>
        e is null ? 0 : ((ulong)(uint)e.WriterIndex | ((ulong)(uint)e.Seen << 32)) ^ (Simulation.StateHasher.Of(e.Writer) * 0x9E3779B97F4A7C15UL) ^ 1UL << 63;
}
