namespace CommitLab.Engine.Protocols;

/// <summary>
/// What a 2PC coordinator answers about a transaction it has no record of (Mohan, Lindsay and
/// Obermarck, "Transaction Management in the R* Distributed Database Management System", 1986).
/// The presumed outcome needs no acknowledgements and no forced participant records, because a
/// participant that asks after the coordinator forgot gets the same answer anyway.
/// </summary>
public enum Presumption
{
    /// <summary>Basic 2PC: every decision is forced and acknowledged.</summary>
    Nothing,

    /// <summary>Abort is presumed: aborts are written lazily and never acknowledged.</summary>
    Abort,

    /// <summary>
    /// Commit is presumed: the coordinator forces a COLLECTING record before PREPARE, commits are not
    /// acknowledged and participants write COMMIT lazily.
    /// </summary>
    Commit,
}
