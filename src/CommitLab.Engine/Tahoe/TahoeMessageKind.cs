namespace CommitLab.Engine.Tahoe;

/// <summary>Everything a Tahoe node sends.</summary>
public enum TahoeMessageKind : byte
{
    Read,
    ReadReply,
    Write,
    WriteAck,
    Prepare,
    VoteYes,
    VoteNo,
    Commit,
    Abort,
    Ack,
    Append,
    AppendAck,
}

public static class TahoeMessageKinds
{
    public static string Name(TahoeMessageKind kind) => kind switch
    {
        TahoeMessageKind.ReadReply => "read-reply",
        TahoeMessageKind.WriteAck => "write-ack",
        TahoeMessageKind.VoteYes => "vote-yes",
        TahoeMessageKind.VoteNo => "vote-no",
        TahoeMessageKind.AppendAck => "append-ack",
        _ => kind.ToString().ToLowerInvariant(),
    };

    public static string[] Names => [.. Enum.GetValues<TahoeMessageKind>().Select(Name)];

    public static TahoeMessageKind? Parse(string text) =>
        Enum.GetValues<TahoeMessageKind>().Where(k => Name(k).Equals(text.Trim(), StringComparison.OrdinalIgnoreCase)).Select(k => (TahoeMessageKind?)k).FirstOrDefault();
}
