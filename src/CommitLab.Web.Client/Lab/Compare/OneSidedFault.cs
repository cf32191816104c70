namespace CommitLab.Web.Lab.Compare;

/// <summary>
/// A fault of a comparison that strikes one side only, in a student's words: <paramref name="Fault"/>
/// ("Drop PREPARE from L to P2"), the side it strikes (<paramref name="Side"/>, "2PC") and why the
/// other side is spared (<paramref name="Why"/>, "3PC sends no PREPARE message").
/// </summary>
public sealed record OneSidedFault(string Fault, CompareSideKey Key, string Side, string Why);
