namespace CommitLab.Engine.Tahoe;

/// <summary>
/// One version of the shared mutable file. <see cref="Seq"/> is its sequence number (each update
/// writes the one it read plus one), <see cref="Writer"/> who wrote it, and <see cref="Edits"/> a
/// bit per writer (bit i: W(i+1)) whose edit it contains, inherited from the version it was built
/// on. That last field is what makes a lost update checkable: an edit is lost when the final file
/// does not carry its bit.
/// </summary>
public sealed record FileVersion(int Seq, string Writer, int Edits)
{
    /// <summary>The file as it was before any writer of the run touched it.</summary>
    public static readonly FileVersion Initial = new(0, "", 0);

    /// <summary>"W1#1": the writer and the sequence number; "v0" for the initial version.</summary>
    public string Label => Seq == 0 ? "v0" : $"{Writer}#{Seq}";

    public bool Includes(int writerIndex) => (Edits & (1 << writerIndex)) != 0;

    /// <summary>
    /// The order a reader uses to pick among versions: the higher sequence number wins, and on a tie
    /// the writer's name decides (standing in for Tahoe's comparison of hashes: arbitrary but fixed).
    /// </summary>
    public bool IsNewerThan(FileVersion other) =>
        Seq > other.Seq || (Seq == other.Seq && string.CompareOrdinal(Writer, other.Writer) > 0);

    /// <summary>The version <paramref name="writer"/> writes on top of this one.</summary>
    public FileVersion Next(string writer, int writerIndex) => new(Seq + 1, writer, Edits | (1 << writerIndex));

    public static FileVersion Newest(FileVersion a, FileVersion b) => b.IsNewerThan(a) ? b : a;

    /// <summary>
    /// The version as one number for a trace event (what <see cref="Monitors.LostUpdateMonitor"/> and
    /// the views read back): sequence number, then the edits' bits.
    /// </summary>
    public long Pack() => ((long)Seq << 16) | (uint)(Edits & 0xFFFF);

    internal static ulong Fingerprint(FileVersion? v) =>
        v is null ? 0 : ((ulong)(uint)v.Seq | ((ulong)(uint)v.Edits << 32)) ^ (Simulation.StateHasher.Of(v.Writer) * 0x9E3779B97F4A7C15UL);
}
