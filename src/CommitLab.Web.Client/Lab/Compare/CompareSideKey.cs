namespace CommitLab.Web.Lab.Compare;

/// <summary>Which side of a comparison something happened on (a click on a message belongs to one side's run).</summary>
public enum CompareSideKey
{
    Left,
    Right,
}
