namespace CommitLab.Web.Generals;

/// <summary>
/// The lunch scene's geometry, in SVG user units. Narrow on purpose (420 wide): on a 390-pixel
/// phone the drawing shrinks only a little, so its labels stay readable.
/// </summary>
public static class SceneLayout
{
    public const double Width = 420;

    public const double SamX = 62;

    public const double JillX = 358;

    public const double MiddleX = (SamX + JillX) / 2;

    /// <summary>Where the lanes start, just under the two figures.</summary>
    public const double LaneTop = 118;

    public const double FirstRowY = 150;

    public const double RowHeight = 42;

    public const double EnvelopeWidth = 44;

    public const double EnvelopeHeight = 28;

    /// <summary>How far from a lane an envelope rests when it is next to a person.</summary>
    public const double LaneOffset = 66;

    /// <summary>The vertical centre of email <paramref name="number"/>'s row.</summary>
    public static double RowY(int number) => FirstRowY + (number - 1) * RowHeight;

    /// <summary>The "noon" row under the last email.</summary>
    public static double NoonY(int emails) => RowY(emails) + 58;

    public static double Height(int emails) => NoonY(emails) + 46;

    /// <summary>Where an envelope sits when it is beside a person's lane, on the inner side.</summary>
    public static double BesideLane(bool samSide) => samSide ? SamX + LaneOffset : JillX - LaneOffset;
}
