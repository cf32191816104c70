namespace CommitLab.Engine.Protocols;

/// <summary>A decision, or the absence of one.</summary>
public enum Outcome : byte
{
    None,
    Commit,
    Abort,
}
