using System.Collections.Immutable;

namespace CommitLab.Engine.Tahoe;

/// <summary>Two edits of the same file where neither writer had seen the other's.</summary>
public sealed record FolderConflict(string First, string Second)
{
    public override string ToString() => $"{First} and {Second} edited notes.txt concurrently";
}

/// <summary>The folder a magic-folder reader shows: whose edits it holds, and every conflict it kept visible.</summary>
public sealed record MergedFolder(int Edits, ImmutableArray<FolderConflict> Conflicts)
{
    public bool Includes(int writerIndex) => (Edits & (1 << writerIndex)) != 0;
}

/// <summary>
/// How a reader synthesises the shared folder from the writers' single-writer logs. Every entry is
/// kept; an entry that saw another supersedes it, and two that did not see each other are both kept
/// and reported as a conflict. Nothing is ever dropped, because no writer can overwrite another's log.
/// </summary>
public static class MagicFolderMerge
{
    public static MergedFolder Merge(IReadOnlyList<LogEntry?> logs)
    {
        var edits = 0;
        var conflicts = ImmutableArray.CreateBuilder<FolderConflict>();
        for (var i = 0; i < logs.Count; i++)
        {
            if (logs[i] is not { } a)
            {
                continue;
            }

            edits |= 1 << a.WriterIndex;
            for (var j = i + 1; j < logs.Count; j++)
            {
                if (logs[j] is { } b && !a.Saw(b.WriterIndex) && !b.Saw(a.WriterIndex))
                {
                    conflicts.Add(new FolderConflict(a.Writer, b.Writer));
                }
            }
        }

        return new MergedFolder(edits, conflicts.ToImmutable());
    }
}
