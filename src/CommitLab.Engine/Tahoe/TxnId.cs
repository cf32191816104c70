namespace CommitLab.Engine.Tahoe;

/// <summary>One attempt of one writer to update the file: the 2PC transaction a server locks for.</summary>
public readonly record struct TxnId(string Writer, int Attempt)
{
    public override string ToString() => $"{Writer} try {Attempt}";
}
