namespace CommitLab.Web.Lab;

/// <summary>
/// The Lab address that opens a packed recording (see <c>ShareLink.Pack</c> on the server) at a
/// cursor. Kept apart from the packing, which needs the server's compression, so a page running in
/// the browser builds the same links from a payload the room sent it.
/// </summary>
public static class LabLink
{
    /// <summary>The link to a packed recording at <paramref name="cursor"/>; null for a recording too long for one.</summary>
    public static string? At(string? packed, TimelinePosition cursor) =>
        packed is null ? null : $"/lab?run={packed}&e={cursor.Events}&t={cursor.Tick}";
}
