namespace CommitLab.Web.Lab.Tahoe;

/// <summary>
/// Where the Tahoe drawing puts things: writers in a row on top, the storage servers in a row below,
/// the magic-folder reader under the servers. Fixed coordinates in an SVG viewBox, so the drawing
/// scales to any width, down to a phone's.
/// </summary>
public static class TahoeLayout
{
    /// <summary>Narrow enough that labels stay legible on a phone, wide enough for the row of servers.</summary>
    public static double Width(int widestRow) => Math.Max(520, (widestRow * 104) + 40);
    public const double WriterY = 56;
    public const double ServerY = 236;
    public const double ReaderY = 380;
    public const double NodeHalfWidth = 46;
    public const double NodeHalfHeight = 28;

    public static double Height(bool withReader) => withReader ? 430 : 310;

    /// <summary>The x of item <paramref name="index"/> of <paramref name="count"/> spread evenly across <paramref name="width"/>.</summary>
    public static double X(int index, int count, double width) => width * (index + 1) / (count + 1);
}
