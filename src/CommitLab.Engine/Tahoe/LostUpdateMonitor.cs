using System.Collections.Immutable;

namespace CommitLab.Engine.Tahoe;

/// <summary>
/// Silent loss: a writer was told its update succeeded, yet the file a reader gets now does not carry
/// its edit, and nothing later was built on it (a later version that read it carries its edit too).
/// A writer told "no can do" knows, so its missing edit is not silent and not reported here.
/// </summary>
public static class LostUpdateMonitor
{
    /// <summary>The writers whose acknowledged edits are missing from <paramref name="fileEdits"/> (a bit per writer).</summary>
    public static ImmutableArray<string> Lost(IReadOnlyList<(string Name, WriterState State)> writers, int fileEdits)
    {
        var lost = ImmutableArray.CreateBuilder<string>();
        for (var i = 0; i < writers.Count; i++)
        {
            if (writers[i].State.Phase == WriterPhase.Done && (fileEdits & (1 << i)) == 0)
            {
                lost.Add(writers[i].Name);
            }
        }

        return lost.ToImmutable();
    }
}
