namespace CommitLab.Engine.TwoGenerals;

/// <summary>The two colleagues in the lunch story. Sam sees the sun and proposes; Jill answers.</summary>
public enum Person
{
    Sam,
    Jill,
}
